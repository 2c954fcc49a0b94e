"""Text folded for searching notes: case and accents ignored, as in the main search."""

from __future__ import annotations

import unicodedata

_EXTRA = str.maketrans({"ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ł": "l", "ı": "i"})


def fold(text: str) -> str:
    """``Rodríguez`` → ``rodriguez``, ``ËSHTË`` → ``eshte``; Cyrillic stays Cyrillic (lower-cased)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return unicodedata.normalize("NFC", stripped.translate(_EXTRA))


def terms(query: str) -> list[str]:
    """The folded words of a query; a "quoted phrase" stays one term."""
    out: list[str] = []
    parts = query.split('"')
    for number, part in enumerate(parts):
        if number % 2:  # inside quotes
            if part.strip():
                out.append(fold(part.strip()))
        else:
            out.extend(fold(word) for word in part.split() if word)
    return out
