"""SQLite FTS5 (what Zotero, Tropy and calibre search with) over the same documents.

Built from the same JSON Lines files our import reads, by a process of its own (timed, its
memory measured): an FTS5 table ``t(title, body, names)`` with bm25 and the ``unicode61
remove_diacritics 2`` tokenizer (``names``: persons, places and subjects, which ours searches
too), optimized after the import; the documents' collection, language, type and dates in a
plain table ``d`` joined by rowid; one row per value in ``p`` (persons), ``pl`` (places),
``s`` (subjects) and ``y`` (the years a document covers), indexed both ways, for filters and
facet counts.

Two jobs are timed (see ``Fts5``): *hits* — the exact total, the 10 best hits by bm25 and a
``snippet()`` for each, as an FTS5 application shows them; *app* — the same plus everything
Reading Room's results page shows: facet counts for every field (each without its own
filter) and hits per year, by SQL over the matching rowids (collected once into a temporary
table, the cheapest plan SQLite has for it).

    python -m benchmarks.fts5 build --jsonl DIR --db PATH
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import jsonl_rows

PAGE_SIZE = 10
SNIPPET_TOKENS = 24
FACET_SIZE = 50
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=NORMAL",
    "PRAGMA cache_size=-65536",  # the same 64 MB page cache as our store
    "PRAGMA temp_store=MEMORY",
)
CHUNK = 5_000


def connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    for pragma in PRAGMAS:
        connection.execute(pragma)
    return connection


def _iso_end(value: str | None) -> str | None:
    """``1918`` → ``1918-12-31``, ``1918-02`` → ``1918-02-28``: the last day it covers."""
    import calendar

    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 1:
        return f"{value}-12-31"
    if len(parts) == 2:
        last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
        return f"{value}-{last:02d}"
    return value


def _iso_start(value: str | None) -> str | None:
    if not value:
        return None
    parts = value.split("-")
    return value + ("-01-01" if len(parts) == 1 else "-01" if len(parts) == 2 else "")


def build(jsonl: Path, path: Path) -> dict[str, float]:
    """Import the JSON Lines files into a fresh FTS5 database; returns the phases' seconds."""
    for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        stale.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = connect(path)
    started = time.perf_counter()
    connection.executescript(
        """
        CREATE VIRTUAL TABLE t USING fts5(title, body, names,
            tokenize='unicode61 remove_diacritics 2');
        CREATE TABLE d(id INTEGER PRIMARY KEY, ref TEXT, collection TEXT, language TEXT,
            type TEXT, date_start TEXT, date_end TEXT);
        CREATE TABLE p(doc INTEGER, value TEXT);
        CREATE TABLE pl(doc INTEGER, value TEXT);
        CREATE TABLE s(doc INTEGER, value TEXT);
        CREATE TABLE y(doc INTEGER, year INTEGER);
        """
    )
    rowid = 0
    batch: dict[str, list[tuple[Any, ...]]] = {k: [] for k in ("t", "d", "p", "pl", "s", "y")}

    def flush() -> None:
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO t(rowid, title, body, names) VALUES (?,?,?,?)", batch["t"]
        )
        connection.executemany("INSERT INTO d VALUES (?,?,?,?,?,?,?)", batch["d"])
        for table in ("p", "pl", "s"):
            connection.executemany(f"INSERT INTO {table} VALUES (?,?)", batch[table])
        connection.executemany("INSERT INTO y VALUES (?,?)", batch["y"])
        connection.execute("COMMIT")
        for rows in batch.values():
            rows.clear()

    for collection, row in jsonl_rows(jsonl):
        rowid += 1
        persons = [str(v) for v in row.get("persons", [])]
        places = list(
            dict.fromkeys([*map(str, row.get("places", [])), str(row.get("place") or "")])
        )
        places = [v for v in places if v]
        subjects = [str(v) for v in row.get("subjects", [])]
        start, end = _iso_start(row.get("date_start")), _iso_end(row.get("date_end"))
        batch["t"].append(
            (
                rowid,
                row.get("title", ""),
                row.get("text", ""),
                "; ".join(persons + places + subjects),
            )
        )
        batch["d"].append(
            (
                rowid,
                f"{collection}/{row['ref']}",
                collection,
                row.get("language", ""),
                row.get("type", ""),
                start,
                end,
            )
        )
        batch["p"].extend((rowid, v) for v in persons)
        batch["pl"].extend((rowid, v) for v in places)
        batch["s"].extend((rowid, v) for v in subjects)
        if start and end:
            batch["y"].extend((rowid, y) for y in range(int(start[:4]), int(end[:4]) + 1))
        if len(batch["t"]) >= CHUNK:
            flush()
    flush()
    inserted = time.perf_counter()
    connection.executescript(
        """
        CREATE INDEX d_collection ON d(collection, date_start);
        CREATE INDEX d_date ON d(date_start, date_end);
        CREATE INDEX p_doc ON p(doc, value);
        CREATE INDEX p_value ON p(value, doc);
        CREATE INDEX pl_doc ON pl(doc, value);
        CREATE INDEX pl_value ON pl(value, doc);
        CREATE INDEX s_doc ON s(doc, value);
        CREATE INDEX s_value ON s(value, doc);
        CREATE INDEX y_doc ON y(doc, year);
        """
    )
    indexed = time.perf_counter()
    connection.execute("INSERT INTO t(t) VALUES ('optimize')")  # one segment: FTS5 at its best
    optimized = time.perf_counter()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("ANALYZE")
    connection.close()
    return {
        "docs": float(rowid),
        "insert": inserted - started,
        "indexes": indexed - inserted,
        "optimize": optimized - indexed,
        "seconds": time.perf_counter() - started,
    }


# -- searching ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Answer:
    total: int
    hits: int
    first: str = ""
    exact: bool = True


class Fts5:
    """The FTS5 side of a query: ``run(query, facets=…)``, ``page(…)``, ``open(…)``."""

    def __init__(self, path: Path) -> None:
        self.connection = connect(path)
        self.connection.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, t, row)"
        )
        self._vocabulary: set[str] | None = None

    def close(self) -> None:
        self.connection.close()

    def frequencies(self) -> dict[str, int]:
        return dict(self.connection.execute("SELECT term, doc FROM temp.vocab"))

    def title_frequencies(self) -> dict[str, int]:
        self.connection.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab_col USING fts5vocab(main, t, col)"
        )
        return dict(
            self.connection.execute("SELECT term, doc FROM temp.vocab_col WHERE col = 'title'")
        )

    def vocabulary(self) -> set[str]:
        """The indexed words, kept once per process: what an FTS5 application would hold to
        offer fuzzy matching (FTS5 has none)."""
        if self._vocabulary is None:
            self._vocabulary = {
                row[0] for row in self.connection.execute("SELECT term FROM temp.vocab")
            }
        return self._vocabulary

    # -- the parts of a query --------------------------------------------------------------
    def match(self, query: Any) -> str | None:
        op, words = query.op, query.words
        quoted = [f'"{w}"' for w in words]
        if op in ("word", "and"):
            return " ".join(quoted)
        if op == "or":
            return " OR ".join(quoted)
        if op == "not":
            return f"{quoted[0]} NOT {quoted[1]}"
        if op == "phrase":
            return '"' + " ".join(words) + '"'
        if op == "prefix":
            return f'"{words[0]}" *'
        if op == "title":
            return f'title : "{words[0]}"'
        if op == "fuzzy":
            near = sorted(_within_one(words[0], self.vocabulary()))
            return " OR ".join(f'"{w}"' for w in near) if near else '"' + words[0] + '"'
        return None  # browse: no words

    def _where(
        self, query: Any, *, person: bool = True, date: bool = True
    ) -> tuple[str, list[Any], bool]:
        """FROM/WHERE of the hits (with or without the person and date filters)."""
        match = self.match(query)
        clauses: list[str] = []
        params: list[Any] = []
        if match is not None:
            tables = "t JOIN d ON d.id = t.rowid"
            clauses.append("t MATCH ?")
            params.append(match)
        else:
            tables = "d"
        if query.collection:
            clauses.append("d.collection = ?")
            params.append(query.collection)
        if date and query.decade is not None:
            clauses.append("d.date_start <= ? AND d.date_end >= ?")
            params += [f"{query.decade + 9}-12-31", f"{query.decade}-01-01"]
        if person and query.person:
            clauses.append("d.id IN (SELECT doc FROM p WHERE value = ?)")
            params.append(query.person)
        where = " AND ".join(clauses) or "1"
        return f"{tables} WHERE {where}", params, match is not None

    def run(self, query: Any, *, facets: bool, page: int = 1, snippets: bool = True) -> Answer:
        execute = self.connection.execute
        body, params, ranked = self._where(query)
        total = execute(f"SELECT count(*) FROM {body}", params).fetchone()[0]
        if query.sort == "date" or not ranked:
            order = "d.date_start IS NULL, d.date_start, d.id"
        else:
            order = "bm25(t, 3.0, 1.0, 1.0)"
        ids = [
            row[0]
            for row in execute(
                f"SELECT d.id FROM {body} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, PAGE_SIZE, (page - 1) * PAGE_SIZE],
            )
        ]
        first = ""
        for rowid in ids:
            if snippets and ranked:
                row = execute(
                    "SELECT t.title, d.date_start,"
                    f" snippet(t, -1, '<b>', '</b>', '…', {SNIPPET_TOKENS})"
                    " FROM t JOIN d ON d.id = t.rowid WHERE t MATCH ? AND t.rowid = ?",
                    (self.match(query), rowid),
                ).fetchone()
            elif snippets:
                row = execute(
                    "SELECT t.title, d.date_start, substr(t.body, 1, 240)"
                    " FROM t JOIN d ON d.id = t.rowid WHERE t.rowid = ?",
                    (rowid,),
                ).fetchone()
            else:
                row = execute(
                    "SELECT t.title, d.date_start, '' FROM t JOIN d ON d.id = t.rowid"
                    " WHERE t.rowid = ?",
                    (rowid,),
                ).fetchone()
            first = first or (row[2] if row else "")
        if facets:
            self._facets(query)
        return Answer(total, len(ids), first)

    def _facets(self, query: Any) -> None:
        """Every facet and the years, each without its own filter, from the matching rowids
        collected once into a temporary table (per filter left out)."""
        execute = self.connection.execute
        sets = {"all": dict(), "no person": dict(person=False), "no date": dict(date=False)}
        needed = {"all"}
        if query.person:
            needed.add("no person")
        if query.decade is not None:
            needed.add("no date")
        for name in needed:
            body, params, _ = self._where(query, **sets[name])
            table = "h_" + name.replace(" ", "_")
            execute(f"DROP TABLE IF EXISTS temp.{table}")
            execute(f"CREATE TEMP TABLE {table}(id INTEGER PRIMARY KEY)")
            execute(f"INSERT INTO temp.{table} SELECT d.id FROM {body}", params)
        hits = "h_all"
        for column in ("collection", "language", "type"):
            execute(
                f"SELECT d.{column}, count(*) FROM {hits} JOIN d ON d.id = {hits}.id"
                f" GROUP BY d.{column} ORDER BY 2 DESC LIMIT {FACET_SIZE}"
            ).fetchall()
        for table in ("p", "pl", "s"):
            source = "h_no_person" if table == "p" and query.person else hits
            execute(
                f"SELECT {table}.value, count(*) FROM {source} JOIN {table}"
                f" ON {table}.doc = {source}.id GROUP BY {table}.value ORDER BY 2 DESC"
                f" LIMIT {FACET_SIZE}"
            ).fetchall()
        years = "h_no_date" if query.decade is not None else hits
        execute(
            f"SELECT y.year, count(*) FROM {years} JOIN y ON y.doc = {years}.id GROUP BY y.year"
        ).fetchall()

    def open(self, rowid: int) -> str:
        row = self.connection.execute(
            "SELECT d.ref, t.title, t.body, t.names FROM t JOIN d ON d.id = t.rowid"
            " WHERE t.rowid = ?",
            (rowid,),
        ).fetchone()
        return row[2] if row else ""

    def page_ids(self, query: Any, page: int) -> list[int]:
        body, params, ranked = self._where(query)
        order = "bm25(t, 3.0, 1.0, 1.0)" if ranked and query.sort != "date" else "d.date_start"
        return [
            row[0]
            for row in self.connection.execute(
                f"SELECT d.id FROM {body} ORDER BY {order} LIMIT ? OFFSET ?",
                [*params, PAGE_SIZE, (page - 1) * PAGE_SIZE],
            )
        ]


_LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def _within_one(word: str, vocabulary: set[str]) -> set[str]:
    """The indexed words one edit (or one swap of neighbours) away from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    edits = {a + b[1:] for a, b in splits if b}
    edits |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    edits |= {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
    edits |= {a + c + b for a, b in splits for c in _LETTERS}
    edits.add(word)
    return edits & vocabulary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fts5")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="import JSON Lines files into a new FTS5 database")
    p.add_argument("--jsonl", type=Path, required=True)
    p.add_argument("--db", type=Path, required=True)
    args = parser.parse_args(argv)
    print(json.dumps(build(args.jsonl, args.db)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
