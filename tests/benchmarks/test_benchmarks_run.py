"""The benchmarks run end to end at a tiny size; no test asserts a duration."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
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


def _run(args: list[str], corpora: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, READING_ROOM_CORPORA=str(corpora))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _table_rows(report: str) -> dict[str, list[str]]:
    rows = {}
    for line in report.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0] in CLASSES:
            rows[cells[0]] = cells
    return rows


@pytest.mark.slow
def test_search_benchmark_reports_every_class_for_both_engines(
    corpora: Path, tmp_path: Path
) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Other section\n\nkept\n", encoding="utf-8")
    args = ["-m", "benchmarks.search", "--docs", "300", "--repeat", "1", "--per-class", "2"]
    args += ["--work", str(tmp_path / "work"), "--results", str(results)]

    done = _run(args, corpora, tmp_path)

    assert done.returncode == 0, done.stderr[-3000:]
    report = results.read_text(encoding="utf-8")
    assert "## Other section\n\nkept" in report
    assert report.count("## Search (issue 2)") == 1
    assert "Import, ours" in report and "Import, FTS5" in report
    header = next(line for line in report.splitlines() if line.startswith("| class"))
    for column in ("ours (app)", "ours hits only", "ours bare", "FTS5", "FTS5 bare"):
        assert f"| {column} |" in header
    assert "| FTS5 / ours (app) |" in header
    rows = _table_rows(report)
    assert set(rows) == set(CLASSES)
    timing = re.compile(r"^[\d.,]+ \([\d.,]+\)$")  # median (p95), in ms
    ratio = re.compile(r"^\*{0,2}[\d.,]+×\*{0,2}$")
    for klass, cells in rows.items():
        assert int(cells[1]) >= 1, klass  # every class has queries
        assert [bool(timing.match(c)) for c in cells[3:8]] == [True] * 5, (klass, cells)
        assert [bool(ratio.match(c)) for c in cells[8:]] == [True] * 3, (klass, cells)

    # --keep reuses the built collection and replaces the section, not appends it
    again = _run([*args, "--keep"], corpora, tmp_path)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "reusing the collection" in again.stderr
    report = results.read_text(encoding="utf-8")
    assert report.count("## Search (issue 2)") == 1
    assert set(_table_rows(report)) == set(CLASSES)


def test_corpus_is_deterministic_and_frus_like(corpora: Path, tmp_path: Path) -> None:
    from benchmarks.corpus import SyntheticFrus, load_pool

    pool = load_pool(corpora, tmp_path)
    assert len(pool.paragraphs) > 20_000 and len(pool.volumes) == 10

    first = list(SyntheticFrus(pool, 1200, seed=7))
    again = list(SyntheticFrus(pool, 1200, seed=7))
    other = list(itertools.islice(SyntheticFrus(pool, 1200, seed=8), 50))
    assert first == again
    assert [r.body for r in first[:50]] != [r.body for r in other]

    assert len(first) == 1200 and len({r.ref for r in first}) == 1200
    collections = {r.collection_id for r in first}
    assert 2 <= len(collections) <= 3  # volume-like: 500–1,000 documents each
    real = set(pool.paragraphs)
    for record in first[:100]:
        assert record.language == "en" and record.title
        assert all(p in real for p in record.body.split("\n\n"))
    dated = [r for r in first if r.date.start]
    assert 0.85 * len(first) < len(dated) < len(first)  # some undated
    assert any(r.date.precision == "year" for r in first)
    assert all("1860" <= r.date.start <= "1990-12-31" for r in dated)
    assert set(itertools.chain.from_iterable(r.persons for r in first)) <= set(pool.persons)

    # the pool is cached in the work folder and reused
    assert (tmp_path / "frus-pool.json").is_file()
    assert load_pool(corpora, tmp_path) == pool


def test_jsonl_output_imports_through_the_app(corpora: Path, tmp_path: Path) -> None:
    from benchmarks.corpus import SyntheticFrus, load_pool, write_jsonl_folder
    from reading_room.core.library import Library
    from reading_room.core.search.types import SearchRequest

    corpus = SyntheticFrus(load_pool(corpora, tmp_path), 1200, seed=3)
    folder = tmp_path / "jsonl"
    assert write_jsonl_folder(corpus, folder) == 1200
    assert len(list(folder.glob("*.jsonl"))) == len(corpus.plan) == 2

    with Library.open(load_sample=False) as library:
        report = library.import_paths([folder])
        assert report.problems == [] and report.new == 1200
        assert sorted(report.collections) == sorted(c.id for c in corpus.collections())
        expected = {r.ref: r for r in corpus}
        view = library.document(next(iter(expected)))
        record = expected[view.ref]
        assert (view.title, view.body, view.date_start) == (
            record.title,
            record.body,
            record.date.start,
        )
        assert library.search(SearchRequest(query="", page_size=10)).total == 1200
