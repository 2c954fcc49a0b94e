"""Between a document's body, where passage notes point, and the laid-out text on screen.

A passage note keeps offsets into ``DocumentView.body`` (Python string indices). The
document view shows the body after the title, the metadata and the summary, split into
paragraphs, its footnote markers made links; Qt counts positions in UTF-16 units. The
builder remembers where each run of body text went (``RenderedDocument.runs["body"]``),
and these two functions carry a span across in either direction through those runs. No
widget here: only the runs and the body.
"""

from __future__ import annotations

from collections.abc import Sequence

Run = tuple[int, int, int]  # (offset in the body, position in the document, length)
Span = tuple[int, int]


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _utf16_to_index(text: str, units: int) -> int:
    """How many characters of ``text`` fill ``units`` UTF-16 units (never splitting one)."""
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def body_to_document(runs: Sequence[Run], body: str, start: int, end: int) -> Span | None:
    """Document positions of ``body[start:end]``; None when none of it is shown."""
    if end <= start:
        return None
    doc_start = doc_end = None
    for offset, position, length in runs:
        run_end = offset + length
        if doc_start is None and start < run_end:
            skipped = max(start, offset) - offset
            doc_start = position + utf16_length(body[offset : offset + skipped])
        if offset < end:
            taken = min(end, run_end) - offset
            doc_end = position + utf16_length(body[offset : offset + taken])
    if doc_start is None or doc_end is None or doc_end <= doc_start:
        return None
    return doc_start, doc_end


def document_to_body(runs: Sequence[Run], body: str, doc_start: int, doc_end: int) -> Span | None:
    """The body offsets of the document span ``doc_start:doc_end`` (a selection), clipped to
    the body: a selection running into the title or the notes keeps only its body words."""
    if doc_end <= doc_start:
        return None
    start = end = None
    for offset, position, length in runs:
        text = body[offset : offset + length]
        run_doc_end = position + utf16_length(text)
        if start is None and doc_start < run_doc_end:
            start = offset + _utf16_to_index(text, max(0, doc_start - position))
        if position < doc_end:
            end = offset + _utf16_to_index(text, min(doc_end, run_doc_end) - position)
    if start is None or end is None or end <= start:
        return None
    return start, end


def trim(body: str, start: int, end: int) -> Span | None:
    """The span without the spaces and line breaks a mouse selection picks up at its ends."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None
