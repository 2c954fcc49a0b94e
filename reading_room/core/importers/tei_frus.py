"""FRUS volumes (Foreign Relations of the United States) in the Office of the
Historian's TEI.

Every ``div[@type="document"]``, at any depth, is one document; its ref is the
volume id and the div's ``xml:id`` (``frus1918Russiav03/d41``), as on
history.state.gov. The collection is the volume: id ``TEI/@xml:id``, title the
header's complete title.

What goes where:

- title: the ``head`` without its footnotes, whitespace normalised (an empty
  head or "[Untitled]": the first words of the text, marked
  ``extra["title_supplied"]``, the printed head kept in ``extra["printed_title"]``);
- date: ``@frus:doc-dateTime-min/max`` where present, else the first ``date`` in
  the document's own ``dateline`` (``@when``, ``@from/@to``,
  ``@notBefore/@notAfter``), else a date printed in the title, else the dateline
  of an enclosure; the printed date text is kept and odd source dates (year
  ``0201``, ``--06-26``) are flagged, never guessed;
- body: everything printed in reading order (dateline, paragraphs, lists,
  tables, quotes, signature, postscript, enclosures), a ``[n]`` marker where a
  footnote is cited; notes: the source notes and then the footnotes,
  ``[n] text``, one per paragraph; source: the document's own source notes;
- persons: ``persName`` values, resolved through the volume's list of persons
  (``@corresp="#p_XXX"``) to the canonical name where the list is in the same
  file, else the printed name; places: ``placeName`` values; place: the
  dateline's place;
- section: the heads of the enclosing compilation/chapter/subchapter divs,
  joined with " › ".

``extract_document`` is the per-document step, kept apart so the scale
benchmark can reuse it on synthetic volumes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .. import dates
from ..records import CollectionRecord, DateRange, DocumentRecord, ImportEvent
from ._common import XML_ID, Emitter, clean, date_words, local_ref, parse_xml, unique
from ._tei import (
    ATTACHMENT,
    DATE,
    DATELINE,
    DIV,
    HEAD,
    NOTE,
    PERS_NAME,
    PLACE_NAME,
    T,
    Text,
    plain,
)

FRUS_NS = "http://history.state.gov/frus/ns/1.0"
DATE_MIN = f"{{{FRUS_NS}}}doc-dateTime-min"
DATE_MAX = f"{{{FRUS_NS}}}doc-dateTime-max"
KIND = "tei_frus"
PARAGRAPH = T + "p"
_UNTITLED = re.compile(r"^\[?\s*untitled\s*\]?\.?$", re.I)

_DOCUMENTS = etree.XPath('//t:div[@type="document"]', namespaces={"t": T[1:-1]})
_TITLE = etree.XPath("/t:TEI/t:teiHeader/t:fileDesc/t:titleStmt/t:title", namespaces={"t": T[1:-1]})
_PERSONS = etree.XPath('//t:div[@xml:id="persons"]//t:persName[@xml:id]', namespaces={"t": T[1:-1]})
_FRUS_IDNO = etree.XPath(
    '/t:TEI/t:teiHeader/t:fileDesc/t:publicationStmt/t:idno[@type="frus"]',
    namespaces={"t": T[1:-1]},
)


@dataclass
class Volume:
    """What every document of a volume needs to know about the volume."""

    collection_id: str
    source_file: str = ""
    title: str = ""  # the printed volume, for citations (``extra["volume_title"]``)
    persons: dict[str, str] = field(default_factory=dict)  # "p_FDR1" → "Francis, David R."
    _sections: dict[etree._Element, str] = field(default_factory=dict)

    def section(self, div: etree._Element) -> str:
        """The heads of the divs enclosing ``div``, outermost first (cached per parent)."""
        parent = div.getparent()
        if parent is None or parent.tag != DIV:
            return ""
        cached = self._sections.get(parent)
        if cached is None:
            head = parent.find(HEAD)
            own = plain(head).rstrip(" .,;:") if head is not None else ""
            above = self.section(parent)
            cached = " › ".join(part for part in (above, own) if part)
            self._sections[parent] = cached
        return cached


def read(path: Path, collection: str | None = None) -> Iterator[ImportEvent]:
    tree, problem = parse_xml(path)
    if tree is None:
        if problem:
            yield problem
        return
    root = tree.getroot()
    collection_id = collection or volume_id(root, path)
    title = volume_title(root) or collection_id
    volume = Volume(collection_id, str(path), title, persons_list(root))
    record = CollectionRecord(
        id=collection_id,
        title=title,
        source_files=(str(path),),
        kind=KIND,
    )
    emitter = Emitter(record, str(path))
    yield from emitter.documents_of(
        extract_document(div, volume, position)
        for position, div in enumerate(_DOCUMENTS(root), start=1)
    )
    yield from emitter.finish('documents (div type="document")')


def volume_id(root: etree._Element, path: Path) -> str:
    idno = _FRUS_IDNO(root)
    return clean(root.get(XML_ID)) or (clean(idno[0].text) if idno else "") or path.stem


def volume_title(root: etree._Element) -> str:
    titles = {title.get("type") or "": plain(title) for title in _TITLE(root)}
    return titles.get("complete") or next((t for t in titles.values() if t), "")


def persons_list(root: etree._Element) -> dict[str, str]:
    return {name.get(XML_ID): plain(name) for name in _PERSONS(root) if plain(name)}


def _skip_own(child: etree._Element) -> bool:
    """Left out of the body: the title, and the source notes (they go to ``source``)."""
    return child.tag == HEAD or (child.tag == NOTE and child.get("type") == "source")


def _in_attachment(element: etree._Element, stop: etree._Element) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is stop or ancestor.tag == DIV:
            return False
        if ancestor.tag == ATTACHMENT:
            return True
    return False


def extract_document(div: etree._Element, volume: Volume, position: int = 0) -> DocumentRecord:
    local = clean(div.get(XML_ID)) or f"n{clean(div.get('n')) or position}"
    number = clean(div.get("n"))
    head = div.find(HEAD)
    printed_title = title = plain(head) if head is not None else ""

    text = Text()
    sources: list[str] = []
    for child in div.iterchildren(NOTE):
        if child.get("type") == "source":
            source = " ".join(text.sub().walk(child, in_para=True).paragraphs)
            if source:
                sources.append(source)
    if head is not None:
        text.sub().walk(head, in_para=True)  # footnotes in the title: notes only
    text.walk(div, _skip_own)

    extra: dict[str, object] = {"number": number} if number else {}
    if volume.title:
        extra["volume_title"] = volume.title
    if not title or _UNTITLED.match(title):
        if title:
            extra["printed_title"] = title
        title = _supplied_title(div) or (f"Document {number}" if number else local)
        extra["title_supplied"] = True

    own_dateline, enclosure_dateline = None, None
    for dateline in div.iter(DATELINE):
        if _in_attachment(dateline, div):
            enclosure_dateline = enclosure_dateline if enclosure_dateline is not None else dateline
        else:
            own_dateline = dateline
            break
    date, date_source = _date(div, own_dateline, enclosure_dateline, printed_title)
    if date_source:
        extra["date_source"] = date_source

    place = ""
    if own_dateline is not None:
        place_name = own_dateline.find(f".//{PLACE_NAME}")
        if place_name is not None:
            place = _place(place_name)

    persons = unique(_person(name, volume.persons) for name in div.iter(PERS_NAME))
    places = unique(_place(name) for name in div.iter(PLACE_NAME))

    return DocumentRecord(
        ref=local_ref(volume.collection_id, local),
        collection_id=volume.collection_id,
        title=title,
        date=date,
        body=text.body,
        notes="\n\n".join(sources + [note for note in text.notes if note]),
        source="; ".join(sources),
        place=place,
        language="en",
        doc_type=clean(div.get("subtype")) or "document",
        section=volume.section(div),
        persons=persons,
        places=places,
        extra=extra,
        source_file=volume.source_file,
        source_line=div.sourceline,
        position=position,
    )


def _supplied_title(div: etree._Element, limit: int = 100) -> str:
    """The opening words of the first paragraph, for a document printed without a title."""
    for paragraph in div.iter(PARAGRAPH):
        line = plain(paragraph)
        if line:
            return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"
    return ""


def _place(element: etree._Element) -> str:
    return plain(element).strip(" ,.;:")


def _person(element: etree._Element, persons: dict[str, str]) -> str:
    corresp = element.get("corresp") or ""
    if corresp.startswith("#"):
        name = persons.get(corresp[1:])
        if name:
            return name
    return plain(element).strip(" ,.;:")


def _date(
    div: etree._Element,
    own: etree._Element | None,
    enclosure: etree._Element | None,
    title: str,
) -> tuple[DateRange, str]:
    """The document's date and where it was read from."""
    first = own.find(f".//{DATE}") if own is not None else None
    printed = plain(first) if first is not None else ""
    low, high = div.get(DATE_MIN), div.get(DATE_MAX)
    if low or high:
        found = dates.from_attributes(printed, start=low, end=high)
        if found.is_dated or first is None:
            return _with_text(found), "frus:doc-dateTime"
    if first is not None:
        return _date_element(first), "dateline"
    if title:
        from_title = dates.parse_text(title)
        if from_title.is_dated:
            return DateRange(
                date_words(title) or from_title.text,
                from_title.start,
                from_title.end,
                from_title.precision,
                from_title.certain,
                "date read from the title",
            ), "title"
    if enclosure is not None:
        first = enclosure.find(f".//{DATE}")
        if first is not None:
            found = _date_element(first)
            if found.is_dated:
                flag = "; ".join(f for f in ("date of the enclosure", found.flag) if f)
                return DateRange(
                    found.text, found.start, found.end, found.precision, found.certain, flag
                ), "enclosure dateline"
    if low or high:
        return dates.from_attributes(printed, start=low, end=high), "frus:doc-dateTime"
    return DateRange(flag=dates.UNDATED_IN_SOURCE), ""


def _date_element(element: etree._Element) -> DateRange:
    found = dates.from_attributes(
        plain(element),
        when=element.get("when"),
        start=element.get("from"),
        end=element.get("to"),
        not_before=element.get("notBefore"),
        not_after=element.get("notAfter"),
    )
    if not found.is_dated and not found.flag:
        found = DateRange(found.text, flag="no date found in the dateline")
    return _with_text(found)


def _with_text(found: DateRange) -> DateRange:
    """A printed text for every dated document, the ISO date if nothing was printed."""
    if found.text or not found.is_dated:
        return found
    text = str(found.start) if found.start == found.end else f"{found.start} – {found.end}"
    return DateRange(text, found.start, found.end, found.precision, found.certain, found.flag)
