"""Passages found again after the text around them, or in them, changed."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reading_room.core.userdata.anchoring import (
    Anchor,
    Anchored,
    best_match_ends,
    edit_distance,
    index_to_utf16,
    make_anchor,
    reanchor,
    similarity,
    utf16_to_index,
)

TEXT = (
    "Petrograd, April 6, 1917, 12 p.m.\n\n"
    "Had two conferences with Minister of Finance who says loan would be highly appreciated "
    "by Council of Ministers and all Russia. Russia would expend entire proceeds in the United "
    "States by direction of our Government. The Minister asked me to say that the amount "
    "required was not less than five hundred million dollars. FRANCIS"
)


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]


def _best_ends(pattern: str, text: str) -> list[int]:
    previous = list(range(len(pattern) + 1))
    out = []
    for char in text:
        current = [0]
        for i in range(1, len(pattern) + 1):
            current.append(
                min(previous[i] + 1, current[i - 1] + 1, previous[i - 1] + (pattern[i - 1] != char))
            )
        out.append(current[-1])
        previous = current
    return out


def _anchor(quote: str) -> Anchor:
    start = TEXT.index(quote)
    return make_anchor(TEXT, start, start + len(quote))


def test_make_anchor_keeps_quote_and_context() -> None:
    anchor = _anchor("highly appreciated")
    assert anchor.quote == "highly appreciated"
    assert TEXT[anchor.start - len(anchor.prefix) : anchor.start] == anchor.prefix
    assert len(anchor.prefix) == len(anchor.suffix) == 32


def test_unchanged_text_is_exact() -> None:
    anchor = _anchor("Russia would expend entire proceeds")
    found = reanchor(TEXT, anchor)
    assert (found.start, found.end, found.state) == (anchor.start, anchor.end, "exact")


def test_text_inserted_before_moves_the_passage() -> None:
    anchor = _anchor("Russia would expend entire proceeds")
    edited = "[Paraphrase of telegram.] " + TEXT
    found = reanchor(edited, anchor)
    assert found.state == "moved"
    assert edited[found.start : found.end] == anchor.quote


def test_corrected_word_is_found_fuzzily() -> None:
    anchor = _anchor("The Minister asked me to say that the amount required")
    edited = "Note. " + TEXT.replace("asked me to say", "asked me to state")
    found = reanchor(edited, anchor)
    assert found.state == "fuzzy"
    assert (
        edited[found.start : found.end] == "The Minister asked me to state that the amount required"
    )


def test_short_quote_with_a_corrected_letter_uses_its_context() -> None:
    anchor = _anchor("FRANCIS")
    edited = "Extra words first. " + TEXT.replace("FRANCIS", "FRANCES")
    found = reanchor(edited, anchor)
    assert found.state == "fuzzy"
    assert edited[found.start : found.end] == "FRANCES"


def test_deleted_passage_is_detached_not_dropped() -> None:
    anchor = _anchor("Had two conferences with Minister of Finance")
    edited = TEXT.replace("Had two conferences with Minister of Finance who says loan", "")
    found = reanchor(edited, anchor)
    assert found.state == "detached"
    assert not found.attached
    assert (found.start, found.end) == (anchor.start, anchor.end)


def test_rewritten_passage_is_detached() -> None:
    anchor = _anchor("not less than five hundred million dollars")
    edited = TEXT.replace(
        "not less than five hundred million dollars", "to be settled at a later date"
    )
    assert reanchor(edited, anchor).state == "detached"


def test_repeated_quote_chooses_the_occurrence_with_matching_context() -> None:
    body = "The Ambassador replied. Nothing further. " * 3 + "Later the Ambassador replied. Agreed."
    start = body.rindex("Ambassador replied")
    anchor = make_anchor(body, start, start + len("Ambassador replied"))
    edited = "Preface. " + body
    found = reanchor(edited, anchor)
    assert found.state == "moved"
    assert found.start == start + len("Preface. ")


def test_short_common_quote_without_its_context_is_not_trusted() -> None:
    body = "He said the word and went home."
    anchor = make_anchor(body, 8, 11)  # "the"
    assert reanchor("Entirely new text where the word differs.", anchor).state == "detached"


def test_empty_selection_is_refused() -> None:
    with pytest.raises(ValueError):
        make_anchor(TEXT, 5, 5)
    with pytest.raises(ValueError):
        make_anchor(TEXT, 0, len(TEXT) + 1)


def test_utf16_positions_round_trip() -> None:
    text = "a\U0001f600b𝔘c"
    for index in range(len(text) + 1):
        assert utf16_to_index(text, index_to_utf16(text, index)) == index
    assert index_to_utf16(text, 2) == 3


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="abc", max_size=8), st.text(alphabet="abc", max_size=14))
def test_bit_parallel_matching_equals_dynamic_programming(pattern: str, text: str) -> None:
    assume(pattern)
    assert best_match_ends(pattern, text) == _best_ends(pattern, text)
    assert edit_distance(pattern, text) == _levenshtein(pattern, text)
    assert edit_distance(text, pattern) == _levenshtein(text, pattern)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_any_selection_of_unchanged_text_is_exact(data: st.DataObject) -> None:
    body = data.draw(st.text(min_size=1, max_size=200))
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    anchor = make_anchor(body, start, end)
    assert reanchor(body, anchor) == Anchored(start, end, "exact")


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_text_inserted_anywhere_outside_keeps_the_same_words(data: st.DataObject) -> None:
    words = st.sampled_from(
        ["treaty", "loan", "Minister", "Petrograd", "credit", "the", "of", "1917"]
    )
    body = " ".join(data.draw(st.lists(words, min_size=12, max_size=40)))
    start = data.draw(st.integers(0, len(body) - 1))
    end = data.draw(st.integers(start + 1, len(body)))
    anchor = make_anchor(body, start, end)
    insert = data.draw(st.text(alphabet="xyz ", min_size=1, max_size=30))
    where = data.draw(st.sampled_from(["before", "after"]))
    edited = insert + body if where == "before" else body + insert
    found = reanchor(edited, anchor)
    if found.state in ("exact", "moved"):
        assert edited[found.start : found.end] == anchor.quote
    elif found.state == "fuzzy":
        assert similarity(edited[found.start : found.end], anchor.quote) >= 0.8
    # a quote long enough to speak for itself is always found, as it is
    if len(anchor.quote) >= 24:
        assert found.state in ("exact", "moved")
        if where == "before" and edited.count(anchor.quote) == 1:
            assert found.start == start + len(insert)


@settings(max_examples=100, deadline=None)
@given(st.data())
def test_one_corrected_character_in_a_long_quote_is_found(data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(TEXT) - 60))
    end = data.draw(st.integers(start + 40, min(len(TEXT), start + 120)))
    anchor = make_anchor(TEXT, start, end)
    position = data.draw(st.integers(start, end - 1))
    replacement = "#" if TEXT[position] != "#" else "%"
    edited = TEXT[:position] + replacement + TEXT[position + 1 :]
    found = reanchor(edited, anchor)
    assert found.state == "fuzzy"
    assert similarity(edited[found.start : found.end], anchor.quote) >= 0.8
    assert abs(found.start - start) <= 1 and abs(found.end - end) <= 1
