"""The annotated passages of the document shown: where each sits in the text, how it is
painted, which one is under the mouse.

Passages are painted like search matches, as extra selections — the document itself is
never changed, so copying and printing stay clean — in a soft green with a green line
under it, the one whose note is open a little stronger.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtGui import QPalette, QTextDocument
from PySide6.QtWidgets import QTextEdit

from .doc_anchors import body_to_document
from .doc_highlight import annotation_formats, span_cursors


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

    def beyond(self, limit: int) -> bool:
        """Some passage starts at or after document position ``limit``."""
        return any(start >= limit for _entry, start, _end in self._spans)

    def selections(
        self,
        document: QTextDocument,
        palette: QPalette,
        current: Any = None,
        limit: int | None = None,
    ) -> list[QTextEdit.ExtraSelection]:
        """The passages (those starting before ``limit``) as selections, ``current``'s stronger."""
        normal, strong = annotation_formats(palette)
        result = []
        shown = [
            item for item in self._spans if limit is None or item[1] < limit or item[0] is current
        ]
        cursors = span_cursors(document, ((start, end) for _entry, start, end in shown))
        for (entry, _start, _end), cursor in zip(shown, cursors, strict=True):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = strong if entry is current else normal
            result.append(selection)
        return result
