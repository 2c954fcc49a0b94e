"""Citations of documents in a CSL style (Chicago by default), through citeproc-py.

The document view copies one citation; the notes and bookmarks exports reuse
``csl_item`` and ``format_bibliography``. Styles are CSL files under
``resources/csl/``; we never hand-roll a citation style.
"""

from __future__ import annotations

import calendar
import html
import re
import warnings
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import paths
from .errors import ReadingRoomError

if TYPE_CHECKING:
    from .library import DocumentView

DEFAULT_STYLE = "chicago-note-bibliography"
FORMATS = ("text", "html")

#: ``extra`` keys importers use for the printed volume a document appears in
_CONTAINER_KEYS = ("container_title", "volume_title", "volume")  # not "container": EAD boxes
_NUMBER_KEYS = ("number", "doc_number")
_LANGUAGES = {"english": "en", "russian": "ru", "serbo-croatian": "sh", "serbian": "sr"}


class CitationError(ReadingRoomError):
    """A citation style that cannot be found or read."""


def style_path(style: str = DEFAULT_STYLE) -> Path:
    """The CSL file of a style: a bundled style's name or a path to a ``.csl`` file."""
    candidate = Path(style)
    if candidate.suffix == ".csl" and candidate.is_file():
        return candidate
    path = paths.resources_dir() / "csl" / f"{style}.csl"
    if not path.is_file():
        raise CitationError(f"The citation style {style!r} is not installed ({path} is missing).")
    return path


def available_styles() -> list[str]:
    folder = paths.resources_dir() / "csl"
    return sorted(p.stem for p in folder.glob("*.csl")) if folder.is_dir() else []


def _date_parts(iso: str, precision: str | None) -> list[int]:
    year, month, day = (int(part) for part in iso.split("-"))
    if precision == "year":
        return [year]
    if precision == "month":
        return [year, month]
    return [year, month, day]


def _issued(view: DocumentView) -> dict[str, Any] | None:
    if not view.date_start:
        return None
    precision = view.date_precision
    start = view.date_start
    end = view.date_end or start
    if precision == "range" or start != end and precision not in ("year", "month"):
        first, last = _range_parts(start, end)
        parts = [first] if first == last else [first, last]
    else:
        parts = [_date_parts(start, precision)]
    issued: dict[str, Any] = {"date-parts": parts}
    if not view.date_certain:
        issued["circa"] = True
    return issued


def _range_parts(start: str, end: str) -> tuple[list[int], list[int]]:
    """A range at the coarsest precision that still says it: whole years, months or days."""
    sy, sm, sd = (int(p) for p in start.split("-"))
    ey, em, ed = (int(p) for p in end.split("-"))
    whole_months = sd == 1 and _is_last_day(ey, em, ed)
    if whole_months and sm == 1 and em == 12:
        return [sy], [ey]
    if whole_months:
        return [sy, sm], [ey, em]
    return [sy, sm, sd], [ey, em, ed]


def _is_last_day(year: int, month: int, day: int) -> bool:
    return day == calendar.monthrange(year, month)[1]


def _first(extra: dict[str, Any], keys: Iterable[str]) -> str:
    for key in keys:
        value = extra.get(key)
        if isinstance(value, str | int) and str(value).strip():
            return str(value).strip()
    return ""


def _unstop(text: str) -> str:
    """Text without a final full stop, so the style's comma never follows one."""
    text = " ".join(text.split())
    return text[:-1].rstrip() if text.endswith(".") and not text.endswith("..") else text


def _language_code(language: str) -> str:
    value = language.strip().lower()
    if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]+)*", value):
        return value
    return _LANGUAGES.get(value, "")


def csl_item(view: DocumentView) -> dict[str, Any]:
    """The document as a CSL-JSON item, the common currency of citation tools.

    A document printed in a volume (a FRUS volume: ``extra["volume_title"]``) is a
    ``document`` inside that ``container-title``; anything else is an archival
    ``manuscript`` held in the collection (``archive``) at a location (``archive_location``:
    its source citation, else its reference).
    """
    container = _first(view.extra, _CONTAINER_KEYS)
    item: dict[str, Any] = {
        "id": view.ref,
        "type": "document" if container else "manuscript",
        "title": view.title or view.ref,
    }
    issued = _issued(view)
    if issued:
        item["issued"] = issued
    if container:
        item["container-title"] = container
        number = _first(view.extra, _NUMBER_KEYS)
        if number:
            item["number"] = number
    if view.collection_title:
        item["archive"] = _unstop(view.collection_title)
    # the style puts its own punctuation after each part
    item["archive_location"] = _unstop(view.source) or view.ref
    if view.place:
        item["publisher-place"] = view.place
    if view.doc_type:
        item["genre"] = view.doc_type
    code = _language_code(view.language)
    if code:
        item["language"] = code
    if view.summary:
        item["abstract"] = view.summary
    return item


@lru_cache(maxsize=8)
def _style(path: str) -> Any:
    from citeproc import CitationStylesStyle

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return CitationStylesStyle(path, validate=False)
    except Exception as error:  # lxml or citeproc: the file is not a usable style
        raise CitationError(f"The citation style {path} cannot be read: {error}") from error


def _formatter(fmt: str) -> Any:
    from citeproc import formatter

    if fmt == "text":
        return formatter.plain
    if fmt == "html":
        return formatter.html
    raise ValueError(f"unknown citation format {fmt!r}; use one of {FORMATS}")


def _bibliography(views: Iterable[DocumentView], style: str, fmt: str) -> tuple[Any, list[Any]]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography
    from citeproc.source.json import CiteProcJSON

    items = []
    seen: set[str] = set()
    for view in views:
        if view.ref not in seen:
            seen.add(view.ref)
            items.append(csl_item(view))
    if fmt == "html":
        items = [_escaped(item) for item in items]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography = CitationStylesBibliography(
            _style(str(style_path(style))), CiteProcJSON(items), _formatter(fmt)
        )
        citations = []
        for item in items:
            citation = Citation([CitationItem(item["id"].lower())])
            bibliography.register(citation)
            citations.append(citation)
    return bibliography, citations


def _escaped(item: dict[str, Any]) -> dict[str, Any]:
    """citeproc-py's HTML formatter passes text through as is: escape it first."""
    return {
        key: html.escape(value, quote=False) if isinstance(value, str) and key != "id" else value
        for key, value in item.items()
    }


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


def format_citation(view: DocumentView, style: str = DEFAULT_STYLE, fmt: str = "text") -> str:
    """The document's full note citation (``fmt`` "text" or "html")."""
    bibliography, citations = _bibliography([view], style, fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _clean(bibliography.cite(citations[0], lambda _item: None))


def format_bibliography(
    views: Iterable[DocumentView], style: str = DEFAULT_STYLE, fmt: str = "text"
) -> str:
    """Bibliography entries of several documents, sorted as the style sorts them.

    Text: one entry a line. HTML: one ``<div class="csl-entry">`` an entry.
    """
    bibliography, _ = _bibliography(views, style, fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bibliography.sort()
        entries = [_clean(entry) for entry in bibliography.bibliography()]
    if fmt == "html":
        return "\n".join(f'<div class="csl-entry">{entry}</div>' for entry in entries)
    return "\n".join(entries)


__all__ = [
    "DEFAULT_STYLE",
    "CitationError",
    "available_styles",
    "csl_item",
    "format_bibliography",
    "format_citation",
    "style_path",
]
