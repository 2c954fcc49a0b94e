"""Search at scale: our engine against SQLite FTS5, on the same documents, in the same run.

Builds a collection of ``--docs`` FRUS-like documents (real FRUS paragraphs
recombined, see ``benchmarks/corpus.py``), imports it through Reading Room's own
code path (store + search index, into a fresh home under ``benchmarks/work/``)
and into an SQLite FTS5 table (title, body) with bm25, then times a fixed,
seeded set of queries per class on both and records medians, p95 and the ratio
FTS5/ours in ``benchmarks/RESULTS.md`` (section "Search (issue 2)").

    python -m benchmarks.search                    # 100,000 documents, 5 repetitions
    python -m benchmarks.search --keep             # rerun the queries on the built collection
    python -m benchmarks.search --quick            # a tiny run, for CI

Every query asks for what the results list shows: the exact total, one page of
10 hits with snippets. Ours goes through ``Library.search`` as the app calls it
(facets on), then without facets ("hits only"), then without facets or snippets
("bare": what is left is the engine itself). FTS5 gets its best plan: ``count(*)``
for the total, ``ORDER BY bm25(t) LIMIT 10 OFFSET ?`` for the page (rowids only,
so no text is read for the rows not shown), then ``snippet()`` (or, "bare", only
the title) for each of the 10 hits by rowid. The differences between the three
columns of ours show what facets and snippets cost.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import dir_size, machine, percentile, write_section
from benchmarks.corpus import (
    DEFAULT_SEED,
    FIRST_YEAR,
    LAST_YEAR,
    WORK_DIR,
    Pool,
    SyntheticFrus,
    default_corpora,
    load_pool,
)
from benchmarks.queries import _band, _phrases, _pick, _prefixes
from reading_room.core.records import CollectionRecord, DocumentRecord

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "Search (issue 2)"
BUILD_VERSION = 2
PAGE_SIZE = 10
SNIPPET_TOKENS = 24

CLASSES = (
    "rare word",
    "common word",
    "two words",
    "phrase",
    "prefix",
    "date filter",
    "sorted by date",
    "page 50",
)
ENGINES = ("ours", "ours-hits", "ours-bare", "fts5", "fts5-bare")
ENGINE_LABELS = {
    "ours": "`Library.search` as the app calls it: total, 10 hits with snippets, facets and timeline",
    "ours-hits": "the same without facets (`with_facets=False`)",
    "ours-bare": "the same without facets or snippets (total and 10 hits with title and date)",
    "fts5": "FTS5: total, 10 hits by bm25 with `snippet()`",
    "fts5-bare": "FTS5: total, 10 hits by bm25 with title and date, no snippets",
}
ENGINE_COLUMNS = {
    "ours": "ours (app)",
    "ours-hits": "ours hits only",
    "ours-bare": "ours bare",
    "fts5": "FTS5",
    "fts5-bare": "FTS5 bare",
}
#: the ratios reported: (FTS5 variant, our variant), each doing the same work but facets
RATIOS = (("fts5", "ours"), ("fts5", "ours-hits"), ("fts5-bare", "ours-bare"))


# -- queries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    klass: str
    kind: str  # word | and | phrase | prefix
    words: tuple[str, ...]
    decade: int | None = None
    sort: str = "relevance"
    page: int = 1

    @property
    def text(self) -> str:
        """As typed in our search box."""
        if self.kind == "phrase":
            return '"' + " ".join(self.words) + '"'
        if self.kind == "prefix":
            return self.words[0] + "*"
        return " ".join(self.words)

    @property
    def match(self) -> str:
        """The same query in FTS5's syntax (each word quoted: no keyword surprises)."""
        if self.kind == "phrase":
            return '"' + " ".join(self.words) + '"'
        if self.kind == "prefix":
            return f'"{self.words[0]}" *'
        return " ".join(f'"{w}"' for w in self.words)

    @property
    def date_range(self) -> tuple[str, str] | None:
        if self.decade is None:
            return None
        return f"{self.decade}-01-01", f"{self.decade + 9}-12-31"

    @property
    def label(self) -> str:
        extra = []
        if self.decade is not None:
            extra.append(f"{self.decade}–{self.decade + 9}")
        if self.sort != "relevance":
            extra.append(f"sort {self.sort}")
        if self.page != 1:
            extra.append(f"page {self.page}")
        return self.text + (f" ({', '.join(extra)})" if extra else "")


def choose_queries(
    df: dict[str, int], docs: int, pool: Pool, seed: int, per_class: int
) -> list[Query]:
    """A fixed set of ``per_class`` queries per class, from the corpus' own vocabulary.

    ``df`` maps each term to the number of documents holding it. Thresholds scale
    with the collection: at 100,000 documents a rare word is in 10–100 of them, a
    common one in more than 20%.
    """
    rng = random.Random(f"{seed}:queries")
    n = max(1, docs)
    rare = _pick(_band(df, max(2, n * 1e-4), max(5, n * 1e-3), per_class), per_class, rng)
    common_all = _band(df, 0.2 * n, n, per_class)
    common = _pick(common_all, per_class, rng)
    medium = _band(df, 0.01 * n, 0.10 * n, per_class)
    queries = [Query("rare word", "word", (w,)) for w in rare]
    queries += [Query("common word", "word", (w,)) for w in common]
    for _ in range(per_class):
        first, second = rng.choice(sorted(medium)), rng.choice(sorted(common_all))
        if first != second:
            queries.append(Query("two words", "and", (first, second)))
    queries += [
        Query("phrase", "phrase", pair) for pair in _phrases(df, n, pool.paragraphs, rng, per_class)
    ]
    queries += [Query("prefix", "prefix", (p,)) for p in _prefixes(df, n, rng, per_class)]
    decades = list(range(FIRST_YEAR, LAST_YEAR, 10))
    for word in _pick(common_all, per_class, rng):
        queries.append(Query("date filter", "word", (word,), decade=rng.choice(decades)))
    for word in _pick(common_all, per_class, rng):
        queries.append(Query("sorted by date", "word", (word,), sort="date"))
    for word in _pick(common_all, per_class, rng):
        queries.append(Query("page 50", "word", (word,), page=50))
    return queries


# -- building the two collections ------------------------------------------------------


@dataclass
class ImportStats:
    docs: int = 0
    seconds: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.docs / self.seconds if self.seconds else 0.0


@contextlib.contextmanager
def _environ(name: str, value: str) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


def _db_url(home: Path) -> str:
    return f"sqlite:///{home / 'collections.sqlite3'}"


def _timed(phases: dict[str, float], name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap ``function`` so its time (including consuming a generator argument) adds to ``phases[name]``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            phases[name] = phases.get(name, 0.0) + time.perf_counter() - started

    return wrapper


def import_ours(
    home: Path, collections: Sequence[CollectionRecord], records: Sequence[DocumentRecord]
) -> ImportStats:
    """Store and index ``records`` exactly as ``Library.import_paths`` does, timed end to end.

    Same batches, same ``_store_batch`` (store upsert, then the index fed the same
    rows), same index commits every ``INDEX_COMMIT_EVERY`` documents and at the end.
    """
    from reading_room.core import importing
    from reading_room.core.library import Library

    home.mkdir(parents=True, exist_ok=True)
    library = Library.open(_db_url(home), load_sample=False)
    try:
        stats = ImportStats(docs=len(records))
        phases = stats.phases
        library.store.upsert_documents = _timed(phases, "store", library.store.upsert_documents)  # type: ignore[method-assign]
        library.index.add_documents = _timed(phases, "index", library.index.add_documents)  # type: ignore[method-assign]
        commit = _timed(phases, "commit", library._commit_index)
        batch_size = importing.BATCH_SIZE
        commit_every = importing.INDEX_COMMIT_EVERY
        started = time.perf_counter()
        for collection in collections:
            library.store.upsert_collection(collection)
        since_commit = 0
        for start in range(0, len(records), batch_size):
            batch = list(records[start : start + batch_size])
            library._store_batch(batch)
            since_commit += len(batch)
            if since_commit >= commit_every:
                commit()
                since_commit = 0
        commit()
        stats.seconds = time.perf_counter() - started
    finally:
        library.close()
    return stats


FTS_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA cache_size=-65536",  # the same 64 MB page cache our store gets
)


def _connect_fts(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in FTS_PRAGMAS:
        connection.execute(pragma)
    return connection


def import_fts5(path: Path, records: Sequence[DocumentRecord]) -> ImportStats:
    """The FTS5 baseline: one table holding title, body (indexed) and the dates (not indexed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    connection = _connect_fts(path)
    stats = ImportStats(docs=len(records))
    started = time.perf_counter()
    connection.execute(
        "CREATE VIRTUAL TABLE t USING fts5(title, body, tokenize='unicode61 remove_diacritics 2')"
    )
    # dates in a plain table joined by rowid: ten times faster to filter and sort on than
    # UNINDEXED columns of t, whose rows must be read past the whole body
    connection.execute("CREATE TABLE d(id INTEGER PRIMARY KEY, date_start TEXT, date_end TEXT)")
    chunk = 10_000
    for start in range(0, len(records), chunk):
        batch = records[start : start + chunk]
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO t(rowid, title, body) VALUES (?, ?, ?)",
            ((start + i + 1, r.title, r.body) for i, r in enumerate(batch)),
        )
        connection.executemany(
            "INSERT INTO d(id, date_start, date_end) VALUES (?, ?, ?)",
            ((start + i + 1, r.date.start, r.date.end) for i, r in enumerate(batch)),
        )
        connection.execute("COMMIT")
    inserted = time.perf_counter()
    connection.execute("INSERT INTO t(t) VALUES ('optimize')")  # one segment: FTS5 at its fastest
    stats.seconds = time.perf_counter() - started
    stats.phases = {"insert": inserted - started, "optimize": stats.seconds - (inserted - started)}
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return stats


def fts5_document_frequencies(connection: sqlite3.Connection) -> dict[str, int]:
    connection.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, t, row)"
    )
    return dict(connection.execute("SELECT term, doc FROM temp.vocab"))


# -- running the queries -----------------------------------------------------------------


@dataclass(frozen=True)
class Answer:
    total: int
    hits: int
    first_snippet: str = ""


class Fts5Runner:
    def __init__(self, path: Path) -> None:
        self.connection = _connect_fts(path)

    def close(self) -> None:
        self.connection.close()

    def runner(self, *, snippets: bool) -> Callable[[Query], Answer]:
        return lambda query: self(query, snippets=snippets)

    def __call__(self, query: Query, *, snippets: bool = True) -> Answer:
        tables, where = "t", "t MATCH ?"
        params: list[Any] = [query.match]
        if query.date_range or query.sort == "date":
            tables = "t JOIN d ON d.id = t.rowid"
        if query.date_range:
            where += " AND d.date_start <= ? AND d.date_end >= ?"
            params += [query.date_range[1], query.date_range[0]]
        order = "d.date_start IS NULL, d.date_start, t.rowid" if query.sort == "date" else "bm25(t)"
        execute = self.connection.execute
        total = execute(f"SELECT count(*) FROM {tables} WHERE {where}", params).fetchone()[0]
        rowids = [
            row[0]
            for row in execute(
                f"SELECT t.rowid FROM {tables} WHERE {where} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, PAGE_SIZE, (query.page - 1) * PAGE_SIZE],
            )
        ]
        if snippets:
            shown = [
                execute(
                    "SELECT t.title, d.date_start, d.date_end,"
                    f" snippet(t, 1, '<b>', '</b>', '…', {SNIPPET_TOKENS})"
                    " FROM t JOIN d ON d.id = t.rowid WHERE t MATCH ? AND t.rowid = ?",
                    (query.match, rowid),
                ).fetchone()
                for rowid in rowids
            ]
        else:
            shown = [
                execute(
                    "SELECT t.title, d.date_start, d.date_end, '' FROM t JOIN d ON d.id = t.rowid"
                    " WHERE t.rowid = ?",
                    (rowid,),
                ).fetchone()
                for rowid in rowids
            ]
        return Answer(total, len(rowids), shown[0][3] if shown else "")


class OursRunner:
    def __init__(self, home: Path) -> None:
        from reading_room.core.library import Library
        from reading_room.core.search.types import SearchRequest

        self.library = Library.open(_db_url(home), load_sample=False)
        self.request = SearchRequest

    def close(self) -> None:
        self.library.close()

    def request_for(self, query: Query, *, facets: bool, snippets: bool = True) -> Any:
        date_from = date_to = None
        if query.decade is not None:
            date_from, date_to = str(query.decade), str(query.decade + 9)
        return self.request(
            query=query.text,
            date_from=date_from,
            date_to=date_to,
            sort=query.sort,
            page=query.page,
            page_size=PAGE_SIZE,
            with_facets=facets,
            with_snippets=snippets,
        )

    def forget_facets(self) -> None:
        """Empty the index's facet cache (kept per query, for paging through one result list):
        every timed run must be a new search, not the repetition of the last one."""
        cache = getattr(self.library.index, "_facet_cache", None)
        if isinstance(cache, dict):
            cache.clear()

    def runner(self, *, facets: bool, snippets: bool = True) -> Callable[[Query], Answer]:
        search = self.library.search

        def run(query: Query) -> Answer:
            page = search(self.request_for(query, facets=facets, snippets=snippets))
            return Answer(page.total, len(page.hits), page.hits[0].snippet if page.hits else "")

        return run


@dataclass
class ClassResult:
    klass: str
    queries: int
    examples: list[str]
    median_total: float
    samples: dict[str, list[float]]
    totals_differ: int  # queries whose exact totals differ between the engines

    def median(self, engine: str) -> float:
        values = self.samples.get(engine) or []
        return statistics.median(values) if values else float("nan")

    def p95(self, engine: str) -> float:
        return percentile(self.samples.get(engine) or [], 0.95)

    def ratio(self, fts_engine: str, our_engine: str) -> float:
        """How many times faster ours is (FTS5 median / our median)."""
        ours, fts = self.median(our_engine), self.median(fts_engine)
        return fts / ours if ours and ours == ours and fts == fts else float("nan")


def measure(
    queries: Sequence[Query],
    runners: dict[str, Callable[[Query], Answer]],
    repeat: int,
    seed: int,
    progress: Callable[[str], None] = lambda _: None,
    prepare: dict[str, Callable[[], None]] | None = None,
) -> list[ClassResult]:
    """One warm-up pass (which also checks totals), then ``repeat`` timed passes.

    Engines are interleaved query by query (in a rotating order) and the query
    order is shuffled per pass, so a noisy neighbour slows both engines alike.
    """
    rng = random.Random(f"{seed}:order")
    names = list(runners)
    prepare = prepare or {}
    totals: dict[tuple[int, str], int] = {}
    samples: dict[tuple[int, str], list[float]] = {}
    indices = list(range(len(queries)))
    for rep in range(repeat + 1):
        rng.shuffle(indices)
        started = time.perf_counter()
        for turn, i in enumerate(indices):
            for engine in names[turn % len(names) :] + names[: turn % len(names)]:
                if engine in prepare:
                    prepare[engine]()
                gc.disable()
                began = time.perf_counter()
                answer = runners[engine](queries[i])
                elapsed = time.perf_counter() - began
                gc.enable()
                if rep == 0:
                    totals[(i, engine)] = answer.total
                else:
                    samples.setdefault((i, engine), []).append(elapsed)
        progress(
            f"{'warm-up' if rep == 0 else f'pass {rep}/{repeat}'}: {time.perf_counter() - started:.1f} s"
        )
    results = []
    for klass in CLASSES:
        members = [i for i, q in enumerate(queries) if q.klass == klass]
        by_engine = {e: [s for i in members for s in samples.get((i, e), [])] for e in names}
        engine_totals = [[totals[(i, e)] for e in names] for i in members]
        results.append(
            ClassResult(
                klass=klass,
                queries=len(members),
                examples=[queries[i].label for i in members[:3]],
                median_total=statistics.median(t[0] for t in engine_totals) if members else 0,
                samples=by_engine,
                totals_differ=sum(1 for t in engine_totals if len(set(t)) > 1),
            )
        )
    return results


# -- reporting -------------------------------------------------------------------------------


def _ms(seconds: float) -> str:
    if seconds != seconds:
        return "–"
    ms = seconds * 1000
    return f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}" if ms >= 1 else f"{ms:.2f}"


def _ratio(value: float) -> str:
    if value != value:
        return "–"
    return f"{value:.2f}×" if value < 1 else f"{value:.1f}×" if value < 100 else f"{value:.0f}×"


def table(results: Sequence[ClassResult], engines: Sequence[str]) -> list[str]:
    """Per class: median (p95) per engine in ms, then how many times faster ours is."""
    ratios = [(f, o) for f, o in RATIOS if f in engines and o in engines]
    header = ["class", "queries", "hits (median)"]
    header += [ENGINE_COLUMNS[e] for e in engines]
    header += [f"{ENGINE_COLUMNS[f]} / {ENGINE_COLUMNS[o]}" for f, o in ratios]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for r in results:
        row = [r.klass, str(r.queries), f"{r.median_total:,.0f}"]
        row += [f"{_ms(r.median(e))} ({_ms(r.p95(e))})" for e in engines]
        for f, o in ratios:
            ratio = _ratio(r.ratio(f, o))
            row.append(f"**{ratio}**" if (f, o) == RATIOS[0] else ratio)
        lines.append("| " + " | ".join(row) + " |")
    return lines


def report(
    *,
    results: Sequence[ClassResult],
    engines: Sequence[str],
    build: dict[str, Any],
    info: dict[str, str],
    command: str,
    repeat: int,
    per_class: int,
    load: tuple[tuple[float, ...], tuple[float, ...]],
) -> str:
    docs = build["docs"]
    lines = [
        f"## {SECTION}",
        "",
        f"Recorded {dt.date.today().isoformat()} with:",
        "",
        "```sh",
        command,
        "```",
        "",
        f"- **Machine**: {info['cpu']}, {info['cores']} cores, {info['ram']} RAM, {info['os']}; "
        f"load average {load[0][0]:.2f} before, {load[1][0]:.2f} after (a shared machine: medians are what to read).",
        f"- **Versions**: Python {info['python']}, tantivy {info['tantivy']}, SQLite {info['sqlite']}, "
        f"SQLAlchemy {info['SQLAlchemy']}.",
        f"- **Documents**: {docs:,} in {build['collections']} collections of 500–1,000, recombined "
        f"(seed {build['seed']}) from {build['paragraphs']:,} real paragraphs of {build['volumes']} FRUS volumes; "
        f"{build['text_mb']:.0f} MB of text, {build['avg_chars']:,.0f} characters per document on average.",
    ]
    imports = build.get("imports", {})
    if "ours" in imports:
        ours = imports["ours"]
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in ours["phases"].items())
        lines.append(
            f"- **Import, ours** (store + index, end to end incl. commits, as `Library.import_paths` "
            f"does it, records already in memory): **{ours['rate']:,.0f} docs/s** "
            f"({ours['seconds']:.1f} s: {phases}); database {build.get('ours_db_mb', 0):.0f} MB, "
            f"index {build.get('ours_index_mb', 0):.0f} MB."
        )
    if "fts5" in imports:
        fts = imports["fts5"]
        phases = ", ".join(f"{k} {v:.1f} s" for k, v in fts["phases"].items())
        lines.append(
            f"- **Import, FTS5** (insert + optimize): {fts['rate']:,.0f} docs/s ({fts['seconds']:.1f} s: {phases}); "
            f"{build.get('fts5_mb', 0):.0f} MB."
        )
    lines.append(
        f"- Generating the documents: {build['generate_rate']:,.0f} docs/s (not part of either import)."
    )
    if build.get("reused"):
        lines.append(
            "- Collection reused from an earlier build (`--keep`): import rates are from that build."
        )
    lines += [
        "",
        f"Each class: {per_class} queries (fixed, seeded, chosen from the collection's own vocabulary by "
        f"document frequency), one warm-up pass, then {repeat} timed passes; median and p95 over all "
        f"timed runs of the class, in ms, as *median (p95)*; ratio = FTS5 median / our median (above 1: "
        f"ours is faster). Every run returns the exact total and one page of {PAGE_SIZE} hits. Engines "
        f"are interleaved query by query. Our facet cache (which serves paging through one result "
        f"list) is emptied before each run, so every run is a new search.",
        "",
        *table(results, engines),
        "",
        "Query classes: *rare word* in 0.01–0.1% of the documents (10–100 of 100,000); *common word* in "
        "more than 20%; *two words* a word in 1–10% AND a common one; *phrase* two adjacent common words "
        "(the most frequent such pairs in the text); *prefix* `stem*` of a frequent word, the stem "
        "opening at least 3 words; *date filter* a common word in one decade (a document matches when "
        "its date range overlaps); *sorted by date* a common word, oldest first; *page 50* hits 491–500 "
        "of a common word. Stop words are never chosen.",
        "",
        "Examples: "
        + "; ".join(
            f"*{r.klass}*: " + ", ".join(f"`{e}`" for e in r.examples[:2]) for r in results
        ),
        "",
        "Columns: "
        + "; ".join(f"*{ENGINE_COLUMNS[e]}* = {ENGINE_LABELS[e]}" for e in engines)
        + ". FTS5: `unicode61 remove_diacritics 2` tokenizer, an FTS5 table `t(title, body)` holding the text, "
        "optimized after import, the dates in a plain table joined by rowid (ten times faster than "
        "UNINDEXED columns of `t`); `SELECT count(*) … MATCH ?`, then `SELECT rowid … ORDER BY bm25(t) "
        "LIMIT 10 OFFSET ?` (or `ORDER BY date_start`), then `snippet()` (or the title) per hit by rowid.",
    ]
    differ = [r for r in results if r.totals_differ]
    if any(e.startswith("ours") for e in engines) and any(e.startswith("fts5") for e in engines):
        if differ:
            lines += [
                "",
                "Queries whose totals differ between the engines (ours also searches persons, "
                "places and subjects, FTS5 only title and body): "
                + ", ".join(f"{r.klass} {r.totals_differ}/{r.queries}" for r in differ)
                + ".",
            ]
        else:
            lines += ["", "Every query returned the same exact total in both engines."]
    return "\n".join(lines) + "\n"


# -- main -----------------------------------------------------------------------------------


def _load_build(folder: Path, key: dict[str, Any]) -> dict[str, Any] | None:
    marker = folder / "build.json"
    if not marker.is_file():
        return None
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
    except ValueError:
        return None
    return data if data.get("key") == key else None


def build_collections(
    folder: Path, corpus: SyntheticFrus, engines: Sequence[str], log: Callable[[str], None]
) -> dict[str, Any]:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    started = time.perf_counter()
    records = list(corpus.documents())
    generate = time.perf_counter() - started
    chars = sum(len(r.title) + len(r.body) for r in records)
    log(f"generated {len(records):,} documents in {generate:.1f} s")
    build: dict[str, Any] = {
        "docs": len(records),
        "seed": corpus.seed,
        "collections": len(corpus.plan),
        "paragraphs": len(corpus.pool.paragraphs),
        "volumes": len(corpus.pool.volumes),
        "text_mb": chars / 1e6,
        "avg_chars": chars / max(1, len(records)),
        "generate_rate": len(records) / generate if generate else 0.0,
        "imports": {},
    }
    if "ours" in engines:
        gc.collect()
        stats = import_ours(folder / "home", corpus.collections(), records)
        build["imports"]["ours"] = asdict(stats) | {"rate": stats.rate}
        build["ours_db_mb"] = dir_size(folder / "home" / "collections.sqlite3") / 1e6
        build["ours_index_mb"] = dir_size(folder / "home" / "collections.index") / 1e6
        log(f"ours: {stats.rate:,.0f} docs/s ({stats.seconds:.1f} s)")
    if "fts5" in engines:
        gc.collect()
        stats = import_fts5(folder / "fts5.sqlite3", records)
        build["imports"]["fts5"] = asdict(stats) | {"rate": stats.rate}
        build["fts5_mb"] = dir_size(folder / "fts5.sqlite3") / 1e6
        log(f"FTS5: {stats.rate:,.0f} docs/s ({stats.seconds:.1f} s)")
    return build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.search", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--docs", type=int, default=100_000, help="documents (default 100000)")
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed passes after the warm-up (default 5)"
    )
    parser.add_argument("--per-class", type=int, default=20, help="queries per class (default 20)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument(
        "--corpora",
        type=Path,
        default=None,
        help="shared corpora (default $READING_ROOM_CORPORA or ../shared/corpora)",
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=WORK_DIR,
        help="where collections are built (default benchmarks/work)",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=RESULTS,
        help="the report to update (default benchmarks/RESULTS.md)",
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="reuse the collection built by an earlier run of the same size",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="a tiny run (300 documents, 1 pass, 3 queries per class)",
    )
    parser.add_argument(
        "--engines",
        default=",".join(ENGINES),
        help="comma-separated subset of: " + ", ".join(ENGINES),
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.docs, args.repeat, args.per_class = 300, 1, 3
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(engines) - set(ENGINES)
    if unknown or not engines:
        parser.error(f"unknown engine(s): {', '.join(sorted(unknown)) or 'none given'}")
    build_engines = sorted(
        {e.split("-")[0] for e in engines} | {"fts5"}
    )  # FTS5 gives the vocabulary

    def log(message: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)

    load_before = os.getloadavg()
    corpora = args.corpora or default_corpora()
    pool = load_pool(corpora, args.work)
    corpus = SyntheticFrus(pool, args.docs, args.seed)
    folder = args.work / f"search-{args.docs}-seed{args.seed}"
    key = {
        "version": BUILD_VERSION,
        "docs": args.docs,
        "seed": args.seed,
        "engines": build_engines,
        "paragraphs": len(pool.paragraphs),
    }
    build = _load_build(folder, key) if args.keep else None
    home = folder / "home"
    with _environ("READING_ROOM_HOME", str(home)), _environ("READING_ROOM_NO_SAMPLE", "1"):
        if build is None:
            log(f"building {args.docs:,} documents in {folder}")
            build = build_collections(folder, corpus, build_engines, log) | {"key": key}
            (folder / "build.json").write_text(json.dumps(build, indent=1), encoding="utf-8")
        else:
            build["reused"] = True
            log(f"reusing the collection in {folder}")
        fts = Fts5Runner(folder / "fts5.sqlite3")
        df = fts5_document_frequencies(fts.connection)
        queries = choose_queries(df, args.docs, pool, args.seed, args.per_class)
        runners: dict[str, Callable[[Query], Answer]] = {}
        ours = OursRunner(home) if "ours" in build_engines else None
        try:
            variants = {
                "ours": lambda: ours.runner(facets=True),
                "ours-hits": lambda: ours.runner(facets=False),
                "ours-bare": lambda: ours.runner(facets=False, snippets=False),
                "fts5": lambda: fts.runner(snippets=True),
                "fts5-bare": lambda: fts.runner(snippets=False),
            }
            for name in ENGINES:  # the table's order, whatever the order asked
                if name in engines:
                    runners[name] = variants[name]()
            log(f"{len(queries)} queries, {args.repeat} passes, engines: {', '.join(runners)}")
            prepare = {
                name: ours.forget_facets for name in runners if ours and name.startswith("ours")
            }
            results = measure(queries, runners, args.repeat, args.seed, log, prepare)
        finally:
            fts.close()
            if ours:
                ours.close()
    command = "python -m benchmarks.search " + " ".join(argv if argv is not None else sys.argv[1:])
    section = report(
        results=results,
        engines=list(runners),
        build=build,
        info=machine(),
        command=command.strip(),
        repeat=args.repeat,
        per_class=args.per_class,
        load=(load_before, os.getloadavg()),
    )
    print(section)
    write_section(args.results, SECTION, section.split("\n", 1)[1])
    log(f"recorded in {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
