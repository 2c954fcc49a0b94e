"""EAD finding aids: one document per file-level component, METS unwrapped."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from reading_room.core.importers import ead

from .conftest import Imported, run

FILE_LEVEL = 'count(//*[local-name()="ead"]//*[@level="file"])'


def test_one_document_per_file_level_component(
    ead_files: list[Path], eads: dict[str, Imported]
) -> None:
    for path in ead_files:
        expected = int(etree.parse(str(path)).xpath(FILE_LEVEL))
        assert expected > 0
        assert len(eads[path.name].documents) == expected, path.name
        assert not eads[path.name].problems
    assert len(eads["eadmss.ms013041.2.xml"].documents) == 10540


def test_the_mets_package_is_the_same_collection_as_its_ead(eads: dict[str, Imported]) -> None:
    plain = eads["eadmss.ms008095.2.xml"]
    mets = eads["eadmss.ms008095.4.xml"]
    assert plain.collection.id == mets.collection.id == "mss10561"
    assert plain.collection.title == mets.collection.title
    assert [d.ref for d in plain.documents] == [d.ref for d in mets.documents]
    assert [d.title for d in plain.documents] == [d.title for d in mets.documents]


def test_collection_ids_are_call_numbers_and_titles_carry_dates(
    ead_files: list[Path], eads: dict[str, Imported]
) -> None:
    ids = set()
    for path in ead_files:
        tree = etree.parse(str(path))
        (unitid,) = tree.xpath(
            '//*[local-name()="archdesc"]/*[local-name()="did"]/*[local-name()="unitid"]'
        )
        result = eads[path.name]
        assert result.events[0] is result.collection
        assert result.collection.id == unitid.text.strip().lower()
        ids.add(result.collection.id)
        assert all(d.ref.startswith(result.collection.id + "/") for d in result.documents)
        assert len({d.ref for d in result.documents}) == len(result.documents)
    assert len(ids) == 7
    agronsky = eads["eadmss.ms006002.2.xml"].collection
    assert agronsky.title == "Martin Agronsky Papers, 1907-1999 (bulk 1940-1990)"
    assert agronsky.description.startswith("Radio and television journalist.")


def test_a_folder_with_box_section_and_date(eads: dict[str, Imported]) -> None:
    documents = eads["eadmss.ms008095.2.xml"].by_ref
    folder = documents["mss10561/mferd1453e1385"]
    assert folder.title == "Correspondence, 1803-1910, undated"
    assert (folder.date.start, folder.date.end, folder.date.text) == (
        "1803-01-01",
        "1910-12-31",
        "1803-1910",
    )
    assert folder.section == "Part I: Early Family Papers, 1762-1910"
    assert folder.source == folder.extra["container"] == "Box 1"
    assert "container_inferred" not in folder.extra
    assert folder.extra["extent"] == "(3 folders)"
    assert folder.doc_type == "file"


def test_a_folder_without_a_box_is_in_the_box_named_before_it(eads: dict[str, Imported]) -> None:
    documents = eads["eadmss.ms008095.2.xml"].by_ref
    after = documents["mss10561/mferd1453e1396"]  # listed under box 1, no box of its own
    assert after.source == "Box 1" and after.extra["container_inferred"] is True


def test_date_only_titles_name_what_they_belong_to(eads: dict[str, Imported]) -> None:
    documents = eads["eadmss.ms008095.2.xml"].by_ref
    nested = documents["mss10561/mferd1453e1426"]
    assert nested.title == "Alsop, Joseph — 1934, Apr.-1947, Apr."
    assert nested.section.endswith(" › Alsop, Joseph")
    assert (nested.date.start, nested.date.end) == ("1934-04-01", "1947-04-30")
    arnold = eads["eadmss.ms996005.2.xml"].by_ref["mss11189/mferd66e1433"]
    assert arnold.title == "Chronological — 1907-1924"
    assert arnold.source == "Box 3, Reel 3"
    assert arnold.section == "Correspondence, 1907-1967 › Chronological, 1907-1949"


def test_collection_index_terms_are_not_put_on_every_folder(eads: dict[str, Imported]) -> None:
    result = eads["eadmss.ms006002.2.xml"]
    assert not any("Agronsky, Martin." in d.persons for d in result.documents)
    assert not any("Cold War." in d.subjects for d in result.documents)


def test_a_small_finding_aid_without_namespace(tmp_path: Path) -> None:
    path = tmp_path / "aid.xml"
    path.write_text(
        """<?xml version="1.0"?>
<!-- a comment before the root, as in the Library of Congress files -->
<ead><eadheader><eadid identifier="hdl:example/aid-42">x</eadid></eadheader>
<archdesc level="collection"><did><unittitle>Test Papers, <unitdate normal="1950/1960">1950-1960</unitdate></unittitle></did>
<dsc>
  <c01 level="series" id="s1"><did><unittitle>Correspondence</unittitle></did>
    <c02 level="file" id="f1"><did><container type="box">4</container><container type="folder">2</container>
      <unittitle>Tito, Josip Broz, <unitdate normal="1955-06">June 1955</unitdate></unittitle></did>
      <scopecontent><p>Letters about the Belgrade declaration.</p></scopecontent>
      <controlaccess><persname>Tito, Josip Broz, 1892-1980</persname><geogname>Yugoslavia</geogname>
        <subject>Nonalignment</subject></controlaccess>
    </c02>
    <c02 id="f2"><did><unittitle>Undated notes</unittitle></did></c02>
  </c01>
</dsc></archdesc></ead>""",
        encoding="utf-8",
    )
    result = run(ead.read(path))
    assert result.collection.id == "aid-42"
    first, second = result.documents
    assert first.ref == "aid-42/f1"
    assert first.title == "Tito, Josip Broz, June 1955"
    assert (first.date.start, first.date.end) == ("1955-06-01", "1955-06-30")
    assert first.source == "Box 4, Folder 2"
    assert first.summary == "Letters about the Belgrade declaration."
    assert first.persons == ("Tito, Josip Broz, 1892-1980",)
    assert first.places == ("Yugoslavia",) and first.subjects == ("Nonalignment",)
    assert "Letters about the Belgrade declaration." in first.body
    assert second.ref == "aid-42/f2" and not second.date.is_dated
    assert second.source == "Box 4, Folder 2" and second.extra["container_inferred"]
    assert [d.position for d in result.documents] == [1, 2]
