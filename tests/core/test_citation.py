"""Citations in Chicago style through citeproc-py and the bundled CSL file, without Qt."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import pytest
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from reading_room.core.citation import (
    CitationError,
    available_styles,
    csl_item,
    format_bibliography,
    format_citation,
    style_path,
)
from reading_room.core.library import DocumentView


def make_view(**changes: object) -> DocumentView:
    fields: dict[str, object] = dict(
        ref="test-collection/1955-06-02",
        collection_id="test-collection",
        collection_title="Test Collection of Embassy Reports",
        title="Report on the talks in Belgrade",
        date_text="Belgrade, June 2, 1955",
        date_start="1955-06-02",
        date_end="1955-06-02",
        date_precision="day",
        date_certain=True,
        date_flag=None,
        summary="What the embassy learnt of the talks.",
        body="The talks ended today.",
        notes="",
        source="Despatch No. 412",
        place="Belgrade",
        language="en",
        doc_type="despatch",
        section="",
        persons=(),
        places=(),
        subjects=(),
        attachments=(),
        extra={},
        source_file="",
    )
    fields.update(changes)
    return DocumentView(**fields)  # type: ignore[arg-type]


def test_the_csl_item_describes_an_archival_document() -> None:
    item = csl_item(make_view())
    assert item["id"] == "test-collection/1955-06-02"
    assert item["type"] == "manuscript"
    assert item["title"] == "Report on the talks in Belgrade"
    assert item["issued"] == {"date-parts": [[1955, 6, 2]]}
    assert item["archive"] == "Test Collection of Embassy Reports"
    assert item["archive_location"] == "Despatch No. 412"
    assert item["publisher-place"] == "Belgrade"
    assert item["language"] == "en"
    assert "container-title" not in item


def test_a_document_printed_in_a_volume_is_in_its_container() -> None:
    item = csl_item(
        make_view(extra={"volume_title": "Papers of the Embassy, 1955", "number": "41"})
    )
    assert item["type"] == "document"
    assert item["container-title"] == "Papers of the Embassy, 1955"
    assert item["number"] == "41"


@pytest.mark.parametrize(
    ("start", "end", "precision", "certain", "issued"),
    [
        ("1955-06-01", "1955-06-30", "month", True, {"date-parts": [[1955, 6]]}),
        ("1955-01-01", "1955-12-31", "year", True, {"date-parts": [[1955]]}),
        ("1955-01-01", "1955-12-31", "year", False, {"date-parts": [[1955]], "circa": True}),
        ("1954-01-01", "1962-12-31", "range", True, {"date-parts": [[1954], [1962]]}),
        (
            "1956-10-23",
            "1956-11-04",
            "range",
            True,
            {"date-parts": [[1956, 10, 23], [1956, 11, 4]]},
        ),
    ],
)
def test_issued_follows_the_precision_of_the_date(
    start: str, end: str, precision: str, certain: bool, issued: dict[str, object]
) -> None:
    view = make_view(date_start=start, date_end=end, date_precision=precision, date_certain=certain)
    assert csl_item(view)["issued"] == issued


def test_an_undated_document_has_no_issued_date_and_its_ref_locates_it() -> None:
    item = csl_item(make_view(date_start=None, date_end=None, date_precision=None, source=""))
    assert "issued" not in item
    assert item["archive_location"] == "test-collection/1955-06-02"


def test_the_item_is_valid_csl_json_for_citeproc() -> None:
    item = csl_item(make_view())
    style = CitationStylesStyle(str(style_path()), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON([item]), formatter.plain)
    citation = Citation([CitationItem(item["id"])])
    bibliography.register(citation)
    text = str(bibliography.cite(citation, lambda _item: None))
    assert "Report on the Talks in Belgrade" in text
    assert "June 2, 1955" in text


def test_chicago_note_citation_in_text_and_html() -> None:
    text = format_citation(make_view())
    assert text == (
        "“Report on the Talks in Belgrade” (despatch, Belgrade, June 2, 1955), Despatch No. 412, "
        "Test Collection of Embassy Reports."
    )
    html = format_citation(make_view(title="Aid & trade"), fmt="html")
    assert "Aid &amp; Trade" in html
    assert "June 2, 1955" in html


def test_bibliography_sorts_and_lists_each_document_once() -> None:
    first = make_view()
    second = replace(first, ref="test-collection/1954-02-28", title="Agreement on the Balkan Pact")
    text = format_bibliography([first, second, first])
    lines = text.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("“Agreement on the Balkan Pact”")
    html = format_bibliography([first], fmt="html")
    assert html.startswith('<div class="csl-entry">')


def test_an_unknown_style_is_an_error_a_person_can_read() -> None:
    assert "chicago-note-bibliography" in available_styles()
    with pytest.raises(CitationError, match="not installed"):
        format_citation(make_view(), style="no-such-style")


def test_citations_need_no_qt() -> None:
    code = (
        "import sys, reading_room.core.citation as c; "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_an_archival_box_is_not_cited_as_a_printed_volume() -> None:
    item = csl_item(make_view(extra={"container": "Box 3"}, source="Box 3"))
    assert item["type"] == "manuscript" and "container-title" not in item
