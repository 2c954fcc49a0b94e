"""Partial, uncertain and printed dates, normalised to ISO day ranges.

Archival dates are rarely clean: a year only, a month, a range, "circa", a
dateline with no year, a typo like ``0201``. Every function here keeps what can
be known and says what could not, instead of guessing or failing.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

from .errors import BadDate
from .records import DateRange

#: the flag of a document its source itself leaves undated (not a date that could not be read)
UNDATED_IN_SOURCE = "undated in the source"
MIN_YEAR = 1000
MAX_YEAR = 2100

MONTHS = {
    name: number
    for number in range(1, 13)
    for name in {
        calendar.month_name[number].lower(),
        calendar.month_abbr[number].lower(),
        calendar.month_name[number].lower()[:4],
    }
}
MONTHS["sept"] = 9

_ISO = re.compile(r"^\s*(-?\d{1,4}|--)(?:-(\d{1,2}))?(?:-(\d{1,2}))?(?:[T ].*)?\s*$")
_MONTH = r"\b(?P<month{n}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_MDY = re.compile(
    _MONTH.format(n=1) + r"\s+(?P<day1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year1>\d{4})", re.I
)
_DMY = re.compile(
    r"\b(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
    + _MONTH.format(n=2)
    + r",?\s+(?P<year2>\d{4})",
    re.I,
)
_MY = re.compile(_MONTH.format(n=3) + r",?\s+(?P<year3>\d{4})", re.I)
_YM = re.compile(r"\b(?P<year4>\d{4}),?\s+" + _MONTH.format(n=4), re.I)
_ISO_IN_TEXT = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")
_YEAR_RANGE = re.compile(r"\b(\d{4})\s*(?:-|–|—|to|/)\s*(\d{2,4})\b")
_YEAR = re.compile(r"\b(\d{4})\b")
_ISO_DAY_OR_MONTH = re.compile(r"^\d{1,4}-\d{1,2}(?:-\d{1,2})?$")
# "c." / "ca." / "about" only before a number: "George C. Marshall, 1940" is certain.
_CIRCA = re.compile(
    r"\b(?:ca?\.\s*|circa\s+|about\s+|approx(?:imately)?\.?\s*)(?=\[?\d)|\bcirca\b|(?<=\d)\s?\?|\[\?\]",
    re.I,
)
_UNDATED = re.compile(r"\b(?:undated|no date|without date)\b|\bn\.\s?d\.", re.I)


def _month_number(token: str) -> int:
    return MONTHS[
        token.lower().rstrip(".")[:4] if token.lower()[:4] in MONTHS else token.lower()[:3]
    ]


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _valid(year: int, month: int | None = None, day: int | None = None) -> bool:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    return not (day is not None and (month is None or not 1 <= day <= _last_day(year, month)))


def span(year: int, month: int | None = None, day: int | None = None) -> tuple[str, str, str]:
    """The first and last day of a year, month or day, and its precision."""
    if month is None:
        return f"{year:04d}-01-01", f"{year:04d}-12-31", "year"
    if day is None:
        return (
            f"{year:04d}-{month:02d}-01",
            f"{year:04d}-{month:02d}-{_last_day(year, month):02d}",
            "month",
        )
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    return iso, iso, "day"


@lru_cache(maxsize=65536)  # an import reads the same days over and over
def parse_iso(value: str | None) -> tuple[str, str, str] | None:
    """``1917-11-22T18:00:00``, ``1917-11``, ``1917`` → (start, end, precision).

    Returns None for values that are not a usable ISO date (no year, a year
    out of range, an impossible day).
    """
    if not value:
        return None
    match = _ISO.match(value)
    if not match or match.group(1) in ("--",) or match.group(1).startswith("-"):
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    if not _valid(year, month, day):
        return None
    return span(year, month, day)


_SOURCE_DATE = "source date"  # in every problem of a date given in ISO form (see ``unread``)


def _iso_problem(value: str) -> str:
    if value.startswith("--"):
        return f"no year in {_SOURCE_DATE} {value!r}"
    match = _ISO.match(value)
    if match and match.group(1).lstrip("-").isdigit():
        year = int(match.group(1))
        if not MIN_YEAR <= year <= MAX_YEAR:
            return f"implausible year in {_SOURCE_DATE} {value!r}"
    return f"unreadable {_SOURCE_DATE} {value!r}"


def unread(date: DateRange) -> bool:
    """Whether a date was given but could not be read, whole or in part (``--11-14``, a year
    0201, a 30 February): its document is then undated, or dated by what else could be read.
    Worth telling whoever imports it; a source that is itself undated is not."""
    if not date.flag or date.flag == UNDATED_IN_SOURCE:
        return False
    return date.start is None or _SOURCE_DATE in date.flag


def from_attributes(
    text: str = "",
    *,
    when: str | None = None,
    start: str | None = None,
    end: str | None = None,
    not_before: str | None = None,
    not_after: str | None = None,
) -> DateRange:
    """Normalise a date given by TEI-style attributes, falling back on its printed text.

    ``when`` gives a point (of day/month/year precision); ``start``/``end`` (TEI
    ``@from/@to``, FRUS ``doc-dateTime-min/max``) a certain range;
    ``not_before``/``not_after`` an uncertain one.
    """
    text = " ".join(text.split())
    problems: list[str] = []

    def attempt(value: str | None) -> tuple[str, str, str] | None:
        if not value:
            return None
        parsed = parse_iso(value)
        if parsed is None:
            problems.append(_iso_problem(value))
        return parsed

    if when:
        parsed = attempt(when)
        if parsed:
            return DateRange(text, parsed[0], parsed[1], parsed[2], True, None)
    for low, high, certain in ((start, end, True), (not_before, not_after, False)):
        if not (low or high):
            continue
        lo, hi = attempt(low), attempt(high)
        if lo or hi:
            first = (lo or hi)[0]  # type: ignore[index]
            last = (hi or lo)[1]  # type: ignore[index]
            if first > last:
                first, last = last, first
            precision = (
                "range" if (lo and hi and (lo[0], lo[1]) != (hi[0], hi[1])) else (lo or hi)[2]
            )  # type: ignore[index]
            return DateRange(
                text, first, last, precision, certain and not problems, "; ".join(problems) or None
            )
    from_text = parse_text(text) if text else DateRange()
    if from_text.is_dated:
        flag = (
            "; ".join(problems + ["normalised from the printed date"])
            if problems
            else from_text.flag
        )
        return DateRange(
            text, from_text.start, from_text.end, from_text.precision, from_text.certain, flag
        )
    return DateRange(text, None, None, None, True, "; ".join(problems) or from_text.flag)


def _combine(first: tuple[str, str, str], last: tuple[str, str, str]) -> tuple[str, str, str]:
    lo, hi = min(first[0], last[0]), max(first[1], last[1])
    return lo, hi, "range" if (lo, hi) != (first[0], first[1]) else first[2]


def parse_text(text: str) -> DateRange:
    """Read a date out of printed text: ``Petrograd, January 3, 1918``, ``3 Jan. 1918``,
    ``January 1918``, ``1937-1989``, ``1956-10-23/1956-11-04``, ``circa 1950``.

    The text itself is kept; an undated text gives an undated range.
    """
    clean = " ".join((text or "").split())
    if not clean:
        return DateRange()
    certain = not _CIRCA.search(clean)
    found: list[tuple[int, tuple[str, str, str]]] = []

    def add(pos: int, year: int, month: int | None, day: int | None) -> None:
        if _valid(year, month, day):
            found.append((pos, span(year, month, day)))

    for m in _ISO_IN_TEXT.finditer(clean):
        add(m.start(), int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
    if not found:
        taken: list[tuple[int, int]] = []
        for pattern, keys in ((_MDY, "1"), (_DMY, "2"), (_MY, "3"), (_YM, "4")):
            for m in pattern.finditer(clean):
                if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                groups = m.groupdict()
                day = groups.get(f"day{keys}")
                add(
                    m.start(),
                    int(groups[f"year{keys}"]),
                    _month_number(groups[f"month{keys}"]),
                    int(day) if day else None,
                )
        if not found:
            for m in _YEAR_RANGE.finditer(clean):
                first = int(m.group(1))
                second_text = m.group(2)
                second = (
                    int(second_text)
                    if len(second_text) == 4
                    else int(str(first)[: 4 - len(second_text)] + second_text)
                )
                if _valid(first) and _valid(second) and second >= first:
                    found.append((m.start(), span(first)))
                    found.append((m.end(), span(second)))
            if not found:
                for m in _YEAR.finditer(clean):
                    add(m.start(), int(m.group(1)), None, None)
    if not found:
        return DateRange(
            clean,
            None,
            None,
            None,
            True,
            None if _looks_undated(clean) else "no date found in printed date",
        )
    found.sort()
    start, end, precision = found[0][1]
    if len(found) > 1:
        start, end, precision = _combine(found[0][1], found[-1][1])
    return DateRange(clean, start, end, precision, certain, None)


def _looks_undated(text: str) -> bool:
    return bool(_UNDATED.search(text))


def parse_filter_bound(value: str | None, *, end: bool = False) -> str | None:
    """A date typed into a filter — ``1956``, ``1956-10``, ``1956-10-23``, ``Oct 1956`` —
    as the first (or, with ``end``, the last) ISO day it stands for."""
    if value is None or not str(value).strip():
        return None
    value = str(value).strip()
    how = "write a year (1956), a month (1956-10) or a day (1956-10-23)"
    parsed = parse_iso(value)
    if parsed is None and _ISO_DAY_OR_MONTH.match(value):
        raise BadDate(f"There is no such day or month as {value!r}: {how}.")
    if parsed is None:
        guess = parse_text(value)
        if guess.precision == "year" and any(p.search(value) for p in (_MDY, _DMY, _MY, _YM)):
            # a month was named, but the day or month is impossible ("31 Feb 1956"): the
            # filter would silently widen to the whole year
            raise BadDate(f"There is no such day as {value!r}: {how}.")
        if guess.is_dated:
            parsed = (guess.start, guess.end, guess.precision or "day")  # type: ignore[assignment]
    if parsed is None:
        raise BadDate(f"Cannot read the date {value!r}: {how}.")
    return parsed[1] if end else parsed[0]


def to_date(iso: str) -> date:
    return date.fromisoformat(iso)
