"""Reading the index's stored documents into memory ahead of need.

A page of hits shows ten documents' titles, dates and snippets, read from the index's document
store. At a million documents that store is 1.7 GB, and a page whose documents were never read
waits for ten reads from disk: 30–80 ms on a cloud or laptop disk, against 5–13 ms from
memory (benchmarks/RESULTS.md, "Turning pages"). So a few seconds after the first search, a
background thread asks the operating system to read the store files into its page cache, in
small steps (a large request is cut short by Linux's readahead; 2 MB steps are honoured
whole), sequentially (the disk's fastest way: 1.7 GB in about 3 s here, 0.5 s of one core).

It is the operating system's cache, not the application's memory: it is given back whenever
another program needs it. It is left out when the store would take more than a quarter of the
memory the system has available, and where the system cannot be asked (``posix_fadvise``:
Linux and most Unix systems; not Windows or macOS, which cache on their own terms).

The delay keeps it out of the way of the start: the window's first page, a query typed at
once, a command-line search that is over in a second.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from pathlib import Path

log = logging.getLogger(__name__)

#: seconds after the first search before reading begins
DELAY = 3.0
#: bytes asked for at a time
STEP = 2 << 20
#: a pause between steps, so searches meanwhile get the disk and the processor too
PAUSE = 0.002
#: the share of the system's available memory the store may take
MEMORY_SHARE = 0.25

_fadvise = getattr(os, "posix_fadvise", None)
_WILLNEED = getattr(os, "POSIX_FADV_WILLNEED", None)


def available_memory() -> int | None:
    """Bytes of memory the system has available (Linux's estimate), None if unknown."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return None


class Prefetch:
    """Reads store files into the page cache once each, on a daemon thread, after a delay."""

    def __init__(self, delay: float = DELAY) -> None:
        self.delay = delay
        self._done: set[tuple[str, int]] = set()  # (file, size) read or being read
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self.threads: list[threading.Thread] = []

    @staticmethod
    def supported() -> bool:
        return _fadvise is not None and _WILLNEED is not None

    def schedule(self, folder: Path | None) -> None:
        """Read the store files of ``folder`` not read yet, after the delay."""
        if folder is None or not self.supported() or self._stop.is_set():
            return
        with self._lock:
            files = _stores(folder)
            new = [(p, size) for p, size in files if (str(p), size) not in self._done]
            if not new:
                return
            self._done.update((str(p), size) for p, size in new)
            thread = threading.Thread(
                target=self._run,
                args=(new, sum(size for _, size in files)),
                name="reading-room-prefetch",
                daemon=True,
            )
            self.threads = [t for t in self.threads if t.is_alive()] + [thread]
        thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self, files: list[tuple[Path, int]], total: int) -> None:
        if self._stop.wait(self.delay):
            return
        available = available_memory()
        if available is None or total > MEMORY_SHARE * available:
            log.info("not reading the search index's documents ahead: too little memory free")
            return
        for path, size in files:
            try:
                self._read(path, size)
            except OSError:  # the file went (a rebuild swept its generation): nothing to read
                continue
            if self._stop.is_set():
                return

    def _read(self, path: Path, size: int) -> None:
        assert _fadvise is not None and _WILLNEED is not None
        fd = os.open(path, os.O_RDONLY)
        try:
            for offset in range(0, size, STEP):
                if self._stop.wait(PAUSE):
                    return
                _fadvise(fd, offset, STEP, _WILLNEED)
        finally:
            os.close(fd)


def _stores(folder: Path) -> list[tuple[Path, int]]:
    """The folder's store files with their sizes (none if it went)."""
    found = []
    with contextlib.suppress(OSError):
        for path in sorted(folder.glob("*.store")):
            with contextlib.suppress(OSError):
                found.append((path, path.stat().st_size))
    return found
