"""TEI mixed content as plain text: paragraphs in reading order, footnotes apart.

The walk is one pass over the elements with a dictionary lookup per tag (no
XPath), because the same code turns a million documents into records in the
scale benchmark. Paragraphs are separated by a blank line; a ``<lb/>`` inside a
paragraph is a line break; a footnote leaves a marker like ``[3]`` where it is
cited and its text goes to the notes, ``[3] Not printed.``
"""

from __future__ import annotations

import re
from collections.abc import Callable

from lxml import etree

from ._common import XML_ID, clean

T = "{http://www.tei-c.org/ns/1.0}"
FRUS = "{http://history.state.gov/frus/ns/1.0}"

NOTE = T + "note"
_P = T + "p"
LB = T + "lb"
HEAD = T + "head"
DIV = T + "div"
PERS_NAME = T + "persName"
PLACE_NAME = T + "placeName"
DATE = T + "date"
DATELINE = T + "dateline"
ATTACHMENT = FRUS + "attachment"

_BREAK = "\ue000"  # a private-use character: survives str.split(), becomes "\n"
_BREAKS = re.compile(" ?\ue000(?: ?\ue000)* ?")

_INLINE, _PARA, _CONTAINER, _QUOTE, _LIST, _TABLE, _BREAK_KIND, _SKIP, _NOTE = range(9)

_KINDS: dict[str, int] = {}
for _name in (
    "p",
    "head",
    "dateline",
    "signed",
    "salute",
    "byline",
    "docAuthor",
    "trailer",
    "ab",
    "l",
    "label",
    "bibl",
    "docDate",
    "titlePart",
):
    _KINDS[T + _name] = _PARA
for _name in (
    "div",
    "opener",
    "closer",
    "postscript",
    "lg",
    "listBibl",
    "floatingText",
    "argument",
    "epigraph",
    "sp",
    "body",
    "front",
    "back",
    "titlePage",
    "docImprint",
):
    _KINDS[T + _name] = _CONTAINER
_KINDS[ATTACHMENT] = _CONTAINER
_KINDS[T + "quote"] = _QUOTE
_KINDS[T + "list"] = _LIST
_KINDS[T + "table"] = _TABLE
_KINDS[LB] = _BREAK_KIND
for _name in ("pb", "cb", "milestone", "figure", "graphic", "fw", "anchor", "media"):
    _KINDS[T + _name] = _SKIP
_KINDS[NOTE] = _NOTE

_CONTAINERS = frozenset(tag for tag, kind in _KINDS.items() if kind in (_CONTAINER, _LIST))
_PLAIN_SKIP = frozenset({NOTE, T + "pb", T + "figure", T + "fw"})


def _finish(parts: list[str]) -> str:
    text = " ".join("".join(parts).split())
    if _BREAK in text:
        text = _BREAKS.sub("\n", text).strip("\n ")
    return text


def plain(element: etree._Element) -> str:
    """The element's words on one line, without footnotes (for titles and names)."""
    parts: list[str] = []
    _plain(element, parts)
    return " ".join("".join(parts).split())


def _plain(element: etree._Element, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag
        if tag == LB:
            parts.append(" ")
        elif isinstance(tag, str) and tag not in _PLAIN_SKIP:
            _plain(child, parts)
        if child.tail:
            parts.append(child.tail)


class Text:
    """Paragraphs and notes of one document, built by walking its elements.

    ``skip`` decides which *direct* children of the walked element are left
    out (the document's own head and source notes, which become the title and
    the source).
    """

    __slots__ = ("paragraphs", "notes", "_buf", "_counter", "_deep")

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.notes: list[str] = []
        self._buf: list[str] = []
        self._counter = [0]  # footnotes without @n, shared with sub-walkers
        self._deep: Callable[[etree._Element], bool] | None = None

    # -- public --------------------------------------------------------------
    def walk(
        self,
        element: etree._Element,
        skip: Callable[[etree._Element], bool] | None = None,
        *,
        in_para: bool = False,
        deep: bool = False,
    ) -> Text:
        """Walk ``element``'s content; ``skip`` applies to its direct children, or
        with ``deep`` to every descendant."""
        self._deep = skip if deep else None
        self._children(element, in_para, skip)
        self._flush()
        return self

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    # -- walking -------------------------------------------------------------
    def _flush(self) -> None:
        if self._buf:
            text = _finish(self._buf)
            self._buf = []
            if text:
                self.paragraphs.append(text)

    def _children(
        self,
        element: etree._Element,
        in_para: bool,
        skip: Callable[[etree._Element], bool] | None = None,
    ) -> None:
        if element.text:
            self._buf.append(element.text)
        container = element.tag in _CONTAINERS
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or (skip is not None and skip(child)):
                pass
            else:
                kind = _KINDS.get(tag, _INLINE)
                if kind == _QUOTE:
                    kind = _INLINE if in_para else _CONTAINER
                elif kind == _NOTE and child.get("type") == "source":
                    kind = _PARA
                if kind == _PARA and in_para and tag != _P:
                    kind = _INLINE  # a bibl, label or date inside a paragraph runs on
                if kind == _INLINE:
                    self._children(child, in_para, self._deep)
                elif kind == _PARA:
                    self._flush()
                    self._children(child, True, self._deep)
                    self._flush()
                elif kind == _CONTAINER:
                    self._flush()
                    self._children(child, False, self._deep)
                    self._flush()
                elif kind == _NOTE:
                    marker = self._note(child)
                    if not container or in_para:
                        self._buf.append(f"[{marker}]")
                elif kind == _BREAK_KIND:
                    self._buf.append(_BREAK)
                elif kind == _LIST:
                    self._flush()
                    self._list(child)
                elif kind == _TABLE:
                    self._flush()
                    self._table(child)
            if child.tail:
                self._buf.append(child.tail)

    def sub(self) -> Text:
        """A walker sharing this one's notes, for a cell, an item or a note."""
        sub = Text()
        sub.notes = self.notes
        sub._counter = self._counter
        return sub

    def _note(self, note: etree._Element) -> str:
        self._counter[0] += 1
        marker = clean(note.get("n")) or str(self._counter[0])
        slot = len(self.notes)
        self.notes.append("")
        text = " ".join(self.sub().walk(note, in_para=True).paragraphs)
        self.notes[slot] = f"[{marker}] {text}".rstrip()
        return marker

    def _list(self, element: etree._Element) -> None:
        label = ""
        for child in element:
            tag = child.tag
            if tag == T + "label":
                label = plain(child)
            elif tag == T + "item" or tag == HEAD:
                items = self.sub().walk(child, in_para=True).paragraphs or [""]
                if label:
                    items[0] = f"{label} {items[0]}".rstrip()
                    label = ""
                self.paragraphs.extend(item for item in items if item)
            elif tag == T + "list":
                self._list(child)
        if label:
            self.paragraphs.append(label)

    def _table(self, element: etree._Element) -> None:
        lines: list[str] = []
        for child in element.iter(HEAD, T + "row"):
            if child.tag == HEAD:
                lines.append(" ".join(self.sub().walk(child, in_para=True).paragraphs))
                continue
            cells = [
                " ".join(self.sub().walk(cell, in_para=True).paragraphs)
                for cell in child.iterchildren(T + "cell")
            ]
            while cells and not cells[-1]:
                cells.pop()
            if cells:
                lines.append(" | ".join(cells))
        if lines:
            self.paragraphs.append("\n".join(lines))


def element_id(element: etree._Element) -> str:
    return clean(element.get(XML_ID))
