"""TEI essays: Milestones (one document per essay) and the rdcr country guide
(one per timeline entry, plus an overview per country)."""

from __future__ import annotations

import shutil
from pathlib import Path

from lxml import etree

from reading_room.core.importers import tei_essay

from .conftest import TEI_NS, Imported, run

TOP_DIVS = "/t:TEI/t:text/t:*[self::t:front or self::t:body]/t:div"


def test_milestones_one_document_per_essay_and_foreword(
    corpora: Path, milestones: dict[str, Imported]
) -> None:
    total = 0
    for path in sorted((corpora / "hsg-milestones" / "chapters").glob("*.xml")):
        tree = etree.parse(str(path))
        expected = int(tree.xpath(f"count({TOP_DIVS})", namespaces=TEI_NS))
        assert len(milestones[path.name].documents) == expected, path.name
        total += expected
    assert total == 205
    assert sum(len(r.documents) for r in milestones.values()) == 205


def test_milestones_form_one_collection_named_after_the_corpus(
    milestones: dict[str, Imported],
) -> None:
    collections = {r.collection.id for r in milestones.values()}
    assert collections == {"hsg-milestones"}
    assert {r.collection.title for r in milestones.values()} == {"Milestones"}
    refs = [d.ref for r in milestones.values() for d in r.documents]
    assert len(refs) == len(set(refs))  # ids such as "panama-canal" repeat across chapters
    positions = [d.position for r in milestones.values() for d in r.documents]
    assert positions == sorted(positions)


def test_a_milestones_essay(milestones: dict[str, Imported]) -> None:
    documents = milestones["1953-1960.xml"].by_ref
    essay = documents["hsg-milestones/1953-1960/dien-bien-phu"]
    assert essay.title == "Dien Bien Phu & the Fall of French Indochina, 1954"
    assert (essay.date.start, essay.date.end) == ("1954-01-01", "1954-12-31")
    assert essay.subjects == ("vietnam-conflict", "vietnam", "laos", "cambodia")
    assert "Ho Chi Minh" in essay.persons and "Dien Bien Phu" in essay.places
    assert essay.body.startswith("In the late 1940s, the French struggled")
    assert "\n\n" in essay.body
    assert essay.section == "1953–1960"
    foreword = documents["hsg-milestones/1953-1960/foreword"]
    assert foreword.doc_type == "foreword"
    assert (foreword.date.start, foreword.date.end) == ("1953-01-01", "1960-12-31")


def test_subjects_come_from_ana(corpora: Path, milestones: dict[str, Imported]) -> None:
    path = corpora / "hsg-milestones" / "chapters" / "1953-1960.xml"
    tree = etree.parse(str(path))
    for div in tree.xpath(f"{TOP_DIVS}[@ana]", namespaces=TEI_NS):
        ref = f"hsg-milestones/1953-1960/{div.get('{http://www.w3.org/XML/1998/namespace}id')}"
        assert milestones[path.name].by_ref[ref].subjects == tuple(div.get("ana").split())


def test_rdcr_one_document_per_timeline_entry_plus_an_overview(
    corpora: Path, rdcr: dict[str, Imported]
) -> None:
    total = 0
    for path in sorted((corpora / "hsg-rdcr" / "articles").glob("*.xml")):
        tree = etree.parse(str(path))
        entries = int(tree.xpath('count(//t:div[@type="timeline"])', namespaces=TEI_NS))
        top = int(tree.xpath(f"count({TOP_DIVS})", namespaces=TEI_NS))
        expected = entries + 1 if entries else top
        assert len(rdcr[path.name].documents) == expected, path.name
        total += expected
    assert len(rdcr) == 228
    assert sum(len(r.documents) for r in rdcr.values()) == total
    assert {r.collection.id for r in rdcr.values()} == {"hsg-rdcr"}
    refs = [d.ref for r in rdcr.values() for d in r.documents]
    assert len(refs) == len(set(refs))


def test_a_timeline_entry_is_a_dated_event_of_its_country(rdcr: dict[str, Imported]) -> None:
    documents = rdcr["serbia.xml"].by_ref
    entry = documents["hsg-rdcr/serbia/diplomatic-relations-severed-1999"]
    assert entry.title == "Serbia: Diplomatic Relations Severed, 1999"
    assert (entry.date.start, entry.date.end) == ("1999-01-01", "1999-12-31")
    assert entry.section == "Serbia › Diplomatic Relations"
    assert entry.places[0] == "Serbia" and "Kosovo" in entry.places
    assert entry.body.startswith("In response to the continued conflict")
    overview = documents["hsg-rdcr/serbia"]
    assert overview.doc_type == "country overview"
    assert "The U.S. shared normalized relations with Yugoslavia" in overview.body
    assert "severed relations" not in overview.body.split("Summary", 1)[0]
    assert "Department of State Country Information: Serbia" in overview.notes
    assert overview.summary.startswith("Note: This entry is for the modern state")


def test_entries_keep_their_text_out_of_the_overview(rdcr: dict[str, Imported]) -> None:
    documents = rdcr["serbia.xml"].documents
    overview, entries = documents[0], documents[1:]
    for entry in entries:
        assert entry.body not in overview.body


def test_a_single_essay_file_joins_its_folders_collection(corpora: Path, tmp_path: Path) -> None:
    source = corpora / "hsg-milestones" / "chapters" / "1961-1968.xml"
    alone = run(tei_essay.read(source))
    assert alone.collection.id == "hsg-milestones"
    assert all(d.ref.startswith("hsg-milestones/1961-1968/") for d in alone.documents)
    copied = tmp_path / "my-essays" / source.name
    copied.parent.mkdir()
    shutil.copy(source, copied)
    assert run(tei_essay.read(copied)).collection.id == "my-essays"
    assert run(tei_essay.read(copied, "override")).documents[0].ref.startswith("override/")


def test_a_tei_text_without_divisions_is_one_document(tmp_path: Path) -> None:
    path = tmp_path / "letter.xml"
    path.write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt>'
        "<title>A letter</title></titleStmt></fileDesc></teiHeader>"
        "<text><body><p>Dear <persName>Tito</persName>,</p><p>Regards.</p></body></text></TEI>",
        encoding="utf-8",
    )
    result = run(tei_essay.read(path))
    (document,) = result.documents
    assert document.ref == f"{tmp_path.name}/letter"
    assert document.title == "A letter"
    assert document.body == "Dear Tito,\n\nRegards."
    assert document.persons == ("Tito",)
