"""What a query matched in a text: spans for the document view, snippets for the hit list.

Both come from the same tokenizer and folding as the index, so what is highlighted is what was
found: ``rodriguez`` lights up ``Rodríguez``, ``bolshev*`` every ``Bolsheviki``, ``kenan~`` each
``Kennan``, and ``"long telegram"`` only the two words side by side.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from functools import lru_cache
from itertools import islice

from .analysis import WORD, Word, edit_distance, quick_fold, tokens
from .query import TEXT_LIKE, ParsedQuery, parse

SNIPPET_CHARS = 240
#: a snippet looks for matches in the first this many characters of a field
SNIPPET_SCAN = 200_000
_CONTEXT = 70  # characters before the first match, when the snippet has room
_SPACES = re.compile(r"\s+")
_WORDISH = r"[^\W_]*"
_GAP = r"[\W_]+"
_WORD_END = r"(?![^\W_])"
_MEMO_LIMIT = 50_000
#: where to place a snippet is decided among the first this many matches
_QUICK_LIMIT = 400


class Matcher:
    """The positive text terms of one query, ready to be found in texts.

    ``spans`` runs the index's own tokenizer: exact, for the document view. ``quick_spans``
    works on text folded letter for letter (``analysis.quick_fold``) with regular expressions,
    many times faster, to find where in a long text a snippet should come from.
    """

    def __init__(
        self,
        singles: frozenset[str],
        sequences: tuple[tuple[str, ...], ...],
        prefixes: tuple[tuple[tuple[str, ...], str], ...],
        fuzzy: tuple[tuple[str, int], ...],
        wildcards: tuple[str, ...],
    ) -> None:
        self.singles = singles
        self.sequences = sequences  # words in a row (phrases, ``U.S.``)
        self.prefixes = tuple(p for p in prefixes if p[0])  # words in a row, then a prefix
        self.single_prefixes = tuple(last for lead, last in prefixes if not lead)
        self.fuzzy = fuzzy
        self.patterns = tuple(re.compile(p) for p in wildcards) + tuple(
            re.compile(re.escape(p) + ".*") for p in self.single_prefixes
        )
        self.empty = not (singles or sequences or prefixes or fuzzy or wildcards)
        self._near: dict[str, bool] = {}
        alternatives = [_GAP.join(map(re.escape, sequence)) for sequence in sequences]
        alternatives += [
            _GAP.join([*map(re.escape, lead), re.escape(last) + _WORDISH])
            for lead, last in self.prefixes
        ]
        alternatives += [re.escape(p) + _WORDISH for p in self.single_prefixes]
        alternatives += [p.replace(".*", _WORDISH) for p in wildcards]
        alternatives += [re.escape(s) for s in singles]
        # one expression per alternative, each starting with its letters, which ``re`` finds
        # ~30 times faster than an alternation or anything behind a look-behind
        self.locators = tuple(re.compile(a + _WORD_END) for a in sorted(set(alternatives)))

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Exact spans, word by word with the index's tokenizer."""
        if self.empty or not text:
            return []
        words = tokens(text)
        found: list[tuple[int, int]] = []
        for i, word in enumerate(words):
            term = word.term
            if term in self.singles or self._loose(term):
                found.append((word.start, word.end))
            for sequence in self.sequences:
                end = _run(words, i, sequence, prefix=None)
                if end is not None:
                    found.append((word.start, end))
            for sequence, last in self.prefixes:
                end = _run(words, i, sequence, prefix=last)
                if end is not None:
                    found.append((word.start, end))
        return _merge(found)

    def quick_spans(self, folded: str) -> list[tuple[int, int]]:
        """Spans in a text given folded by ``quick_fold``."""
        if self.empty or not folded:
            return []
        patterns = list(self.locators)
        if self.fuzzy:
            near = [word for word in set(WORD.findall(folded)) if self._close(word)]
            patterns += [re.compile(re.escape(word) + _WORD_END) for word in near]
        found: list[tuple[int, int]] = []
        for pattern in patterns:
            starts = (
                m.span() for m in pattern.finditer(folded) if not _starts_inside(folded, m.start())
            )
            found += islice(starts, _QUICK_LIMIT)
        return _merge(found)

    def _loose(self, term: str) -> bool:
        return self._close(term) or any(p.fullmatch(term) for p in self.patterns)

    def _close(self, term: str) -> bool:
        if not self.fuzzy:
            return False
        known = self._near.get(term)
        if known is None:
            if len(self._near) > _MEMO_LIMIT:
                self._near.clear()
            known = any(edit_distance(term, t, d) <= d for t, d in self.fuzzy)
            self._near[term] = known
        return known


def _starts_inside(folded: str, start: int) -> bool:
    return start > 0 and (folded[start - 1].isalnum())


def _run(words: list[Word], i: int, sequence: tuple[str, ...], prefix: str | None) -> int | None:
    """End of the words ``sequence`` (then a word starting with ``prefix``) found at ``i``."""
    length = len(sequence) + (prefix is not None)
    if i + length > len(words):
        return None
    first = words[i].position
    for k, expected in enumerate(sequence):
        word = words[i + k]
        if word.term != expected or word.position != first + k:
            return None
    if prefix is not None:
        word = words[i + len(sequence)]
        if not word.term.startswith(prefix) or word.position != first + len(sequence):
            return None
    return words[i + length - 1].end


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@lru_cache(maxsize=256)
def matcher(parsed: ParsedQuery) -> Matcher:
    singles: set[str] = set()
    sequences: set[tuple[str, ...]] = set()
    prefixes: set[tuple[tuple[str, ...], str]] = set()
    fuzzy: set[tuple[str, int]] = set()
    wildcards: set[str] = set()
    for term in parsed.positive_terms():
        if term.field not in TEXT_LIKE:
            continue
        if term.kind == "prefix":
            prefixes.add((term.tokens[:-1], term.tokens[-1]))
        elif term.kind == "fuzzy":
            fuzzy.update((token, term.distance) for token in term.tokens)
        elif term.kind == "wildcard":
            wildcards.add(term.pattern)
        elif len(term.tokens) == 1 or term.slop:
            singles.update(term.tokens)
        else:
            sequences.add(term.tokens)
    return Matcher(
        frozenset(singles),
        tuple(sorted(sequences)),
        tuple(sorted(prefixes)),
        tuple(sorted(fuzzy)),
        tuple(sorted(wildcards)),
    )


def find_matches(text: str, query: str) -> list[tuple[int, int]]:
    """Character spans ``[start, end)`` of ``text`` that the query matched, in order and not
    overlapping: whole words, phrases as one span, prefixes, fuzzy words and wildcards.
    Words under NOT and filters such as ``collection:`` or ``date:`` are not highlighted."""
    return matcher(parse(query)).spans(text)


# -- snippets ----------------------------------------------------------------------------------
def _clean(text: str) -> str:
    return html.escape(_SPACES.sub(" ", text))


def lead(text: str, width: int = SNIPPET_CHARS) -> str:
    """The start of a text, cut at a word, HTML-escaped: the snippet of a browse."""
    text = text.strip()
    if len(text) <= width:
        return _clean(text)
    cut = text.rfind(" ", 0, width)
    cut = cut if cut > width // 2 else width
    return _clean(text[:cut].rstrip()) + "…"


def _window(text: str, spans: list[tuple[int, int]], width: int) -> list[tuple[int, int]]:
    """The run of spans within ``width`` characters with the most different matches (then the
    most matches); the first such run."""
    best: list[tuple[int, int]] = spans[:1]
    best_score = (0, 0)
    varied = len({text[s:e].lower() for s, e in spans}) > 1
    j = 0
    for i, (first, _) in enumerate(spans):
        j = max(j, i + 1)
        while j < len(spans) and spans[j][1] <= first + width:
            j += 1
        inside = spans[i:j]
        score = (len({text[s:e].lower() for s, e in inside}) if varied else 1, len(inside))
        if score > best_score:
            best, best_score = inside, score
    return best


def snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> str:
    """The window of ``text`` with the most (and most varied) matches, matches in ``<b>``,
    everything else HTML-escaped."""
    if not spans:
        return lead(text, width)
    inside = _window(text, spans, width)
    first, last = inside[0][0], inside[-1][1]
    slack = max(0, width - (last - first))
    start = max(0, first - min(_CONTEXT, slack // 2))
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(len(text), max(last, start + width))
    if end < len(text):
        space = text.rfind(" ", last, end)
        end = space if space > last else end
    out = ["…" if start > 0 else ""]
    at = start
    for s, e in inside:
        out.append(_clean(text[at:s]))
        out.append(f"<b>{_clean(text[s:e])}</b>")
        at = e
    out.append(_clean(text[at:end]))
    out.append("…" if end < len(text) else "")
    return "".join(out).strip()


def region_spans(
    match: Matcher, text: str, start: int, end: int, width: int = SNIPPET_CHARS
) -> list[tuple[int, int]]:
    """The exact matches around ``text[start:end]`` (``width`` characters to either side),
    tokenizing only that much of a long text."""
    low, high = max(0, start - width), min(len(text), end + width)
    while 0 < low < start and text[low - 1].isalnum():  # not from the middle of a word
        low += 1
    while end < high < len(text) and text[high].isalnum():
        high -= 1
    region = text[low:high]
    folded = quick_fold(region)
    # folded letter for letter, the words of the region are what the index's tokenizer makes
    # of them, and the quick matcher finds the same spans as the exact one, many times faster
    found = match.spans(region) if folded is None else match.quick_spans(folded)
    return [(s + low, e + low) for s, e in found]


def scan_spans(match: Matcher, text: str, width: int = SNIPPET_CHARS) -> list[tuple[int, int]]:
    """Spans to place and mark a snippet by, without tokenizing a long text whole: the quick
    scan finds the place, the exact tokenizer confirms the words around it."""
    text = text[:SNIPPET_SCAN]
    folded = quick_fold(text)
    if folded is None:
        return match.spans(text)
    rough = match.quick_spans(folded)
    if not rough:
        return []
    inside = _window(text, rough, width)
    return region_spans(match, text, inside[0][0], inside[-1][1], width) or rough


def lead_of(fields: Mapping[str, str], width: int = SNIPPET_CHARS) -> str:
    """The start of the summary (else the body, else the notes)."""
    for name in ("summary", "body", "notes"):
        text = fields.get(name) or ""
        if text.strip():
            return lead(text, width)
    return ""
