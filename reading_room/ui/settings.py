"""Preferences with their typed defaults, in one place; window state kept apart.

Preferences are what a person chose (page size, sort, recent searches, the last
search); window state is how the window was left (geometry, splitters) and is
thrown away without regret when it no longer fits a screen. Both live in one
INI file inside the installation's home (``READING_ROOM_HOME`` in tests).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

from ..core import paths
from ..core.search.types import FACET_FIELDS, PAGE_SIZES, SORTS, SearchRequest

log = logging.getLogger(__name__)

T = TypeVar("T")

RECENT_LIMIT = 30


def settings_path() -> Path:
    """Kept for callers of the window's own module; the path lives in ``core.paths``."""
    return paths.settings_path()


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
        qsettings = QSettings(str(path or settings_path()), QSettings.Format.IniFormat)
        return cls(Preferences(qsettings), WindowState(qsettings), qsettings)

    def sync(self) -> None:
        self.qsettings.sync()
