"""Profiles: who the notes belong to. Rows in, ``Profile`` dataclasses out.

By default there is one profile per operating-system user, named after them,
with no password, created on first use. More profiles can share a computer,
each optionally protected by a password kept only as a salted scrypt hash.
"""

from __future__ import annotations

import getpass
import unicodedata
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import BadName, PasswordRequired, ProfileExists, ProfileNotFound, WrongPassword
from .models import ProfileRow
from .passwords import hash_password, verify_password
from .textfold import fold
from .types import Profile

MAX_NAME = 200


def default_name() -> str:
    """The operating-system user's login name (or "reader" when it cannot be told)."""
    try:
        name = getpass.getuser()
    except Exception:  # no USER variable and no passwd entry, as in some containers
        name = ""
    return clean_name(name) if name and name.strip() else "reader"


def clean_name(name: str, what: str = "profile") -> str:
    """A name with its outer spaces removed; refused when empty, too long or with control characters."""
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise BadName(f"A {what} needs a name.")
    if len(cleaned) > MAX_NAME:
        raise BadName(f"A {what} name can be at most {MAX_NAME} characters long.")
    if any(unicodedata.category(char).startswith("C") for char in cleaned):
        raise BadName(f"The {what} name {cleaned!r} contains control characters.")
    return cleaned


def name_key(name: str) -> str:
    return fold(name)


def to_profile(row: ProfileRow) -> Profile:
    return Profile(
        name=row.name, uid=row.uid, has_password=bool(row.password_hash), created_at=row.created_at
    )


def find(session: Session, name: str) -> ProfileRow | None:
    return session.scalars(
        select(ProfileRow).where(ProfileRow.name_key == name_key(name))
    ).one_or_none()


def get(session: Session, name: str) -> ProfileRow:
    row = find(session, name)
    if row is None:
        raise ProfileNotFound(name)
    return row


def create(session: Session, name: str, password: str | None = None) -> ProfileRow:
    name = clean_name(name)
    if find(session, name) is not None:
        raise ProfileExists(name)
    row = ProfileRow(
        uid=uuid.uuid4().hex,
        name=name,
        name_key=name_key(name),
        password_hash=hash_password(password) if password else None,
    )
    session.add(row)
    session.flush()
    return row


def check_password(row: ProfileRow, password: str | None) -> None:
    """Nothing for an open profile; for a protected one, its password or an error."""
    if not row.password_hash:
        return
    if password is None:
        raise PasswordRequired(row.name)
    if not verify_password(password, row.password_hash):
        raise WrongPassword(row.name)
