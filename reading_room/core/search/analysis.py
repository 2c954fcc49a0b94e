"""How text becomes searchable words: one analyzer for the index, the queries and the highlights.

Words are split at anything that is not a letter or digit, lowercased and folded to ASCII where
a Latin letter carries an accent (``Rodríguez`` → ``rodriguez``, ``është`` → ``eshte``); other
scripts (Cyrillic, Greek) stay as typed, lowercased. No stemming and no stop words: historians
search for exact words, names and phrases such as "The Hague".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

import tantivy

ANALYZER = "folded"
#: longer tokens are dropped by the index (and so by the queries): they are never words
MAX_WORD = 40


def build_analyzer() -> tantivy.TextAnalyzer:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(MAX_WORD))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
        .build()
    )


_ANALYZER = build_analyzer()


def register(index: tantivy.Index) -> None:
    """Every opened index needs the analyzer registered before it is written or searched."""
    index.register_tokenizer(ANALYZER, _ANALYZER)


def nfc(text: str) -> str:
    """Composed accents: a decomposed ``e`` + combining acute would split a word in two."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def words(text: str) -> tuple[str, ...]:
    """The index terms of a piece of text, in order."""
    return tuple(_ANALYZER.analyze(nfc(text))) if text else ()


@dataclass(frozen=True, slots=True)
class Word:
    term: str  # folded, as in the index
    position: int
    start: int  # character offsets into the text given (before any normalisation)
    end: int


def tokens(text: str) -> list[Word]:
    """The words of ``text`` with their character spans in ``text`` itself."""
    if not text:
        return []
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return [
            Word(t.text, t.position, t.char_offset_from, t.char_offset_to)
            for t in _ANALYZER.pre_tokenize(text).tokens
        ]
    normal, origin = _nfc_with_offsets(text)
    return [
        Word(t.text, t.position, origin[t.char_offset_from], origin[t.char_offset_to])
        for t in _ANALYZER.pre_tokenize(normal).tokens
    ]


def _nfc_with_offsets(text: str) -> tuple[str, list[int]]:
    """NFC of ``text`` plus, for each offset in the result, the offset in ``text``.

    Normalises one base character with its combining marks at a time, which is what NFC does
    to every script archival text is written in.
    """
    parts: list[str] = []
    origin: list[int] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        piece = unicodedata.normalize("NFC", text[i:j])
        parts.append(piece)
        origin.extend([i] * len(piece))
        i = j
    origin.append(n)
    return "".join(parts), origin


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (a swap of neighbours costs 1, like the index's fuzzy
    search), or ``limit + 1`` as soon as it is certain to exceed ``limit``."""
    if a == b:
        return 0
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


# -- the same folding at C speed, for scanning long texts ------------------------------------
#: a word of folded text, as the index's tokenizer sees one (letters and digits, no "_")
WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _fold_table() -> tuple[dict[int, str], re.Pattern[str], re.Pattern[str]]:
    """What the analyzer makes of each letter, as one-for-one replacements; the letters it
    does not treat one-for-one (``ß`` → ``ss``, combining vowel signs that are parts of words
    for tantivy but not for Python's ``re``), whose text takes the exact, slower path; and the
    lowercase letters the table changes."""
    chars = [chr(c) for c in chain(range(0x41, 0x3000), range(0xFF00, 0xFFF0))]
    analysed = {t.char_offset_from: t for t in _ANALYZER.pre_tokenize(" ".join(chars)).tokens}
    table: dict[int, str] = {}
    special: list[str] = []
    for i, char in enumerate(chars):
        token = analysed.get(2 * i)
        word_char = char.isalnum()
        if token is None:
            if word_char:
                special.append(char)
        elif not word_char or len(token.text) != 1 or token.char_offset_to != 2 * i + 1:
            special.append(char)
        elif token.text != char:
            table[ord(char)] = token.text
    if len("İ".lower()) != 1 and "İ" not in special:
        special.append("İ")
    changed = [chr(c) for c in table if not chr(c).isascii() and chr(c).lower() == chr(c)]
    return table, _char_class(special), _char_class(changed)


def _char_class(chars: list[str]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]" if chars else "(?!)")


#: punctuation outside ASCII, common in archival text, that parts words as a space does
_MARKS = tuple(
    "\u2014\u2013\u2019\u2018\u201c\u201d\u2026\xa0\xa7\xb0\u2022\xab\xbb\xb4\u2012\u2015"
)


def quick_fold(text: str) -> str | None:
    """``text`` lowercased and folded letter for letter like the index (same length, so offsets
    hold), or None when only the exact tokenizer can say what its words are."""
    if text.isascii():
        return text.lower()
    # archival text is mostly ASCII but for its punctuation (dashes, curly quotes, no-break
    # spaces): a space for each such mark keeps every offset and word boundary, and the text
    # is then folded by ``lower`` alone, in under half the time of the path below
    for mark in _MARKS:
        if mark in text:
            text = text.replace(mark, " ")
    try:  # (a string keeps its wide storage after ``replace``: ``isascii`` would say no)
        return text.encode("ascii").decode("ascii").lower()
    except UnicodeEncodeError:
        pass
    table, special, changed = _fold_table()
    if special.search(text) or not unicodedata.is_normalized("NFC", text):
        return None
    return changed.sub(lambda m: table[ord(m.group())], text.lower())
