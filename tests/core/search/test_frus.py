"""The index over a real FRUS volume (frus1918Russiav03, 478 documents), read by a small TEI
reader of our own so this test does not wait for the importers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from copy import deepcopy
from pathlib import Path

import pytest
from lxml import etree

from reading_room.core.dates import from_attributes
from reading_room.core.records import CollectionRecord, DocumentRecord
from reading_room.core.search import SearchIndex, SearchRequest, find_matches
from reading_room.core.store import Store

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
VOLUME = "frus1918Russiav03"


def _text(element: etree._Element | None) -> str:
    if element is None:
        return ""
    copy = deepcopy(element)
    copy.tail = None
    for note in list(copy.iter(f"{TEI}note")):
        if note is not copy:
            note.getparent().remove(note)
    return " ".join("".join(copy.itertext()).split())


def read_volume(path: Path) -> Iterator[DocumentRecord]:
    tree = etree.parse(str(path))
    for position, div in enumerate(tree.iter(f"{TEI}div"), 1):
        if div.get("type") != "document":
            continue
        date = div.find(f".//{TEI}dateline//{TEI}date")
        place = div.find(f".//{TEI}dateline//{TEI}placeName")
        yield DocumentRecord(
            ref=f"{VOLUME}/{div.get(XML_ID)}",
            collection_id=VOLUME,
            title=_text(div.find(f"{TEI}head")),
            date=from_attributes(
                _text(date),
                when=date.get("when") if date is not None else None,
                start=date.get("from") if date is not None else None,
                end=date.get("to") if date is not None else None,
            ),
            body="\n\n".join(_text(p) for p in div.iter(f"{TEI}p")),
            notes=" ".join(_text(n) for n in div.iter(f"{TEI}note")),
            place=_text(place),
            persons=tuple(sorted({_text(p) for p in div.iter(f"{TEI}persName")} - {""})),
            language="en",
            doc_type="document",
            position=position,
        )


@pytest.fixture(scope="module")
def frus(
    tmp_path_factory: pytest.TempPathFactory, corpora: Path
) -> Iterator[tuple[SearchIndex, list]]:
    root = tmp_path_factory.mktemp("frus")
    store = Store(f"sqlite:///{root / 'frus.sqlite3'}")
    store.upsert_collection(
        CollectionRecord(
            VOLUME,
            "Papers Relating to the Foreign Relations of the United States, 1918, Russia, Volume III",
        )
    )
    records = list(read_volume(corpora / "frus" / "volumes" / f"{VOLUME}.xml"))
    store.upsert_documents(records)
    index = SearchIndex(root / "index")
    index.sync(store)
    yield index, records
    index.close()
    store.close()


def test_the_whole_volume_is_indexed(frus) -> None:
    index, records = frus
    assert len(records) == 478
    page = index.search(SearchRequest())
    assert page.total == 478
    assert {v.value: v.count for v in page.facets["collection"]} == {VOLUME: 478}
    dated = [r for r in records if r.date.start]
    assert index.search(SearchRequest(date_from="1000", date_to="2100")).total == len(dated)
    in_1918 = sum(1 for r in dated if r.date.start[:4] <= "1918" <= r.date.end[:4])
    assert dict(page.years)[1918] == in_1918 > 200


def words_of(record: DocumentRecord) -> set[str]:
    text = " ".join(
        [record.title, record.summary, record.body, record.notes, record.place, *record.persons]
    )
    return set(re.findall(r"\w+", text.lower()))


@pytest.mark.parametrize("word", ["bolsheviki", "kerensky", "vladivostok", "archangel"])
def test_words_match_a_plain_count(frus, word: str) -> None:
    index, records = frus
    expected = {r.ref for r in records if word in words_of(r)}
    page = index.search(SearchRequest(query=word, page_size=1000))
    assert expected and {h.ref for h in page.hits} == expected
    assert all("<b>" in h.snippet for h in page.hits[:20])


def test_two_words_match_a_plain_count(frus) -> None:
    index, records = frus
    expected = {r.ref for r in records if {"bolsheviki", "petrograd"} <= words_of(r)}
    assert {
        h.ref
        for h in index.search(SearchRequest(query="Bolsheviki Petrograd", page_size=1000)).hits
    } == expected


def test_reference_and_person(frus) -> None:
    index, records = frus
    d41 = index.search(SearchRequest(query=f"ref:{VOLUME}/d41"))
    assert [h.ref for h in d41.hits] == [f"{VOLUME}/d41"]
    francis = {r.ref for r in records if any("Francis" in p for p in r.persons)}
    assert {
        h.ref for h in index.search(SearchRequest(query="person:francis", page_size=1000)).hits
    } == francis


def test_related_stays_on_topic(frus) -> None:
    index, _ = frus
    related = index.related(f"{VOLUME}/d2", limit=5)
    assert len(related) == 5 and f"{VOLUME}/d2" not in {h.ref for h in related}


def test_find_matches_on_a_real_text(frus) -> None:
    _, records = frus
    body = next(r.body for r in records if r.ref == f"{VOLUME}/d2")
    spans = find_matches(body, 'loan "secretary of treasury" russ*')
    marked = {body[s:e].lower() for s, e in spans}
    assert {"loan", "secretary of treasury", "russia"} <= marked
