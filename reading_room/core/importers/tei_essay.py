"""TEI essays: secondary texts such as the Office of the Historian's *Milestones*
and its *Guide to Recognition, Diplomatic and Consular Relations, by Country*.

**Collection.** All TEI essay files of one folder form one collection, called
after the folder (after its parent when the folder has a generic name such as
``chapters`` or ``articles``: ``hsg-milestones/chapters/*.xml`` → collection
``hsg-milestones``). A file imported on its own gets the same id, so importing
file by file lands in the same collection. The title is the header's complete
title up to its first colon ("Milestones: 1953–1960" → "Milestones"), else the
collection id.

**Documents.**

- Files with dated timeline entries (``div[@type="timeline"]``, the rdcr
  country guide) give one document per timeline entry, plus one overview
  document per file with the rest of the article (summary, narrative sections,
  resources). Chosen over one document per country because each entry is a
  dated event with its own heading — a historian filtering by 1919 finds "U.S.
  Recognition of the Kingdom of Serbs, Croats and Slovenes, 1919" rather than a
  whole country's two centuries. Entry titles carry the country ("Serbia:
  Diplomatic Relations Severed, 1999"); the country is also a place.
  Refs: ``hsg-rdcr/serbia`` (overview) and ``hsg-rdcr/serbia/<slug of the
  heading>`` (slugs survive new entries being inserted, unlike positions).
- Other files give one document per top-level ``div`` of ``front`` and ``body``
  (Milestones: one per essay, ``div[@type="section"]``, plus the chapter's
  foreword; the two rdcr articles without timeline entries are read this way
  too, one document per section). Ref: ``<collection>/<file stem>/<xml:id>``
  (``hsg-milestones/1953-1960/dien-bien-phu``, the history.state.gov path; the
  file stem is needed because ids repeat across chapter files).
- A file with neither gives one document for its whole text,
  ``<collection>/<file stem>``.

Subjects come from ``@ana`` (space-separated tags, kept as written, e.g.
``eisenhower-dwight-d``); the date from the ``date`` in the head, else a date
printed in the head; essays without one are undated, without a flag (being
undated is normal for an essay). Figures (images not included) are left out.
Positions keep the files in name order: ``rank of the file in its folder ×
100000 + order in the file``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from .. import dates
from ..records import CollectionRecord, DateRange, DocumentRecord, ImportEvent
from ._common import (
    XML_ID,
    Emitter,
    clean,
    date_words,
    folder_collection_id,
    local_ref,
    parse_xml,
    slug,
    unique,
)
from ._tei import DATE, DIV, HEAD, PERS_NAME, PLACE_NAME, T, Text, plain

KIND = "tei_essay"
FILE_STRIDE = 100_000

_NS = {"t": T[1:-1]}
_TITLES = etree.XPath("/t:TEI/t:teiHeader/t:fileDesc/t:titleStmt/t:title", namespaces=_NS)
_SOURCE = etree.XPath("/t:TEI/t:teiHeader/t:fileDesc/t:sourceDesc//t:p", namespaces=_NS)
_TIMELINES = etree.XPath('//t:div[@type="timeline"]', namespaces=_NS)
_PARTS = etree.XPath("/t:TEI/t:text/t:front | /t:TEI/t:text/t:body", namespaces=_NS)
_BODY = etree.XPath("/t:TEI/t:text/t:body", namespaces=_NS)
TIMELINE = "timeline"
_FIGURE = T + "figure"


def read(path: Path, collection: str | None = None) -> Iterator[ImportEvent]:
    tree, problem = parse_xml(path)
    if tree is None:
        if problem:
            yield problem
        return
    root = tree.getroot()
    collection_id = collection or folder_collection_id(path.parent)
    titles = {title.get("type") or "": plain(title) for title in _TITLES(root)}
    complete = titles.get("complete") or next((t for t in titles.values() if t), "")
    record = CollectionRecord(
        id=collection_id,
        title=series_title(complete) or collection_id,
        source_files=(str(path),),
        kind=KIND,
    )
    essay = _Essay(path, collection_id, titles, root)
    emitter = Emitter(record, str(path))
    yield from emitter.documents_of(essay.documents())
    yield from emitter.finish("essays")


def series_title(complete: str) -> str:
    """What every file of the series shares: the complete title up to its colon
    ("Milestones: 1953–1960" → "Milestones"); nothing when there is no colon, so a
    folder of unrelated texts is not named after whichever was imported last."""
    series, colon, _rest = complete.partition(":")
    return series.strip() if colon else ""


def file_rank(path: Path) -> int:
    """The file's place among the XML files of its folder (its order in the collection)."""
    try:
        names = sorted(p.name for p in path.parent.iterdir() if p.suffix.lower() == ".xml")
        return names.index(path.name)
    except (OSError, ValueError):
        return 0


class _Essay:
    def __init__(
        self, path: Path, collection_id: str, titles: dict[str, str], root: etree._Element
    ) -> None:
        self.path = path
        self.collection_id = collection_id
        self.root = root
        any_title = next((title for title in titles.values() if title), "")
        self.short_title = titles.get("short") or titles.get("complete") or any_title or path.stem
        self.source = "; ".join(text for text in (plain(p) for p in _SOURCE(root)) if text)
        self.base = file_rank(path) * FILE_STRIDE
        self.count = 0
        self.refs: set[str] = set()

    def documents(self) -> Iterator[DocumentRecord]:
        timelines = _TIMELINES(self.root)
        if timelines:
            yield from self._timeline_article(timelines)
            return
        divs = [div for part in _PARTS(self.root) for div in part.iterchildren(DIV)]
        if divs:
            for div in divs:
                yield self._essay(div)
            return
        body = _BODY(self.root)
        if body:
            yield self._record(
                local=self.path.stem,
                title=self.short_title,
                element=body[0],
                text=Text().walk(body[0]),
            )

    # -- one record --------------------------------------------------------------
    def _unique_ref(self, local: str) -> str:
        ref = local_ref(self.collection_id, local)
        candidate, n = ref, 1
        while candidate in self.refs:
            n += 1
            candidate = f"{ref}-{n}"
        self.refs.add(candidate)
        return candidate

    def _record(
        self,
        *,
        local: str,
        title: str,
        element: etree._Element,
        text: Text,
        date: DateRange | None = None,
        section: str = "",
        doc_type: str = "essay",
        places: tuple[str, ...] = (),
        subjects: tuple[str, ...] = (),
        summary: str = "",
        extra_notes: tuple[str, ...] = (),
    ) -> DocumentRecord:
        self.count += 1
        persons = unique(plain(name).strip(" ,.;:") for name in element.iter(PERS_NAME))
        found_places = unique(
            (*places, *(plain(name).strip(" ,.;:") for name in element.iter(PLACE_NAME)))
        )
        return DocumentRecord(
            ref=self._unique_ref(local),
            collection_id=self.collection_id,
            title=title or "(untitled)",
            date=date or DateRange(),
            summary=summary,
            body=text.body,
            notes="\n\n".join([*text.notes, *extra_notes]),
            source=self.source,
            language="en",
            doc_type=doc_type,
            section=section,
            persons=persons,
            places=found_places,
            subjects=subjects,
            extra={"file": self.path.name},
            source_file=str(self.path),
            source_line=element.sourceline,
            position=self.base + self.count,
        )

    # -- Milestones-like: one essay per top-level div ----------------------------
    def _essay(self, div: etree._Element) -> DocumentRecord:
        head = div.find(HEAD)
        title = plain(head) if head is not None else ""
        local_id = clean(div.get(XML_ID)) or slug(title) or f"part-{self.count + 1}"
        text = _with_head_notes(head).walk(div, lambda child: child.tag == HEAD)
        return self._record(
            local=f"{self.path.stem}/{local_id}",
            title=title or self.short_title,
            element=div,
            text=text,
            date=_head_date(head),
            section=self.short_title,
            doc_type="foreword" if local_id == "foreword" else "essay",
            subjects=unique((div.get("ana") or "").split()),
        )

    # -- rdcr-like: one document per timeline entry, one overview ----------------
    def _timeline_article(self, timelines: list[etree._Element]) -> Iterator[DocumentRecord]:
        body = _BODY(self.root)[0]
        country = self.short_title
        overview = Text()
        resources: list[str] = []
        overview.walk(body, _not_in_overview, deep=True)
        for appendix in body.iter(DIV):
            if appendix.get("type") == "appendix":
                resources.extend(Text().walk(appendix).paragraphs)
        summary = ""
        for div in body.iter(DIV):
            if div.get(XML_ID, "").startswith("summary"):
                paragraphs = Text().walk(div, lambda c: c.tag == HEAD).paragraphs
                summary = paragraphs[0] if paragraphs else ""
                break
        yield self._record(
            local=self.path.stem,
            title=country,
            element=body,
            text=overview,
            section=country,
            doc_type="country overview",
            places=(country,),
            summary=summary,
            extra_notes=tuple(resources),
        )
        for entry in timelines:
            head = entry.find(HEAD)
            heading = plain(head).rstrip(" .") if head is not None else ""
            text = _with_head_notes(head).walk(entry, _leave_out_head_and_timelines)
            if not heading:
                first = text.paragraphs[0] if text.paragraphs else ""
                heading = first[:80].rsplit(" ", 1)[0] + "…" if len(first) > 80 else first
            yield self._record(
                local=f"{self.path.stem}/{slug(heading) or 'entry'}",
                title=f"{country}: {heading}" if heading else country,
                element=entry,
                text=text,
                date=_head_date(head),
                section=" › ".join(unique((country, _section_heading(entry)))),
                doc_type="timeline entry",
                places=(country,),
            )


def _with_head_notes(head: etree._Element | None) -> Text:
    """A walker that already holds the footnotes of the title (the title keeps no marker)."""
    text = Text()
    if head is not None:
        text.sub().walk(head, in_para=True)
    return text


def _not_in_overview(child: etree._Element) -> bool:
    """Timeline entries and resources have their own places; so do sections made
    of nothing else (their heading alone would be an empty line in the overview)."""
    if child.tag != DIV:
        return False
    if child.get("type") in (TIMELINE, "appendix"):
        return True
    return all(
        grandchild.tag in (HEAD, _FIGURE)
        or (grandchild.tag == DIV and _not_in_overview(grandchild))
        for grandchild in child
    )


def _leave_out_head_and_timelines(child: etree._Element) -> bool:
    return child.tag == HEAD or (child.tag == DIV and child.get("type") == TIMELINE)


def _section_heading(entry: etree._Element) -> str:
    for ancestor in entry.iterancestors(DIV):
        if ancestor.get("type") != TIMELINE:
            head = ancestor.find(HEAD)
            return plain(head) if head is not None else ""
    return ""


def _head_date(head: etree._Element | None) -> DateRange:
    if head is None:
        return DateRange()
    element = head.find(f".//{DATE}")
    if element is not None:
        found = dates.from_attributes(
            plain(element),
            when=element.get("when"),
            start=element.get("from"),
            end=element.get("to"),
            not_before=element.get("notBefore"),
            not_after=element.get("notAfter"),
        )
        if found.is_dated:
            return found
    printed = plain(head)
    found = dates.parse_text(printed)
    if not found.is_dated:
        return DateRange()
    return DateRange(
        date_words(printed) or found.text, found.start, found.end, found.precision, found.certain
    )
