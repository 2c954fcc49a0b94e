"""What every benchmark of the suite shares: running a command with its resource use, cold
caches, the machine and versions, percentiles, and writing a section of RESULTS.md."""

from __future__ import annotations

import contextlib
import json
import math
import os
import platform
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BENCHMARKS = REPO / "benchmarks"
WORK_DIR = BENCHMARKS / "work"
RESULTS = BENCHMARKS / "RESULTS.md"
RESULTS_DATA = BENCHMARKS / "results"
PYTHON = sys.executable


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- running things -----------------------------------------------------------------------
@dataclass(frozen=True)
class Run:
    """A finished command: wall time, CPU, peak memory (of the process and its children)."""

    seconds: float
    user: float
    system: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str

    @property
    def cpu(self) -> float:
        return self.user + self.system


def run_measured(
    args: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    check: bool = True,
) -> Run:
    """Run ``args`` and measure it with ``wait4`` (the kernel's own account: peak resident
    memory of the process, and of any child it waited for)."""
    full_env = dict(os.environ, **(env or {}))
    full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), full_env.get("PYTHONPATH")]))
    out_path = WORK_DIR / f".run-{os.getpid()}-{time.monotonic_ns()}"
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    with open(f"{out_path}.out", "w+") as out, open(f"{out_path}.err", "w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(args), env=full_env, cwd=cwd, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    for suffix in (".out", ".err"):
        Path(f"{out_path}{suffix}").unlink(missing_ok=True)
    run = Run(
        seconds=seconds,
        user=usage.ru_utime,
        system=usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        returncode=process.returncode,
        stdout=stdout,
        stderr=stderr,
    )
    if check and run.returncode != 0:
        raise SystemExit(f"benchmark step failed ({' '.join(map(str, args))}):\n{stderr[-4000:]}")
    return run


def drop_caches() -> bool:
    """Empty the operating system's page cache, so the next read comes from the disk; False
    when this process may not (then "cold" means only a fresh process)."""
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
    except OSError:
        return False
    return True


def dir_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    if not path.exists():
        return 0
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# -- statistics -----------------------------------------------------------------------------
def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (p95: the value 95% of the samples do not exceed)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(share * len(ordered) - 1e-9))
    return ordered[min(len(ordered), rank) - 1]


def median(values: Sequence[float]) -> float:
    return percentile(values, 0.5) if values else float("nan")


def ms(seconds: float | None) -> str:
    if seconds is None or seconds != seconds:
        return "–"
    value = seconds * 1000
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.2f}"


def ratio(slow: float | None, fast: float | None) -> str:
    """How many times ``fast`` beats ``slow`` (``slow / fast``)."""
    if not slow or not fast or slow != slow or fast != fast:
        return "–"
    value = slow / fast
    return f"{value:.2f}×" if value < 1 else f"{value:.1f}×" if value < 100 else f"{value:,.0f}×"


# -- the machine ----------------------------------------------------------------------------
def cpu_times() -> dict[str, float]:
    """Seconds all CPUs spent per state so far (``/proc/stat``): the steal time tells how
    much the host took from this virtual machine."""
    names = ("user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal")
    with contextlib.suppress(OSError, ValueError):
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        tick = os.sysconf("SC_CLK_TCK")
        return {name: int(value) / tick for name, value in zip(names, fields, strict=False)}
    return {}


def machine() -> dict[str, str]:
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = f"{int(line.split()[1]) / 1024**2:.1f} GB"
    versions = {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version}
    from importlib.metadata import PackageNotFoundError, version

    for package in ("tantivy", "SQLAlchemy", "PySide6-Essentials"):
        try:
            versions[package] = version(package)
        except PackageNotFoundError:
            versions[package] = "?"
    recoll = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "recoll"], capture_output=True, text=True
    )
    versions["recoll"] = recoll.stdout.strip() if recoll.returncode == 0 else "not installed"
    disk = ""
    with contextlib.suppress(OSError):
        device = os.stat(WORK_DIR if WORK_DIR.exists() else REPO).st_dev
        disk = f"{os.major(device)}:{os.minor(device)}"
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": ram,
        "os": f"{platform.system()} {platform.release()}",
        "disk": disk,
        **versions,
    }


# -- RESULTS.md -----------------------------------------------------------------------------
def write_section(path: Path, title: str, body: str) -> None:
    """Replace the section ``## title`` (up to the next ``## ``) or append it."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    section = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def jsonl_rows(folder: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """(collection id, record) of every line of the corpus' JSON Lines files, in order."""
    for path in sorted(folder.glob("*.jsonl")):
        collection = path.stem
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                if "@collection" in row:
                    collection = str(row["@collection"]["id"])
                    continue
                yield collection, row
