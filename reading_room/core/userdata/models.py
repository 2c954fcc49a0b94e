"""The user database: profiles and their bookmark lists, bookmarks and notes.

Portable SQL only (a reading-room server may keep it in PostgreSQL). Every row of
a profile carries ``profile_id`` and a ``uid`` that is stable across computers,
so an export imported elsewhere is recognised and never duplicated. Deleting
only sets ``deleted_at`` (the trash); ``empty_trash`` is the one real delete.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def now() -> datetime:
    return datetime.now(UTC)


class UserBase(DeclarativeBase):
    pass


class UserMeta(UserBase):
    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class ProfileRow(UserBase):
    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200), unique=True)  # folded: "Anna" is "anna"
    password_hash: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=now)


class ListRow(UserBase):
    __tablename__ = "bookmark_lists"
    __table_args__ = (
        UniqueConstraint("profile_id", "uid", name="uq_bookmark_lists_profile_uid"),
        Index("ix_bookmark_lists_profile_name", "profile_id", "name_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(32))
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=now)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class BookmarkRow(UserBase):
    __tablename__ = "bookmarks"
    __table_args__ = (
        UniqueConstraint("profile_id", "uid", name="uq_bookmarks_profile_uid"),
        Index("ix_bookmarks_profile_ref", "profile_id", "ref"),
        Index("ix_bookmarks_list", "list_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(32))
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    list_id: Mapped[int] = mapped_column(ForeignKey("bookmark_lists.id", ondelete="CASCADE"))
    ref: Mapped[str] = mapped_column(String(255))
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    title: Mapped[str] = mapped_column(Text, default="")
    date_text: Mapped[str] = mapped_column(Text, default="")
    date_start: Mapped[str | None] = mapped_column(String(10), nullable=True)
    collection_title: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=now)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)


class NoteRow(UserBase):
    __tablename__ = "notes"
    __table_args__ = (
        UniqueConstraint("profile_id", "uid", name="uq_notes_profile_uid"),
        Index("ix_notes_profile_ref", "profile_id", "ref"),
        Index("ix_notes_profile_created", "profile_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    uid: Mapped[str] = mapped_column(String(32))
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id", ondelete="CASCADE"))
    ref: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(16))  # "document" or "passage"
    text: Mapped[str] = mapped_column(Text, default="")
    folded: Mapped[str] = mapped_column(Text, default="")  # text and quote, case and accents folded
    start_offset: Mapped[int | None] = mapped_column(Integer, nullable=True)
    end_offset: Mapped[int | None] = mapped_column(Integer, nullable=True)
    quote: Mapped[str | None] = mapped_column(Text, nullable=True)
    prefix: Mapped[str | None] = mapped_column(Text, nullable=True)
    suffix: Mapped[str | None] = mapped_column(Text, nullable=True)
    anchor_state: Mapped[str] = mapped_column(String(16), default="")
    # digest of the text the anchor was last found in: unchanged text needs no new search
    anchored_to: Mapped[str | None] = mapped_column(String(64), nullable=True)
    title: Mapped[str] = mapped_column(Text, default="")
    date_text: Mapped[str] = mapped_column(Text, default="")
    date_start: Mapped[str | None] = mapped_column(String(10), nullable=True)
    collection_title: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=now)
    deleted_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
