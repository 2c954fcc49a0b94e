"""find_matches: the spans the document view highlights, folded like the index."""

from __future__ import annotations

import pytest

from reading_room.core.search import find_matches
from reading_room.core.search.highlight import lead, snippet


def marked(text: str, query: str) -> list[str]:
    return [text[start:end] for start, end in find_matches(text, query)]


def test_words_with_case_and_accents() -> None:
    text = "Rodríguez met KENNAN; rodriguez met Kennan's aide."
    assert find_matches(text, "rodriguez kennan") == [(0, 9), (14, 20), (22, 31), (36, 42)]
    assert marked(text, "RODRÍGUEZ") == ["Rodríguez", "rodriguez"]


def test_albanian_and_cyrillic() -> None:
    assert marked("Kjo letër është shkruar.", "eshte leter") == ["letër", "është"]
    assert marked("Речь Ленина. Ленин выступил.", "ленин") == ["Ленин"]
    assert marked("Речь Ленина. Ленин выступил.", "Ленин*") == ["Ленина", "Ленин"]


def test_phrases_only_side_by_side() -> None:
    text = "a long telegram, then a long letter and a telegram"
    assert marked(text, '"long telegram"') == ["long telegram"]
    assert marked(text, '"long telegram" letter') == ["long telegram", "letter"]
    assert marked(text, "U.S.") == []
    assert marked("The U.S. and the US.", "U.S.") == ["U.S"]


def test_phrase_with_slop_marks_its_words() -> None:
    assert marked("long and winding telegram", '"long telegram"~3') == ["long", "telegram"]


def test_prefix_and_wildcard() -> None:
    text = "The Bolsheviki and Bolshevism, not the bolt."
    assert marked(text, "bolshev*") == ["Bolsheviki", "Bolshevism"]
    assert marked(text, "bol*") == ["Bolsheviki", "Bolshevism", "bolt"]
    assert marked(text, "b*ism") == ["Bolshevism"]
    assert marked("the cold war and cold warriors", '"cold war*"') == ["cold war", "cold warriors"]


def test_fuzzy() -> None:
    text = "Kennan, Kenan, Keenan and Kannan, but not Kenyon or Kent."
    assert marked(text, "kenan~") == ["Kennan", "Kenan", "Keenan"]  # Kannan: two letters off
    assert marked(text, "kennan~2") == ["Kennan", "Kenan", "Keenan", "Kannan", "Kenyon"]
    assert marked("harvest harvets", "harvest~") == ["harvest", "harvets"]


def test_negated_and_filter_words_are_not_marked() -> None:
    text = "War and peace in Albania"
    assert marked(text, "peace -war") == ["peace"]
    assert marked(text, "peace NOT (war OR and)") == ["peace"]
    assert marked(text, "collection:albania language:war peace") == ["peace"]
    assert marked(text, "person:albania title:war") == ["War", "Albania"]
    assert marked(text, "war OR peace") == ["War", "peace"]


def test_decomposed_accents_in_the_text() -> None:
    text = "Rodri\u0301guez and Rodríguez"
    assert find_matches(text, "rodriguez") == [(0, 10), (15, 24)]


def test_nothing_to_mark() -> None:
    assert find_matches("some text", "") == []
    assert find_matches("", "word") == []
    assert find_matches("some text", "*") == []
    assert find_matches("some text", "-some") == []


def test_spans_are_sorted_and_disjoint() -> None:
    text = "the long telegram was long"
    spans = find_matches(text, '"long telegram" long telegram')
    assert spans == [(4, 17), (22, 26)]


@pytest.mark.parametrize("query", ['"unclosed', "a OR", "((x", "foo:bar", "~", "-", "title:"])
def test_any_query_is_fine(query: str) -> None:
    assert isinstance(find_matches("foo bar x unclosed a", query), list)


def test_snippet_helpers_escape() -> None:
    text = "<i>x</i> & the word here"
    html = snippet(text, [(15, 19)])
    assert html == "&lt;i&gt;x&lt;/i&gt; &amp; the <b>word</b> here"
    assert lead("a  b\n c") == "a b c"
    assert lead("word " * 100).endswith("…") and len(lead("word " * 100)) <= 241


def test_quick_folding_of_punctuated_text_keeps_offsets_and_words() -> None:
    """Dashes, curly quotes and no-break spaces become spaces in the quick folding: the same
    length (offsets hold) and the same words as the index's tokenizer."""
    from hypothesis import assume, given, settings
    from hypothesis import strategies as st

    from reading_room.core.search.analysis import _MARKS, MAX_WORD, WORD, quick_fold, words
    from reading_room.core.search.highlight import matcher, scan_spans
    from reading_room.core.search.query import parse

    pieces = st.sampled_from(
        ["Secretary", "Rodríguez", "U.S.", "1956", "the", "Straße", " ", "—", "’", "“", "”", "\xa0"]
        + list(_MARKS)
    )

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=30))
    def check(parts: list[str]) -> None:
        text = "".join(parts)
        folded = quick_fold(text)
        if folded is None:  # the exact tokenizer's case (here: ß)
            assert "ß" in text
            return
        assert len(folded) == len(text)
        # a "word" of 40 bytes or more is dropped by the index and so never matched exactly,
        # while the quick scan still sees it (harmless: it can only mark such a non-word)
        spans = [m.span() for m in WORD.finditer(folded)]
        assume(all(len(text[a:b].encode()) < MAX_WORD for a, b in spans))
        assert WORD.findall(folded) == list(words(text))
        for query in ('"secretary rodriguez"', "the", "secret*", "1956"):
            exact = matcher(parse(query))
            assert scan_spans(exact, text, width=10_000) == exact.spans(text), query

    check()
    text = "The Secretary—in “Secretary’s” note"
    assert find_matches(text, "secretary") == [(4, 13), (18, 27)]
    assert scan_spans(matcher(parse("secretary")), text) == [(4, 13), (18, 27)]
