"""The window's start-up and memory with a large collection, offscreen, with the real window.

One process per measurement, started by the benchmark (``measure``) after it dropped the page
cache for a cold start. The process does what ``reading-room`` does (``cli.cmd_window``):
the collections start opening on a thread of their own (``core.opening``), then Qt loads
and ``ui.app.start`` makes the application and the ``MainWindow``, shows it, opens the
user's data and hands the window the opening — and reports, in seconds since the process
was started (the kernel's clock for it, so the interpreter's own start-up counts):

* *shown*: the window is on screen (its query box takes keys, saying "Opening…");
* *usable*: the library is open and handed to the window: a query typed now is searched;
* *first page*: the first page of results (the search the window remembers) is shown;

then its resident memory (``VmRSS``) after the first page, idle, and its peak (``VmHWM``).

The benchmark measures a returning reader's start (``--home`` of an earlier start: the notes
database exists and is at the newest schema, the settings are there); a first start also
creates the notes database.

    python -m benchmarks.window --db sqlite:///…/collections.sqlite3 [--home DIR]
    (prints one JSON line)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path


def since_start() -> float:
    """Seconds since this process was started (``/proc/self/stat`` field 22)."""
    tick = os.sysconf("SC_CLK_TCK")
    started = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / tick
    uptime = float(Path("/proc/uptime").read_text().split()[0])
    return uptime - started


def memory_mb() -> dict[str, float]:
    out = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            name, value = line.split(":", 1)
            out[name] = int(value.split()[0]) / 1024
    return out


def run(db_url: str, home: str | None = None, timeout: float = 120.0) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["READING_ROOM_HOME"] = home or tempfile.mkdtemp(prefix="reading-room-window-bench-")
    os.environ["READING_ROOM_NO_SAMPLE"] = "1"
    from reading_room.core.opening import Opening

    # as ``reading-room`` does (``cli.cmd_window``): the collections start opening before Qt
    # loads, then ``ui.app.start`` shows the window and hands it the opening
    opening = Opening(db_url)
    from reading_room.ui.app import dispose, start

    app, window = start(db_url, ["reading-room-benchmark"], opening)
    app.processEvents()
    shown = since_start()
    marks: dict[str, float] = {"shown": shown}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if "usable" not in marks and window.library is not None:
            marks["usable"] = since_start()
        if window.library is not None and window.session.page is not None:
            marks["first_page"] = since_start()
            break
        time.sleep(0.001)
    else:
        raise SystemExit(f"the window was not usable within {timeout} s")
    # idle for a second, as a person reading the first page would leave it
    end = time.monotonic() + 1.0
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    memory = memory_mb()
    marks["rss_idle_mb"] = memory.get("VmRSS", 0.0)
    marks["rss_peak_mb"] = memory.get("VmHWM", 0.0)
    marks["documents"] = float(window.session.page.total) if window.session.page else 0.0
    window.close()
    dispose(window)
    return marks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.window")
    parser.add_argument("--db", required=True, help="database URL of the collection")
    parser.add_argument(
        "--home",
        help="the installation's folder (notes, settings): one used before is a returning "
        "reader's start; without it, a new empty one (the very first start)",
    )
    args = parser.parse_args(argv)
    print(json.dumps(run(args.db, args.home)), flush=True)
    # the window is gone: leave without tearing down Qt's bindings (nothing left to save)
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
