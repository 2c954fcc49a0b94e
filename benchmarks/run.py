"""Reading Room at scale, against SQLite FTS5 and Recoll: the one command.

    python -m benchmarks.run --docs 1000000          # one size (10k, 100k, 1M …)
    python -m benchmarks.run --docs 10000 --docs 100000 --docs 1000000
    python -m benchmarks.run --docs 2000 --quick     # a smoke run (the test runs this)

For each size it

1. writes the corpus once (``benchmarks.corpus``: real FRUS paragraphs recombined, seeded) as
   JSON Lines files, one per collection;
2. imports it into each engine, each from a cold page cache, timed with its peak memory:
   ours through ``reading-room import`` (parse, store, index, end to end), FTS5 through
   ``benchmarks.fts5 build`` (parse, insert, index, optimize), Recoll through ``recollindex``
   over one HTML file per document (``benchmarks.recoll``);
3. starts the window offscreen on the collection (``benchmarks.window``): time to a usable
   query box and memory of the idle window (before the query mix, from a parent process that
   has not yet loaded three engines);
4. times the query mix (``benchmarks.queries``: fourteen classes), warm (interleaved, best of
   passes: median and p95) and cold (page cache dropped, a fresh process, the first query);
5. times turning to pages 2, 10, 100 and 1,000 of a search, and opening a document;
6. keeps every figure in ``benchmarks/results/scale-<docs>.json`` and rewrites the section
   "Scale" of ``benchmarks/RESULTS.md`` and ``benchmarks/scale.png`` from all sizes measured.

Everything built goes to ``benchmarks/work/`` (not in git) and is reused by a later run of
the same size unless ``--rebuild``; ``--keep`` skips the imports when a build exists.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks import common, latency, queries, recoll
from benchmarks.common import PYTHON, RESULTS, RESULTS_DATA, WORK_DIR, log, run_measured
from benchmarks.corpus import DEFAULT_SEED, SyntheticFrus, default_corpora, load_pool

#: bump when what a build holds changes (schema, importer, corpus): builds are then redone
BUILD_VERSION = 1
ENGINES = ("ours", "fts5", "recoll")


def corpus_folder(work: Path, docs: int, seed: int, pool_cache: Path) -> tuple[Path, Any]:
    """The JSON Lines files of ``docs`` documents, written once."""
    from benchmarks.corpus import write_jsonl_folder

    folder = work / "jsonl" / f"frus-{docs}-seed{seed}"
    pool = load_pool(default_corpora(), pool_cache)
    corpus = SyntheticFrus(pool, docs, seed)
    marker = folder / ".complete"
    if not marker.is_file():
        if folder.exists():
            shutil.rmtree(folder)
        log(f"writing {docs:,} documents as JSON Lines into {folder}")
        started = time.perf_counter()
        write_jsonl_folder(corpus, folder)
        marker.write_text(json.dumps({"docs": docs, "seed": seed}), encoding="utf-8")
        log(f"  {time.perf_counter() - started:.0f} s")
    return folder, corpus


# -- the imports ----------------------------------------------------------------------------------
def build(
    work: Path, docs: int, jsonl: Path, engines: list[str], *, rebuild: bool, keep: bool
) -> dict[str, Any]:
    """Import the corpus into every engine (or reuse the builds); returns what they took."""
    folder = work / f"scale-{docs}"
    folder.mkdir(parents=True, exist_ok=True)
    marker = folder / "build.json"
    builds: dict[str, Any] = {}
    if marker.is_file():  # (with ``rebuild``, only the engines asked for are imported again)
        builds = json.loads(marker.read_text(encoding="utf-8"))
        if builds.get("version") != BUILD_VERSION:
            builds = {}
    builds["version"] = BUILD_VERSION
    targets = {
        "ours": {"db_url": f"sqlite:///{folder / 'ours' / 'collections.sqlite3'}"},
        "fts5": {"fts5": str(folder / "fts5.sqlite3")},
        "recoll": {"confdir": str(folder / "recoll-conf"), "files": str(folder / "recoll-files")},
    }
    for engine in engines:
        done = builds.get(engine)
        if done and (keep or not rebuild):
            log(f"{engine}: reusing the build of {done['docs']:,} documents")
            continue
        builds[engine] = _import(engine, folder, jsonl, docs)
        marker.write_text(json.dumps(builds, indent=1), encoding="utf-8")
    builds["targets"] = targets
    return builds


def _import(engine: str, folder: Path, jsonl: Path, docs: int) -> dict[str, Any]:
    if engine == "ours":
        home = folder / "ours"
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        cold = common.drop_caches()
        log(f"ours: reading-room import of {docs:,} documents")
        run = run_measured(
            [PYTHON, "-m", "reading_room.cli", "import", str(jsonl)],
            env={"READING_ROOM_HOME": str(home), "READING_ROOM_NO_SAMPLE": "1"},
        )
        sizes = {
            "database_mb": common.dir_size(home / "collections.sqlite3") / 1e6,
            "index_mb": common.dir_size(home / "collections.index") / 1e6,
        }
        phases: dict[str, float] = {}
    elif engine == "fts5":
        path = folder / "fts5.sqlite3"
        cold = common.drop_caches()
        log(f"fts5: building from {docs:,} documents")
        run = run_measured(
            [PYTHON, "-m", "benchmarks.fts5", "build", "--jsonl", str(jsonl), "--db", str(path)]
        )
        phases = json.loads(run.stdout.strip().splitlines()[-1])
        sizes = {"database_mb": common.dir_size(path) / 1e6}
    else:
        files = folder / "recoll-files"
        confdir = folder / "recoll-conf"
        log(f"recoll: writing {docs:,} HTML files (not timed)")
        recoll.export(jsonl, files)
        shutil.rmtree(confdir, ignore_errors=True)
        recoll.write_config(confdir, files)
        cold = common.drop_caches()
        log("recoll: recollindex")
        run = run_measured(["recollindex", "-c", str(confdir), "-z"])
        phases = {}
        sizes = {"index_mb": common.dir_size(confdir / "xapiandb") / 1e6}
    result = {
        "docs": docs,
        "seconds": run.seconds,
        "rate": docs / run.seconds if run.seconds else 0.0,
        "cpu": run.cpu,
        "max_rss_mb": run.max_rss_mb,
        "cold": cold,
        "phases": phases,
        **sizes,
    }
    log(
        f"{engine}: {result['rate']:,.0f} docs/s ({run.seconds:.0f} s), peak {run.max_rss_mb:,.0f} MB"
    )
    return result


# -- the queries --------------------------------------------------------------------------------
def choose_queries(
    targets: dict[str, Any], corpus: Any, seed: int, per_class: int
) -> list[queries.Query]:
    from benchmarks.fts5 import Fts5

    fts5 = Fts5(Path(targets["fts5"]["fts5"]))
    try:
        df = fts5.frequencies()
        title_df = fts5.title_frequencies()
        persons = fts5.connection.execute(
            "SELECT value, count(*) FROM p GROUP BY value ORDER BY 2 DESC LIMIT 100"
        ).fetchall()
    finally:
        fts5.close()
    collections = [plan.record.id for plan in corpus.plan]
    return queries.choose(
        df, title_df, corpus.docs, corpus.pool.paragraphs, persons, collections, seed, per_class
    )


def class_stats(
    mix: list[queries.Query], samples: latency.Samples, engines: list[str]
) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for klass in queries.CLASSES:
        members = [i for i, q in enumerate(mix) if q.klass == klass]
        entry: dict[str, Any] = {
            "queries": len(members),
            "examples": [mix[i].label for i in members[:2]],
        }
        ours_totals = samples.totals.get("ours", {})
        entry["hits"] = statistics.median(
            [ours_totals[i] for i in members if i in ours_totals] or [0]
        )
        for engine in engines:
            times = samples.times.get(engine, {})
            values = [t for i in members for t in times.get(i, [])]
            if values:
                entry[engine] = {
                    "median": common.median(values),
                    "p95": common.percentile(values, 0.95),
                    "max": max(values),
                    "runs": len(values),
                }
        fts_totals = samples.totals.get("fts5", {})
        entry["totals_differ_fts5"] = sum(
            1
            for i in members
            if i in ours_totals and i in fts_totals and ours_totals[i] != fts_totals[i]
        )
        out[klass] = entry
    return out


def run_queries(
    builds: dict[str, Any],
    mix: list[queries.Query],
    engines: list[str],
    repeat: int,
    seed: int,
    cold: int,
) -> dict[str, Any]:
    targets = builds["targets"]
    runners: dict[str, latency.Runner] = {}
    supports: dict[str, Any] = {}
    opened: list[Any] = []
    ours = fts5 = rec = None
    if "ours" in engines:
        ours = latency.Ours(targets["ours"]["db_url"])
        opened.append(ours)
        runners["ours"] = lambda q: ours.search(q, facets=True)
        runners["ours-hits"] = lambda q: ours.search(q, facets=False)
    if "fts5" in engines:
        fts5 = latency.Fts5Engine(Path(targets["fts5"]["fts5"]))
        opened.append(fts5)
        fts5.fts5.vocabulary()  # loaded once per process, before timing (see fts5.Fts5)
        runners["fts5"] = lambda q: fts5.search(q, facets=True)
        runners["fts5-hits"] = lambda q: fts5.search(q, facets=False)
    if "recoll" in engines:
        rec = latency.RecollEngine(
            Path(targets["recoll"]["confdir"]), Path(targets["recoll"]["files"])
        )
        opened.append(rec)
        runners["recoll"] = lambda q: rec.search(q)
        supports["recoll"] = rec.supports
    try:
        log(f"{len(mix)} queries, {repeat} passes: {', '.join(runners)}")
        samples = latency.measure(mix, runners, repeat, seed, log, supports)
        result: dict[str, Any] = {
            "classes": class_stats(mix, samples, list(runners)),
            "exact": samples.exact,
        }
        all_ours = [t for ts in samples.times.get("ours", {}).values() for t in ts]
        if all_ours:
            result["mix_ours"] = {
                "median": common.median(all_ours),
                "p95": common.percentile(all_ours, 0.95),
                "max": max(all_ours),
                "runs": len(all_ours),
            }
        result["paging"] = paging(ours, fts5, rec, mix, targets)
    finally:
        for engine in opened:
            engine.close()
    result["cold"] = cold_queries(targets, mix, engines, cold)
    return result


def paging(
    ours: Any, fts5: Any, rec: Any, mix: list[queries.Query], targets: dict[str, Any]
) -> dict[str, Any]:
    """Turn to pages 2, 10, 100 and 1,000 of common-word searches (page 1,000 twice), and open
    a document of each page, on each engine (ours in a fresh process: ``latency.paging_run``)."""
    sample = [q for q in mix if q.klass == "common word"][:5]
    out: dict[str, dict[str, list[float]]] = {}

    def add(engine: str, what: str, seconds: float) -> None:
        out.setdefault(engine, {}).setdefault(what, []).append(seconds)

    if ours is not None:
        out["ours"] = latency.paging_run(targets["ours"], sample)
    for query in sample:
        if fts5 is not None:
            first = fts5.search(query, facets=False)
            for page in latency.PAGES:
                if (page - 1) * 10 >= first.total:
                    continue
                turn = functools.partial(fts5.search, query, facets=False, page=page)
                add("fts5", f"page {page}", latency.timed(turn))
                if page == latency.AGAIN:
                    add("fts5", f"page {page} again", latency.timed(turn))
                ids = fts5.page_ids(query, page)
                if ids:
                    add("fts5", "open", latency.timed(lambda i=ids[0]: fts5.open(i)))
        if rec is not None and rec.supports(query):
            for page in latency.PAGES:
                found = rec.search(query, page=page)
                if found.hits:
                    add("recoll", f"page {page}", found.seconds or 0.0)
                    if page == latency.AGAIN:
                        again = rec.search(query, page=page)
                        add("recoll", f"page {page} again", again.seconds or 0.0)
                    add("recoll", "open", rec.open(query, (page - 1) * 10))
    return {
        engine: {
            what: {
                "median": common.median(v),
                "p95": common.percentile(v, 0.95),
                "max": max(v),
                "runs": len(v),
            }
            for what, v in parts.items()
        }
        for engine, parts in out.items()
    }


def cold_queries(
    targets: dict[str, Any], mix: list[queries.Query], engines: list[str], per_class: int
) -> dict[str, Any]:
    """The first query of a fresh process with the page cache dropped, per class and engine."""
    if per_class <= 0:
        return {}
    out: dict[str, dict[str, list[float]]] = {}
    opens: dict[str, list[float]] = {}
    dropped = True
    for klass in queries.CLASSES:
        members = [q for q in mix if q.klass == klass][:per_class]
        for query in members:
            for engine in engines:
                if engine == "recoll" and query.recoll_text(targets["recoll"]["files"]) is None:
                    continue
                result = latency.cold_run(engine, {**targets.get(engine, {})}, query)
                dropped = dropped and bool(result["dropped"])
                out.setdefault(engine, {}).setdefault(klass, []).append(result["query"])
                opens.setdefault(engine, []).append(result["open"])
        log(f"cold: {klass}")
    return {
        "dropped_caches": dropped,
        "classes": {e: {k: common.median(v) for k, v in by.items()} for e, by in out.items()},
        "all": {e: common.median([t for v in by.values() for t in v]) for e, by in out.items()},
        "open": {e: common.median(v) for e, v in opens.items()},
    }


def window(targets: dict[str, Any], runs: int) -> dict[str, Any]:
    """Start the window on the collection: cold (page cache dropped), then warm."""
    results: dict[str, list[dict[str, float]]] = {"cold": [], "warm": []}
    # a reader who has opened the app before: the first start (not timed) makes the notes
    # database and the settings, as it does once on every installation
    home = Path(targets["ours"]["db_url"].removeprefix("sqlite:///")).parent / "window-home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    command = [PYTHON, "-m", "benchmarks.window", "--db", targets["ours"]["db_url"]]
    command += ["--home", str(home)]
    # an installed package has its modules compiled (pip writes the .pyc files); a shell that
    # forbids writing them would have every start compile the app's ~100 modules again
    env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": ""}
    run_measured(command, env=env)
    for kind in ("cold", "warm"):
        for _ in range(runs):
            if kind == "cold":
                common.drop_caches()
            done = run_measured(command, env=env)
            results[kind].append(json.loads(done.stdout.strip().splitlines()[-1]))
    return {
        kind: {key: common.median([r[key] for r in rs]) for key in rs[0]}
        for kind, rs in results.items()
        if rs
    }


# -- main ---------------------------------------------------------------------------------------
def run_size(args: argparse.Namespace, docs: int) -> dict[str, Any]:
    engines = [e for e in args.engines if e != "recoll" or recoll.available()]
    if "recoll" in args.engines and "recoll" not in engines:
        log("recoll: not installed (apt-get install recoll python3-recoll): left out")
    cpu_before, load_before = common.cpu_times(), os.getloadavg()
    jsonl, corpus = corpus_folder(args.work, docs, args.seed, args.work)
    builds = build(args.work, docs, jsonl, engines, rebuild=args.rebuild, keep=args.keep)
    mix = choose_queries(builds["targets"], corpus, args.seed, args.per_class)
    result: dict[str, Any] = {
        "docs": docs,
        "seed": args.seed,
        "collections": len(corpus.plan),
        "recorded": time.strftime("%Y-%m-%d"),
        "machine": common.machine(),
        "engines": engines,
        "per_class": args.per_class,
        "repeat": args.repeat,
        "imports": {e: builds[e] for e in engines if e in builds},
    }
    if "ours" in engines and args.window:
        # before the query mix: started from a parent that has run it (gigabytes of three
        # engines' state) the same window measured 1.79 s cold at 1M, against 1.34 s from a
        # fresh parent minutes later (see RESULTS.md, "Window start-up")
        log("window start-up")
        result["window"] = window(builds["targets"], args.window)
    result.update(run_queries(builds, mix, engines, args.repeat, args.seed, args.cold))
    cpu_after = common.cpu_times()
    result["load"] = [load_before[0], os.getloadavg()[0]]
    result["steal_share"] = _steal(cpu_before, cpu_after)
    return result


def _steal(before: dict[str, float], after: dict[str, float]) -> float:
    if not before or not after:
        return 0.0
    total = sum(after.values()) - sum(before.values())
    return (after.get("steal", 0) - before.get("steal", 0)) / total if total else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument(
        "--docs", type=int, action="append", help="documents (repeat for several sizes)"
    )
    parser.add_argument(
        "--per-class",
        type=int,
        default=None,
        help="queries per class (default 20; 10 from 500,000 documents)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=None,
        help="timed passes (default 5; 3 from 500,000 documents)",
    )
    parser.add_argument(
        "--cold", type=int, default=None, help="cold runs per class and engine (default 2)"
    )
    parser.add_argument(
        "--window", type=int, default=None, help="window start-ups, cold and warm each (default 3)"
    )
    parser.add_argument(
        "--engines", default=",".join(ENGINES), help="comma-separated: ours, fts5, recoll"
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--work", type=Path, default=WORK_DIR)
    parser.add_argument("--results", type=Path, default=RESULTS)
    parser.add_argument(
        "--data", type=Path, default=RESULTS_DATA, help="where each size's figures are kept"
    )
    parser.add_argument(
        "--rebuild", action="store_true", help="import again even if a build exists"
    )
    parser.add_argument("--keep", action="store_true", help="reuse builds whatever their version")
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: 2 queries per class, 1 pass"
    )
    args = parser.parse_args(argv)
    args.engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    unknown = set(args.engines) - set(ENGINES)
    if unknown:
        parser.error(f"unknown engine(s): {', '.join(sorted(unknown))}")
    sizes = args.docs or [100_000]
    command = "python -m benchmarks.run " + " ".join(argv if argv is not None else sys.argv[1:])
    for docs in sizes:
        size_args = argparse.Namespace(**vars(args))
        large = docs >= 500_000
        size_args.per_class = args.per_class or (2 if args.quick else 10 if large else 20)
        size_args.repeat = args.repeat or (1 if args.quick else 3 if large else 5)
        size_args.cold = args.cold if args.cold is not None else (1 if args.quick else 2)
        size_args.window = args.window if args.window is not None else (1 if args.quick else 3)
        log(f"== {docs:,} documents")
        result = run_size(size_args, docs)
        result["command"] = command.strip()
        args.data.mkdir(parents=True, exist_ok=True)
        (args.data / f"scale-{docs}.json").write_text(
            json.dumps(result, indent=1), encoding="utf-8"
        )
    from benchmarks import report

    report.write(args.data, args.results, command.strip())
    log(f"recorded in {args.results}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["main", "asdict"]
