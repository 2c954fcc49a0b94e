"""``reading-room notes …`` and ``reading-room profiles …``: notes, bookmarks and profiles.

Every command signs in to one profile (the operating-system user's own by
default, ``--profile NAME`` for another) exactly as the window does; a protected
profile asks for its password, on the terminal or — when standard input is not
one, or with ``--password-stdin`` — as a line of standard input. No command can
name a profile's id or reach another profile's notes.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from .core.errors import DocumentNotFound, ReadingRoomError

# as in core.exports (a test keeps them equal); not imported, to keep the parser light
FORMATS = ("md", "csv", "ris", "bibtex", "csl-json")
EXTENSIONS = {"md": ".md", "csv": ".csv", "ris": ".ris", "bibtex": ".bib", "csl-json": ".json"}

_PASSWORD_HELP = (
    "read the password from standard input (also the default when it is not a terminal)"
)


# -- helpers ------------------------------------------------------------------------


def _from_stdin(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "password_stdin", False)) or not sys.stdin.isatty()


def read_password(args: argparse.Namespace, prompt: str) -> str:
    """One password: typed without echo on a terminal, else one line of standard input."""
    if _from_stdin(args):
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    try:
        return getpass.getpass(prompt, stream=sys.stderr)
    except EOFError:
        return ""


def read_new_password(args: argparse.Namespace, prompt: str = "New password: ") -> str:
    password = read_password(args, prompt)
    if (
        not _from_stdin(args)
        and password
        and read_password(args, "Repeat the new password: ") != password
    ):
        raise ReadingRoomError("The two passwords differ; nothing was changed.")
    return password


def open_user_store() -> Any:
    from .core.userdata import UserStore

    store = UserStore()
    if store.recovery_message:
        print(f"reading-room: {store.recovery_message}", file=sys.stderr)
    return store


def sign_in(store: Any, args: argparse.Namespace) -> Any:
    """The notebook of ``--profile`` (or the default profile), asking for its password if it has one."""
    from .core.userdata import PasswordRequired

    name = getattr(args, "profile", None)
    try:
        return store.sign_in(name)
    except PasswordRequired as error:
        password = read_password(args, f"Password for profile {error.name!r}: ")
        return store.sign_in(name, password)


def _password_if_needed(store: Any, args: argparse.Namespace, name: str) -> str | None:
    """The current password of a protected profile (asked for); None for an open one."""
    profile = store.profile(name)
    return (
        read_password(args, f"Password for profile {profile.name!r}: ")
        if profile.has_password
        else None
    )


class _Collection:
    """Documents of the collection database, read-only, for current titles and citations."""

    def __init__(self, store: Any) -> None:
        self.store = store

    def document(self, ref: str) -> Any:
        from .core.library import document_view

        document = self.store.document(ref)
        if document is None:
            raise DocumentNotFound(ref)
        collection = self.store.collection(document.collection_id)
        return document_view(document, collection.title if collection else document.collection_id)

    def close(self) -> None:
        self.store.close()


def open_collection(args: argparse.Namespace) -> _Collection | None:
    """The installation's collections when there are any (an export is fine without them)."""
    from .core import paths
    from .core.store import Store

    url = getattr(args, "db", None) or paths.default_db_url()
    if (
        url.startswith("sqlite:///")
        and not Path(url.removeprefix("sqlite:///").split("?", 1)[0]).is_file()
    ):
        return None
    try:
        return _Collection(Store(url))
    except ReadingRoomError as error:
        print(f"reading-room: citations from the notes alone: {error}", file=sys.stderr)
        return None


# -- notes ---------------------------------------------------------------------------


def cmd_notes_export(args: argparse.Namespace) -> int:
    from .core.exports import export_notes, render

    fmt = args.format
    if fmt is None:
        suffix = Path(args.out).suffix.lower()
        fmt = next((name for name, ext in EXTENSIONS.items() if ext == suffix), "md")
    store = open_user_store()
    collection = None
    try:
        notebook = sign_in(store, args)
        collection = open_collection(args)
        if args.out == "-":
            text, data, documents = render(
                notebook, fmt, library=collection, list_name=args.list_name, style=args.style
            )
            sys.stdout.write(text)
            print(
                f"Exported {len(data.notes)} notes and {len(data.bookmarks)} bookmarks.",
                file=sys.stderr,
            )
            return 0
        result = export_notes(
            notebook, fmt, args.out, library=collection, list_name=args.list_name, style=args.style
        )
    finally:
        if collection is not None:
            collection.close()
        store.close()
    print(result.summary())
    return 0


def cmd_notes_import(args: argparse.Namespace) -> int:
    from .core.exports import import_notes

    store = open_user_store()
    try:
        notebook = sign_in(store, args)
        name = notebook.name
        report = import_notes(notebook, args.file, args.format)
    finally:
        store.close()
    print(f"Into profile {name!r}: {report.summary()}")
    return 0


# -- profiles ------------------------------------------------------------------------


def cmd_profiles_list(args: argparse.Namespace) -> int:
    store = open_user_store()
    try:
        profiles = store.profiles()
        default = store.default_profile_name()
    finally:
        store.close()
    if not profiles:
        print(f"No profiles yet; {default!r} is made the first time notes are kept.")
    for profile in profiles:
        marks = []
        if profile.name.casefold() == default.casefold():
            marks.append("default")
        if profile.has_password:
            marks.append("password")
        print(profile.name + (f"  ({', '.join(marks)})" if marks else ""))
    return 0


def cmd_profiles_add(args: argparse.Namespace) -> int:
    store = open_user_store()
    try:
        password = read_new_password(args) if args.password else None
        if args.password and not password:
            raise ReadingRoomError("No password was given; the profile was not added.")
        profile = store.add_profile(args.name, password)
    finally:
        store.close()
    print(
        f"Added profile {profile.name!r}" + (" with a password." if profile.has_password else ".")
    )
    return 0


def cmd_profiles_remove(args: argparse.Namespace) -> int:
    store = open_user_store()
    try:
        password = _password_if_needed(store, args, args.name)
        profile = store.remove_profile(args.name, password, delete_notes=args.delete_notes)
    finally:
        store.close()
    print(f"Removed profile {profile.name!r}.")
    return 0


def cmd_profiles_passwd(args: argparse.Namespace) -> int:
    store = open_user_store()
    try:
        old = _password_if_needed(store, args, args.name)
        new = read_new_password(args, "New password (empty: none): ")
        profile = store.set_password(args.name, old, new or None)
    finally:
        store.close()
    print(
        f"Profile {profile.name!r} "
        + ("now has a password." if profile.has_password else "has no password now.")
    )
    return 0


def cmd_profiles_rename(args: argparse.Namespace) -> int:
    store = open_user_store()
    try:
        password = _password_if_needed(store, args, args.name)
        profile = store.rename_profile(args.name, args.new_name, password)
    finally:
        store.close()
    print(f"Renamed profile {args.name!r} to {profile.name!r}.")
    return 0


# -- parser ---------------------------------------------------------------------------


def _profile_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", metavar="NAME", help="whose notes (default: your own profile)")
    parser.add_argument("--password-stdin", action="store_true", help=_PASSWORD_HELP)


def add_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``notes`` and ``profiles`` to the ``reading-room`` command line."""
    notes = commands.add_parser(
        "notes", parents=[common], help="export or import your notes and bookmarks"
    )
    actions = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)

    p = actions.add_parser(
        "export", parents=[common], help="write your notes and bookmarks to a file"
    )
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="md, csv, ris, bibtex or csl-json (default: from OUT's extension, else md)",
    )
    p.add_argument(
        "--list",
        dest="list_name",
        metavar="NAME",
        help="only this bookmark list and the notes on its documents",
    )
    p.add_argument(
        "--style", metavar="STYLE", help="citation style (a bundled style's name or a .csl file)"
    )
    _profile_options(p)
    p.add_argument("out", metavar="OUT", help="the file to write ('-': standard output)")
    p.set_defaults(func=cmd_notes_export)

    p = actions.add_parser(
        "import", parents=[common], help="import a Reading Room export into a profile"
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--format", choices=FORMATS, help="the file's format (default: from its name and contents)"
    )
    _profile_options(p)
    p.set_defaults(func=cmd_notes_import)

    profiles = commands.add_parser(
        "profiles", parents=[common], help="list, add, remove profiles or change a password"
    )
    actions = profiles.add_subparsers(dest="profiles_command", metavar="ACTION", required=True)

    p = actions.add_parser("list", help="the profiles on this computer")
    p.set_defaults(func=cmd_profiles_list)

    p = actions.add_parser("add", help="add a profile")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--password", action="store_true", help="protect it with a password (asked for)")
    p.add_argument("--password-stdin", action="store_true", help=_PASSWORD_HELP)
    p.set_defaults(func=cmd_profiles_add)

    p = actions.add_parser("remove", help="remove a profile (its password needed)")
    p.add_argument("name", metavar="NAME")
    p.add_argument(
        "--delete-notes",
        action="store_true",
        help="also when it still holds notes or bookmarks (they are deleted)",
    )
    p.add_argument("--password-stdin", action="store_true", help=_PASSWORD_HELP)
    p.set_defaults(func=cmd_profiles_remove)

    p = actions.add_parser("passwd", help="set, change or remove a profile's password")
    p.add_argument("name", metavar="NAME")
    p.add_argument(
        "--password-stdin",
        action="store_true",
        help=_PASSWORD_HELP + "; the current password first if it has one",
    )
    p.set_defaults(func=cmd_profiles_passwd)

    p = actions.add_parser("rename", help="rename a profile")
    p.add_argument("name", metavar="NAME")
    p.add_argument("new_name", metavar="NEW_NAME")
    p.add_argument("--password-stdin", action="store_true", help=_PASSWORD_HELP)
    p.set_defaults(func=cmd_profiles_rename)
