"""Line icons from resources/icons, drawn in the palette's own text colour.

The SVGs use ``currentColor``; each is rendered with the colour of the palette
it is shown on (normal and disabled), so icons follow light and dark palettes.

Rendering an icon draws its SVG at four sizes (a few milliseconds), and the
facet lists, the results' stars and the document's star ask for the same few
icons on every search and every document: each icon is rendered once per name
and colours and then handed out again (a ``QIcon`` is an implicitly shared value).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QToolButton, QWidget

from ..core import paths

SIZES = (16, 20, 24, 32)
CACHED = 64  # icons kept (a name in a few colours each; palettes rarely change)

_icons: OrderedDict[tuple, QIcon | tuple[QIcon, QIcon]] = OrderedDict()


def _cached(key: tuple, make: Callable[[], QIcon | tuple[QIcon, QIcon]]) -> Any:
    found = _icons.get(key)
    if found is None:
        found = _icons[key] = make()
        while len(_icons) > CACHED:
            _icons.popitem(last=False)
    else:
        _icons.move_to_end(key)
    return found


def clear_cache() -> None:
    _icons.clear()


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
    normal = palette.color(QPalette.ColorGroup.Active, role)
    disabled = palette.color(QPalette.ColorGroup.Disabled, role)

    def make() -> QIcon:
        result = QIcon()
        for size in SIZES:
            result.addPixmap(_pixmap(name, normal, size), QIcon.Mode.Normal)
            result.addPixmap(_pixmap(name, disabled, size), QIcon.Mode.Disabled)
        return result

    return _cached(("icon", name, normal.rgba(), disabled.rgba()), make)


def tinted(name: str, colour: QColor) -> QIcon:
    """``name`` in one given colour (e.g. the error tint)."""

    def make() -> QIcon:
        result = QIcon()
        for size in SIZES:
            result.addPixmap(_pixmap(name, colour, size))
        return result

    return _cached(("tinted", name, colour.rgba()), make)


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

    def make() -> tuple[QIcon, QIcon]:
        off, on = QIcon(), QIcon()
        for size in SIZES:
            off.addPixmap(_pixmap("check-off", frame, size))
            on.addPixmap(_pixmap("check-on", accent, size, contrast=mark))
        return off, on

    return _cached(("check", frame.rgba(), accent.rgba(), mark.rgba()), make)


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
