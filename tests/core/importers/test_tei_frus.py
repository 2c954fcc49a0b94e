"""FRUS volumes: every document, its title, date, text, notes and people."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from reading_room.core.importers import tei_frus

from .conftest import TEI_NS, Imported

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="session")
def frus_trees(frus_volumes: list[Path]) -> dict[str, etree._ElementTree]:
    """The volumes parsed independently of the importer."""
    return {path.stem: etree.parse(str(path)) for path in frus_volumes}


def words(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_volume_yields_exactly_its_document_divs(
    frus: dict[str, Imported], frus_trees: dict[str, etree._ElementTree]
) -> None:
    expected = {
        name: int(tree.xpath('count(//t:div[@type="document"])', namespaces=TEI_NS))
        for name, tree in frus_trees.items()
    }
    found = {name: len(result.documents) for name, result in frus.items()}
    assert found == expected
    assert sum(found.values()) == 4379


def test_refs_are_the_volume_and_the_div_id_in_volume_order(
    frus: dict[str, Imported], frus_trees: dict[str, etree._ElementTree]
) -> None:
    for name, result in frus.items():
        ids = frus_trees[name].xpath('//t:div[@type="document"]/@xml:id', namespaces=TEI_NS)
        assert [d.ref for d in result.documents] == [f"{name}/{i}" for i in ids]
        positions = [d.position for d in result.documents]
        assert positions == sorted(positions) and len(set(positions)) == len(positions)
        assert all(d.collection_id == name and d.language == "en" for d in result.documents)


def test_collection_comes_first_with_the_header_title(
    frus: dict[str, Imported], frus_trees: dict[str, etree._ElementTree]
) -> None:
    for name, result in frus.items():
        assert result.events[0] is result.collection
        assert result.collection.id == name and result.collection.kind == "tei_frus"
        (complete,) = frus_trees[name].xpath(
            '//t:titleStmt/t:title[@type="complete"]', namespaces=TEI_NS
        )
        assert result.collection.title == words(complete)
        assert not result.problems


def test_titles_carry_no_footnote_text_and_the_notes_do(
    frus: dict[str, Imported], frus_trees: dict[str, etree._ElementTree]
) -> None:
    checked = 0
    for name, tree in frus_trees.items():
        documents = frus[name].by_ref
        for head in tree.xpath('//t:div[@type="document"]/t:head[t:note]', namespaces=TEI_NS):
            document = documents[f"{name}/{head.getparent().get(XML_ID)}"]
            for note in head.iterfind("t:note", TEI_NS):
                text = words(note)
                assert text not in document.title
                assert text in document.notes
            assert "\n" not in document.title and "  " not in document.title
            checked += 1
    assert checked > 100


def test_footnotes_leave_a_marker_in_the_body_and_their_text_in_the_notes(
    frus: dict[str, Imported],
) -> None:
    document = frus["frus1918Russiav03"].by_ref["frus1918Russiav03/d42"]
    assert "Your 5860[2] and 2841." in document.body
    assert "Not printed." not in document.body
    assert "[2] Not printed." in document.notes.split("\n\n")


def test_source_notes_are_the_source_and_among_the_notes(frus: dict[str, Imported]) -> None:
    document = frus["frus1918Russiav03"].by_ref["frus1918Russiav03/d41"]
    assert document.source == "File No. 861.51/242a; [Telegram]"
    assert document.notes.split("\n\n")[:2] == ["File No. 861.51/242a", "[Telegram]"]
    assert "File No." not in document.body


def test_body_keeps_reading_order_in_paragraphs(frus: dict[str, Imported]) -> None:
    document = frus["frus1918Russiav03"].by_ref["frus1918Russiav03/d41"]
    paragraphs = document.body.split("\n\n")
    assert paragraphs[0] == "Washington, November 22, 1917, 6 p.m."
    assert paragraphs[1] == "2841. For House:"
    assert paragraphs[2].startswith("Department desires your opinion about Russian situation.")
    assert paragraphs[-1] == "Lansing"
    assert document.title == "The Secretary of State to the Ambassador in France (Sharp)"
    assert document.place == "Washington"
    assert document.extra["number"] == "41"


def test_enclosures_are_part_of_the_body(
    frus: dict[str, Imported], frus_trees: dict[str, etree._ElementTree]
) -> None:
    tree = frus_trees["frus1894Nicaragua"]
    attachments = tree.xpath(
        '//t:div[@type="document"]/*[local-name()="attachment"]', namespaces=TEI_NS
    )
    assert attachments
    for attachment in attachments[:20]:
        document = frus["frus1894Nicaragua"].by_ref[
            f"frus1894Nicaragua/{attachment.getparent().get(XML_ID)}"
        ]
        last = attachment.xpath(".//t:p[not(ancestor::t:note)]", namespaces=TEI_NS)[-1]
        # compared without whitespace: a <lb/> is a line break in the body
        assert squeeze(words(last)) in squeeze(document.body)


def test_persons_resolve_through_the_volumes_list_of_persons(
    frus: dict[str, Imported], frus_trees: dict[str, etree._ElementTree]
) -> None:
    tree = frus_trees["frus1918Russiav03"]
    listed = {
        name.get(XML_ID): words(name)
        for name in tree.xpath('//t:div[@xml:id="persons"]//t:persName', namespaces=TEI_NS)
    }
    assert listed["p_SWG1"] == "Sharp, William G."
    d41 = frus["frus1918Russiav03"].by_ref["frus1918Russiav03/d41"]
    assert d41.persons == ("Sharp, William G.", "House, Edward Mandell", "Lansing, Robert")
    # every @corresp of the volume resolves: no printed surname alone where the list names it
    for document in frus["frus1918Russiav03"].documents[:100]:
        for person in document.persons:
            assert person in listed.values() or "," not in person


def test_references_into_another_volume_keep_the_printed_name(
    frus: dict[str, Imported], frus_trees: dict[str, etree._ElementTree]
) -> None:
    tree = frus_trees["frus1917Supp02v02"]
    (name,) = tree.xpath(
        '(//t:persName[starts-with(@corresp, "frus1917Supp02v01#")]'
        '[ancestor::t:div[@type="document"]])[1]',
        namespaces=TEI_NS,
    )
    div = name.xpath('ancestor::t:div[@type="document"]', namespaces=TEI_NS)[0]
    document = frus["frus1917Supp02v02"].by_ref[f"frus1917Supp02v02/{div.get(XML_ID)}"]
    assert words(name).strip(" ,.") in document.persons
    assert len(document.persons) == len(set(document.persons))


def test_places_are_place_names_without_duplicates(frus: dict[str, Imported]) -> None:
    document = frus["frus1864p4"].by_ref["frus1864p4/d412"]
    assert document.place == "Legation of the United States, Copenhagen"
    assert document.places == ("Legation of the United States, Copenhagen",)
    for result in frus.values():
        assert all(len(d.places) == len(set(d.places)) for d in result.documents)


def test_dates_from_frus_attributes_and_datelines(frus: dict[str, Imported]) -> None:
    d412 = frus["frus1864p4"].by_ref["frus1864p4/d412"]
    assert (d412.date.start, d412.date.end, d412.date.precision) == (
        "1864-06-25",
        "1864-06-25",
        "day",
    )
    assert d412.date.text == "June 25, 1864."
    d41 = frus["frus1918Russiav03"].by_ref["frus1918Russiav03/d41"]
    assert (d41.date.start, d41.date.text) == ("1917-11-22", "November 22, 1917, 6 p.m.")
    assert d41.date.flag is None


def test_the_0201_typo_is_kept_flagged_and_not_guessed(frus: dict[str, Imported]) -> None:
    document = frus["frus1864p4"].by_ref["frus1864p4/d382"]
    assert document.date.start is None
    assert "0201" in (document.date.flag or "")
    assert document.date.text.startswith("October 12")
    assert document.body  # still a whole document


def test_dates_without_a_year_are_flagged(
    frus: dict[str, Imported], frus_trees: dict[str, etree._ElementTree]
) -> None:
    tree = frus_trees["frus1864p4"]
    divs = tree.xpath(
        '//t:div[@type="document"][.//t:dateline//t:date[starts-with(@when, "--")]]',
        namespaces=TEI_NS,
    )
    assert len(divs) == 4
    for div in divs:
        document = frus["frus1864p4"].by_ref[f"frus1864p4/{div.get(XML_ID)}"]
        if document.date.start is None:
            assert "no year" in (document.date.flag or "")
    d411 = frus["frus1864p4"].by_ref["frus1864p4/d411"]
    assert d411.date.start is None and "no year" in (d411.date.flag or "")


def test_every_undated_document_is_kept_with_a_flag(frus: dict[str, Imported]) -> None:
    undated = [d for result in frus.values() for d in result.documents if not d.date.is_dated]
    assert len(undated) > 50
    assert all(d.date.flag for d in undated)
    dated = [d for result in frus.values() for d in result.documents if d.date.is_dated]
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    assert all(iso.match(d.date.start) and iso.match(d.date.end) for d in dated)
    assert all(d.date.start <= d.date.end for d in dated)


def test_minutes_dated_in_their_title_are_dated_and_say_so(frus: dict[str, Imported]) -> None:
    from_title = [
        d for d in frus["frus1919Parisv11"].documents if d.extra.get("date_source") == "title"
    ]
    assert len(from_title) > 150
    sample = from_title[0]
    assert sample.date.is_dated and sample.date.flag == "date read from the title"
    assert sample.date.text in sample.title


def test_sections_follow_nested_chapters(
    frus: dict[str, Imported], frus_trees: dict[str, etree._ElementTree]
) -> None:
    tree = frus_trees["frus1918Russiav03"]
    (div,) = tree.xpath('//t:div[@xml:id="d41"]', namespaces=TEI_NS)
    depth = len(div.xpath("ancestor::t:div[t:head]", namespaces=TEI_NS))
    assert depth == 3
    section = frus["frus1918Russiav03"].by_ref["frus1918Russiav03/d41"].section
    parts = section.split(" › ")
    assert len(parts) == 3
    assert parts[0] == "Russia Economic Relations"
    assert parts[1].startswith("Chapter I. Loans to the Provisional Government")
    assert "Treasury accounts" not in section  # the footnote in the subchapter head
    assert all(d.section for result in frus.values() for d in result.documents)


def test_untitled_documents_get_the_opening_words(frus: dict[str, Imported]) -> None:
    document = frus["frus1864p4"].by_ref["frus1864p4/d382"]
    assert document.title.startswith("Screw steamer Laurel")
    assert document.extra["printed_title"] == "[Untitled]"
    empty_head = frus["frus1901China"].by_ref["frus1901China/d1"]
    assert empty_head.title == "To the Senate and House of Representatives:"
    assert empty_head.extra["title_supplied"] is True


def test_extract_document_can_be_reused_on_a_single_div() -> None:
    xml = b"""<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>
      <div type="chapter"><head>Chapter <note n="1">a note</note>One.</head>
        <div type="document" xml:id="d7" n="7">
          <head>The Minister to the Secretary<note n="2">Received later.</note></head>
          <dateline><placeName>Belgrade</placeName>, <date when="1955-06-02">June 2, 1955</date></dateline>
          <p>First<note n="3">See above.</note> paragraph<lb/>with a break.</p>
          <list><label>1.</label><item>an item</item></list>
          <table><row><cell>a</cell><cell>b</cell></row></table>
        </div></div></body></text></TEI>"""
    root = etree.fromstring(xml)
    (div,) = root.xpath('//t:div[@type="document"]', namespaces=TEI_NS)
    record = tei_frus.extract_document(div, tei_frus.Volume("vol"), position=3)
    assert record.ref == "vol/d7" and record.position == 3
    assert record.title == "The Minister to the Secretary"
    assert record.section == "Chapter One"
    assert record.body == (
        "Belgrade, June 2, 1955\n\nFirst[3] paragraph\nwith a break.\n\n1. an item\n\na | b"
    )
    assert record.notes == "[2] Received later.\n\n[3] See above."
    assert (record.date.start, record.place) == ("1955-06-02", "Belgrade")
