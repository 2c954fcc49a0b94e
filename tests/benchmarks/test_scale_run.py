"""The scale benchmark runs end to end at a tiny size and writes its report and plot.

No test asserts a duration: the figures of a run this small mean nothing; what is checked is
that every part ran and reported (imports, every query class on every engine, cold runs,
page turns, documents opened, the window) and that a second run reuses the builds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import recoll
from benchmarks.queries import CLASSES

REPO = Path(__file__).resolve().parents[2]


def _run(args: list[str], corpora: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, READING_ROOM_CORPORA=str(corpora), QT_QPA_PLATFORM="offscreen")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "benchmarks.run", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.slow
def test_the_scale_benchmark_runs_and_reports(corpora: Path, tmp_path: Path) -> None:
    engines = "ours,fts5,recoll" if recoll.available() else "ours,fts5"
    results = tmp_path / "RESULTS.md"
    results.write_text("# Benchmark results\n\n## Other section\n\nkept\n", encoding="utf-8")
    args = ["--docs", "1200", "--quick", "--engines", engines, "--cold", "1", "--window", "1"]
    args += ["--work", str(tmp_path / "work"), "--results", str(results)]
    args += ["--data", str(tmp_path / "data")]

    done = _run(args, corpora, tmp_path)
    assert done.returncode == 0, done.stderr[-4000:]

    report = results.read_text(encoding="utf-8")
    assert "## Other section\n\nkept" in report
    assert report.count("## Scale: a million documents (issue 5)") == 1
    for heading in ("### Targets", "### Import", "### Search, 1,200 documents", "### The window"):
        assert heading in report, heading
    assert "python -m benchmarks.run --docs 1200" in report
    rows: dict[str, str] = {}
    for line in report.splitlines():  # the first table of classes: the warm one
        if line.startswith("| ") and line.split("|")[1].strip() in CLASSES:
            rows.setdefault(line.split("|")[1].strip(), line)
    assert set(CLASSES) <= set(rows)
    timing = re.compile(r"\d[\d.,]* \(\d[\d.,]*\)")  # median (p95)
    for klass, line in rows.items():
        assert len(timing.findall(line)) >= 4, (klass, line)  # ours ×2 and FTS5 ×2 at least
    assert (tmp_path / "scale.png").stat().st_size > 10_000

    data = json.loads((tmp_path / "data" / "scale-1200.json").read_text(encoding="utf-8"))
    assert set(data["imports"]) == set(engines.split(","))
    assert data["imports"]["ours"]["max_rss_mb"] > 0
    assert data["exact"]["ours"] and data["exact"]["fts5"]
    assert data["paging"]["ours"]["page 2"]["runs"] >= 1
    assert data["paging"]["ours"]["open"]["runs"] >= 1
    assert data["window"]["cold"]["usable"] > 0
    assert data["window"]["cold"]["documents"] == 1200
    assert set(data["cold"]["classes"]["ours"]) == set(CLASSES)
    for klass in CLASSES:  # every engine answered every class it has (Recoll: no fuzzy)
        assert {"ours", "ours-hits", "fts5", "fts5-hits"} <= set(data["classes"][klass])

    # again: the builds are reused, the section replaced, not appended
    again = _run([*args, "--window", "0", "--cold", "0"], corpora, tmp_path)
    assert again.returncode == 0, again.stderr[-4000:]
    assert "reusing the build" in again.stderr
    assert results.read_text(encoding="utf-8").count("## Scale: a million documents") == 1
