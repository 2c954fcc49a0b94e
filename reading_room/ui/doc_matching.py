"""Where a query or a typed word occurs in a document's text, as character spans.

Query matches come from the search engine's ``find_matches`` so the view highlights
exactly what the index matched (same words, same case and accent folding). Find-in-document
is plain text: what is typed, anywhere, ignoring case and accents. No Qt here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from reading_room.core.search.highlight import find_matches

Span = tuple[int, int]
#: the parts of a document searched for a query's matches, as the document view names them
PARTS = ("title", "summary", "body", "notes")


def document_matches(view: Any, query: str) -> dict[str, list[Span]]:
    """The query's matches in each part of a document (``DocumentView``).

    Pure Python over the text, and slow on a long document (150 ms over 110,000
    characters): the window finds them on the worker that reads the document.
    """
    return {part: query_matches(getattr(view, part) or "", query) for part in PARTS}


def query_matches(text: str, query: str) -> list[Span]:
    """Spans of ``text`` the search ``query`` matches, in order, not overlapping."""
    if not text or not query.strip():
        return []
    return _tidy(find_matches(text, query), len(text))


def find_plain(text: str, needle: str) -> list[Span]:
    """Every occurrence of ``needle`` in ``text``, ignoring case and accents."""
    folded_needle, _ = fold_with_offsets(needle.strip())
    if not folded_needle or not text:
        return []
    folded, origin = fold_with_offsets(text)
    spans: list[Span] = []
    start = folded.find(folded_needle)
    while start >= 0:
        end = start + len(folded_needle)
        spans.append((origin[start], origin[end - 1] + 1))
        start = folded.find(folded_needle, end)
    return _tidy(spans, len(text))


#: Latin letters that do not decompose into a base letter and an accent
_LATIN_EXTRA = {"ø": "o", "đ": "d", "ł": "l", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ð": "d"}


def fold(char: str) -> str:
    """One character, lowercased, a Latin letter without its accent (``É`` → ``e``,
    ``đ`` → ``d``), as the index folds words; other scripts only lowercased (``Й`` → ``й``)."""
    if char.isascii():
        return char.lower()
    lower = char.casefold()
    if lower in _LATIN_EXTRA:
        return _LATIN_EXTRA[lower]
    decomposed = unicodedata.normalize("NFKD", lower)
    base = "".join(c for c in decomposed if not unicodedata.combining(c))
    if base.isascii() and base:
        return base
    if unicodedata.combining(char):
        return ""  # a combining accent on its own (decomposed text) folds away
    return lower


def fold_with_offsets(text: str) -> tuple[str, Sequence[int]]:
    """The folded text and, for each of its characters, the index of its source character.

    Runs of ASCII fold as a whole (lowercased, one character for one); only the other
    characters go one by one: a long document is mostly ASCII, and folding it character by
    character took a tenth of a second.
    """
    if text.isascii():
        return text.lower(), range(len(text))
    parts: list[str] = []
    origin: list[int] = []
    for match in _ASCII_OR_NOT.finditer(text):
        start, end = match.span()
        if end - start > 1 or text[start].isascii():
            parts.append(match.group().lower())
            origin.extend(range(start, end))
            continue
        folded = fold(text[start])
        parts.append(folded)
        origin.extend([start] * len(folded))
    return "".join(parts), origin


_ASCII_OR_NOT = re.compile(r"[\x00-\x7f]+|[^\x00-\x7f]")


def _tidy(spans: list[Span], length: int) -> list[Span]:
    result: list[Span] = []
    for start, end in sorted(spans):
        start, end = max(0, start), min(length, end)
        if end <= start:
            continue
        if result and start < result[-1][1]:
            if end > result[-1][1]:
                result[-1] = (result[-1][0], end)
            continue
        result.append((start, end))
    return result
