"""Line icons from resources/icons, drawn in the palette's own text colour.

The SVGs use ``currentColor``; each is rendered with the colour of the palette
it is shown on (normal and disabled), so icons follow light and dark palettes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QToolButton, QWidget

from ..core import paths

SIZES = (16, 20, 24, 32)


@cache
def _svg(name: str) -> str:
    try:
        return (paths.resources_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")
    except OSError:
        return ""


def _pixmap(
    name: str, colour: QColor, size: int, ratio: float = 2.0, contrast: QColor | None = None
) -> QPixmap:
    source = _svg(name).replace("currentColor", colour.name())
    source = source.replace("contrastColor", (contrast or colour).name())
    pixmap = QPixmap(QSize(round(size * ratio), round(size * ratio)))
    pixmap.fill(Qt.GlobalColor.transparent)
    if source:
        renderer = QSvgRenderer(QByteArray(source.encode()))
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
        painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def icon(
    name: str, palette: QPalette, role: QPalette.ColorRole = QPalette.ColorRole.ButtonText
) -> QIcon:
    """``name`` (resources/icons/NAME.svg) in the palette's colour for ``role``."""
    result = QIcon()
    normal = palette.color(QPalette.ColorGroup.Active, role)
    disabled = palette.color(QPalette.ColorGroup.Disabled, role)
    for size in SIZES:
        result.addPixmap(_pixmap(name, normal, size), QIcon.Mode.Normal)
        result.addPixmap(_pixmap(name, disabled, size), QIcon.Mode.Disabled)
    return result


def tinted(name: str, colour: QColor) -> QIcon:
    """``name`` in one given colour (e.g. the error tint)."""
    result = QIcon()
    for size in SIZES:
        result.addPixmap(_pixmap(name, colour, size))
    return result


def check_icons(palette: QPalette) -> tuple[QIcon, QIcon]:
    """(unpicked, picked) boxes for facet values, visible on light and dark palettes alike.

    Fusion draws item-view check boxes in a frame derived from the window colour,
    which all but disappears on a dark base; these are drawn from the text and
    selection colours instead.
    """
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    frame = QColor.fromRgbF(
        text.redF() * 0.55 + base.redF() * 0.45,
        text.greenF() * 0.55 + base.greenF() * 0.45,
        text.blueF() * 0.55 + base.blueF() * 0.45,
    )
    accent = palette.color(QPalette.ColorRole.Highlight)
    mark = palette.color(QPalette.ColorRole.HighlightedText)
    off, on = QIcon(), QIcon()
    for size in SIZES:
        off.addPixmap(_pixmap("check-off", frame, size))
        on.addPixmap(_pixmap("check-on", accent, size, contrast=mark))
    return off, on


def app_icon() -> QIcon:
    path = paths.resources_dir() / "icons" / "reading-room.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


class IconButton(QToolButton):
    """A tool button whose line icon is redrawn when the palette changes."""

    def __init__(self, icon_name: str, tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.icon_name = icon_name
        self.setToolTip(tooltip)
        self.setAccessibleName(tooltip)
        self.setAutoRaise(True)
        self.setIconSize(QSize(16, 16))
        self._refresh_icon()

    def _refresh_icon(self) -> None:
        self.setIcon(icon(self.icon_name, self.palette()))

    def changeEvent(self, event) -> None:  # noqa: ANN001 - Qt override
        super().changeEvent(event)
        if event.type() == event.Type.PaletteChange:
            self._refresh_icon()
