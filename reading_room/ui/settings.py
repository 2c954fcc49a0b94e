"""Preferences with their typed defaults, in one place; window state kept apart.

Preferences are what a person chose (page size, sort, recent searches, the last
search); window state is how the window was left (geometry, splitters) and is
thrown away without regret when it no longer fits a screen. Both live in one
INI file inside the installation's home (``READING_ROOM_HOME`` in tests).

The file is written on a thread of its own (``SettingsFile``): QSettings would
write it on the GUI thread at the next turn of the event loop after each change
— through a lock file and a save flushed to disk, which took 70–140 ms on a busy
disk after every search sent with Enter (the recent searches).
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from ..core import paths
from ..core.search.types import FACET_FIELDS, PAGE_SIZES, SORTS, SearchRequest

log = logging.getLogger(__name__)

T = TypeVar("T")

RECENT_LIMIT = 30


def settings_path() -> Path:
    """Kept for callers of the window's own module; the path lives in ``core.paths``."""
    return paths.settings_path()


class _FileWriter:
    """Writes settings files on one worker thread, once for any number of changes meanwhile.

    The worker opens its own QSettings of the file: QSettings objects of one file share its
    values in memory within the process (and lock them), so syncing the worker's writes the
    changes made through the window's object. QSettings is reentrant: each object is used on
    one thread only.
    """

    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._dirty: set[str] = set()
        self._writing: str | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="settings-writer", daemon=True
                )
                self._thread.start()

    def request(self, path: str) -> None:
        self.start()
        with self._lock:
            self._dirty.add(path)
            self._lock.notify_all()

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._dirty:
                    self._lock.wait()
                path = self._writing = self._dirty.pop()
            try:
                settings = QSettings(path, QSettings.Format.IniFormat)
                settings.sync()
                if settings.status() != QSettings.Status.NoError:
                    log.warning("could not write the settings file %s", path)
                del settings
            except Exception:  # noqa: BLE001 - a thread's error would otherwise go unseen
                log.exception("writing the settings file %s", path)
            finally:
                with self._lock:
                    self._writing = None
                    self._lock.notify_all()

    def wait(self, path: str, timeout: float = 30.0) -> bool:
        """Until ``path`` has no write pending or running (True), or ``timeout`` seconds."""
        with self._lock:
            return self._lock.wait_for(
                lambda: path not in self._dirty and self._writing != path, timeout
            )


_writer = _FileWriter()


class SettingsFile(QSettings):
    """The settings INI file, changed in memory on the GUI thread and written off it."""

    def __init__(self, path: str, parent: QObject | None = None) -> None:
        super().__init__(path, QSettings.Format.IniFormat, parent)
        self._path = path
        _writer.start()  # now, not at the first change: starting a thread waits for it

    def setValue(self, key: str, value: Any) -> None:  # noqa: N802 - Qt's name
        super().setValue(key, value)
        _writer.request(self._path)

    def remove(self, key: str) -> None:
        super().remove(key)
        _writer.request(self._path)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.UpdateRequest:
            _writer.request(self._path)  # instead of writing here, on the GUI thread
            return True
        return super().event(event)

    def sync(self) -> None:
        """Write now, on this thread (closing the window, tests)."""
        _writer.wait(self._path)
        super().sync()

    def wait_written(self, timeout: float = 30.0) -> bool:
        """Until the changes made so far are on disk (True), or ``timeout`` seconds."""
        return _writer.wait(self._path, timeout)


class _Preference(Generic[T]):
    """One typed preference: INI files give strings back, this gives the type back."""

    def __init__(self, key: str, default: T, choices: tuple[T, ...] | None = None) -> None:
        self.key = key
        self.default = default
        self.choices = choices

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: Preferences | None, owner: type) -> T:
        if obj is None:
            return self  # type: ignore[return-value]
        raw = obj.qsettings.value(self.key, None)
        if raw is None:
            return self.default
        try:
            value = self._convert(raw)
        except (TypeError, ValueError):
            log.warning("ignoring the unreadable preference %s=%r", self.key, raw)
            return self.default
        if self.choices is not None and value not in self.choices:
            return self.default
        return value

    def __set__(self, obj: Preferences, value: T) -> None:
        if isinstance(self.default, list | dict):
            obj.qsettings.setValue(self.key, json.dumps(value, ensure_ascii=False))
        else:
            obj.qsettings.setValue(self.key, value)

    def _convert(self, raw: Any) -> T:
        default = self.default
        if isinstance(default, bool):
            return (raw in (True, "true", "1", 1)) if not isinstance(raw, bool) else raw  # type: ignore[return-value]
        if isinstance(default, int):
            return int(raw)  # type: ignore[return-value]
        if isinstance(default, list | dict):
            value = json.loads(raw) if isinstance(raw, str) else raw
            if not isinstance(value, type(default)):
                raise ValueError(raw)
            return value  # type: ignore[return-value]
        return str(raw)  # type: ignore[return-value]


class Preferences:
    """What a person chose, each with its default."""

    page_size = _Preference("preferences/page_size", 10, PAGE_SIZES)
    sort = _Preference("preferences/sort", "relevance", SORTS)
    search_delay_ms = _Preference("preferences/search_delay_ms", 250)
    recent_searches = _Preference("preferences/recent_searches", [])
    last_search = _Preference("preferences/last_search", {})
    restore_last_search = _Preference("preferences/restore_last_search", True)

    def __init__(self, qsettings: QSettings) -> None:
        self.qsettings = qsettings

    def remember_query(self, query: str) -> list[str]:
        """Put a query at the top of the recent searches; returns the new list."""
        query = " ".join(query.split())
        if not query:
            return list(self.recent_searches)
        recent = [q for q in self.recent_searches if q != query]
        recent.insert(0, query)
        del recent[RECENT_LIMIT:]
        self.recent_searches = recent
        return recent

    def save_search(self, request: SearchRequest) -> None:
        self.last_search = {
            "query": request.query,
            "date_from": request.date_from,
            "date_to": request.date_to,
            "filters": {name: list(values) for name, values in request.filters().items()},
            "page": request.page,
        }
        self.page_size = request.page_size
        self.sort = request.sort

    def load_search(self) -> SearchRequest:
        """The search left open last time (or an empty one), with today's page size and sort."""
        request = SearchRequest(page_size=self.page_size, sort=self.sort)
        saved = self.last_search if self.restore_last_search else {}
        if not saved:
            return request
        filters = saved.get("filters") or {}
        changes: dict[str, Any] = {
            name: tuple(str(v) for v in filters.get(name, ()))
            for name in FACET_FIELDS
            if isinstance(filters.get(name), list)
        }
        page = saved.get("page")
        return replace(
            request,
            query=str(saved.get("query") or ""),
            date_from=saved.get("date_from") or None,
            date_to=saved.get("date_to") or None,
            page=page if isinstance(page, int) and page > 0 else 1,
            **changes,
        )


class WindowState:
    """How the window was left: geometry, window state and splitters."""

    def __init__(self, qsettings: QSettings) -> None:
        self.qsettings = qsettings

    def save(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
        self.qsettings.setValue("window/geometry", window.saveGeometry())
        self.qsettings.setValue("window/state", window.saveState())
        for name, splitter in splitters.items():
            self.qsettings.setValue(f"window/splitter_{name}", splitter.saveState())

    def restore(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> bool:
        """Put the window back as it was left; False when there was nothing to restore."""
        geometry = self._bytes("window/geometry")
        restored = bool(geometry) and window.restoreGeometry(geometry)
        state = self._bytes("window/state")
        if state:
            window.restoreState(state)
        for name, splitter in splitters.items():
            saved = self._bytes(f"window/splitter_{name}")
            if saved:
                splitter.restoreState(saved)
        return restored

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None


@dataclass
class Settings:
    preferences: Preferences
    window: WindowState
    qsettings: QSettings

    @classmethod
    def open(cls, path: Path | None = None) -> Settings:
        qsettings = SettingsFile(str(path or settings_path()))
        return cls(Preferences(qsettings), WindowState(qsettings), qsettings)

    def sync(self) -> None:
        self.qsettings.sync()
