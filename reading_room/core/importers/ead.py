"""EAD 2002 finding aids (with or without the ``urn:isbn:1-931666-22-9``
namespace), also wrapped in a METS package as the Library of Congress serves them.

**Collection.** One finding aid is one collection. Its id is the collection's
call number ``archdesc/did/unitid`` in lower case (``MSS84841`` → ``mss84841``:
short, printed on the boxes, and the same in every version of the finding aid),
else the last part of ``eadid`` (``…/eadmss.ms006002``), else the file name.
A METS package is read through the EAD inside it, so ``eadmss.ms008095.4.xml``
(METS) and ``eadmss.ms008095.2.xml`` (plain EAD) give the same collection and
the same refs: importing both stores each folder once. The title is
``archdesc/did/unittitle`` with its dates ("Martin Agronsky Papers,
1907-1999"); the description its abstract.

**Documents.** One per described unit: every component (``c``, ``c01``…``c12``)
with ``@level="file"`` or ``"item"``, or without a level and without
components inside it. Series and subseries are not documents; their titles make
the document's section ("Correspondence, 1907-1967 › Chronological,
1907-1949"), and so do enclosing file-level components, which are documents too.

- ref: ``<collection>/<component @id>`` (``mss10561/mferd1453e1385``), else the
  component's position path (``c3.1.2``);
- title: ``did/unittitle`` with its ``unitdate``; a title that is nothing but a
  date ("1907-1924", "1934, Apr.-1947, Apr.") is prefixed with the enclosing
  component's title ("Chronological — 1907-1924") so a results list can be read;
- date: ``unitdate/@normal`` (``1937/1989``), else the dates printed in the
  title; folders without one are undated (not flagged: most folders are);
- containers: ``did/container`` as "Box 3, Reel 3" in ``extra["container"]``
  and ``source``. Finding aids print a box number only where a new box begins,
  so a folder without one is in the box last named before it (or within the
  range of its series): that box is used and ``extra["container_inferred"]`` is
  set;
- persons / places / subjects: from the component's own ``controlaccess``
  and names tagged in its ``did`` — not the collection-level index terms, which
  would put the same names on every folder and make the facets useless;
- summary: the component's ``scopecontent`` or ``abstract``; body: the text of
  its ``did`` and its notes, without the components inside it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .. import dates
from ..records import CollectionRecord, DateRange, DocumentRecord, ImportEvent, ImportProblem
from ._common import (
    MONTH_WORD,
    Emitter,
    clean,
    date_words,
    local_ref,
    localname,
    parse_xml,
    slug,
    unique,
)

KIND = "ead"
DOCUMENT_LEVELS = frozenset({"file", "item"})

_PERSON_TAGS = frozenset({"persname", "famname"})
_PLACE_TAGS = frozenset({"geogname"})
_SUBJECT_TAGS = frozenset({"subject", "corpname", "genreform", "occupation", "function", "title"})
_SUMMARY_TAGS = ("scopecontent", "abstract")

_DATE_ONLY_NOISE = re.compile(
    rf"\b(?:{MONTH_WORD}|undated|n\.\s?d|and|to|ca|circa|bulk|\d+(?:st|nd|rd|th)?)\b\.?|[\W\d_]",
    re.I,
)


def read(path: Path, collection: str | None = None) -> Iterator[ImportEvent]:
    tree, problem = parse_xml(path)
    if tree is None:
        if problem:
            yield problem
        return
    ead = find_ead(tree.getroot())
    if ead is None:
        yield ImportProblem(
            str(path), None, "no EAD finding aid in this file (no <ead> element); nothing to import"
        )
        return
    aid = _FindingAid(ead, path, collection)
    emitter = Emitter(aid.collection_record(), str(path))
    yield from emitter.documents_of(aid.documents())
    yield from emitter.finish('described folders (components with level="file")')


def find_ead(root: etree._Element) -> etree._Element | None:
    """The ``ead`` element: the root, or the one wrapped in a METS package."""
    if localname(root.tag) == "ead":
        return root
    for element in root.iter():
        if localname(element.tag) == "ead":
            return element
    return None


class _FindingAid:
    def __init__(self, ead: etree._Element, path: Path, collection: str | None) -> None:
        tag = ead.tag
        self.ns = tag[: tag.index("}") + 1] if tag.startswith("{") else ""
        self.ead = ead
        self.path = path
        ns = self.ns
        self.components = frozenset({f"{ns}c"} | {f"{ns}c{n:02d}" for n in range(1, 13)})
        self.archdesc = ead.find(f"{ns}archdesc")
        self.did = self.archdesc.find(f"{ns}did") if self.archdesc is not None else None
        self.collection_id = collection or self._default_id()
        self.position = 0
        self.last_containers: list[str] = []

    def E(self, name: str) -> str:  # noqa: N802 — reads like the element name
        return self.ns + name

    # -- the collection ----------------------------------------------------------
    def _default_id(self) -> str:
        if self.did is not None:
            unitid = self.did.find(self.E("unitid"))
            if unitid is not None and clean("".join(unitid.itertext())):
                return slug(clean("".join(unitid.itertext()))) or self.path.stem
        eadid = self.ead.find(f"{self.E('eadheader')}/{self.E('eadid')}")
        if eadid is not None:
            value = clean(eadid.get("identifier")) or clean(eadid.text)
            last = re.split(r"[/:]", value.rstrip("/"))[-1] if value else ""
            if last:
                return last
        return self.path.stem

    def collection_record(self) -> CollectionRecord:
        title = ""
        description = ""
        if self.did is not None:
            unittitle = self.did.find(self.E("unittitle"))
            if unittitle is not None:
                title = self._title(unittitle)[0]
            abstract = self.did.find(self.E("abstract"))
            if abstract is not None:
                description = _text(abstract)
        if not title:
            proper = self.ead.find(f".//{self.E('titleproper')}")
            title = _text(proper) if proper is not None else self.collection_id
        return CollectionRecord(
            id=self.collection_id,
            title=title,
            source_files=(str(self.path),),
            kind=KIND,
            description=description,
        )

    # -- the components ----------------------------------------------------------
    def documents(self) -> Iterator[DocumentRecord]:
        if self.archdesc is None:
            return
        for dsc in self.archdesc.iterchildren(self.E("dsc")):
            yield from self._children(dsc, [], [], "c")

    def _children(
        self, parent: etree._Element, path: list[str], containers: list[list[str]], where: str
    ) -> Iterator[DocumentRecord]:
        n = 0
        for child in parent:
            if child.tag in self.components:
                n += 1
                yield from self._component(
                    child, path, containers, f"{where}{'.' if path else ''}{n}"
                )

    def _component(
        self, component: etree._Element, path: list[str], containers: list[list[str]], where: str
    ) -> Iterator[DocumentRecord]:
        did = component.find(self.E("did"))
        unittitle = did.find(self.E("unittitle")) if did is not None else None
        title, bare, date = self._title(unittitle) if unittitle is not None else ("", "", None)
        own = self._containers(did)
        level = (component.get("level") or "").lower()
        has_children = any(child.tag in self.components for child in component)
        is_document = level in DOCUMENT_LEVELS or (not level and not has_children)
        if is_document:
            yield self._record(
                component, did, title, date, path, own, containers, level or "file", where
            )
        if has_children:
            yield from self._children(
                component, [*path, title or bare], [*containers, own] if own else containers, where
            )

    def _record(
        self,
        component: etree._Element,
        did: etree._Element | None,
        title: str,
        date: DateRange | None,
        path: list[str],
        own: list[str],
        ancestors: list[list[str]],
        level: str,
        where: str,
    ) -> DocumentRecord:
        self.position += 1
        extra: dict[str, object] = {"level": level}
        if own:
            containers, inferred = own, False
            self.last_containers = own
        elif self.last_containers:
            containers, inferred = self.last_containers, True
        else:
            containers, inferred = (ancestors[-1] if ancestors else []), True
        container = ", ".join(containers)
        if container:
            extra["container"] = container
            if inferred:
                extra["container_inferred"] = True

        line = title
        if path and title and _is_date_only(title):
            parent = _without_dates(path[-1])
            if parent:
                title = f"{parent} — {title}"
        if not title:
            title = f"{path[-1]} (untitled folder)" if path else "(untitled folder)"

        persons, places, subjects, summary, body = self._own_text(component, did, extra, line)
        local = clean(component.get("id")) or where
        return DocumentRecord(
            ref=local_ref(self.collection_id, local),
            collection_id=self.collection_id,
            title=title,
            date=date or DateRange(),
            summary=summary,
            body=body,
            source=container,
            language="",
            doc_type=level,
            section=" › ".join(part for part in path if part),
            persons=persons,
            places=places,
            subjects=subjects,
            extra=extra,
            source_file=str(self.path),
            source_line=component.sourceline,
            position=self.position,
        )

    def _containers(self, did: etree._Element | None) -> list[str]:
        if did is None:
            return []
        found = []
        for container in did.iterchildren(self.E("container")):
            value = _text(container)
            if value:
                kind = clean(container.get("type")).capitalize()
                found.append(f"{kind} {value}" if kind else value)
        return found

    def _title(self, unittitle: etree._Element) -> tuple[str, str, DateRange | None]:
        """(title with its dates, title without them, date) of a unittitle."""
        parts: list[str] = []
        unitdates: list[etree._Element] = []
        if unittitle.text:
            parts.append(unittitle.text)
        for child in unittitle:
            if localname(child.tag) == "unitdate":
                unitdates.append(child)
            else:
                parts.append("".join(child.itertext()))
            if child.tail:
                parts.append(child.tail)
        bare = clean("".join(parts)).rstrip(" ,;:")
        parent = unittitle.getparent()
        if not unitdates and parent is not None:
            unitdates = list(parent.iterchildren(self.E("unitdate")))
        printed = " ".join(text for text in (_text(u) for u in unitdates) if text)
        title = f"{bare}, {printed}" if bare and printed else bare or printed
        for unitdate in unitdates:
            normal = clean(unitdate.get("normal"))
            if normal:
                low, _, high = normal.partition("/")
                found = dates.from_attributes(_text(unitdate) or normal, start=low, end=high or low)
                if found.is_dated:
                    return title, bare, found
        source = printed or bare
        if not _YEAR.search(source):  # every printed date the parser reads has a year
            return title, bare, None
        found = dates.parse_text(source)
        if found.is_dated:
            return (
                title,
                bare,
                DateRange(
                    date_words(source) or found.text,
                    found.start,
                    found.end,
                    found.precision,
                    found.certain,
                    found.flag,
                ),
            )
        return title, bare, None

    def _own_text(
        self,
        component: etree._Element,
        did: etree._Element | None,
        extra: dict[str, object],
        title_line: str,
    ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], str, str]:
        persons: list[str] = []
        places: list[str] = []
        subjects: list[str] = []
        paragraphs: list[str] = []
        summary = ""
        if did is not None:
            containers = []
            for child in did:
                name = localname(child.tag)
                if name == "container":
                    containers.append(child)
                    continue
                if name == "unitdate":
                    continue  # part of the title line
                text = title_line if name == "unittitle" else _text(child)
                if name == "physdesc" and text:
                    extra["extent"] = text
                if name == "unitid" and text:
                    extra["unitid"] = text
                if name == "abstract" and text:
                    summary = summary or text
                if text:
                    paragraphs.append(text)
            if containers:
                paragraphs.insert(0, ", ".join(self._containers(did)))
            self._names(did, persons, places, subjects)
        for child in component:
            name = localname(child.tag)
            if child.tag in self.components or name == "did":
                continue
            if name == "controlaccess":
                self._names(child, persons, places, subjects)
                continue
            block = _paragraphs(child)
            if name in _SUMMARY_TAGS and not summary:
                summary = next((p for p in block if p != _head_text(child)), "")
            paragraphs.extend(block)
        return unique(persons), unique(places), unique(subjects), summary, "\n\n".join(paragraphs)

    def _names(
        self,
        element: etree._Element,
        persons: list[str],
        places: list[str],
        subjects: list[str],
    ) -> None:
        for child in element.iter():
            name = localname(child.tag)
            if name in _PERSON_TAGS:
                persons.append(_text(child).rstrip(" ,;:"))
            elif name in _PLACE_TAGS:
                places.append(_text(child).rstrip(" ,;:"))
            elif name in _SUBJECT_TAGS and _under_controlaccess(child):
                subjects.append(_text(child).rstrip(" ,;:"))


def _under_controlaccess(element: etree._Element) -> bool:
    """Index terms, not a ``title`` or ``corpname`` printed inside a unittitle."""
    parent = element.getparent()
    return parent is not None and localname(parent.tag) == "controlaccess"


def _text(element: etree._Element) -> str:
    return clean("".join(element.itertext()))


def _head_text(element: etree._Element) -> str:
    for child in element:
        if localname(child.tag) == "head":
            return _text(child)
    return ""


_YEAR = re.compile(r"\d{4}")
_BLOCKS = frozenset({"head", "p", "item", "chronitem", "defitem", "row"})


def _paragraphs(element: etree._Element) -> list[str]:
    """A note's paragraphs (its head first), or its whole text as one."""
    found: list[str] = []

    def visit(parent: etree._Element) -> None:
        for child in parent:
            if localname(child.tag) in _BLOCKS:
                text = _text(child)
                if text:
                    found.append(text)
            else:
                visit(child)

    visit(element)
    if not found:
        text = _text(element)
        return [text] if text else []
    return found


def _is_date_only(title: str) -> bool:
    return not _DATE_ONLY_NOISE.sub("", title).strip()


def _without_dates(title: str) -> str:
    """``Chronological, 1907-1949`` → ``Chronological``."""
    cut = re.sub(r"[,;:]?\s*(?:\(?bulk\s+)?\d{4}(?:\s*[-–/]\s*\d{2,4})?\)?", "", title)
    return clean(cut).rstrip(" ,;:") or ""
