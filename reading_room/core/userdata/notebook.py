"""One profile's bookmarks and notes: the only way to reach them.

A :class:`Notebook` comes from ``UserStore.sign_in`` and keeps its profile to
itself: every query below is filtered by it and no method takes a profile, so no
window, command or export can reach another profile's rows. Notes and bookmarks
are named by their ``uid`` (stable across computers, so exports can be imported
back without duplicates).

Every method is one unit of work and returns frozen dataclasses. Writes are on
disk when the method returns (``synchronous=FULL``): ``update_note`` can be called
on every pause in typing.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, false, func, select
from sqlalchemy.orm import Session

from ..errors import DocumentNotFound
from .anchoring import Anchor, make_anchor, reanchor
from .errors import BadName, NotFound
from .models import BookmarkRow, ListRow, NoteRow, ProfileRow, now
from .profiles import check_password, clean_name, name_key, to_profile
from .textfold import fold, terms
from .types import (
    Bookmark,
    BookmarkList,
    DocumentInfo,
    MergeReport,
    Note,
    NotebookData,
    Profile,
    TrashItem,
)

if TYPE_CHECKING:
    from .store import UserStore

DEFAULT_LIST = "Bookmarks"
MAX_TAG = 100

_sign_in_token = object()


def _folded(text: str, quote: str | None) -> str:
    return fold(text + ("\n" + quote if quote else ""))


def text_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags without outer spaces or repeats (case and accents ignored), in the order given."""
    seen: dict[str, str] = {}
    for tag in tags:
        cleaned = " ".join((tag or "").split())
        if not cleaned:
            continue
        if ";" in cleaned:
            raise BadName(f"A tag cannot contain ';': {cleaned!r}.")
        if len(cleaned) > MAX_TAG:
            raise BadName(f"A tag can be at most {MAX_TAG} characters long.")
        seen.setdefault(fold(cleaned), cleaned)
    return tuple(seen.values())


def _info_of_row(row: BookmarkRow | NoteRow) -> DocumentInfo:
    return DocumentInfo(
        ref=row.ref,
        title=row.title,
        date_text=row.date_text,
        date_start=row.date_start,
        collection_title=row.collection_title,
    )


def _set_info(row: BookmarkRow | NoteRow, info: DocumentInfo) -> bool:
    """Refresh a row's snapshot of its document; whether anything changed."""
    if not (info.title or info.date_text or info.collection_title):
        return False
    changed = False
    for attr in ("title", "date_text", "date_start", "collection_title"):
        value = getattr(info, attr)
        if getattr(row, attr) != value:
            setattr(row, attr, value)
            changed = True
    return changed


def _bookmark(row: BookmarkRow, list_name: str) -> Bookmark:
    return Bookmark(
        uid=row.uid,
        document=_info_of_row(row),
        list_name=list_name,
        tags=tuple(row.tags or ()),
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _note(row: NoteRow) -> Note:
    anchor = None
    if row.kind == "passage":
        anchor = Anchor(
            start=row.start_offset or 0,
            end=row.end_offset or 0,
            quote=row.quote or "",
            prefix=row.prefix or "",
            suffix=row.suffix or "",
        )
    return Note(
        uid=row.uid,
        document=_info_of_row(row),
        kind="passage" if row.kind == "passage" else "document",
        text=row.text,
        created_at=row.created_at,
        updated_at=row.updated_at,
        anchor=anchor,
        state=row.anchor_state,
    )


def _first_line(text: str, limit: int = 80) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


class Notebook:
    """The signed-in profile's bookmarks, lists, notes and trash."""

    def __init__(self, store: UserStore, profile_id: int, *, _token: object = None) -> None:
        if _token is not _sign_in_token:
            raise TypeError("A notebook is opened with UserStore.sign_in(name, password).")
        self.__store = store
        self.__profile = profile_id

    def __repr__(self) -> str:
        return "<Notebook of one profile>"

    # -- the signed-in profile ------------------------------------------------
    @property
    def profile(self) -> Profile:
        with self.__store.session() as session:
            return to_profile(self._profile_row(session))

    @property
    def name(self) -> str:
        return self.profile.name

    def change_password(self, old_password: str | None, new_password: str | None) -> Profile:
        """Set, change or (``new_password`` empty) remove this profile's password."""
        from .passwords import hash_password

        with self.__store.session() as session:
            row = self._profile_row(session)
            check_password(row, old_password)
            row.password_hash = hash_password(new_password) if new_password else None
            return to_profile(row)

    def _profile_row(self, session: Session) -> ProfileRow:
        row = session.get(ProfileRow, self.__profile)
        if row is None:
            raise NotFound("This profile was removed; sign in again.")
        return row

    # -- scoped queries (every read and write goes through these) ---------------
    def _mine(self, model: type[Any], *, live: bool | None = True) -> Any:
        query = select(model).where(model.profile_id == self.__profile)
        if live is True:
            query = query.where(model.deleted_at.is_(None))
        elif live is False:
            query = query.where(model.deleted_at.is_not(None))
        return query

    def _list_row(
        self, session: Session, name: str, *, create: bool = False, uid: str | None = None
    ) -> ListRow:
        cleaned = clean_name(name, "list")
        row = session.scalars(
            self._mine(ListRow).where(ListRow.name_key == name_key(cleaned))
        ).first()
        if row is None:
            if not create:
                raise NotFound(f"You have no bookmark list named {cleaned!r}.")
            mine = self._mine(ListRow, live=None)
            if not uid or session.scalars(mine.where(ListRow.uid == uid)).first() is not None:
                uid = uuid.uuid4().hex  # an imported list keeps its uid unless that is taken
            row = ListRow(
                uid=uid,
                profile_id=self.__profile,
                name=cleaned,
                name_key=name_key(cleaned),
            )
            session.add(row)
            session.flush()
        return row

    def _bookmark_row(self, session: Session, ref: str) -> BookmarkRow | None:
        return session.scalars(
            self._mine(BookmarkRow).where(BookmarkRow.ref == ref).order_by(BookmarkRow.id)
        ).first()

    def _note_row(self, session: Session, uid: str, *, live: bool | None = True) -> NoteRow:
        row = session.scalars(
            self._mine(NoteRow, live=live).where(NoteRow.uid == uid)
        ).one_or_none()
        if row is None:
            if (
                live is True
                and session.scalars(
                    self._mine(NoteRow, live=False).where(NoteRow.uid == uid)
                ).first()
            ):
                raise NotFound("This note is in the trash; restore it to change it.")
            raise NotFound("You have no such note.")
        return row

    def _list_names(self, session: Session) -> dict[int, str]:
        return dict(
            session.execute(
                select(ListRow.id, ListRow.name).where(ListRow.profile_id == self.__profile)
            ).all()
        )

    def _refs_in(self, session: Session, list_name: str | None, tag: str | None) -> set[str]:
        query = self._mine(BookmarkRow)
        if list_name is not None:
            query = query.where(BookmarkRow.list_id == self._list_row(session, list_name).id)
        rows = session.scalars(query).all()
        if tag is not None:
            wanted = fold(tag.strip())
            rows = [r for r in rows if any(fold(t) == wanted for t in r.tags or ())]
        return {r.ref for r in rows}

    # -- bookmarks --------------------------------------------------------------
    def toggle(self, doc: Any, *, list_name: str | None = None) -> bool:
        """Bookmark a document, or take its bookmark off (into the trash); whether it is now bookmarked.

        ``doc`` is a ref or a ``DocumentView`` (whose title and date are kept with the bookmark).
        """
        info = DocumentInfo.of(doc)
        with self.__store.session() as session:
            row = self._bookmark_row(session, info.ref)
            if row is not None:
                row.deleted_at = now()
                return False
            self._add_bookmark(session, info, list_name, ())
            return True

    def bookmark(
        self, doc: Any, *, list_name: str | None = None, tags: Iterable[str] | None = None
    ) -> Bookmark:
        """Make sure a document is bookmarked (moving it into ``list_name`` and setting ``tags`` when given)."""
        info = DocumentInfo.of(doc)
        with self.__store.session() as session:
            row = self._bookmark_row(session, info.ref)
            if row is None:
                row = self._add_bookmark(session, info, list_name, clean_tags(tags or ()))
            else:
                if list_name is not None:
                    row.list_id = self._list_row(session, list_name, create=True).id
                if tags is not None:
                    row.tags = list(clean_tags(tags))
                _set_info(row, info)
                row.updated_at = now()
            return _bookmark(row, self._list_names(session)[row.list_id])

    def _add_bookmark(
        self, session: Session, info: DocumentInfo, list_name: str | None, tags: Sequence[str]
    ) -> BookmarkRow:
        target = self._list_row(session, list_name or DEFAULT_LIST, create=True)
        row = BookmarkRow(
            uid=uuid.uuid4().hex,
            profile_id=self.__profile,
            list_id=target.id,
            ref=info.ref,
            tags=list(tags),
        )
        _set_info(row, info)
        session.add(row)
        session.flush()
        return row

    def unbookmark(self, ref: str) -> bool:
        """Take a document's bookmark off, into the trash; whether it had one."""
        with self.__store.session() as session:
            row = self._bookmark_row(session, ref)
            if row is None:
                return False
            row.deleted_at = now()
            return True

    def is_bookmarked(self, ref: str) -> bool:
        with self.__store.session() as session:
            return self._bookmark_row(session, ref) is not None

    def get_bookmark(self, ref: str) -> Bookmark | None:
        with self.__store.session() as session:
            row = self._bookmark_row(session, ref)
            return None if row is None else _bookmark(row, self._list_names(session)[row.list_id])

    def bookmarks(
        self, list_name: str | None = None, *, tag: str | None = None
    ) -> tuple[Bookmark, ...]:
        """Bookmarks (of one list, with one tag), by the documents' dates then titles."""
        with self.__store.session() as session:
            query = self._mine(BookmarkRow)
            if list_name is not None:
                query = query.where(BookmarkRow.list_id == self._list_row(session, list_name).id)
            names = self._list_names(session)
            rows = session.scalars(query).all()
            if tag is not None:
                wanted = fold(tag.strip())
                rows = [r for r in rows if any(fold(t) == wanted for t in r.tags or ())]
            items = [_bookmark(r, names[r.list_id]) for r in rows]
        return tuple(
            sorted(
                items,
                key=lambda b: (b.document.date_start or "9999", b.document.title.casefold(), b.ref),
            )
        )

    def bookmarked_refs(self, list_name: str | None = None) -> frozenset[str]:
        """Refs of my bookmarks (of one list): what ``SearchRequest(refs=…)`` takes."""
        with self.__store.session() as session:
            return frozenset(self._refs_in(session, list_name, None))

    def lists(self) -> tuple[BookmarkList, ...]:
        """My bookmark lists with how many bookmarks each holds, by name."""
        with self.__store.session() as session:
            counts = dict(
                session.execute(
                    select(BookmarkRow.list_id, func.count(BookmarkRow.id))
                    .where(
                        BookmarkRow.profile_id == self.__profile, BookmarkRow.deleted_at.is_(None)
                    )
                    .group_by(BookmarkRow.list_id)
                ).all()
            )
            rows = session.scalars(self._mine(ListRow)).all()
            items = [BookmarkList(uid=r.uid, name=r.name, count=counts.get(r.id, 0)) for r in rows]
        return tuple(sorted(items, key=lambda item: item.name.casefold()))

    def create_list(self, name: str) -> BookmarkList:
        with self.__store.session() as session:
            cleaned = clean_name(name, "list")
            if session.scalars(
                self._mine(ListRow).where(ListRow.name_key == name_key(cleaned))
            ).first():
                raise BadName(f"You already have a list named {cleaned!r}.")
            row = self._list_row(session, cleaned, create=True)
            return BookmarkList(uid=row.uid, name=row.name, count=0)

    def rename_list(self, name: str, new_name: str) -> BookmarkList:
        with self.__store.session() as session:
            row = self._list_row(session, name)
            cleaned = clean_name(new_name, "list")
            other = session.scalars(
                self._mine(ListRow).where(ListRow.name_key == name_key(cleaned))
            ).first()
            if other is not None and other.id != row.id:
                raise BadName(f"You already have a list named {cleaned!r}.")
            row.name, row.name_key = cleaned, name_key(cleaned)
            count = session.scalar(
                select(func.count(BookmarkRow.id)).where(
                    BookmarkRow.list_id == row.id, BookmarkRow.deleted_at.is_(None)
                )
            )
            return BookmarkList(uid=row.uid, name=row.name, count=count or 0)

    def delete_list(self, name: str) -> int:
        """Delete a list; its bookmarks go to the trash (restoring one brings the list back)."""
        with self.__store.session() as session:
            row = self._list_row(session, name)
            stamp = now()
            row.deleted_at = stamp
            bookmarks = session.scalars(
                self._mine(BookmarkRow).where(BookmarkRow.list_id == row.id)
            ).all()
            for bookmark in bookmarks:
                bookmark.deleted_at = stamp
            return len(bookmarks)

    def move(self, ref: str, list_name: str) -> Bookmark:
        """Move a bookmark into another list (created if need be)."""
        with self.__store.session() as session:
            row = self._bookmark_row(session, ref)
            if row is None:
                raise NotFound(f"{ref!r} is not bookmarked.")
            row.list_id = self._list_row(session, list_name, create=True).id
            row.updated_at = now()
            return _bookmark(row, self._list_names(session)[row.list_id])

    def set_tags(self, ref: str, tags: Iterable[str]) -> Bookmark:
        with self.__store.session() as session:
            row = self._bookmark_row(session, ref)
            if row is None:
                raise NotFound(f"{ref!r} is not bookmarked.")
            row.tags = list(clean_tags(tags))
            row.updated_at = now()
            return _bookmark(row, self._list_names(session)[row.list_id])

    def tags(self) -> tuple[tuple[str, int], ...]:
        """Every tag on my bookmarks with how many carry it, by name."""
        counts: dict[str, list[Any]] = {}
        with self.__store.session() as session:
            for tags in session.scalars(
                self._mine(BookmarkRow).with_only_columns(BookmarkRow.tags)
            ):
                for tag in tags or ():
                    entry = counts.setdefault(fold(tag), [tag, 0])
                    entry[1] += 1
        return tuple(
            sorted(((t, c) for t, c in counts.values()), key=lambda item: item[0].casefold())
        )

    # -- notes ----------------------------------------------------------------
    def add_document_note(self, doc: Any, text: str = "") -> Note:
        """A note on a whole document (``doc``: a ref or a ``DocumentView``)."""
        info = DocumentInfo.of(doc)
        with self.__store.session() as session:
            row = NoteRow(
                uid=uuid.uuid4().hex,
                profile_id=self.__profile,
                ref=info.ref,
                kind="document",
                text=text,
                folded=_folded(text, None),
            )
            _set_info(row, info)
            session.add(row)
            session.flush()
            return _note(row)

    def add_passage_note(
        self,
        doc: Any,
        text: str,
        start: int,
        end: int,
        quote: str | None = None,
        prefix: str | None = None,
        suffix: str | None = None,
    ) -> Note:
        """A note on the passage ``body[start:end]`` of a document.

        Given a ``DocumentView``, the quote and its context are taken from its body;
        given a bare ref, ``quote`` (and preferably ``prefix``/``suffix``) must be given.
        """
        info = DocumentInfo.of(doc)
        body = getattr(doc, "body", None)
        digest = None
        if isinstance(body, str):
            digest = text_digest(body)
            try:
                anchor = make_anchor(body, start, end)
            except ValueError as error:
                raise BadName(f"Select some text in the document to annotate ({error}).") from error
            if quote is not None and quote != anchor.quote:
                raise BadName("The quoted passage is not the selected text of the document.")
        else:
            if not quote:
                raise BadName("A passage note needs the quoted passage.")
            anchor = Anchor(
                start=start, end=end, quote=quote, prefix=prefix or "", suffix=suffix or ""
            )
        with self.__store.session() as session:
            row = NoteRow(
                uid=uuid.uuid4().hex,
                profile_id=self.__profile,
                ref=info.ref,
                kind="passage",
                text=text,
                folded=_folded(text, anchor.quote),
                start_offset=anchor.start,
                end_offset=anchor.end,
                quote=anchor.quote,
                prefix=anchor.prefix,
                suffix=anchor.suffix,
                anchor_state="exact",
                anchored_to=digest,
            )
            _set_info(row, info)
            session.add(row)
            session.flush()
            return _note(row)

    def update_note(self, uid: str, text: str) -> Note:
        """Save a note's text; on disk when this returns. Cheap when nothing changed."""
        with self.__store.session() as session:
            row = self._note_row(session, uid)
            if row.text != text:
                row.text = text
                row.folded = _folded(text, row.quote)
                row.updated_at = now()
            return _note(row)

    def note(self, uid: str) -> Note:
        with self.__store.session() as session:
            return _note(self._note_row(session, uid))

    def _note_query(
        self,
        session: Session,
        ref: str | None,
        list_name: str | None,
        tag: str | None,
        query: str | None,
    ) -> Any:
        statement = self._mine(NoteRow)
        if ref is not None:
            statement = statement.where(NoteRow.ref == ref)
        if list_name is not None or tag is not None:
            statement = statement.where(
                NoteRow.ref.in_(sorted(self._refs_in(session, list_name, tag)))
            )
        conditions: list[ColumnElement[bool]] = [
            NoteRow.folded.like(_like(term), escape="\\") for term in terms(query or "")
        ]
        return statement.where(*conditions)

    def notes(
        self,
        *,
        ref: str | None = None,
        list_name: str | None = None,
        tag: str | None = None,
        query: str | None = None,
        limit: int | None = None,
        offset: int = 0,
    ) -> tuple[Note, ...]:
        """My notes, newest first: on one document, on the documents of a list or a tag,
        containing every word of ``query`` (case and accents ignored; "a phrase" as one)."""
        with self.__store.session() as session:
            statement = self._note_query(session, ref, list_name, tag, query)
            statement = statement.order_by(NoteRow.created_at.desc(), NoteRow.id.desc()).offset(
                offset
            )
            if limit is not None:
                statement = statement.limit(limit)
            return tuple(_note(row) for row in session.scalars(statement))

    def count_notes(
        self,
        *,
        ref: str | None = None,
        list_name: str | None = None,
        tag: str | None = None,
        query: str | None = None,
    ) -> int:
        with self.__store.session() as session:
            statement = self._note_query(session, ref, list_name, tag, query)
            return session.scalar(select(func.count()).select_from(statement.subquery())) or 0

    def search_notes(self, query: str, limit: int = 100) -> tuple[Note, ...]:
        """For the main search box: my notes containing the words, newest first."""
        if not terms(query):
            return ()
        return self.notes(query=query, limit=limit)

    def noted_refs(self) -> frozenset[str]:
        """Refs of the documents I have notes on."""
        with self.__store.session() as session:
            return frozenset(
                session.scalars(self._mine(NoteRow).with_only_columns(NoteRow.ref).distinct())
            )

    # -- passages in a document as it is now -----------------------------------------
    def passages(self, view: Any) -> tuple[Note, ...]:
        """My passage notes on a document, found again in its current text.

        ``view`` is the ``DocumentView`` being shown. Passages whose words moved or
        were corrected are re-attached (their offsets updated); those not found
        are kept and marked "detached". Also refreshes the title and date kept
        with my notes and bookmark on this document.
        """
        info = DocumentInfo.of(view)
        body = view.body
        digest = text_digest(body)
        with self.__store.session() as session:
            self._remember(session, info)
            rows = session.scalars(
                self._mine(NoteRow).where(NoteRow.ref == info.ref, NoteRow.kind == "passage")
            ).all()
            notes = []
            for row in rows:
                if row.anchored_to == digest and row.anchor_state:
                    notes.append(_note(row))  # found in this very text before
                    continue
                anchor = Anchor(
                    row.start_offset or 0,
                    row.end_offset or 0,
                    row.quote or "",
                    row.prefix or "",
                    row.suffix or "",
                )
                found = reanchor(body, anchor)
                if found.attached:
                    row.start_offset, row.end_offset = found.start, found.end
                # moved words sit exactly at their new offsets from now on
                row.anchor_state = "exact" if found.state == "moved" else found.state
                row.anchored_to = digest
                notes.append(replace(_note(row), state=found.state))
        return tuple(
            sorted(
                notes, key=lambda n: (n.detached, n.anchor.start if n.anchor else 0, n.created_at)
            )
        )

    def _remember(self, session: Session, info: DocumentInfo) -> None:
        for model in (NoteRow, BookmarkRow):
            for row in session.scalars(self._mine(model, live=None).where(model.ref == info.ref)):
                _set_info(row, info)

    def reattach(self, library: Any) -> dict[str, int]:
        """Find every passage again after collections were re-imported: counts by state,
        plus "missing" for passages on documents no longer in the collection."""
        with self.__store.session() as session:
            refs = sorted(
                set(
                    session.scalars(
                        self._mine(NoteRow)
                        .where(NoteRow.kind == "passage")
                        .with_only_columns(NoteRow.ref)
                    )
                )
            )
        counts: dict[str, int] = {}
        for ref in refs:
            try:
                view = library.document(ref)
            except DocumentNotFound:
                with self.__store.session() as session:
                    missing = session.scalar(
                        select(func.count()).select_from(
                            self._mine(NoteRow)
                            .where(NoteRow.ref == ref, NoteRow.kind == "passage")
                            .subquery()
                        )
                    )
                counts["missing"] = counts.get("missing", 0) + (missing or 0)
                continue
            for note in self.passages(view):
                counts[note.state] = counts.get(note.state, 0) + 1
        return counts

    def missing_refs(self, library: Any) -> frozenset[str]:
        """My documents (bookmarked or noted) that are no longer in the collection:
        the UI shows them as "document no longer in the collection"."""
        with self.__store.session() as session:
            refs = set(session.scalars(self._mine(NoteRow).with_only_columns(NoteRow.ref)))
            refs |= set(session.scalars(self._mine(BookmarkRow).with_only_columns(BookmarkRow.ref)))
        return frozenset(refs - existing_refs(library, refs))

    # -- trash ----------------------------------------------------------------
    def delete(self, uid: str) -> TrashItem:
        """Move a note or bookmark (by uid) to the trash."""
        with self.__store.session() as session:
            note = session.scalars(self._mine(NoteRow).where(NoteRow.uid == uid)).one_or_none()
            if note is not None:
                note.deleted_at = now()
                return self._trash_item(note)
            bookmark = session.scalars(
                self._mine(BookmarkRow).where(BookmarkRow.uid == uid)
            ).one_or_none()
            if bookmark is not None:
                bookmark.deleted_at = now()
                return self._trash_item(bookmark)
        raise NotFound("You have no such note or bookmark.")

    def delete_note(self, uid: str) -> TrashItem:
        with self.__store.session() as session:
            row = self._note_row(session, uid)
            row.deleted_at = now()
            return self._trash_item(row)

    @staticmethod
    def _trash_item(row: NoteRow | BookmarkRow) -> TrashItem:
        assert row.deleted_at is not None
        if isinstance(row, NoteRow):
            label = _first_line(row.text) or _first_line(row.quote or "") or row.title or row.ref
            return TrashItem(
                kind="note", uid=row.uid, ref=row.ref, label=label, deleted_at=row.deleted_at
            )
        return TrashItem(
            kind="bookmark",
            uid=row.uid,
            ref=row.ref,
            label=row.title or row.ref,
            deleted_at=row.deleted_at,
        )

    def trash(self) -> tuple[TrashItem, ...]:
        """What I deleted, most recently deleted first."""
        with self.__store.session() as session:
            items = [self._trash_item(r) for r in session.scalars(self._mine(NoteRow, live=False))]
            items += [
                self._trash_item(r) for r in session.scalars(self._mine(BookmarkRow, live=False))
            ]
        return tuple(sorted(items, key=lambda item: item.deleted_at, reverse=True))

    def restore(self, uid: str) -> Note | Bookmark:
        """Bring a note or bookmark back from the trash (with its list, if that was deleted)."""
        with self.__store.session() as session:
            note = session.scalars(
                self._mine(NoteRow, live=False).where(NoteRow.uid == uid)
            ).one_or_none()
            if note is not None:
                note.deleted_at = None
                return _note(note)
            row = session.scalars(
                self._mine(BookmarkRow, live=False).where(BookmarkRow.uid == uid)
            ).one_or_none()
            if row is None:
                raise NotFound("There is no such item in your trash.")
            live = self._bookmark_row(session, row.ref)
            if live is not None:  # bookmarked again since: keep that one, with the tags of both
                live.tags = list(clean_tags([*(live.tags or ()), *(row.tags or ())]))
                live.updated_at = now()
                session.delete(row)
                return _bookmark(live, self._list_names(session)[live.list_id])
            bookmark_list = session.get(ListRow, row.list_id)
            if bookmark_list is not None and bookmark_list.deleted_at is not None:
                same_name = session.scalars(
                    self._mine(ListRow).where(ListRow.name_key == bookmark_list.name_key)
                ).first()
                if same_name is not None:
                    row.list_id = same_name.id
                else:
                    bookmark_list.deleted_at = None
            row.deleted_at = None
            return _bookmark(row, self._list_names(session)[row.list_id])

    def empty_trash(self) -> int:
        """Delete for good what is in the trash; how many notes and bookmarks went."""
        with self.__store.session() as session:
            rows = [
                *session.scalars(self._mine(NoteRow, live=False)),
                *session.scalars(self._mine(BookmarkRow, live=False)),
            ]
            for row in rows:
                session.delete(row)
            session.flush()
            for list_row in session.scalars(self._mine(ListRow, live=False)):
                used = session.scalar(
                    select(func.count(BookmarkRow.id)).where(BookmarkRow.list_id == list_row.id)
                )
                if not used:
                    session.delete(list_row)
            return len(rows)

    # -- exports and imports ------------------------------------------------------
    def export_data(
        self,
        *,
        list_name: str | None = None,
        refs: Iterable[str] | None = None,
        note_uids: Iterable[str] | None = None,
    ) -> NotebookData:
        """What an export carries: everything, one list (its bookmarks and the notes
        on their documents), some documents (``refs``) or some notes (``note_uids``)."""
        with self.__store.session() as session:
            names = self._list_names(session)
            list_rows = session.scalars(self._mine(ListRow)).all()
            bookmark_query = self._mine(BookmarkRow)
            note_query = self._mine(NoteRow)
            if note_uids is not None:
                wanted = sorted(set(note_uids))
                note_query = note_query.where(NoteRow.uid.in_(wanted))
                bookmark_query = bookmark_query.where(false())
                list_rows = []
            elif list_name is not None or refs is not None:
                selected: set[str] = set(refs) if refs is not None else set()
                if list_name is not None:
                    target = self._list_row(session, list_name)
                    bookmark_query = bookmark_query.where(BookmarkRow.list_id == target.id)
                    in_list = set(
                        session.scalars(bookmark_query.with_only_columns(BookmarkRow.ref))
                    )
                    selected = in_list if refs is None else selected & in_list
                bookmark_query = bookmark_query.where(BookmarkRow.ref.in_(sorted(selected)))
                note_query = note_query.where(NoteRow.ref.in_(sorted(selected)))
            bookmarks = [
                _bookmark(r, names[r.list_id])
                for r in session.scalars(bookmark_query.order_by(BookmarkRow.id))
            ]
            notes = [
                _note(r)
                for r in session.scalars(note_query.order_by(NoteRow.created_at, NoteRow.id))
            ]
            used = {b.list_name for b in bookmarks}
            lists = [
                BookmarkList(
                    uid=r.uid, name=r.name, count=sum(1 for b in bookmarks if b.list_name == r.name)
                )
                for r in list_rows
                if (list_name is None and refs is None and note_uids is None) or r.name in used
            ]
        return NotebookData(lists=tuple(lists), bookmarks=tuple(bookmarks), notes=tuple(notes))

    def merge(self, data: NotebookData) -> MergeReport:
        """Import notes and bookmarks (e.g. an export from another computer) into my
        profile: recognised by uid, nothing duplicated, nothing of mine overwritten by
        anything older. All in one transaction: a bad file changes nothing."""
        report = MergeReport()
        uids = {name_key(item.name): item.uid for item in data.lists if item.uid}
        with self.__store.session() as session:
            for item in data.lists:
                if not self._has_list(session, item.name):
                    self._list_row(session, item.name, create=True, uid=item.uid or None)
                    report.lists_added += 1
            for bookmark in data.bookmarks:
                self._merge_bookmark(session, bookmark, report, uids)
            for note in data.notes:
                self._merge_note(session, note, report)
        return report

    def _has_list(self, session: Session, name: str) -> bool:
        key = name_key(clean_name(name, "list"))
        return (
            session.scalars(self._mine(ListRow).where(ListRow.name_key == key)).first() is not None
        )

    def _merge_bookmark(
        self, session: Session, incoming: Bookmark, report: MergeReport, uids: dict[str, str]
    ) -> None:
        tags = clean_tags(incoming.tags)
        list_name = incoming.list_name or DEFAULT_LIST
        existing = session.scalars(
            self._mine(BookmarkRow, live=None).where(BookmarkRow.uid == incoming.uid)
        ).one_or_none()
        if existing is not None and existing.deleted_at is not None:
            report.in_trash += 1
            return
        if existing is None:
            existing = self._bookmark_row(session, incoming.ref)
            if existing is None:
                if not self._has_list(session, list_name):
                    report.lists_added += 1
                target = self._list_row(
                    session, list_name, create=True, uid=uids.get(name_key(list_name))
                )
                row = BookmarkRow(
                    uid=incoming.uid,
                    profile_id=self.__profile,
                    list_id=target.id,
                    ref=incoming.ref,
                    tags=list(tags),
                    created_at=incoming.created_at,
                    updated_at=incoming.updated_at,
                )
                _set_info(row, incoming.document)
                session.add(row)
                session.flush()
                report.bookmarks_added += 1
                return
            # the same document bookmarked on both computers: one bookmark, the tags of both
            merged = clean_tags([*(existing.tags or ()), *tags])
            if merged != tuple(existing.tags or ()):
                existing.tags = list(merged)
                existing.updated_at = max(existing.updated_at, incoming.updated_at)
                report.bookmarks_updated += 1
            else:
                report.bookmarks_present += 1
            return
        current_list = self._list_names(session)[existing.list_id]
        changed = tuple(existing.tags or ()) != tags or name_key(current_list) != name_key(
            list_name
        )
        if changed and incoming.updated_at > existing.updated_at:
            if not self._has_list(session, list_name):
                report.lists_added += 1
            existing.list_id = self._list_row(
                session, list_name, create=True, uid=uids.get(name_key(list_name))
            ).id
            existing.tags = list(tags)
            existing.updated_at = incoming.updated_at
            report.bookmarks_updated += 1
        else:
            report.bookmarks_present += 1
        if not existing.title:
            _set_info(existing, incoming.document)

    def _merge_note(self, session: Session, incoming: Note, report: MergeReport) -> None:
        existing = session.scalars(
            self._mine(NoteRow, live=None).where(NoteRow.uid == incoming.uid)
        ).one_or_none()
        if existing is not None:
            if existing.deleted_at is not None:
                report.in_trash += 1
            elif existing.text != incoming.text and incoming.updated_at > existing.updated_at:
                existing.text = incoming.text
                existing.folded = _folded(incoming.text, existing.quote)
                existing.updated_at = incoming.updated_at
                report.notes_updated += 1
            else:
                report.notes_present += 1
            return
        anchor = incoming.anchor
        twin = session.scalars(
            self._mine(NoteRow).where(
                NoteRow.ref == incoming.ref,
                NoteRow.kind == incoming.kind,
                NoteRow.text == incoming.text,
                NoteRow.quote.is_(None) if anchor is None else NoteRow.quote == anchor.quote,
            )
        ).first()
        if twin is not None:  # the very same note, made separately: not a second copy
            report.notes_present += 1
            return
        row = NoteRow(
            uid=incoming.uid,
            profile_id=self.__profile,
            ref=incoming.ref,
            kind=incoming.kind,
            text=incoming.text,
            folded=_folded(incoming.text, anchor.quote if anchor else None),
            start_offset=anchor.start if anchor else None,
            end_offset=anchor.end if anchor else None,
            quote=anchor.quote if anchor else None,
            prefix=anchor.prefix if anchor else None,
            suffix=anchor.suffix if anchor else None,
            anchor_state=(incoming.state or "exact") if anchor else "",
            created_at=incoming.created_at,
            updated_at=incoming.updated_at,
        )
        _set_info(row, incoming.document)
        session.add(row)
        session.flush()
        report.notes_added += 1


def existing_refs(library: Any, refs: Iterable[str]) -> set[str]:
    """Which of ``refs`` the library holds (in batches when it can tell many at once)."""
    refs = sorted(set(refs))
    store = getattr(library, "store", None)
    found: set[str] = set()
    if store is not None and hasattr(store, "documents"):
        for i in range(0, len(refs), 500):
            found |= set(store.documents(refs[i : i + 500]))
        return found
    for ref in refs:
        try:
            library.document(ref)
        except DocumentNotFound:
            continue
        found.add(ref)
    return found
