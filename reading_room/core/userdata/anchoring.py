"""Where a passage note sits in a document's text, and finding it again after the text changed.

A passage is kept as character offsets into the document's body *and* the quoted
words with some context on either side (the W3C "text quote" and "text position"
selectors together, as Hypothesis does). When a collection is re-imported with
corrected text the offsets may no longer hold; the quote and its context find the
words again. A passage that cannot be found is *detached*: kept and shown, never
dropped.

Offsets are Python string indices (code points) into ``DocumentView.body``.
Qt counts UTF-16 units; :func:`utf16_to_index` and :func:`index_to_utf16` convert.

Pure functions only: no database, no Qt.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Literal

#: characters of context kept before and after a quote
CONTEXT = 32
#: a quote found approximately must be at least this similar to the stored one
MIN_SIMILARITY = 0.8
#: an exact quote at least this long is evidence enough on its own
SELF_EVIDENT = 24
#: a shorter quote found elsewhere needs this many characters of its old context around it
MIN_CONTEXT = 8
#: approximate matches are first looked for this far (plus twice the quote) around the old place
NEAR = 4000

State = Literal["exact", "moved", "fuzzy", "detached"]
STATES: tuple[State, ...] = ("exact", "moved", "fuzzy", "detached")


@dataclass(frozen=True)
class Anchor:
    """A passage as stored: where it was and what it said."""

    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class Anchored:
    """Where a passage is in the text as it is now.

    ``state`` is "exact" (the offsets still hold the quote), "moved" (the same
    words elsewhere), "fuzzy" (words that were corrected a little), or "detached"
    (not found: ``start``/``end`` are then the stored ones and mean nothing).
    """

    start: int
    end: int
    state: State

    @property
    def attached(self) -> bool:
        return self.state != "detached"


def make_anchor(body: str, start: int, end: int, context: int = CONTEXT) -> Anchor:
    """The anchor of the selection ``body[start:end]``."""
    if not 0 <= start < end <= len(body):
        raise ValueError(f"selection {start}:{end} is not inside a text of {len(body)} characters")
    return Anchor(
        start=start,
        end=end,
        quote=body[start:end],
        prefix=body[max(0, start - context) : start],
        suffix=body[end : end + context],
    )


def reanchor(body: str, anchor: Anchor) -> Anchored:
    """Find the anchored words in ``body``, which may have been edited since."""
    quote = anchor.quote
    if not quote:
        return Anchored(anchor.start, anchor.end, "detached")
    if 0 <= anchor.start <= anchor.end <= len(body) and body[anchor.start : anchor.end] == quote:
        return Anchored(anchor.start, anchor.end, "exact")
    moved = _find_exact(body, anchor)
    if moved is not None:
        return Anchored(moved, moved + len(quote), "moved")
    fuzzy = _find_fuzzy(body, anchor)
    if fuzzy is not None:
        return Anchored(fuzzy[0], fuzzy[1], "fuzzy")
    return Anchored(anchor.start, anchor.end, "detached")


# -- exact quote elsewhere --------------------------------------------------------


def _find_exact(body: str, anchor: Anchor) -> int | None:
    """The best occurrence of the quote: context that matches, then nearest the old place."""
    quote = anchor.quote
    best: tuple[float, int, int] | None = None
    count = 0
    position = body.find(quote)
    while position != -1:
        count += 1
        score = context_score(body, position, position + len(quote), anchor)
        key = (score, -abs(position - anchor.start), position)
        if best is None or key > best:
            best = key
        position = body.find(quote, position + 1)
    if best is None:
        return None
    score, _, position = best
    context = len(anchor.prefix) + len(anchor.suffix)
    supported = context and score * context >= min(MIN_CONTEXT, context)
    trusted = len(quote) >= SELF_EVIDENT or supported or (count == 1 and len(quote.strip()) >= 8)
    return position if trusted else None


def context_score(body: str, start: int, end: int, anchor: Anchor) -> float:
    """How much of the stored context surrounds ``body[start:end]``, from 0 to 1."""
    total = len(anchor.prefix) + len(anchor.suffix)
    if not total:
        return 0.0
    before = body[max(0, start - len(anchor.prefix)) : start]
    after = body[end : end + len(anchor.suffix)]
    return (_common_suffix(anchor.prefix, before) + _common_prefix(anchor.suffix, after)) / total


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])


# -- approximate quote ----------------------------------------------------------


def _find_fuzzy(body: str, anchor: Anchor) -> tuple[int, int] | None:
    """Corrected words: the quote alone, or the quote within its context when it is short."""
    quote = anchor.quote
    if len(quote) >= SELF_EVIDENT:
        found = _fuzzy_span(body, quote, anchor)
        if found is not None:
            return found
    # a short quote, or one whose words alone are not found: look for it with its context
    before, after = anchor.prefix[-CONTEXT // 2 :], anchor.suffix[: CONTEXT // 2]
    if not before and not after:
        return None
    pattern = before + quote + after
    region = _fuzzy_span(body, pattern, anchor, offset=len(before))
    if region is None:
        return None
    start, end = _map_span(pattern, body, region, len(before), len(before) + len(quote))
    if start >= end or similarity(quote, body[start:end]) < MIN_SIMILARITY:
        return None
    return start, end


def _fuzzy_span(body: str, pattern: str, anchor: Anchor, offset: int = 0) -> tuple[int, int] | None:
    """The span of ``body`` most like ``pattern`` (at least ``MIN_SIMILARITY`` alike):
    near where the passage was if it is there (fast, and right), else anywhere."""
    near = NEAR + 2 * len(pattern)
    lo, hi = max(0, anchor.start - near), min(len(body), anchor.end + near)
    if lo > 0 or hi < len(body):
        found = _fuzzy_in(body, pattern, anchor, offset, lo, hi)
        if found is not None:
            return found
    return _fuzzy_in(body, pattern, anchor, offset, 0, len(body))


def _fuzzy_in(
    body: str, pattern: str, anchor: Anchor, offset: int, lo: int, hi: int
) -> tuple[int, int] | None:
    limit = int(len(pattern) * (1 - MIN_SIMILARITY))
    scores = best_match_ends(pattern, body[lo:hi])
    if not scores:
        return None
    least = min(scores)
    if least > limit:
        return None
    candidates: list[tuple[float, int, int, int]] = []
    previous = -2
    for end_index, score in enumerate(scores):
        if score != least:
            continue
        if end_index == previous + 1:  # the same match, one character longer
            previous = end_index
            continue
        previous = end_index
        end = lo + end_index + 1
        start = _match_start(pattern, body, end, least)
        if similarity(pattern, body[start:end]) < MIN_SIMILARITY:
            continue
        inner_start = start + offset
        context = context_score(body, inner_start, inner_start + len(anchor.quote), anchor)
        candidates.append((context, -abs(inner_start - anchor.start), start, end))
    if not candidates:
        return None
    _, _, start, end = max(candidates)
    return start, end


def best_match_ends(pattern: str, text: str) -> list[int]:
    """For each end position ``j`` in ``text``, the least edit distance between
    ``pattern`` and any substring of ``text`` ending at ``j`` (inclusive).

    Myers' bit-parallel algorithm (J. ACM 46(3), 1999), one Python integer as the
    bit vector whatever the pattern's length: linear in the text.
    """
    m = len(pattern)
    if not m:
        return [0] * len(text)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    peq: dict[str, int] = {}
    for i, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << i)
    pv, mv, score = mask, 0, m
    scores = []
    for char in text:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = (ph << 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        scores.append(score)
    return scores


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, by the same bit-parallel algorithm (linear in ``b``)."""
    m = len(a)
    if not m:
        return len(b)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    peq: dict[str, int] = {}
    for i, char in enumerate(a):
        peq[char] = peq.get(char, 0) | (1 << i)
    pv, mv, score = mask, 0, m
    for char in b:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask  # row 0 counts the characters of b skipped
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


def similarity(a: str, b: str) -> float:
    """1 for equal strings, 0 for nothing in common (1 - edit distance / longer length)."""
    longest = max(len(a), len(b))
    return 1.0 if not longest else 1 - edit_distance(a, b) / longest


def _match_start(pattern: str, text: str, end: int, distance: int) -> int:
    """Where the best match of ``pattern`` ending at ``end`` begins (searching backwards)."""
    lo = max(0, end - len(pattern) - distance)
    window = text[lo:end][::-1]
    scores = best_match_ends(pattern[::-1], window)
    best = min(scores)
    # the shortest span with the least distance: the first such end in the reversed window
    for index, score in enumerate(scores):
        if score == best:
            return end - 1 - index
    return lo  # pragma: no cover - scores is never empty here


def _map_span(
    pattern: str, text: str, region: tuple[int, int], start: int, end: int
) -> tuple[int, int]:
    """Carry ``pattern[start:end]`` over to the aligned characters of ``text[region]``."""
    lo, hi = region
    found = text[lo:hi]
    matcher = difflib.SequenceMatcher(None, pattern, found, autojunk=False)
    mapped_start = mapped_end = None
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if mapped_start is None and i2 > start:
            mapped_start = j1 + (start - i1 if tag == "equal" else 0)
        if mapped_end is None and i2 >= end:
            mapped_end = j1 + (end - i1) if tag == "equal" else j2
        if mapped_start is not None and mapped_end is not None:
            break
    return lo + (mapped_start or 0), lo + (mapped_end if mapped_end is not None else len(found))


# -- UTF-16 positions (Qt) --------------------------------------------------------


def index_to_utf16(text: str, index: int) -> int:
    """A string index as a Qt position (characters beyond U+FFFF count twice)."""
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def utf16_to_index(text: str, position: int) -> int:
    """A Qt position as a string index."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


__all__ = [
    "Anchor",
    "Anchored",
    "CONTEXT",
    "MIN_SIMILARITY",
    "STATES",
    "State",
    "best_match_ends",
    "context_score",
    "edit_distance",
    "index_to_utf16",
    "make_anchor",
    "reanchor",
    "similarity",
    "utf16_to_index",
]
