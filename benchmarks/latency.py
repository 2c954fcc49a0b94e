"""Timing the query mix, page turns and opening documents on each engine.

Engines are interleaved query by query (in a rotating order) and the queries shuffled per
pass, so a noisy neighbour on a shared machine slows every engine alike; one warm-up pass
first, then ``repeat`` timed passes. Our facet cache (which serves paging through one
result list) is emptied before every timed search, so each is a new search; what the index
keeps about itself (the facets of all documents) stays, as the page cache does.

*Cold*: the operating system's page cache is dropped, a fresh process opens the engine and
runs one query — the first search after starting the application with nothing in memory.

*Paging* (ours): a fresh process opens the library, searches, and turns pages ``READ_AHEAD``
seconds later — as a reader does after reading the first page; the application reads its
stored documents ahead meanwhile (``reading_room.core.search.prefetch``), which a process that
has been running the whole query mix beside two other engines' files may have lost from the
page cache.

    python -m benchmarks.latency cold --engine ours --target … --query '{…}'   (one cold run)
    python -m benchmarks.latency paging --target … --queries '[{…}, …]'      (ours' page turns)
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import random
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import PYTHON, REPO, drop_caches
from benchmarks.queries import Query

#: the pages turned to, after the first page of a search
PAGES = (2, 10, 100, 1000)
#: a query whose warm-up took longer than this (seconds) is timed once, not in every pass
SLOW = 2.0
#: the page turned to a second time: its documents are then in memory (the first turn may
#: have read them from disk)
AGAIN = 1000
#: seconds between the first search and the first page turn in ``paging`` (a reader reading
#: the first page; the application's read-ahead starts 3 s after its first search)
READ_AHEAD = 10.0


@dataclass(frozen=True)
class Answer:
    total: int
    hits: int
    exact: bool = True
    seconds: float | None = None  # measured by the engine itself (Recoll's server)


# -- engines -----------------------------------------------------------------------------------
class Ours:
    """Reading Room's ``Library``, as the window calls it."""

    def __init__(self, db_url: str) -> None:
        from reading_room.core.library import Library

        self.library = Library.open(db_url, load_sample=False)

    def close(self) -> None:
        self.library.close()

    def search(self, query: Query, *, facets: bool = True, page: int = 1) -> Answer:
        if facets:
            self.library.index.forget_searches()
        found = self.library.search(query.request(page=page, facets=facets))
        return Answer(found.total, len(found.hits))

    def page_refs(self, query: Query, page: int) -> list[str]:
        found = self.library.search(query.request(page=page, facets=False, snippets=False))
        return [hit.ref for hit in found.hits]

    def open(self, ref: str, *, related: bool = False) -> int:
        view = self.library.document(ref)
        if related:  # what the window's document pane loads with it
            self.library.related(ref)
        return len(view.body)


class Fts5Engine:
    def __init__(self, path: Path) -> None:
        from benchmarks.fts5 import Fts5

        self.fts5 = Fts5(path)

    def close(self) -> None:
        self.fts5.close()

    def search(self, query: Query, *, facets: bool = True, page: int = 1) -> Answer:
        found = self.fts5.run(query, facets=facets, page=page)
        return Answer(found.total, found.hits)

    def page_ids(self, query: Query, page: int) -> list[int]:
        return self.fts5.page_ids(query, page)

    def open(self, rowid: int) -> int:
        return len(self.fts5.open(rowid))


class RecollEngine:
    """Recoll's Python module in a process of its own (see ``benchmarks.recoll``)."""

    def __init__(self, confdir: Path, files: Path, *, check: bool = True) -> None:
        self.files = str(files)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [PYTHON, "-m", "benchmarks.recoll", "serve", "--confdir", str(confdir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        ready = json.loads(self._line())
        self.open_seconds = float(ready.get("open", 0.0))
        # Recoll keeps the files' paths as they were indexed: from another checkout (another
        # path to the same folder) its ``dir:`` filters would find nothing and opening fails
        where = str(self.ask({"kind": "where"}).get("url", "")) if check else ""
        if check and not where.startswith(f"file://{self.files}/"):
            self.close()
            raise SystemExit(
                f"Recoll's index names its files as {where or 'nothing'}, not under {self.files}: "
                "run the benchmark from the checkout that built it, or with --rebuild"
            )

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise SystemExit("the Recoll query process stopped")
        return line

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self._line())
        if "error" in answer:
            raise SystemExit(f"Recoll: {answer['error']} for {request}")
        return answer

    def close(self) -> None:
        if self.process.stdin:
            self.process.stdin.close()
        self.process.wait(timeout=30)

    def supports(self, query: Query) -> bool:
        return query.recoll_text(self.files) is not None

    def search(self, query: Query, *, facets: bool = False, page: int = 1) -> Answer:
        text = query.recoll_text(self.files)
        answer = self.ask(
            {"text": text, "sort": query.sort, "offset": (page - 1) * 10, "snippets": True}
        )
        return Answer(int(answer["total"]), int(answer["hits"]), False, float(answer["seconds"]))

    def open(self, query: Query, offset: int) -> float:
        answer = self.ask({"kind": "open", "text": query.recoll_text(self.files), "offset": offset})
        return float(answer["seconds"])


# -- the warm runs --------------------------------------------------------------------------------
Runner = Callable[[Query], Answer]


@dataclass
class Samples:
    """Seconds per (engine, query index), and the totals each engine answered."""

    times: dict[str, dict[int, list[float]]] = field(default_factory=dict)
    totals: dict[str, dict[int, int]] = field(default_factory=dict)
    exact: dict[str, bool] = field(default_factory=dict)


def measure(
    queries: Sequence[Query],
    runners: dict[str, Runner],
    repeat: int,
    seed: int,
    progress: Callable[[str], None] = lambda _: None,
    supports: dict[str, Callable[[Query], bool]] | None = None,
) -> Samples:
    rng = random.Random(f"{seed}:order")
    names = list(runners)
    samples = Samples()
    indices = list(range(len(queries)))
    supports = supports or {}
    warm_up: dict[tuple[str, int], float] = {}
    for rep in range(repeat + 1):
        rng.shuffle(indices)
        started = time.perf_counter()
        for turn, i in enumerate(indices):
            query = queries[i]
            for name in names[turn % len(names) :] + names[: turn % len(names)]:
                if name in supports and not supports[name](query):
                    continue
                if rep > 1 and warm_up.get((name, i), 0.0) > SLOW:
                    continue  # timed once: its engine takes seconds, a second run adds nothing
                gc.collect()
                gc.disable()
                began = time.perf_counter()
                answer = runners[name](query)
                elapsed = time.perf_counter() - began
                gc.enable()
                if answer.seconds is not None:
                    elapsed = answer.seconds
                samples.exact[name] = answer.exact
                if rep == 0:
                    samples.totals.setdefault(name, {})[i] = answer.total
                    warm_up[(name, i)] = elapsed
                else:
                    samples.times.setdefault(name, {}).setdefault(i, []).append(elapsed)
        progress(
            f"{'warm-up' if rep == 0 else f'pass {rep}/{repeat}'}: {time.perf_counter() - started:.0f} s"
        )
    return samples


def timed(function: Callable[[], Any]) -> float:
    gc.collect()
    gc.disable()
    started = time.perf_counter()
    function()
    elapsed = time.perf_counter() - started
    gc.enable()
    return elapsed


# -- cold runs ------------------------------------------------------------------------------------
def cold_run(engine: str, target: dict[str, str], query: Query) -> dict[str, float]:
    """Drop the page cache, start a fresh process, open the engine, run ``query`` once."""
    dropped = drop_caches()
    result: dict[str, float] = _fresh(
        "cold",
        "--engine",
        engine,
        "--target",
        json.dumps(target),
        "--query",
        json.dumps(asdict(query)),
    )
    result["dropped"] = float(dropped)
    return result


def _cold_main(engine: str, target: dict[str, str], query: Query) -> dict[str, float]:
    started = time.perf_counter()
    if engine == "ours":
        ours = Ours(target["db_url"])
        opened = time.perf_counter() - started
        seconds = timed(lambda: ours.search(query))
        ours.close()
    elif engine == "fts5":
        fts5 = Fts5Engine(Path(target["fts5"]))
        opened = time.perf_counter() - started
        seconds = timed(lambda: fts5.search(query))
        fts5.close()
    else:
        # (not checked: the check's query would warm the index; the warm runs checked it)
        recoll = RecollEngine(Path(target["confdir"]), Path(target["files"]), check=False)
        opened = recoll.open_seconds
        seconds = recoll.search(query).seconds or 0.0
        recoll.close()
    return {"open": opened, "query": seconds}


def ours_paging(ours: Ours, sample: Sequence[Query]) -> dict[str, list[float]]:
    """Each search's first page as the window asks it, then its pages turned to (and page
    ``AGAIN`` twice), and a document of each page opened (alone, then with its related
    documents); seconds per kind of step."""
    out: dict[str, list[float]] = {}
    for query in sample:
        first = ours.search(query, facets=True)  # the search itself, as the window asks it
        for page in PAGES:
            if (page - 1) * 10 >= first.total:
                continue
            turn = functools.partial(ours.search, query, facets=False, page=page)
            out.setdefault(f"page {page}", []).append(timed(turn))
            if page == AGAIN:
                out.setdefault(f"page {page} again", []).append(timed(turn))
            refs = ours.page_refs(query, page)
            if refs:
                out.setdefault("open", []).append(timed(lambda r=refs[0]: ours.open(r)))
                out.setdefault("open with related", []).append(
                    timed(lambda r=refs[0]: ours.open(r, related=True))
                )
    return out


def paging_run(target: dict[str, str], sample: Sequence[Query]) -> dict[str, list[float]]:
    """``ours_paging`` in a fresh process, ``READ_AHEAD`` seconds after its first search."""
    queries = json.dumps([asdict(q) for q in sample])
    result: dict[str, list[float]] = _fresh(
        "paging", "--target", json.dumps(target), "--queries", queries
    )
    return result


def _fresh(*args: str) -> Any:
    """``python -m benchmarks.latency ARGS`` in a fresh process: what it printed last, read as
    JSON."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    done = subprocess.run(
        [PYTHON, "-m", "benchmarks.latency", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{args[0]} run failed: {done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _paging_main(target: dict[str, str], sample: list[Query], wait: float) -> dict[str, Any]:
    ours = Ours(target["db_url"])
    if sample:
        ours.search(sample[0], facets=True)
        time.sleep(wait)
    try:
        return ours_paging(ours, sample)
    finally:
        ours.close()


def _query(raw: dict[str, Any]) -> Query:
    raw["words"] = tuple(raw.get("words", ()))
    return Query(**raw)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.latency")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("cold", help="one query in a fresh process (the caller drops caches)")
    p.add_argument("--engine", choices=("ours", "fts5", "recoll"), required=True)
    p.add_argument("--target", required=True, help="JSON: db_url / fts5 / confdir, files")
    p.add_argument("--query", required=True, help="JSON of a benchmarks.queries.Query")
    p = sub.add_parser("paging", help="our page turns in a fresh process")
    p.add_argument("--target", required=True, help="JSON: db_url")
    p.add_argument("--queries", required=True, help="JSON list of benchmarks.queries.Query")
    p.add_argument("--wait", type=float, default=READ_AHEAD)
    args = parser.parse_args(argv)
    if args.command == "paging":
        sample = [_query(raw) for raw in json.loads(args.queries)]
        print(json.dumps(_paging_main(json.loads(args.target), sample, args.wait)))
        return 0
    result = _cold_main(args.engine, json.loads(args.target), _query(json.loads(args.query)))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
