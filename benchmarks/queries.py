"""The fixed query mix: thirteen classes, chosen (seeded) from the collection's own vocabulary.

Each query is kept as what it asks (``Query``: words, an operator, filters, an order), and
each engine writes it in its own language: ours as typed in the search box, FTS5 as a MATCH
expression with SQL around it (``benchmarks.fts5``), Recoll in its query language
(``recoll_text``). Thresholds scale with the collection: a rare word is in 0.01–0.1% of the
documents, a common one in more than 20%, a medium one in 1–10%. Stop words are never chosen
(a reader does not search for "the").
"""

from __future__ import annotations

import bisect
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

CLASSES = (
    "rare word",
    "common word",
    "two words",
    "three words",
    "OR",
    "NOT",
    "phrase",
    "prefix",
    "fuzzy",
    "field:value",
    "date filter",
    "facet filter",
    "sort by date",
    "browse a collection",
)
FIRST_YEAR, LAST_YEAR = 1860, 1990

_STOPWORD_TEXT = """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same shall she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up upon very was we
    were what when where which while who whom why will with would you your yours yourself mr
    said may must made one two three per"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


@dataclass(frozen=True)
class Query:
    klass: str
    op: str  # word | and | or | not | phrase | prefix | fuzzy | title | browse
    words: tuple[str, ...] = ()
    decade: int | None = None
    person: str | None = None
    collection: str | None = None
    sort: str = "relevance"

    @property
    def text(self) -> str:
        """As typed in our search box."""
        op, w = self.op, self.words
        if op == "phrase":
            return '"' + " ".join(w) + '"'
        if op == "prefix":
            return w[0] + "*"
        if op == "or":
            return " OR ".join(w)
        if op == "not":
            return f"{w[0]} -{w[1]}"
        if op == "fuzzy":
            return w[0] + "~"
        if op == "title":
            return f"title:{w[0]}"
        return " ".join(w)

    @property
    def label(self) -> str:
        extra = []
        if self.decade is not None:
            extra.append(f"{self.decade}–{self.decade + 9}")
        if self.person:
            extra.append(f"person {self.person}")
        if self.collection:
            extra.append(f"collection {self.collection}")
        if self.sort != "relevance":
            extra.append(f"by {self.sort}")
        text = self.text or "(no words)"
        return text + (f" ({', '.join(extra)})" if extra else "")

    def request(self, *, page: int = 1, facets: bool = True, snippets: bool = True) -> Any:
        """Our ``SearchRequest`` for it, as the window makes one."""
        from reading_room.core.search.types import SearchRequest

        date_from = date_to = None
        if self.decade is not None:
            date_from, date_to = str(self.decade), str(self.decade + 9)
        return SearchRequest(
            query=self.text,
            date_from=date_from,
            date_to=date_to,
            person=(self.person,) if self.person else (),
            collection=(self.collection,) if self.collection else (),
            sort=self.sort,
            page=page,
            page_size=10,
            with_facets=facets,
            with_snippets=snippets,
        )

    def recoll_text(self, files_root: str) -> str | None:
        """In Recoll's query language (None: Recoll has no such query)."""
        op, w = self.op, self.words
        if op == "fuzzy":
            return None  # no fuzzy operator in Recoll's language
        if op == "or":
            text = " OR ".join(w)
        elif op == "not":
            text = f"{w[0]} -{w[1]}"
        elif op == "phrase":
            text = '"' + " ".join(w) + '"'
        elif op == "prefix":
            text = w[0] + "*"
        elif op == "title":
            text = f"title:{w[0]}"
        elif op == "browse":
            text = ""
        else:
            text = " ".join(w)
        if self.decade is not None:
            text += f" date:{self.decade}-01-01/{self.decade + 9}-12-31"
        if self.person:
            text += ' keywords:"' + self.person.replace('"', "") + '"'
        if self.collection:
            text += f" dir:{files_root}/{self.collection}"
        return text.strip()


# -- choosing them -----------------------------------------------------------------------------
def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


_TOKEN = re.compile(r"[a-z0-9]+")


def _is_word(term: str) -> bool:
    return term.isascii() and term.isalpha() and len(term) >= 3 and term not in STOPWORDS


def _pick(candidates: Sequence[Any], k: int, rng: random.Random) -> list[Any]:
    candidates = sorted(candidates)
    return candidates if len(candidates) <= k else rng.sample(candidates, k)


def _band(df: dict[str, int], lo: float, hi: float, k: int) -> list[str]:
    """Words with ``lo <= df <= hi``; when too few, the nearest ones outside."""
    words = [w for w in df if _is_word(w)]
    inside = [w for w in words if lo <= df[w] <= hi]
    if len(inside) >= k:
        return inside
    mid = (lo + hi) / 2
    return sorted(words, key=lambda w: (abs(df[w] - mid), w))[: max(k, len(inside))]


def choose(
    df: dict[str, int],
    title_df: dict[str, int],
    docs: int,
    paragraphs: Sequence[str],
    persons: Sequence[tuple[str, int]],
    collections: Sequence[str],
    seed: int,
    per_class: int,
) -> list[Query]:
    """``per_class`` queries per class. ``df``: documents holding each word (whole text);
    ``title_df`` the same in titles; ``persons``: (person, documents) most frequent first."""
    rng = random.Random(f"{seed}:mix")
    n = max(1, docs)
    rare = _band(df, max(2, n * 1e-4), max(5, n * 1e-3), per_class)
    common = _band(df, 0.2 * n, n, per_class)
    medium = _band(df, 0.01 * n, 0.10 * n, per_class)
    decades = list(range(FIRST_YEAR, LAST_YEAR, 10))
    out: list[Query] = []
    k = per_class

    def some(words: list[str]) -> str:
        return rng.choice(sorted(words))

    out += [Query("rare word", "word", (w,)) for w in _pick(rare, k, rng)]
    out += [Query("common word", "word", (w,)) for w in _pick(common, k, rng)]
    for _ in range(k):
        out.append(Query("two words", "and", _distinct(rng, [medium, common])))
    for _ in range(k):
        out.append(Query("three words", "and", _distinct(rng, [medium, common, common])))
    for _ in range(k):
        out.append(Query("OR", "or", _distinct(rng, [medium, medium])))
    for _ in range(k):
        out.append(Query("NOT", "not", _distinct(rng, [common, medium])))
    out += [Query("phrase", "phrase", pair) for pair in _phrases(df, n, paragraphs, rng, k)]
    out += [Query("prefix", "prefix", (p,)) for p in _prefixes(df, n, rng, k)]
    for word in _pick([w for w in medium if len(w) >= 6], k, rng):
        cut = rng.randrange(1, len(word) - 1)  # a letter left out: a typo
        out.append(Query("fuzzy", "fuzzy", (word[:cut] + word[cut + 1 :],)))
    titled = _band(title_df, 0.01 * n, 0.2 * n, k)
    out += [Query("field:value", "title", (w,)) for w in _pick(titled, k, rng)]
    for word in _pick(common, k, rng):
        out.append(Query("date filter", "word", (word,), decade=rng.choice(decades)))
    frequent = [p for p, _ in persons[: max(10, 2 * k)]]
    for word in _pick(common, k, rng):
        out.append(Query("facet filter", "word", (word,), person=some(frequent)))
    for word in _pick(common, k, rng):
        out.append(Query("sort by date", "word", (word,), sort="date"))
    for collection in _pick(list(collections), k, rng):
        out.append(Query("browse a collection", "browse", (), collection=collection))
    return out


def _distinct(rng: random.Random, pools: list[list[str]]) -> tuple[str, ...]:
    chosen: list[str] = []
    for pool in pools:
        options = sorted(set(pool) - set(chosen))
        chosen.append(rng.choice(options))
    return tuple(chosen)


def _phrases(
    df: dict[str, int], n: int, paragraphs: Sequence[str], rng: random.Random, k: int
) -> list[tuple[str, str]]:
    """Frequent pairs of adjacent common words (``united states``), as real text has them."""
    for share in (0.10, 0.05, 0.01, 0.0):
        frequent = {w for w in df if _is_word(w) and df[w] >= share * n}
        pairs: Counter[tuple[str, str]] = Counter()
        for paragraph in paragraphs:
            tokens = _TOKEN.findall(_fold(paragraph))
            pairs.update(
                (a, b)
                for a, b in zip(tokens, tokens[1:], strict=False)
                if a in frequent and b in frequent and a != b
            )
        top = [pair for pair, _ in pairs.most_common(3 * k)]
        if len(top) >= k or share == 0.0:
            return _pick(top, k, rng)
    return []


def _prefixes(df: dict[str, int], n: int, rng: random.Random, k: int) -> list[str]:
    """Stems that open several words (``recogn`` for recognize, recognition …)."""
    alpha = sorted(w for w in df if w.isascii() and w.isalpha())

    def opens(stem: str) -> int:
        return bisect.bisect_left(alpha, stem + "{") - bisect.bisect_left(alpha, stem)

    for share in (0.05, 0.01, 0.0):
        stems = sorted({w[:6] for w in alpha if len(w) >= 7 and _is_word(w) and df[w] >= share * n})
        good = [s for s in stems if opens(s) >= 3]
        if len(good) >= k or share == 0.0:
            return _pick(good, k, rng)
    return []
