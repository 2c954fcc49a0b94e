"""The annotated passages of the document shown: where each sits in the text, how it is
painted, which one is under the mouse.

Passages are painted like search matches, as extra selections — the document itself is
never changed, so copying and printing stay clean — in a soft green with a green line
under it, the one whose note is open a little stronger.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QPalette, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from .doc_anchors import body_to_document
from .doc_highlight import annotation_formats


class Passages:
    def __init__(self) -> None:
        self._spans: list[tuple[Any, int, int]] = []  # (NoteEntry, start, end) in the document

    def place(
        self, runs: Sequence[tuple[int, int, int]], body: str, entries: Sequence[Any]
    ) -> None:
        """Find each attached passage of ``entries`` in the laid-out text."""
        spans = []
        for entry in entries:
            anchor = getattr(entry.note, "anchor", None)
            if anchor is None or entry.detached:
                continue
            span = body_to_document(runs, body, anchor.start, anchor.end)
            if span is not None:
                spans.append((entry, *span))
        self._spans = sorted(spans, key=lambda item: (item[1], item[2]))

    def clear(self) -> None:
        self._spans = []

    def spans(self) -> list[tuple[int, int]]:
        return [(start, end) for _entry, start, end in self._spans]

    def span_of(self, uid: str) -> tuple[int, int] | None:
        return next(((s, e) for entry, s, e in self._spans if entry.uid == uid), None)

    def at(self, position: int) -> Any:
        """The entry of the passage at a document position (the shortest, when they overlap)."""
        found = [
            (end - start, entry) for entry, start, end in self._spans if start <= position < end
        ]
        return min(found, key=lambda item: item[0])[1] if found else None

    def selections(
        self, document: QTextDocument, palette: QPalette, current: Any = None
    ) -> list[QTextEdit.ExtraSelection]:
        normal, strong = annotation_formats(palette)
        result = []
        for entry, start, end in self._spans:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(document)
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format = strong if entry is current else normal
            result.append(selection)
        return result
