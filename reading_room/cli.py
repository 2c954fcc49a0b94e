"""The command line: ``reading-room`` opens the window; subcommands drive the archive.

Every error a user can cause is printed on one line and the command exits
non-zero; a traceback is reserved for our own bugs.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any, TextIO

from .core.errors import ReadingRoomError
from .core.search.types import FACET_FIELDS, SORTS, Page, SearchRequest

PROG = "reading-room"


def _open_library(args: argparse.Namespace, *, progress: bool = True):  # type: ignore[no-untyped-def]
    from .core.library import Library

    bar = TerminalProgress("Updating the search index") if progress else None
    try:
        return Library.open(
            getattr(args, "db", None), index_progress=bar.update_counts if bar else None
        )
    finally:
        if bar:
            bar.finish()


class TerminalProgress:
    """A one-line progress bar on stderr, shown only on a terminal."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty()
        self.shown = False

    def draw(self, done: int, total: int, detail: str = "") -> None:
        if not self.enabled:
            return
        width = max(10, min(30, shutil.get_terminal_size((80, 20)).columns - 60))
        filled = int(width * done / total) if total else 0
        line = f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {detail}"
        columns = shutil.get_terminal_size((80, 20)).columns
        self.stream.write(line[: columns - 1].ljust(columns - 1))
        self.stream.flush()
        self.shown = True

    def update_counts(self, done: int, total: int) -> None:
        self.draw(done, total, "documents")

    def finish(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
            self.shown = False


# -- commands -------------------------------------------------------------------


def cmd_import(args: argparse.Namespace) -> int:
    library = _open_library(args)
    bar = TerminalProgress("Importing")

    def progress(p: Any) -> None:
        name = p.file.rsplit("/", 1)[-1] or "updating the search index"
        bar.draw(p.files_done, p.files_total, f"files · {p.documents:,} documents · {name}")

    try:
        report = library.import_paths(args.paths, collection=args.collection, progress=progress)
    finally:
        bar.finish()
        library.close()
    for line in (*report.problems, *report.notices):
        print(line, file=sys.stderr)
    print(report.summary())
    return 0 if report.ok else 1


def _request(args: argparse.Namespace) -> SearchRequest:
    return SearchRequest(
        query=" ".join(args.query) if isinstance(args.query, list) else (args.query or ""),
        date_from=args.date_from,
        date_to=args.date_to,
        collection=tuple(args.collection or ()),
        person=tuple(args.person or ()),
        place=tuple(args.place or ()),
        subject=tuple(args.subject or ()),
        language=tuple(args.language or ()),
        type=tuple(args.type or ()),
        sort=args.sort,
        page=args.page,
        page_size=args.page_size,
    )


_TAG = re.compile(r"</?b>")


def snippet_text(snippet: str, *, bold: bool) -> str:
    """A hit's HTML snippet for a terminal: matches in bold (or as-is when piped)."""
    if bold:
        snippet = snippet.replace("<b>", "\x1b[1m").replace("</b>", "\x1b[0m")
    else:
        snippet = _TAG.sub("", snippet)
    return html.unescape(snippet)


def page_json(page: Page) -> dict[str, Any]:
    return {
        "query": page.query,
        "total": page.total,
        "page": page.page,
        "page_size": page.page_size,
        "first": page.first,
        "last": page.last,
        "hits": [
            {
                "number": hit.number,
                "ref": hit.ref,
                "date": hit.date_text,
                "date_start": hit.date_start,
                "date_end": hit.date_end,
                "title": hit.title,
                "snippet": hit.snippet,
                "collection": hit.collection,
                "score": hit.score,
            }
            for hit in page.hits
        ],
        "facets": {
            name: [{"value": v.value, "count": v.count} for v in values]
            for name, values in page.facets.items()
        },
        "years": [{"year": year, "count": count} for year, count in page.years],
        "ignored": list(page.ignored),
        "suggestion": page.suggestion,
    }


def print_page(page: Page, out: TextIO) -> None:
    bold = out.isatty()
    print(f"Results: {page.first} - {page.last} of {page.total}", file=out)
    for message in page.ignored:
        print(f"Note: {message}", file=out)
    if not page.total and page.suggestion:
        print(f"Did you mean: {page.suggestion}", file=out)
    for hit in page.hits:
        print(file=out)
        date = hit.date_text or hit.date_start or "undated"
        print(f"{hit.number}. {date}", file=out)
        print(f"   {hit.title}", file=out)
        if hit.snippet:
            print(f"   {snippet_text(hit.snippet, bold=bold)}", file=out)
        print(f"   {hit.ref} · {hit.collection}", file=out)


def cmd_search(args: argparse.Namespace) -> int:
    library = _open_library(args)
    try:
        page = library.search(_request(args))
    finally:
        library.close()
    if args.json:
        json.dump(page_json(page), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_page(page, sys.stdout)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    library = _open_library(args)
    try:
        view = library.document(args.ref)
    finally:
        library.close()
    if args.json:
        json.dump(asdict(view), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    lines = [view.title, ""]
    for label, value in (
        ("Date", f"{view.date_text or 'undated'}  ({view.normalised_date})"),
        ("Reference", view.ref),
        ("Collection", f"{view.collection_title} ({view.collection_id})"),
        ("Section", view.section),
        ("Source", view.source),
        ("Place", view.place),
        ("Language", view.language),
        ("Type", view.doc_type),
        ("Persons", "; ".join(view.persons)),
        ("Places", "; ".join(view.places)),
        ("Subjects", "; ".join(view.subjects)),
        ("Attachments", "; ".join(view.attachments)),
        ("Date note", view.date_flag or ""),
    ):
        if value:
            lines.append(f"{label + ':':<13}{value}")
    if view.summary:
        lines += ["", view.summary]
    if view.body:
        lines += ["", view.body]
    if view.notes:
        lines += ["", "Notes", "-----", view.notes]
    print("\n".join(lines))
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    library = _open_library(args)
    bar = TerminalProgress("Rebuilding the search index")
    try:
        count = library.reindex(progress=bar.update_counts)
    finally:
        bar.finish()
        library.close()
    print(f"Indexed {count:,} documents.")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    library = _open_library(args)
    try:
        stats = library.stats()
    finally:
        library.close()
    if args.json:
        json.dump(asdict(stats), sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"Database: {stats.database}")
    print(f"Index:    {stats.index_path} ({stats.index_state}, {stats.indexed:,} documents)")
    print(
        f"{stats.documents:,} documents in {len(stats.collections)} collection{'s' if len(stats.collections) != 1 else ''}"
    )
    for info in stats.collections:
        print(f"  {info.documents:>8,}  {info.id}  {info.title}")
    return 0


def cmd_window(args: argparse.Namespace) -> int:
    from .core.opening import Opening

    db_url = getattr(args, "db", None)
    # the collections open on a thread of their own while Qt loads (see core.opening)
    opening = Opening(db_url)
    try:
        from .ui.app import run
    except ImportError as error:
        raise ReadingRoomError(
            f"The window cannot start: {error}. Use the subcommands (reading-room --help)."
        ) from error
    return run(db_url=db_url, opening=opening)


# -- parser -----------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="SQLAlchemy database URL (default: READING_ROOM_DB or the installation's SQLite file)",
    )
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Search and read collections of historical documents.",
        parents=[common],
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser(
        "import", parents=[common], help="import TEI, EAD, CSV, JSON Lines, PDF or text files"
    )
    p.add_argument("paths", nargs="+", metavar="PATH")
    p.add_argument("--collection", metavar="ID", help="put everything into this collection")
    p.set_defaults(func=cmd_import)

    p = commands.add_parser("search", parents=[common], help="search the collections")
    p.add_argument(
        "query", nargs="*", help='words, OR, NOT, -word, "phrase", prefix*, fuzzy~, field:value'
    )
    p.add_argument("--from", dest="date_from", metavar="DATE", help="1956, 1956-10 or 1956-10-23")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    for name in FACET_FIELDS:
        p.add_argument(
            f"--{name}",
            action="append",
            metavar=name.upper()[:1],
            help=f"only this {name} (repeatable)",
        )
    p.add_argument("--sort", choices=SORTS, default="relevance")
    p.add_argument("--page", type=int, default=1, metavar="N")
    p.add_argument("--page-size", type=int, default=10, metavar="N")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_search)

    p = commands.add_parser("show", parents=[common], help="print one document")
    p.add_argument("ref", metavar="REF")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = commands.add_parser(
        "reindex", parents=[common], help="rebuild the search index from the database"
    )
    p.set_defaults(func=cmd_reindex)

    p = commands.add_parser(
        "stats", parents=[common], help="documents per collection and index state"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)
    from .cli_notes import add_commands as add_notes_commands

    add_notes_commands(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = getattr(args, "func", cmd_window)
    if getattr(args, "page_size", 1) is not None and getattr(args, "page_size", 1) < 1:
        parser.error("--page-size must be at least 1")
    try:
        return func(args)
    except ReadingRoomError as error:
        print(f"{PROG}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # whoever read the output stopped early (``reading-room search … | head``): stop as a
        # Unix tool does on SIGPIPE, without a traceback, and without a second one when Python
        # flushes the closed output at exit
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
