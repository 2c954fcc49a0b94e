"""The index's note of what it holds, written only after a successful commit.

If ``state.json`` says ``max_seq = S``, every document the database had stamped up to S is in
the index folder it names. A missing, unreadable or older-schema note means: rebuild.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path

STATE_FILE = "state.json"


@dataclass(frozen=True)
class IndexState:
    store_id: str
    max_seq: int
    doc_count: int
    schema_version: int
    folder: str = ""  # the generation folder inside the index folder that holds the index


class StateProblem(Exception):
    """Why there is no usable state, in words (``str(problem)``)."""


def read_state(path: Path, schema_version: int) -> IndexState:
    """The state in ``path``; raises StateProblem saying why it cannot be used."""
    try:
        raw = json.loads((path / STATE_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StateProblem("index missing") from None
    except (OSError, UnicodeDecodeError, ValueError):
        raise StateProblem("index state unreadable") from None
    try:
        state = IndexState(
            store_id=str(raw["store_id"]),
            max_seq=int(raw["max_seq"]),
            doc_count=int(raw["doc_count"]),
            schema_version=int(raw["schema_version"]),
            folder=str(raw.get("folder", "")),
        )
    except (KeyError, TypeError, ValueError):
        raise StateProblem("index state unreadable") from None
    if state.schema_version != schema_version:
        raise StateProblem(
            f"index built for search schema {state.schema_version}, this version uses {schema_version}"
        )
    if (
        not state.folder
        or "/" in state.folder
        or "\\" in state.folder
        or state.folder.startswith(".")
    ):
        raise StateProblem("index state unreadable")
    return state


def write_state(path: Path, state: IndexState) -> None:
    """Atomically: a reader sees the old state or the new one, never half of one."""
    fd, temp = tempfile.mkstemp(prefix=".state-", suffix=".tmp", dir=path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(asdict(state), out, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path / STATE_FILE)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def remove_state(path: Path) -> None:
    (path / STATE_FILE).unlink(missing_ok=True)
