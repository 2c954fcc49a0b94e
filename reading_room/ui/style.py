"""Colours derived from the palette, never hard-coded, so dark mode reads as well as light.

The system palette is followed as it is; only a few colours of our own are
needed (muted text, the marker behind matched words, an error tint), and each
is mixed from palette roles or given a lightness that suits the palette.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from ..core import paths


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved towards ``b`` by ``amount`` (0 → a, 1 → b)."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
        1.0,
    )


def muted(palette: QPalette, group: QPalette.ColorGroup = QPalette.ColorGroup.Active) -> QColor:
    """Secondary text (dates, collections, counts): text faded towards the background."""
    return mix(
        palette.color(group, QPalette.ColorRole.Text),
        palette.color(group, QPalette.ColorRole.Base),
        0.38,
    )


def marker(palette: QPalette) -> QColor:
    """The highlighter behind matched words: a warm marker, pale on light, deep on dark."""
    return QColor.fromHsl(46, 230, 70) if is_dark(palette) else QColor.fromHsl(48, 255, 190)


def marker_selected(palette: QPalette) -> QColor:
    """Matched words on a selected row: the selection colour, lifted towards its text."""
    return mix(
        palette.color(QPalette.ColorRole.Highlight),
        palette.color(QPalette.ColorRole.HighlightedText),
        0.3,
    )


def marker_text(palette: QPalette) -> QColor:
    """Words on the marker: the text colour, readable on it in light and dark palettes."""
    return palette.color(QPalette.ColorRole.Text)


def annotation(palette: QPalette) -> QColor:
    """Behind a passage I annotated: a soft green, never taken for a search match's marker."""
    return QColor.fromHsl(140, 70, 58) if is_dark(palette) else QColor.fromHsl(120, 110, 224)


def annotation_current(palette: QPalette) -> QColor:
    """The annotated passage whose note is open: the same green, stronger."""
    return QColor.fromHsl(140, 95, 84) if is_dark(palette) else QColor.fromHsl(120, 120, 196)


def annotation_line(palette: QPalette) -> QColor:
    """The line under an annotated passage (it stays visible under a search match)."""
    return QColor.fromHsl(140, 130, 140) if is_dark(palette) else QColor.fromHsl(130, 150, 80)


def star(palette: QPalette) -> QColor:
    """A bookmarked document's star: gold, deep enough on light, bright enough on dark."""
    return QColor.fromHsl(43, 230, 150) if is_dark(palette) else QColor.fromHsl(40, 230, 105)


def error(palette: QPalette) -> QColor:
    """An error tint readable on the window background."""
    return QColor.fromHsl(2, 170, 165) if is_dark(palette) else QColor.fromHsl(2, 190, 95)


def error_background(palette: QPalette) -> QColor:
    return mix(palette.color(QPalette.ColorRole.Window), error(palette), 0.16)


def info_background(palette: QPalette) -> QColor:
    return mix(
        palette.color(QPalette.ColorRole.Window), palette.color(QPalette.ColorRole.Highlight), 0.12
    )


def stylesheet() -> str:
    """The application's small stylesheet (resources/style/reading-room.qss), palette-based."""
    path = paths.resources_dir() / "style" / "reading-room.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""
