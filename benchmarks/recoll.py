"""Recoll (Xapian underneath), the desktop search engine Debian ships, over the same documents.

Recoll indexes files, so each document becomes one small HTML file — its title in
``<title>``, its persons, places and subjects in ``<meta name="keywords">`` and its text in
the body — in a folder per collection, with the file's modification time set to the
document's date (Recoll's ``date:`` filter and date order read it). Writing the files is
preparation, not timed; ``recollindex`` is timed as the import.

Queries run in a separate process (``serve``) that imports Recoll's Python module (built for
Debian's Python 3.11, under ``/usr/lib/python3/dist-packages``); the benchmark sends it one
query a line and it answers with its own timing, so the pipe costs nothing measured.

    python -m benchmarks.recoll export --jsonl DIR --out DIR     # the files
    python -m benchmarks.recoll serve --confdir DIR              # queries on stdin

Recoll's totals are estimates (Xapian's ``get_matches_estimated``); ours are exact.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import html
import json
import os
import shutil
import sys
import time
from pathlib import Path

from benchmarks.common import jsonl_rows

DIST_PACKAGES = "/usr/lib/python3/dist-packages"
PAGE_SIZE = 10
#: Recoll's own snippets ("abstracts") are built from this many words of context
ABSTRACT_WORDS = 24


def available() -> bool:
    return shutil.which("recollindex") is not None and Path(DIST_PACKAGES, "recoll").is_dir()


def _timestamp(day: str | None) -> float | None:
    """Seconds since 1970 (negative before) of an ISO day, noon UTC."""
    if not day:
        return None
    parts = [int(p) for p in day.split("-")] + [1, 1]
    year, month, dom = parts[0], parts[1], parts[2]
    try:
        return calendar.timegm(dt.datetime(year, month, dom, 12).timetuple())
    except ValueError:
        return None


def export(jsonl: Path, out: Path) -> int:
    """One HTML file per document, in a folder per collection; returns how many."""
    if out.exists():
        shutil.rmtree(out)
    count = 0
    made: set[str] = set()
    for collection, row in jsonl_rows(jsonl):
        folder = out / collection
        if collection not in made:
            folder.mkdir(parents=True, exist_ok=True)
            made.add(collection)
        local = str(row["ref"]).rsplit("/", 1)[-1]
        names = [*row.get("persons", []), *row.get("places", []), *row.get("subjects", [])]  # type: ignore[misc]
        body = "".join(
            f"<p>{html.escape(p)}</p>\n" for p in str(row.get("text", "")).split("\n\n") if p
        )
        page = (
            '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
            f"<title>{html.escape(str(row.get('title', '')))}</title>"
            f'<meta name="keywords" content="{html.escape("; ".join(map(str, names)))}">'
            f'<meta name="date" content="{html.escape(str(row.get("date_start", "")))}">'
            f"</head><body>\n{body}</body></html>\n"
        )
        path = folder / f"{local}.html"
        path.write_text(page, encoding="utf-8")
        stamp = _timestamp(str(row.get("date_start") or "") or None)
        if stamp is not None:
            os.utime(path, (stamp, stamp))
        count += 1
    return count


def write_config(confdir: Path, files: Path) -> None:
    """Index ``files`` only; no stemming (words are searched as typed, as ours and FTS5 do);
    no aspell dictionary (the suggestions are not part of the comparison)."""
    confdir.mkdir(parents=True, exist_ok=True)
    (confdir / "recoll.conf").write_text(
        "\n".join(
            [
                f"topdirs = {files}",
                "indexstemminglanguages = ",
                "noaspell = 1",
                "idxflushmb = 64",
                "loglevel = 1",
                "skippedNames+ = *.json build.json",
                "",
            ]
        ),
        encoding="utf-8",
    )


# -- the query server ------------------------------------------------------------------------
def serve(confdir: Path) -> int:
    """Answer queries (JSON lines on stdin) with their timing (JSON lines on stdout)."""
    if DIST_PACKAGES not in sys.path:
        sys.path.append(DIST_PACKAGES)
    from recoll import recoll  # type: ignore[import-not-found]

    opened = time.perf_counter()
    db = recoll.connect(confdir=str(confdir))
    open_seconds = time.perf_counter() - opened
    print(json.dumps({"ready": True, "open": open_seconds}), flush=True)
    for line in sys.stdin:
        request = json.loads(line)
        kind = request.get("kind", "query")
        started = time.perf_counter()
        try:
            if kind == "open":
                answer = _open_document(db, request)
            elif kind == "where":
                answer = _where(db)
            else:
                answer = _query(db, request)
        except Exception as error:  # noqa: BLE001 - reported to the benchmark
            answer = {"error": f"{type(error).__name__}: {error}"}
        answer["seconds"] = time.perf_counter() - started
        print(json.dumps(answer), flush=True)
    return 0


def _query(db: object, request: dict[str, object]) -> dict[str, object]:
    query = db.query()  # type: ignore[attr-defined]
    if request.get("sort") == "date":
        query.sortby("mtime", ascending=True)
    total = query.execute(str(request["text"]), stemming=0)
    offset = int(request.get("offset", 0) or 0)
    if offset >= total:
        return {"total": int(total), "hits": 0, "first": ""}
    if offset:
        query.scroll(offset, mode="absolute")
    docs = query.fetchmany(PAGE_SIZE)
    first = ""
    snippets = bool(request.get("snippets", True))
    for doc in docs:
        _ = (doc.title, doc.url, doc.mtime)
        if snippets:
            abstract = query.makedocabstract(doc)
            first = first or abstract
    return {"total": int(total), "hits": len(docs), "first": first[:200]}


def _where(db: object) -> dict[str, object]:
    """Where the index found its files: the address of one of them."""
    query = db.query()  # type: ignore[attr-defined]
    total = query.execute("mime:text/html", stemming=0)
    doc = query.fetchone() if total else None
    return {"total": int(total), "url": str(doc.url) if doc is not None else ""}


def _open_document(db: object, request: dict[str, object]) -> dict[str, object]:
    """What a Recoll window does to show a document: find it, then extract its text."""
    from recoll import rclextract  # type: ignore[import-not-found]

    query = db.query()  # type: ignore[attr-defined]
    query.execute(str(request["text"]), stemming=0)
    query.scroll(int(request.get("offset", 0) or 0), mode="absolute")
    doc = query.fetchone()
    text = rclextract.Extractor(doc).textextract(doc.ipath).text if doc is not None else ""
    return {"total": 1, "hits": 1 if doc is not None else 0, "first": text[:80]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.recoll")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("export", help="one HTML file per document")
    p.add_argument("--jsonl", type=Path, required=True)
    p.add_argument("--out", type=Path, required=True)
    p = sub.add_parser("serve", help="answer queries from stdin")
    p.add_argument("--confdir", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "export":
        print(export(args.jsonl, args.out))
        return 0
    return serve(args.confdir)


if __name__ == "__main__":
    raise SystemExit(main())
