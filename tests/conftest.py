"""Every test runs in its own installation folder, offscreen, without the sample."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
CORPORA = Path(os.environ.get("READING_ROOM_CORPORA", REPO.parent / "shared" / "corpora"))
if not CORPORA.is_dir():
    CORPORA = REPO.parent.parent / "shared" / "corpora"


@pytest.fixture(autouse=True)
def reading_room_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("READING_ROOM_HOME", str(home))
    monkeypatch.delenv("READING_ROOM_DB", raising=False)
    # tests start from an empty installation unless they ask for the sample
    monkeypatch.setenv("READING_ROOM_NO_SAMPLE", "1")
    return home


@pytest.fixture(scope="session")
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.fail(f"shared corpora not found at {CORPORA}; set READING_ROOM_CORPORA")
    return CORPORA


def write_jsonl(path: Path, records: list[dict], collection: dict | None = None) -> Path:
    """A small JSON Lines collection written by a test (no corpus text)."""
    import json

    lines = [json.dumps({"@collection": collection})] if collection else []
    lines += [json.dumps(record, ensure_ascii=False) for record in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def twenty_two(tmp_path: Path) -> Path:
    """A collection in which the word "legation" has exactly 22 hits, dated 1950–1971."""
    records = []
    for number in range(1, 31):
        word = "legation" if number <= 22 else "consulate"
        records.append(
            {
                "ref": f"t22/{number:03d}",
                "date": f"{1949 + number}-05-{number % 28 + 1:02d}",
                "title": f"Report {number} on the {word}",
                "summary": f"Dispatch number {number} about the {word} in Belgrade.",
                "text": f"The {word} reported on events. Paragraph {number} mentions Kardelj and the harvest.",
                "persons": ["Edvard Kardelj"] if number % 2 else ["Koča Popović"],
                "places": ["Belgrade"],
                "subjects": ["Diplomatic reporting"],
                "language": "en",
                "type": "telegram" if number % 3 else "memorandum",
            }
        )
    return write_jsonl(
        tmp_path / "t22.jsonl", records, {"id": "t22", "title": "Twenty-two legation reports"}
    )
