"""The facets of the most frequent words, counted once for each state of the index.

A search for one common word (``washington``, ``treaty``, ``secretary``) matches a large share
of a big collection, and counting its facets and years is most of its time: at a million
documents 15–30 ms, against 2–10 ms for the page itself (benchmarks/RESULTS.md). Those are
also the words people search for most, alone or as the start of a narrower search: the facets
of ``secretary`` are also the person facet of ``secretary`` with a person ticked, and the
timeline of ``british`` with a date filter.

So once the index has changed (an import, a rebuild), the facets of every word that is in at
least ``SHARE`` of the documents (and ``MINIMUM`` documents; at most ``LIMIT`` words) are
counted the usual way and written next to the index, in ``frequent-words.sqlite3`` of its
generation folder, with the state of the index they were counted for. A search whose facets
are those of such a word alone reads them there (a fraction of a millisecond) instead of
counting. The counts are the same exact counts: written for one state of the index, they are
used only while the index is in that state (the state names the database, its newest change
and its number of documents), and counted again after the next change.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import tempfile
import threading
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tantivy

from . import facets as facets_module
from .query import And, Node, Not, Or, ParsedQuery, Term, parse
from .schema import DEFAULT_FIELDS
from .state import IndexState
from .types import SearchRequest

log = logging.getLogger(__name__)

FILE = "frequent-words.sqlite3"
#: a word's share of the documents from which its facets are kept
SHARE = 0.02
#: … and the fewest documents (below, counting is quick anyway: a few ms)
MINIMUM = 5_000
#: the most words kept (the most frequent first)
LIMIT = 2_000


def state_key(state: IndexState | None) -> str | None:
    if state is None:
        return None
    return f"{state.store_id}/{state.max_seq}/{state.doc_count}/{state.schema_version}"


def word_of(parsed: ParsedQuery) -> str | None:
    """The word a query consists of (one word in the default fields), else None."""
    return _word(parsed.node)


def _word(node: Node | None) -> str | None:
    if (
        isinstance(node, Term)
        and node.field is None
        and node.kind == "word"
        and len(node.tokens) == 1
    ):
        return node.tokens[0]
    return None


def word_without(parsed: ParsedQuery) -> tuple[str, Node] | None:
    """For a word without others (``washington -kennan -"long telegram"``): the word, and
    what to count and take away from its facets (``washington AND (kennan OR "long
    telegram")``); else None."""
    node = parsed.node
    if not isinstance(node, And):
        return None
    kept = [item for item in node.items if not isinstance(item, Not)]
    left = [item.item for item in node.items if isinstance(item, Not)]
    word = _word(kept[0]) if len(kept) == 1 else None
    if word is None or not left:
        return None
    out = left[0] if len(left) == 1 else Or(tuple(left))
    return word, And((kept[0], out))


class FrequentWords:
    """The kept facets of one index state (nothing if there are none for it)."""

    def __init__(self, folder: Path | None, key: str | None) -> None:
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None
        if folder is None or key is None or not (folder / FILE).is_file():
            return
        try:
            connection = sqlite3.connect(
                f"file:{folder / FILE}?mode=ro", uri=True, check_same_thread=False
            )
            row = connection.execute("SELECT value FROM meta WHERE name = 'state'").fetchone()
        except sqlite3.Error as error:
            log.warning("the kept facets of frequent words cannot be read: %s", error)
            return
        if row is None or row[0] != key:  # counted for another state of the index
            connection.close()
            return
        self._connection = connection

    def __bool__(self) -> bool:
        return self._connection is not None

    def get(self, word: str, *, every: bool = False) -> facets_module.Counts | None:
        """The counts kept for ``word``: the values shown (the first of each facet, every
        year), or ``every`` value (to take others' counts from), or None."""
        if self._connection is None:
            return None
        column = "every" if every else "top"
        with self._lock:
            try:
                row = self._connection.execute(
                    f"SELECT {column} FROM words WHERE word = ?", (word,)
                ).fetchone()
            except sqlite3.Error:
                return None
        if row is None:
            return None
        raw: dict[str, list[list[Any]]] = json.loads(zlib.decompress(row[0]))
        return {name: [(str(v), int(n)) for v, n in values] for name, values in raw.items()}

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None


def frequent_words(searcher: tantivy.Searcher) -> list[str]:
    """The words whose facets are worth keeping, the most frequent first."""
    documents = int(searcher.num_docs)
    least = max(MINIMUM, SHARE * documents)
    if documents < least:
        return []
    frequency: dict[str, int] = {}
    for name, _ in DEFAULT_FIELDS:
        try:
            terms = searcher.terms_with_prefix(name, "")
        except ValueError:
            continue
        for term, count in terms:
            if count >= least:
                word = str(term)
                frequency[word] = max(frequency.get(word, 0), int(count))
    return sorted(frequency, key=lambda w: (-frequency[w], w))[:LIMIT]


def count(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    folder: Path,
    key: str,
    browse: facets_module.Browse,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Count and write the facets of the frequent words for the index state ``key``; how many
    words. The file is replaced whole, so a reader sees the old one or the new one."""
    from .searching import _groups, parts_of

    words = frequent_words(searcher)
    target = folder / FILE
    if not words:
        target.unlink(missing_ok=True)
        return 0
    fd, temp = tempfile.mkstemp(prefix=".frequent-", suffix=".tmp", dir=folder)
    os.close(fd)
    try:
        with contextlib.closing(sqlite3.connect(temp)) as out:
            out.execute("PRAGMA journal_mode = OFF")
            out.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
            out.execute("CREATE TABLE words (word TEXT PRIMARY KEY, top BLOB, every BLOB)")
            kept = 0
            for done, word in enumerate(words, 1):
                parsed = parse(word)
                if word_of(parsed) != word:  # a term the query box reads otherwise
                    continue
                request = SearchRequest(query=word)
                parts = parts_of(schema, request, parsed)
                query = parts.query()
                total = int(searcher.search(query, 1, count=True).count or 0)  # type: ignore[attr-defined]
                groups = _groups(searcher, parts, parsed, request, browse)  # counting: no kept
                counts = facets_module.start(searcher, groups, browse).counts(total)
                out.execute(
                    "INSERT INTO words VALUES (?, ?, ?)", (word, _pack(_top(counts)), _pack(counts))
                )
                kept += 1
                if progress:
                    progress(done, len(words))
            out.execute("INSERT INTO meta VALUES ('state', ?)", (key,))
            out.commit()
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return kept


def _top(counts: facets_module.Counts) -> facets_module.Counts:
    """What a page shows of the counts: the first values of each facet, every year."""
    facets, years = facets_module.assemble(counts)
    top: facets_module.Counts = {
        name: [(v.value, v.count) for v in values] for name, values in facets.items()
    }
    top[facets_module.YEARS] = [(str(year), n) for year, n in years]
    return top


def _pack(counts: facets_module.Counts) -> bytes:
    """Every value with its count, for each field: a word's facets, or the base from which
    those of the word without others are taken (see ``word_without``)."""
    raw = {name: [[value, n] for value, n in values] for name, values in counts.items()}
    return zlib.compress(json.dumps(raw, separators=(",", ":")).encode("utf-8"))
