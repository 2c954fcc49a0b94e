"""The fields of the index and how a stored ``Document`` fills them.

Three kinds of field:

- folded text (the ``folded`` analyzer) for words: ``title``, ``summary``, ``body``, ``notes``
  and the ``*_text`` twins of the facets, so ``person:kennan`` finds "Kennan, George F.";
- raw, fast text for facets and exact filters: ``collection``, ``person``, ``place``,
  ``subject``, ``language``, ``type`` (lists are multi-valued), and ``ref``, the unique key;
- fast integers for dates, as ``YYYYMMDD`` numbers (tantivy's date type stops at 1677, archives
  do not): ``start``/``end`` for the overlap filter, ``date`` (start day and position in the
  collection) to sort by date, ``year`` (every year the document's date covers) for the
  timeline. Undated documents have none of them, so they fall out of date filters and sort
  last in both directions.

Change anything here (fields, analyzer, what goes where) → bump ``SCHEMA_VERSION``: every index
built before is then rebuilt on the next sync.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

import tantivy

from .analysis import ANALYZER, MAX_WORD, WORD, nfc, quick_fold, words

if TYPE_CHECKING:
    from ..models import Document

SCHEMA_VERSION = 2

TEXT_FIELDS = ("title", "summary", "body", "notes")
#: the facet fields of ``types.FACET_FIELDS``, each with a folded twin for words
FACET_TEXT = {
    "collection": "collection_text",
    "person": "persons_text",
    "place": "places_text",
    "subject": "subjects_text",
    "language": "language_text",
    "type": "type_text",
}
#: where a word without a field is looked for, and how much a match there weighs
DEFAULT_FIELDS: tuple[tuple[str, float], ...] = (
    ("title", 3.0),
    ("summary", 2.0),
    ("body", 1.0),
    ("notes", 1.0),
    ("persons_text", 1.0),
    ("places_text", 1.0),
    ("subjects_text", 1.0),
)
#: the stored text a snippet can come from, in order of preference
SNIPPET_FIELDS = ("body", "summary", "title", "notes")

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_POSITIONS = 10**9
TITLE_SORT_CHARS = 120


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("ref", stored=True, fast=True, tokenizer_name="raw")
    builder.add_text_field("ref_text", tokenizer_name=ANALYZER)
    for name in TEXT_FIELDS:
        builder.add_text_field(name, stored=True, tokenizer_name=ANALYZER)
    for facet, text in FACET_TEXT.items():
        builder.add_text_field(facet, stored=facet == "collection", fast=True, tokenizer_name="raw")
        builder.add_text_field(text, stored=True, tokenizer_name=ANALYZER)
    builder.add_text_field("title_sort", fast=True, tokenizer_name="raw")
    builder.add_text_field("date_text", stored=True, tokenizer_name="raw", index_option="basic")
    for name in ("start", "end"):
        builder.add_integer_field(name, stored=True, indexed=True, fast=True)
    builder.add_integer_field("date", fast=True)
    builder.add_integer_field("year", fast=True)
    # every year a document covers as a word, to count hits per year from the term
    # dictionary when they are many (see ``facets``)
    builder.add_text_field("year_key", tokenizer_name="raw", index_option="basic")
    return builder.build()


def day_number(iso: str | None) -> int | None:
    """``1956-10-23`` → ``19561023`` (None for anything else)."""
    if iso and len(iso) == 10 and iso[4] == "-" and iso[7] == "-":
        digits = iso[:4] + iso[5:7] + iso[8:]
        if digits.isascii() and digits.isdigit():
            return int(digits)
    match = _DAY.match(iso or "")
    return int(match.group(1) + match.group(2) + match.group(3)) if match else None


def iso_day(number: int | None) -> str | None:
    if number is None:
        return None
    return f"{number // 10000:04d}-{number // 100 % 100:02d}-{number % 100:02d}"


def title_key(title: str) -> str:
    """Titles sort by their words, without case, accents or leading punctuation."""
    folded = quick_fold(title) if title else ""
    if folded is None:
        return " ".join(words(title))[:TITLE_SORT_CHARS]
    # the analyzer's words, found at C speed (it drops words of MAX_WORD letters or more)
    found = WORD.findall(folded)
    if found and max(map(len, found)) >= MAX_WORD:
        found = [word for word in found if len(word) < MAX_WORD]
    return " ".join(found)[:TITLE_SORT_CHARS]


def _value(value: str) -> str:
    """A facet value as it is counted: NFC, whitespace collapsed."""
    if (
        value.isascii()
        and value.isprintable()
        and "  " not in value
        and value[:1] != " "
        and value[-1:] != " "
    ):
        return value  # nearly always: stored values come cleaned by the importers
    return " ".join(nfc(value).split())


def _unique(values: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            value = _value(value)
            if value:
                seen[value] = None
    return list(seen)


def facet_values(doc: Document) -> dict[str, list[str]]:
    """The values each facet of a document counts under.

    ``place`` holds the places the document names and the place it was written at.
    """
    return {
        "collection": _unique([doc.collection_id]),
        "person": _unique(list(doc.persons or [])),
        "place": _unique([*(doc.places or []), doc.place or ""]),
        "subject": _unique(list(doc.subjects or [])),
        "language": _unique([doc.language or ""]),
        "type": _unique([doc.doc_type or ""]),
    }


def to_index_document(doc: Document, collection_titles: Mapping[str, str]) -> tantivy.Document:
    out = tantivy.Document()
    add = out.add_text
    ref = doc.ref
    add("ref", ref)
    add("ref_text", ref)
    for name in TEXT_FIELDS:
        value = getattr(doc, name)
        if value:
            add(name, nfc(value))
    for facet, values in facet_values(doc).items():
        twin = FACET_TEXT[facet]
        for value in values:
            add(facet, value)
            add(twin, value)
    title = collection_titles.get(doc.collection_id)
    if title:
        add("collection_text", nfc(title))
    key = title_key(doc.title or "")
    if key:
        add("title_sort", key)
    if doc.date_text:
        add("date_text", doc.date_text)
    start = day_number(doc.date_start)
    end = day_number(doc.date_end) or start
    if start is not None and end is not None:
        start, end = min(start, end), max(start, end)
        out.add_integer("start", start)
        out.add_integer("end", end)
        position = min(max(doc.position or 0, 0), _POSITIONS - 1)
        out.add_integer("date", start * _POSITIONS + position)
        for year in range(start // 10000, end // 10000 + 1):
            out.add_integer("year", year)
            add("year_key", str(year))
    return out
