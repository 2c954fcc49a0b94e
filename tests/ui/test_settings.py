"""Preferences: typed defaults in one place, unreadable values fall back to them."""

from __future__ import annotations

from pathlib import Path

from reading_room.core.search.types import SearchRequest
from reading_room.ui.settings import Settings


def test_defaults_and_round_trip(tmp_path: Path) -> None:
    settings = Settings.open(tmp_path / "s.ini")
    prefs = settings.preferences
    assert prefs.page_size == 10 and prefs.sort == "relevance" and prefs.recent_searches == []
    assert prefs.load_search() == SearchRequest()
    request = SearchRequest(
        query="tito", date_from="1956", person=("Tito",), sort="-date", page=2, page_size=50
    )
    prefs.save_search(request)
    for query in ("tito", "kardelj", "tito"):
        prefs.remember_query(query)
    settings.sync()
    again = Settings.open(tmp_path / "s.ini").preferences
    assert again.load_search() == request
    assert again.recent_searches == ["tito", "kardelj"]


def test_unreadable_values_fall_back(tmp_path: Path) -> None:
    path = tmp_path / "s.ini"
    path.write_text(
        "[preferences]\npage_size=abc\nsort=sideways\nrecent_searches=not json\n", encoding="utf-8"
    )
    prefs = Settings.open(path).preferences
    assert prefs.page_size == 10
    assert prefs.sort == "relevance"
    assert prefs.recent_searches == []
    assert prefs.load_search() == SearchRequest()


def test_the_paths_come_from_the_one_paths_module() -> None:
    from reading_room.core import paths
    from reading_room.ui.app import log_path
    from reading_room.ui.settings import settings_path

    assert settings_path() == paths.settings_path() == paths.home() / "settings.ini"
    assert log_path() == str(paths.log_path())
    assert paths.log_path().parent == paths.home()
