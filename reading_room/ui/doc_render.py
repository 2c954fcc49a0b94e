"""A document laid out for reading (and printing) as a QTextDocument.

Built with a text cursor rather than HTML so that every character of the title,
summary, body and notes sits at a known position: the search highlights and the
footnote links are placed by character offsets, never by parsing markup back.
"""

from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFrameFormat,
    QTextLength,
    QTextTableFormat,
)

if TYPE_CHECKING:
    from reading_room.core.library import DocumentView

translate = QCoreApplication.translate

SERIF = ["Source Serif 4", "Charter", "Georgia", "DejaVu Serif", "Noto Serif", "serif"]
SANS = ["Inter", "Segoe UI", "Noto Sans", "DejaVu Sans", "sans-serif"]
MONO = ["DejaVu Sans Mono", "Consolas", "Menlo", "monospace"]
PARTS = ("title", "summary", "body", "notes")
LINK_SCHEME = "rr-link"
NOTE_SCHEME = "rr-note"
NOTE_ANCHOR = "note-"
NOTES_ANCHOR = "notes"
MAX_TOOLTIP = 700

_NOTE_START = re.compile(r"(?m)^[ \t]*\[(\w{1,4})\][ \t]*")
_MARKER = re.compile(r"\[(\w{1,4})\]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class LinkTarget:
    """What a link in the document does: start a search for a field's value."""

    field: str
    value: str


@dataclass(frozen=True)
class Colours:
    text: QColor
    muted: QColor
    link: QColor
    panel: QColor
    rule: QColor

    @classmethod
    def from_palette(cls, palette: QPalette) -> Colours:
        text = palette.color(QPalette.ColorRole.Text)
        base = palette.color(QPalette.ColorRole.Base)
        link = palette.color(QPalette.ColorRole.Link)
        # a dark theme may keep a dark-blue link: lift it towards the text; otherwise a little
        # of the text colour takes the glare off a pure #0000ff
        link = blend(link, text, 0.55 if contrast(link, base) < 4.5 else 0.22)
        return cls(
            text=text,
            muted=blend(base, text, 0.62),
            link=link,
            panel=blend(base, text, 0.045),
            rule=blend(base, text, 0.18),
        )

    @classmethod
    def for_print(cls) -> Colours:
        return cls(
            text=QColor("#111111"),
            muted=QColor("#555555"),
            link=QColor("#1a4f8b"),
            panel=QColor("#f3f3f1"),
            rule=QColor("#cccccc"),
        )


def blend(a: QColor, b: QColor, t: float) -> QColor:
    """``a`` moved a fraction ``t`` of the way to ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@dataclass
class RenderedDocument:
    """The laid-out document and where each part of the source text landed in it."""

    document: QTextDocument
    links: list[LinkTarget] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)
    tooltips: dict[str, str] = field(default_factory=dict)  # href → what hovering it shows
    # per part: runs of (offset in the part's text, position in the document, length)
    runs: dict[str, list[tuple[int, int, int]]] = field(default_factory=dict)
    _offsets: dict[str, list[int]] = field(default_factory=dict, repr=False)  # runs' starts

    def position(self, part: str, start: int, end: int) -> tuple[int, int] | None:
        """Document positions of the span ``start:end`` of a part's text."""
        runs = self.runs.get(part) or []
        if not runs or end <= start:
            return None
        offsets = self._offsets.get(part)
        if offsets is None or len(offsets) != len(runs):
            offsets = self._offsets[part] = [run[0] for run in runs]
        first = max(0, bisect.bisect_right(offsets, start) - 1)
        offset, pos, length = runs[first]
        if start >= offset + length:  # in a gap (a paragraph break): begin at the next run
            if first + 1 >= len(runs):
                return None
            first += 1
            offset, pos, length = runs[first]
            start = offset
        doc_start = pos + (start - offset)
        last = max(0, bisect.bisect_right(offsets, end - 1) - 1)
        offset, pos, length = runs[last]
        doc_end = pos + min(end - offset, length)
        return (doc_start, doc_end) if doc_end > doc_start else None


def fonts(families: list[str], point_size: float, *, weight: QFont.Weight | None = None) -> QFont:
    font = QFont()
    font.setFamilies(families)
    font.setPointSizeF(point_size)
    if weight is not None:
        font.setWeight(weight)
    return font


def parse_notes(notes: str) -> tuple[dict[str, str], list[tuple[str | None, int, int]]]:
    """Footnotes by marker (``"1"`` → its text) and the notes' paragraphs as
    (marker or None, start, end) spans of ``notes``."""
    paragraphs: list[tuple[str | None, int, int]] = []
    texts: dict[str, str] = {}
    starts = list(_NOTE_START.finditer(notes))
    cursor = 0
    for i, match in enumerate(starts):
        if match.start() > cursor:
            paragraphs.extend((None, a, b) for a, b in _paragraphs(notes, cursor, match.start()))
        end = starts[i + 1].start() if i + 1 < len(starts) else len(notes)
        key = match.group(1)
        stripped_end = len(notes[:end].rstrip())
        paragraphs.append((key, match.start() + _leading(notes, match.start()), stripped_end))
        texts.setdefault(key, " ".join(notes[match.end() : end].split()))
        cursor = end
    if cursor < len(notes):
        paragraphs.extend((None, a, b) for a, b in _paragraphs(notes, cursor, len(notes)))
    return texts, paragraphs


def _leading(text: str, start: int) -> int:
    return len(text[start:]) - len(text[start:].lstrip(" \t"))


def _paragraphs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of the paragraphs (separated by blank lines) of ``text[start:end]``."""
    spans = []
    cursor = start
    for match in _PARAGRAPH_BREAK.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    result = []
    for a, b in spans:
        chunk = text[a:b]
        a += len(chunk) - len(chunk.lstrip())
        b -= len(chunk) - len(chunk.rstrip())
        if b > a:
            result.append((a, b))
    return result


def display_date(view: DocumentView) -> str:
    """The normalised date as a reader checks it: ``1918-01-03``, ``1956-10``, ``1937 – 1989``."""
    if not view.date_start:
        return translate("DocumentView", "undated")
    start, end = view.date_start, view.date_end or view.date_start
    text = _iso_span(start, end, view.date_precision)
    if not view.date_certain:
        text = translate("DocumentView", "circa %1").replace("%1", text)
    return text


def _iso_span(start: str, end: str, precision: str | None) -> str:
    if precision == "day" or start == end:
        return start
    try:
        sy, sm, sd = (int(p) for p in start.split("-"))
        ey, em, ed = (int(p) for p in end.split("-"))
    except ValueError:
        return f"{start} – {end}"
    whole_months = sd == 1 and ed == calendar.monthrange(ey, em)[1]
    if whole_months and sm == 1 and em == 12:
        return start[:4] if sy == ey else f"{start[:4]} – {end[:4]}"
    if whole_months:
        return start[:7] if (sy, sm) == (ey, em) else f"{start[:7]} – {end[:7]}"
    return f"{start} – {end}"


class DocumentBuilder:
    """Writes one DocumentView into a QTextDocument, remembering where each part went."""

    def __init__(self, colours: Colours, point_size: float) -> None:
        self.colours = colours
        self.size = point_size
        self.document = QTextDocument()
        self.document.setUndoRedoEnabled(False)  # read, never edited: nothing to undo
        self.document.setDocumentMargin(max(12.0, point_size * 1.6))
        self.document.setDefaultFont(fonts(SERIF, point_size))
        root = self.document.rootFrame().frameFormat()
        root.setTopMargin(point_size * 2.2)
        root.setBottomMargin(point_size * 3)
        self.document.rootFrame().setFrameFormat(root)
        self.cursor = QTextCursor(self.document)
        self.result = RenderedDocument(self.document)
        self._reuse_block = True  # the next block goes into the empty block the cursor is in

    # -- formats ----------------------------------------------------------------------------
    def char(
        self,
        families: list[str] | None = None,
        scale: float = 1.0,
        *,
        colour: QColor | None = None,
        bold: bool = False,
        italic: bool = False,
    ) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setFont(fonts(families or SERIF, self.size * scale))
        fmt.setForeground(colour or self.colours.text)
        if bold:
            fmt.setFontWeight(QFont.Weight.DemiBold)
        fmt.setFontItalic(italic)
        return fmt

    def link(self, base: QTextCharFormat, href: str, tooltip: str) -> QTextCharFormat:
        fmt = QTextCharFormat(base)
        fmt.setAnchor(True)
        fmt.setAnchorHref(href)
        fmt.setForeground(self.colours.link)
        fmt.setToolTip(tooltip)
        self.result.tooltips.setdefault(href, tooltip)
        return fmt

    def block(
        self, *, top: float = 0.0, bottom: float = 0.0, line_height: int = 100
    ) -> QTextBlockFormat:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(top * self.size)
        fmt.setBottomMargin(bottom * self.size)
        if line_height != 100:
            fmt.setLineHeight(
                line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
            )
        return fmt

    def new_block(self, block: QTextBlockFormat, char: QTextCharFormat) -> None:
        if self._reuse_block:
            self.cursor.setBlockFormat(block)
            self.cursor.setBlockCharFormat(char)
            self._reuse_block = False
        else:
            self.cursor.insertBlock(block, char)

    def after_frame(self) -> None:
        """Continue below a table or frame, in the empty block Qt keeps after it."""
        self.cursor.movePosition(QTextCursor.MoveOperation.End)
        self._reuse_block = True

    def add_run(self, part: str, offset: int, text: str, fmt: QTextCharFormat) -> None:
        """Insert source text, one character for one, and note where it went."""
        text = text.replace("\r", " ").replace("\n", "\u2028").replace("\u2029", "\u2028")
        self.result.runs.setdefault(part, []).append((offset, self.cursor.position(), len(text)))
        self.cursor.insertText(text, fmt)

    # -- the document -----------------------------------------------------------------------
    def build(self, view: DocumentView) -> RenderedDocument:
        self.cursor.beginEditBlock()  # one change for the layout, not one per run of text
        try:
            self._build(view)
        finally:
            self.cursor.endEditBlock()
        return self.result

    def _build(self, view: DocumentView) -> None:
        self.result.notes, note_paragraphs = parse_notes(view.notes)
        self.title(view)
        self.dateline(view)
        self.metadata(view)
        if view.summary.strip():
            self.summary(view.summary)
        if view.body.strip():
            self.heading(translate("DocumentView", "Text"))
            self.text("body", view.body, self.char(), line_height=145)
        if view.notes.strip():
            self.notes(view.notes, note_paragraphs)

    def title(self, view: DocumentView) -> None:
        fmt = self.char(SERIF, 1.45, bold=True)
        self.new_block(self.block(bottom=0.35, line_height=118), fmt)
        if view.title:
            self.add_run("title", 0, view.title, fmt)
        else:
            self.cursor.insertText(view.ref, fmt)

    def dateline(self, view: DocumentView) -> None:
        plain = self.char(SANS, 0.95)
        muted = self.char(SANS, 0.95, colour=self.colours.muted)
        self.new_block(self.block(bottom=0.9), plain)
        normalised = display_date(view)
        if view.date_text.strip():
            self.cursor.insertText(" ".join(view.date_text.split()), plain)
            if normalised != view.date_text.strip():
                self.cursor.insertText("  ·  " + normalised, muted)
        else:
            self.cursor.insertText(normalised, muted if not view.date_start else plain)
        if view.date_flag:
            flag = self.char(SANS, 0.85, colour=self.colours.muted, italic=True)
            self.cursor.insertText("   (" + view.date_flag + ")", flag)

    def metadata(self, view: DocumentView) -> None:
        # per row: label, values as (shown, field searched or None, value searched), font
        Value = tuple[str, str | None, str]
        rows: list[tuple[str, list[Value], list[str]]] = []

        def row(label: str, values: list[Value], families: list[str] = SANS) -> None:
            values = [v for v in values if v[0].strip()]
            if values:
                rows.append((label, values, families))

        def plain(text: str) -> list[Value]:
            return [(" ".join(text.split()), None, "")]

        def linked(field_name: str, values: tuple[str, ...] | list[str]) -> list[Value]:
            return [(v, field_name, v) for v in values]

        tr = translate
        row(tr("DocumentView", "Reference"), [(view.ref, None, "")], MONO)
        collection = view.collection_title or view.collection_id
        row(tr("DocumentView", "Collection"), [(collection, "collection", view.collection_id)])
        row(tr("DocumentView", "Section"), plain(view.section))
        container = view.extra.get("container") if isinstance(view.extra, dict) else None
        if isinstance(container, str):
            row(tr("DocumentView", "Printed in"), plain(container))
        row(tr("DocumentView", "Source"), plain(view.source))
        row(tr("DocumentView", "Place written"), plain(view.place))
        row(
            tr("DocumentView", "Language"),
            [(language_name(view.language), "language", view.language)],
        )
        row(tr("DocumentView", "Type"), linked("type", [view.doc_type]))
        row(tr("DocumentView", "Persons"), linked("person", view.persons))
        row(tr("DocumentView", "Places"), linked("place", view.places))
        row(tr("DocumentView", "Subjects"), linked("subject", view.subjects))
        if not rows:
            return

        table_format = QTextTableFormat()
        table_format.setBorder(0)
        table_format.setCellPadding(0)
        table_format.setCellSpacing(0)
        table_format.setBottomMargin(self.size * 0.9)
        table_format.setColumnWidthConstraints(
            [
                QTextLength(QTextLength.Type.FixedLength, self.size * 9.5),
                QTextLength(QTextLength.Type.VariableLength, 0),
            ]
        )
        self.new_block(self.block(), self.char(SANS, 0.9))
        table = self.cursor.insertTable(len(rows), 2, table_format)
        label_fmt = self.char(SANS, 0.88, colour=self.colours.muted)
        cell_block = self.block(bottom=0.3)
        for number, (label, values, families) in enumerate(rows):
            cursor = table.cellAt(number, 0).firstCursorPosition()
            cursor.setBlockFormat(cell_block)
            cursor.insertText(label, label_fmt)
            cursor = table.cellAt(number, 1).firstCursorPosition()
            cursor.setBlockFormat(cell_block)
            value_fmt = self.char(families, 0.9 if families is not MONO else 0.86)
            for i, (shown, field_name, value) in enumerate(values):
                if i:
                    cursor.insertText("  ·  ", self.char(SANS, 0.9, colour=self.colours.muted))
                if field_name is None:
                    cursor.insertText(shown, value_fmt)
                    continue
                self.result.links.append(LinkTarget(field_name, value))
                href = f"{LINK_SCHEME}:{len(self.result.links) - 1}"
                tip = tr("DocumentView", "Search for documents with %1 “%2”")
                tip = tip.replace("%1", _field_words(field_name)).replace("%2", shown)
                cursor.insertText(shown, self.link(value_fmt, href, tip))
        self.after_frame()

    def heading(self, text: str, anchor: str = "") -> None:
        fmt = self.char(SANS, 0.8, colour=self.colours.muted, bold=True)
        fmt.setFontCapitalization(QFont.Capitalization.AllUppercase)
        fmt.setFontLetterSpacing(108)
        if anchor:
            fmt.setAnchor(True)
            fmt.setAnchorNames([anchor])
        self.new_block(self.block(top=1.1, bottom=0.45), fmt)
        self.cursor.insertText(text, fmt)

    def summary(self, summary: str) -> None:
        self.heading(translate("DocumentView", "Summary"))
        frame = QTextFrameFormat()
        frame.setBackground(self.colours.panel)
        frame.setPadding(self.size * 0.8)
        frame.setBorder(0)
        frame.setMargin(0)
        self.cursor.insertFrame(frame)
        self._reuse_block = True
        self.text("summary", summary, self.char(SERIF, 0.97), line_height=135, framed=True)
        self.after_frame()

    def text(
        self,
        part: str,
        text: str,
        fmt: QTextCharFormat,
        *,
        line_height: int = 100,
        framed: bool = False,
    ) -> None:
        block = self.block(bottom=0.7, line_height=line_height)
        for start, end in _paragraphs(text, 0, len(text)):
            self.new_block(block, fmt)
            self.paragraph(part, text, start, end, fmt)
        if framed:  # no space below the last paragraph inside the frame's padding
            self.cursor.setBlockFormat(self.block(line_height=line_height))

    def paragraph(self, part: str, text: str, start: int, end: int, fmt: QTextCharFormat) -> None:
        """One paragraph, its footnote markers made links to their notes."""
        notes = self.result.notes
        cursor = start
        for match in _MARKER.finditer(text, start, end):
            key = match.group(1)
            if key not in notes or part == "notes":
                continue
            if match.start() > cursor:
                self.add_run(part, cursor, text[cursor : match.start()], fmt)
            marker = self.link(fmt, f"{NOTE_SCHEME}:{key}", _shorten(notes[key]))
            marker.setVerticalAlignment(QTextCharFormat.VerticalAlignment.AlignSuperScript)
            self.add_run(part, match.start(), match.group(), marker)
            cursor = match.end()
        if end > cursor:
            self.add_run(part, cursor, text[cursor:end], fmt)

    def notes(self, notes: str, paragraphs: list[tuple[str | None, int, int]]) -> None:
        self.heading(translate("DocumentView", "Notes"), NOTES_ANCHOR)
        fmt = self.char(SERIF, 0.88)
        block = self.block(bottom=0.5, line_height=130)
        for key, start, end in paragraphs:
            self.new_block(block, fmt)
            if key is None:
                self.paragraph("notes", notes, start, end, fmt)
                continue
            marker_end = notes.index("]", start) + 1
            marker = self.char(SERIF, 0.88, bold=True)
            marker.setAnchor(True)
            marker.setAnchorNames([NOTE_ANCHOR + key])
            self.add_run("notes", start, notes[start:marker_end], marker)
            self.paragraph("notes", notes, marker_end, end, fmt)


def _field_words(field_name: str) -> str:
    words = {
        "person": translate("DocumentView", "the person"),
        "place": translate("DocumentView", "the place"),
        "subject": translate("DocumentView", "the subject"),
        "collection": translate("DocumentView", "the collection"),
        "language": translate("DocumentView", "the language"),
        "type": translate("DocumentView", "the type"),
    }
    return words.get(field_name, field_name)


def language_name(code: str) -> str:
    """``ru`` → Russian; anything that is not a language code is shown as it is."""
    value = code.strip()
    if 2 <= len(value) <= 3 and value.isalpha():
        locale = QLocale(value.lower())
        if locale.language() != QLocale.Language.C:
            return QLocale.languageToString(locale.language())
    return value


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_TOOLTIP else text[: MAX_TOOLTIP - 1].rstrip() + "…"


def build_document(view: DocumentView, colours: Colours, point_size: float) -> RenderedDocument:
    return DocumentBuilder(colours, point_size).build(view)
