"""Passage offsets into the body ↔ positions in the laid-out document, both ways.

The document view puts the title, dates, metadata and summary before the body, splits the
body into paragraphs and turns its footnote markers into links; Qt counts UTF-16 units.
Every span must land on the very same words, whatever comes before it.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QPalette, QTextCursor
from test_document_view import make_view

from reading_room.ui.doc_anchors import body_to_document, document_to_body, trim
from reading_room.ui.doc_render import Colours, build_document

BODY = (
    "Brioni, 12 July 1956. Marshal Tito received the ambassador on the terrace.[1]\n\n"
    "He said that Koča Popović would travel to Warsaw; the 𝔄 of the minutes is illegible.[2]\n\n"
    "   Asked about Hungary, TITO answered that the comrades would find their own way."
)
NOTES = "[1] The telegram gives ninety minutes.\n\n[2] Popović's journey was postponed."
PHRASES = [
    "Marshal Tito received",
    "the terrace.[1]",  # runs into a footnote marker
    "Koča Popović",
    "𝔄 of the minutes",  # after a character outside the BMP (two UTF-16 units)
    "illegible.[2]\n\n   Asked about",  # across a paragraph break
    "own way.",
]


@pytest.fixture
def rendered(qapp: Any) -> Any:
    view = make_view(body=BODY, notes=NOTES)
    return view, build_document(view, Colours.from_palette(QPalette()), 12.0)


def selected_text(document: Any, start: int, end: int) -> str:
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor.selectedText()


@pytest.mark.parametrize("phrase", PHRASES)
def test_a_body_span_lands_on_its_words_and_comes_back(rendered: Any, phrase: str) -> None:
    view, doc = rendered
    runs = doc.runs["body"]
    start = view.body.index(phrase)
    end = start + len(phrase)
    span = body_to_document(runs, view.body, start, end)
    assert span is not None
    shown = selected_text(doc.document, *span)
    # a paragraph break is shown as a block break (U+2029), and the blank lines are gone
    assert shown.replace("\u2029", " ").split() == phrase.split()
    assert document_to_body(runs, view.body, *span) == (start, end)


def test_the_document_before_the_body_is_not_counted(rendered: Any) -> None:
    view, doc = rendered
    runs = doc.runs["body"]
    title = doc.document.toPlainText().index(view.title)
    # the title and the metadata come first: the body's first word is far into the document
    first = body_to_document(runs, view.body, 0, 6)
    assert first is not None and first[0] > title + len(view.title)
    assert selected_text(doc.document, *first) == "Brioni"


def test_a_selection_running_into_the_title_or_notes_keeps_only_body_words(rendered: Any) -> None:
    view, doc = rendered
    runs = doc.runs["body"]
    text = doc.document.toPlainText()
    from_title = text.index(view.title)
    into_body = body_to_document(runs, view.body, 0, len("Brioni, 12 July"))
    assert into_body is not None
    assert document_to_body(runs, view.body, from_title, into_body[1]) == (
        0,
        len("Brioni, 12 July"),
    )
    notes_at = text.rindex("The telegram gives")
    last = view.body.index("own way.")
    start = body_to_document(runs, view.body, last, last + 3)
    assert start is not None
    span = document_to_body(runs, view.body, start[0], notes_at + 5)
    assert span == (last, len(view.body))
    # nothing of the body selected: no span
    assert document_to_body(runs, view.body, from_title, from_title + 5) is None


def test_trim_drops_the_spaces_a_mouse_picks_up() -> None:
    body = "one  two \n\nthree"
    assert trim(body, 3, 9) == (5, 8)
    assert trim(body, 8, 11) is None
