"""Helpers every importer shares: reading XML safely, plain text, refs, problems.

An XML source is parsed whole before a single record leaves the importer, so a
malformed or cut-short file yields one problem line and nothing else: a
collection is never half imported.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from lxml import etree

from ..records import CollectionRecord, DocumentRecord, ImportEvent, ImportProblem

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

#: Folder names that say nothing about the collection inside them; a collection
#: of essays in ``hsg-milestones/chapters/`` is called after ``hsg-milestones``.
GENERIC_FOLDERS = frozenset(
    {
        "articles",
        "chapters",
        "data",
        "docs",
        "documents",
        "essays",
        "files",
        "sources",
        "tei",
        "texts",
        "volumes",
        "xml",
    }
)

MONTH_WORD = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_DATE_WORDS = re.compile(
    rf"(?:\b(?:{MONTH_WORD})\.?\s+(?:\d{{1,2}},?\s+)?)?\b\d{{4}}\b(?:,?\s*(?:{MONTH_WORD})\b\.?(?:\s+\d{{1,2}}\b)?)?",
    re.I,
)

_SLUG_DROP = re.compile(r"[^\w\s-]", re.UNICODE)
_SLUG_SPACE = re.compile(r"[\s_-]+")


def clean(text: str | None) -> str:
    """Whitespace collapsed to single spaces, ends stripped."""
    if not text:
        return ""
    if (
        text.isascii()
        and text.isprintable()  # no tab, newline or other control character
        and "  " not in text
        and text[0] != " "
        and text[-1] != " "
    ):
        return text  # already clean, as nearly every value is: no need to split and join
    return " ".join(text.split())


def nfc(text: str) -> str:
    """Unicode NFC, so a name typed on macOS (NFD) and Windows gives the same ref."""
    return unicodedata.normalize("NFC", text)


def date_words(text: str) -> str:
    """The part of a text that is its date, to keep as the printed date:
    ``Correspondence, 1803-1910, undated`` → ``1803-1910``; ``Treaty … Signed at
    Washington, March 2, 1904`` → ``March 2, 1904``; ``1947, May-1948, Sept.`` → itself."""
    matches = list(_DATE_WORDS.finditer(text))
    if not matches:
        return ""
    return text[matches[0].start() : matches[-1].end()].strip(" ,;:")


def slug(text: str, limit: int = 60) -> str:
    """``U.S. Embassy in Serbia Reopened, 2001.`` → ``us-embassy-in-serbia-reopened-2001``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = _SLUG_SPACE.sub("-", _SLUG_DROP.sub("", ascii_text.lower())).strip("-")
    return words[:limit].rstrip("-")


def unique(values: Iterable[str]) -> tuple[str, ...]:
    """Non-empty values, first occurrence kept, order kept."""
    seen: dict[str, None] = {}
    for value in values:
        if value and value not in seen:
            seen[value] = None
    return tuple(seen)


def folder_collection_id(folder: Path) -> str:
    """The collection id a folder stands for: its name, or its parent's name when
    the folder is called something generic like ``chapters`` or ``data``."""
    folder = folder.resolve()
    name = folder.name
    if name.lower() in GENERIC_FOLDERS and folder.parent.name:
        name = folder.parent.name
    return nfc(name) or "collection"


def local_ref(collection: str, local: str) -> str:
    """``<collection>/<local>``, unless the local id already carries the prefix."""
    prefix = f"{collection}/"
    return local if local.startswith(prefix) else prefix + local


class Emitter:
    """Yields the collection record lazily, just before the first document, so a
    source with no documents at all leaves no empty collection behind."""

    def __init__(self, collection: CollectionRecord, file: str) -> None:
        self.collection = collection
        self.file = file
        self.documents = 0

    def documents_of(self, events: Iterable[ImportEvent]) -> Iterator[ImportEvent]:
        for event in events:
            if isinstance(event, DocumentRecord):
                if not self.documents:
                    yield self.collection
                self.documents += 1
            yield event

    def finish(self, what: str = "documents") -> Iterator[ImportProblem]:
        if not self.documents:
            yield ImportProblem(self.file, None, f"no {what} found; nothing was imported")


# -- XML ---------------------------------------------------------------------------


def _parser() -> etree.XMLParser:
    # No entities, no network: a finding aid from elsewhere cannot reach out.
    return etree.XMLParser(
        huge_tree=True,
        resolve_entities=False,
        no_network=True,
        remove_comments=True,
        remove_pis=True,
        load_dtd=False,
    )


def read_bytes(path: Path) -> tuple[bytes | None, ImportProblem | None]:
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        return None, ImportProblem(str(path), None, "is a folder, not a file")
    except FileNotFoundError:
        return None, ImportProblem(str(path), None, "no such file")
    except OSError as error:
        return None, ImportProblem(str(path), None, f"cannot be read: {error.strerror or error}")
    if not data or data.isspace():  # (strip() would copy the whole file)
        return None, ImportProblem(str(path), None, "the file is empty; nothing to import")
    return data, None


def xml_problem(file: str, data: bytes, error: etree.XMLSyntaxError) -> ImportProblem:
    """One line a person can act on, for any reason lxml refuses a file."""
    line = error.lineno or (error.position[0] if error.position else None) or None
    message = clean(str(error.msg or error))
    message = re.sub(r",? line \d+, column \d+$", "", message)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        head = b"<"  # UTF-16 with a byte order mark: lxml reads it
    if not head.startswith(b"<"):
        what = "not an XML file (it does not start with '<'); check that this is the file you meant"
        return ImportProblem(file, 1, what)
    if "not proper UTF-8" in message or "encoding" in message.lower() or "Char 0x" in message:
        detail = ""
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as bad:  # name the first offending byte and its line
            line = data[: bad.start].count(b"\n") + 1
            detail = f" (byte 0x{data[bad.start]:02x})"
        return ImportProblem(
            file,
            line,
            f"not valid UTF-8 text{detail}; save the file as UTF-8 or declare its real "
            "encoding in the XML declaration — nothing from this file was imported",
        )
    if (
        "Premature end of data" in message
        or "EndTag" in message
        or "end of data" in message.lower()
    ):
        return ImportProblem(
            file,
            line,
            f"the XML ends too early — the file is cut short or damaged ({message}); "
            "nothing from this file was imported",
        )
    return ImportProblem(
        file,
        line,
        f"not well-formed XML ({message}); nothing from this file was imported",
    )


def parse_xml(path: Path) -> tuple[etree._ElementTree | None, ImportProblem | None]:
    """The whole file parsed, or the one problem that prevents it."""
    data, problem = read_bytes(path)
    if data is None:
        return None, problem
    try:
        root = etree.fromstring(data, _parser(), base_url=str(path))
    except etree.XMLSyntaxError as error:
        return None, xml_problem(str(path), data, error)
    return root.getroottree(), None


# -- sniffing ----------------------------------------------------------------------

TEI_NS = "http://www.tei-c.org/ns/1.0"
EAD_NS = "urn:isbn:1-931666-22-9"
METS_NS = "http://www.loc.gov/METS/"


def localname(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def sniff_xml(path: Path) -> tuple[str | None, ImportProblem | None]:
    """Which importer reads this XML file: ``tei_frus``, ``tei_essay``, ``ead``;
    or None with the problem (not XML, an XML kind we do not read).

    Reads only as far as needed: the root, and for TEI up to the first
    ``div[@type="document"]``.
    """
    data, problem = read_bytes(path)
    if data is None:
        return None, problem
    root_name: str | None = None
    root_tag = ""
    try:
        for _event, element in etree.iterparse(
            io.BytesIO(data),
            events=("start",),
            huge_tree=True,
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
        ):
            name = localname(element.tag)
            if root_name is None:
                root_name, root_tag = name, element.tag
                if name == "ead":
                    return "ead", None
                if name not in ("TEI", "teiCorpus", "mets"):
                    break
                continue
            if root_name == "mets" and name == "ead":
                return "ead", None
            if root_name != "mets" and name == "div" and element.get("type") == "document":
                return "tei_frus", None
    except etree.XMLSyntaxError as error:
        if root_name in ("TEI", "teiCorpus"):
            return "tei_essay", None  # a TEI file after all: reading it reports the damage
        return None, xml_problem(str(path), data, error)
    if root_name in ("TEI", "teiCorpus"):
        return "tei_essay", None
    if root_name == "mets":
        return None, ImportProblem(
            str(path), None, "a METS package without an EAD finding aid inside; nothing to import"
        )
    namespace = root_tag.partition("}")[0].lstrip("{") if "}" in root_tag else ""
    kind = f"<{root_name}>" + (f" in namespace {namespace}" if namespace else "")
    return None, ImportProblem(
        str(path),
        None,
        f"an XML file of a kind Reading Room cannot import ({kind}); it reads TEI and EAD",
    )
