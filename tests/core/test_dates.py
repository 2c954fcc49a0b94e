from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reading_room.core.dates import from_attributes, parse_filter_bound, parse_iso, parse_text
from reading_room.core.errors import BadDate


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("Petrograd, January 3, 1918", "1918-01-03", "1918-01-03", "day"),
        ("Washington, Sept. 12, 1955", "1955-09-12", "1955-09-12", "day"),
        ("3 Jan. 1918", "1918-01-03", "1918-01-03", "day"),
        ("January 1918", "1918-01-01", "1918-01-31", "month"),
        ("February 1956", "1956-02-01", "1956-02-29", "month"),
        ("1958", "1958-01-01", "1958-12-31", "year"),
        ("1937-1989", "1937-01-01", "1989-12-31", "range"),
        ("1941-45", "1941-01-01", "1945-12-31", "range"),
        ("1961-09-01/1961-09-06", "1961-09-01", "1961-09-06", "range"),
    ],
)
def test_printed_dates_are_normalised_and_kept(
    text: str, start: str, end: str, precision: str
) -> None:
    date = parse_text(text)
    assert (date.start, date.end, date.precision) == (start, end, precision)
    assert date.text == text


def test_circa_is_uncertain() -> None:
    date = parse_text("circa March 1957")
    assert date.start == "1957-03-01" and not date.certain


def test_undated_text_gives_no_range_and_no_complaint() -> None:
    date = parse_text("undated")
    assert date.start is None and date.flag is None and date.text == "undated"


def test_tei_attributes() -> None:
    assert from_attributes("x", when="1917-11-22T18:00:00").start == "1917-11-22"
    ranged = from_attributes("x", start="1917-11-22", end="1917-12-02")
    assert (ranged.start, ranged.end, ranged.precision) == ("1917-11-22", "1917-12-02", "range")
    uncertain = from_attributes("x", not_before="1917-11", not_after="1918")
    assert (uncertain.start, uncertain.end, uncertain.certain) == (
        "1917-11-01",
        "1918-12-31",
        False,
    )


def test_a_typo_year_is_flagged_and_the_printed_date_used_when_it_has_one() -> None:
    odd = from_attributes("Oct. 12", when="0201-10-12")
    assert odd.start is None and "implausible year" in (odd.flag or "")
    rescued = from_attributes("October 12, 1864", when="0201-10-12")
    assert rescued.start == "1864-10-12" and "implausible year" in (rescued.flag or "")


def test_a_date_without_year_is_flagged() -> None:
    date = from_attributes("June 26", when="--06-26")
    assert date.start is None and "no year" in (date.flag or "")


def test_filter_bounds() -> None:
    assert parse_filter_bound("1956") == "1956-01-01"
    assert parse_filter_bound("1956", end=True) == "1956-12-31"
    assert parse_filter_bound("1956-10", end=True) == "1956-10-31"
    assert parse_filter_bound("1956-10-23") == "1956-10-23"
    assert parse_filter_bound("") is None
    with pytest.raises(BadDate, match="1956-10"):
        parse_filter_bound("19x6")


def test_an_impossible_day_or_month_in_a_filter_is_refused_not_widened_to_its_year() -> None:
    for typed in ("1999-13-01", "1956-02-30", "1956-13", "31 Feb 1956", "February 30, 1956"):
        with pytest.raises(BadDate, match="no such day"):
            parse_filter_bound(typed)
    assert parse_filter_bound("29 Feb 1956") == "1956-02-29"  # a leap year
    assert parse_filter_bound("Oct 1956", end=True) == "1956-10-31"
    assert parse_filter_bound("circa 1956") == "1956-01-01"


def test_impossible_iso_dates_are_refused() -> None:
    assert parse_iso("1956-02-30") is None
    assert parse_iso("1956-13") is None


@given(st.text(max_size=60))
def test_no_printed_date_makes_the_parser_fail(text: str) -> None:
    date = parse_text(text)
    if date.start:
        assert date.start <= (date.end or date.start)
