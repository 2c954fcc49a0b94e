"""Render the sample collection's facsimile attachments.

Every facsimile is made here, from the text of a sample record that was itself
written for Reading Room: no archival or copyrighted image is involved.

    . /work/venv-scratch/bin/activate            # any environment with PySide6
    QT_QPA_PLATFORM=offscreen python data/sample/make_facsimiles.py

Writes into ``data/sample/facsimiles/``:

* ``018-typescript.pdf`` — a two-page "typewritten" PDF of record 018;
* ``039-page1.png``, ``039-page2.png`` — two 1000×1400 8-bit grayscale page
  images of record 039.

The output is deterministic for a given font (a fixed random seed drives the
typewriter jitter). The script uses the first monospace family it finds from
``FONT_FAMILIES``; on a machine with only DejaVu fonts that is DejaVu Sans Mono.
"""

from __future__ import annotations

import json
import os
import random
import sys
import textwrap
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QMarginsF, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import (  # noqa: E402
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

HERE = Path(__file__).resolve().parent
DATA_FILE = HERE / "soviet-yugoslav-1954-1962.jsonl"
OUT_DIR = HERE / "facsimiles"
COLLECTION = "sample-yugoslavia-1954-1962"

LETTERHEAD = "SAMPLE FACSIMILE — written for Reading Room"
FONT_FAMILIES = (
    "Courier Prime",
    "FreeMono",
    "Nimbus Mono PS",
    "Liberation Mono",
    "Courier New",
    "DejaVu Sans Mono",
)

PDF_RECORD = "018"
PNG_RECORD = "039"
PNG_SIZE = (1000, 1400)
PAPER_GRAY = 236  # off-white paper tone for the PNG pages


def load_records() -> dict[str, dict]:
    records: dict[str, dict] = {}
    with DATA_FILE.open(encoding="utf-8") as handle:
        for line in handle:
            obj = json.loads(line)
            if "ref" in obj:
                records[obj["ref"].rsplit("/", 1)[-1]] = obj
    return records


def typewriter_family() -> str:
    available = set(QFontDatabase.families())
    for family in FONT_FAMILIES:
        if family in available:
            return family
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()


def strip_note_marks(text: str) -> str:
    return text.replace("[1]", "")


def telegram_lines(record: dict, heading: list[str], width: int) -> list[str]:
    """The record as typed lines: a heading block, then wrapped paragraphs."""
    lines = list(heading) + ["", "-" * width, ""]
    for paragraph in strip_note_marks(record["text"]).split("\n\n"):
        lines.extend(textwrap.wrap(paragraph, width=width) or [""])
        lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return lines


def paginate(lines: list[str], per_page: int, pages: int) -> list[list[str]]:
    """Split lines over exactly two pages: fill the first, breaking at a blank line."""
    if pages != 2:
        raise ValueError("only two-page facsimiles are made here")
    if len(lines) > per_page * pages:
        raise SystemExit(
            f"text needs more than {pages} pages ({len(lines)} lines, {per_page} per page)"
        )
    cut = min(per_page, len(lines) - 1)
    for candidate in range(cut, 0, -1):
        if not lines[candidate - 1] and len(lines) - candidate <= per_page:
            cut = candidate
            break
    first, second = lines[:cut], lines[cut:]
    while first and not first[-1]:
        first.pop()
    while second and not second[0]:
        second.pop(0)
    if not second:
        raise SystemExit("text fits on one page; expected two")
    return [first, second]


class Typist:
    """Types text with a small, seeded typewriter wobble in baseline and ink.

    Strokes are collected per ink tone and drawn by ``flush()``, so the pen is
    set only a few times per page; within one tone, strokes keep their order.
    With a single tone (as for the PDF) the text stays in reading order, which
    keeps the PDF's extracted text readable. (Calling ``QPainter.setPen`` thousands of
    times trips a reference-counting bug in some PySide6 releases that crashes
    the interpreter at exit.)
    """

    TONES = (-20, -5, 10, 25)

    def __init__(
        self,
        painter: QPainter,
        font: QFont,
        seed: int,
        ink: int,
        jitter: float,
        tones: tuple[int, ...] = TONES,
    ) -> None:
        self.painter = painter
        self.tones = tones
        self.font = font
        self.metrics = QFontMetricsF(font)
        self.advance = self.metrics.horizontalAdvance("M")
        self.rng = random.Random(seed)
        self.ink = ink
        self.jitter = jitter
        self.strokes: dict[int, list[tuple[QPointF, str]]] = {}

    def _add(self, point: QPointF, text: str) -> None:
        tone = max(0, min(255, self.ink + self.rng.choice(self.tones)))
        self.strokes.setdefault(tone, []).append((point, text))

    def line(self, x: float, y: float, text: str) -> None:
        """One character at a time (for page images)."""
        line_shift = self.rng.uniform(-self.jitter, self.jitter) * 0.6
        for index, char in enumerate(text):
            if char == " ":
                continue
            dx = self.rng.uniform(-self.jitter, self.jitter) * 0.5
            dy = line_shift + self.rng.uniform(-self.jitter, self.jitter)
            self._add(QPointF(x + index * self.advance + dx, y + dy), char)

    def whole_line(self, x: float, y: float, text: str) -> None:
        """One line in one stroke, so that PDF text extraction keeps words intact."""
        dx = self.rng.uniform(-self.jitter, self.jitter) * 0.5
        dy = self.rng.uniform(-self.jitter, self.jitter)
        self._add(QPointF(x + dx, y + dy), text)

    def centred(self, centre_x: float, y: float, text: str, whole: bool = False) -> None:
        left = centre_x - len(text) * self.advance / 2
        (self.whole_line if whole else self.line)(left, y, text)

    def flush(self) -> None:
        self.painter.setFont(self.font)
        for tone, strokes in sorted(self.strokes.items()):
            self.painter.setPen(QColor(tone, tone, tone))
            for point, text in strokes:
                self.painter.drawText(point, text)
        self.strokes.clear()


def render_pdf(record: dict, family: str) -> Path:
    OUT_DIR.mkdir(exist_ok=True)
    path = OUT_DIR / f"{PDF_RECORD}-typescript.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    writer.setTitle(f"{record['title']} — sample facsimile")
    writer.setCreator("Reading Room sample data (data/sample/make_facsimiles.py)")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
        )
    )
    dpi = writer.resolution()
    page_w = writer.width()
    page_h = writer.height()
    margin_x = 0.9 * dpi
    top = 0.8 * dpi

    # pixel sizes at the writer's resolution, so that QFontMetricsF measures what is drawn
    font = QFont(family)
    font.setPixelSize(round(11 / 72 * dpi))
    painter = QPainter(writer)
    typist = Typist(painter, font, seed=1956_11_04, ink=30, jitter=dpi * 0.004, tones=(0,))
    line_h = typist.metrics.lineSpacing() * 1.25
    width = int((page_w - 2 * margin_x) // typist.advance)

    small = QFont(family)
    small.setPixelSize(round(8.5 / 72 * dpi))
    heading = [
        "FEDERAL PEOPLE'S REPUBLIC OF YUGOSLAVIA — EMBASSY IN BUDAPEST",
        "CIPHER TELEGRAM (ENGLISH TRANSLATION)",
        "",
        "TO:    State Secretariat for Foreign Affairs, Belgrade",
        f"DATE:  {record['date']}",
        f"REF:   {record['ref']}",
    ]
    lines = telegram_lines(record, heading, width)
    body_top = top + 0.55 * dpi
    per_page = int((page_h - body_top - 1.0 * dpi) // line_h)
    pages = paginate(lines, per_page, 2)

    for number, page_lines in enumerate(pages, 1):
        if number > 1:
            writer.newPage()
        painter.setFont(small)
        painter.setPen(QPen(QColor(90, 90, 90)))
        painter.drawText(
            QRectF(0, top - 0.35 * dpi, page_w, 0.3 * dpi), Qt.AlignmentFlag.AlignCenter, LETTERHEAD
        )
        painter.drawLine(QPointF(margin_x, top), QPointF(page_w - margin_x, top))
        painter.setFont(font)
        y = body_top
        for text in page_lines:
            typist.whole_line(margin_x, y, text)
            y += line_h
        typist.centred(page_w / 2, page_h - 0.6 * dpi, f"- {number} -", whole=True)
        typist.flush()
    painter.end()
    return path


def render_pngs(record: dict, family: str) -> list[Path]:
    OUT_DIR.mkdir(exist_ok=True)
    width_px, height_px = PNG_SIZE
    margin_x, top, bottom = 95, 120, 130
    font = QFont(family)
    font.setPixelSize(21)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    metrics = QFontMetricsF(font)
    line_h = metrics.lineSpacing() * 1.28
    chars = int((width_px - 2 * margin_x) // metrics.horizontalAdvance("M"))

    heading = [
        "DEPARTMENT OF STATE — INCOMING TELEGRAM",
        "",
        "FROM:    AmEmbassy BELGRADE",
        "TO:      Secretary of State",
        f"DATE:    {record['date']}",
        f"REF:     {record['ref']}",
    ]
    lines = telegram_lines(record, heading, chars)
    body_top = top + 70
    per_page = int((height_px - body_top - bottom) // line_h)
    pages = paginate(lines, per_page, 2)

    paths = []
    for number, page_lines in enumerate(pages, 1):
        image = QImage(width_px, height_px, QImage.Format.Format_RGB32)
        image.fill(QColor(PAPER_GRAY, PAPER_GRAY, PAPER_GRAY - 6))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        # a faint fold across the middle of the sheet
        painter.setPen(QPen(QColor(222, 222, 218), 2))
        painter.drawLine(0, height_px // 2, width_px, height_px // 2)
        small = QFont(family)
        small.setPixelSize(15)
        painter.setFont(small)
        painter.setPen(QPen(QColor(105, 105, 105)))
        painter.drawText(
            QRectF(0, top - 62, width_px, 30), Qt.AlignmentFlag.AlignCenter, LETTERHEAD
        )
        painter.drawLine(margin_x, top - 22, width_px - margin_x, top - 22)
        typist = Typist(painter, font, seed=1961_08_31 + number, ink=45, jitter=0.9)
        y = body_top
        for text in page_lines:
            typist.line(margin_x, y, text)
            y += line_h
        typist.centred(width_px / 2, height_px - 70, f"- {number} -")
        typist.flush()
        painter.end()
        gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
        path = OUT_DIR / f"{PNG_RECORD}-page{number}.png"
        if not gray.save(str(path), "PNG", 9):
            raise SystemExit(f"could not write {path}")
        paths.append(path)
    return paths


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    records = load_records()
    family = typewriter_family()
    made = [render_pdf(records[PDF_RECORD], family), *render_pngs(records[PNG_RECORD], family)]
    for path in made:
        print(f"{path.relative_to(HERE)}  {path.stat().st_size // 1024} KB  ({family})")
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
