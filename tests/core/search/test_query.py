"""The query parser on its own: structure and what it reports as ignored."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reading_room.core.search.query import And, DateSpan, Not, Or, Term, parse


def test_words_are_anded() -> None:
    node = parse("kennan telegram").node
    assert isinstance(node, And) and [t.tokens for t in node.items] == [("kennan",), ("telegram",)]


def test_or_binds_tighter_than_and() -> None:
    node = parse("a OR b c").node
    assert isinstance(node, And)
    assert isinstance(node.items[0], Or) and isinstance(node.items[1], Term)


def test_not_and_minus() -> None:
    assert isinstance(parse("-a").node, Not)
    assert isinstance(parse("NOT a").node, Not)
    assert isinstance(parse("--a").node, Term)  # a dash in front of a dashed word
    assert isinstance(parse("NOT NOT a").node, Term)


def test_term_kinds() -> None:
    parsed = parse('a* b~ c~2 d~0 "e f"~4 g*h ab*')
    kinds = {t.text: (t.kind, t.distance, t.slop) for t in parsed.positive_terms()}
    assert kinds == {
        "b": ("fuzzy", 1, 0),
        "c": ("fuzzy", 2, 0),
        "d": ("word", 0, 0),
        "e f": ("phrase", 0, 4),
        "g*h": ("wildcard", 0, 0),
        "ab*": ("prefix", 0, 0),
    }
    assert parsed.ignored == ("Ignored 'a*': a prefix needs at least 2 letters",)


def test_dotted_and_hyphenated_words_are_phrases() -> None:
    term = parse("U.S.").node
    assert isinstance(term, Term) and term.kind == "phrase" and term.tokens == ("u", "s")


def test_fields_and_aliases() -> None:
    terms = list(parse('Title:war persons:kennan lang:ru text:x place:"New York"').positive_terms())
    assert [(t.field, t.tokens) for t in terms] == [
        ("title", ("war",)),
        ("person", ("kennan",)),
        ("language", ("ru",)),
        ("body", ("x",)),
        ("place", ("new", "york")),
    ]


def test_field_applies_to_a_group() -> None:
    terms = list(parse("title:(war OR peace) treaty").positive_terms())
    assert [(t.field, t.text) for t in terms] == [
        ("title", "war"),
        ("title", "peace"),
        (None, "treaty"),
    ]


def test_dates() -> None:
    assert parse("date:1956-10").node == DateSpan(19561001, 19561031)
    assert parse("year:1956..1958").node == DateSpan(19560101, 19581231)
    assert parse("date:1956-10-23").node == DateSpan(19561023, 19561023)


def test_times_and_colons_in_words() -> None:
    term = parse("10:30").node
    assert isinstance(term, Term) and term.tokens == ("10", "30") and not parse("10:30").ignored


def test_smart_quotes_are_quotes() -> None:
    term = parse("“long telegram”").node
    assert isinstance(term, Term) and term.kind == "phrase"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"a b', "Ignored the unmatched quote"),
        ("a OR", "Ignored 'OR' with nothing after it"),
        ("OR a", "Ignored 'OR' with nothing before it"),
        ("a NOT", "Ignored 'NOT' with nothing after it"),
        ("()", "Ignored the empty parentheses"),
        ("a)", "Ignored the unmatched ')'"),
        ("(a", "Closed the unmatched '('"),
        ("*", "Ignored '*' on its own"),
        ("foo:bar", "Unknown field 'foo:' searched as words"),
        ("title:", "Ignored 'title:' with nothing after it"),
        ('""', "Ignored the empty phrase"),
        ("x~5", "Allowed 2 differences, the most there can be, for 'x'"),
        ("a*", "Ignored 'a*': a prefix needs at least 2 letters"),
        ("date:soon", "Could not read the date 'soon'"),
        ("a" * 50, "Ignored a word longer than 40 letters"),
        (" ".join(f"w{i}" for i in range(60)), "Used only the first 50 words of the query"),
        ("(" * 30 + "a", "Ignored parentheses nested too deep"),
    ],
)
def test_ignored_parts_are_described(query: str, message: str) -> None:
    assert message in parse(query).ignored


def test_clean_queries_ignore_nothing() -> None:
    for query in [
        "kennan",
        '"long telegram" -moscow',
        "(a OR b) co*",
        "person:kennan date:1946",
        "Re: Berlin",
    ]:
        assert parse(query).ignored == ()


def test_spans_point_at_the_words() -> None:
    query = 'title:kenann "x y" -z bolsh~'
    for term in parse(query).positive_terms():
        assert query[term.span[0] : term.span[1]] == term.text


QUERY_PIECES = st.sampled_from(
    [
        "OR",
        "AND",
        "NOT",
        '"',
        "(",
        ")",
        "*",
        "~",
        "~2",
        "-",
        "+",
        ":",
        "title:",
        "person:",
        "foo:",
        "ref:",
        "date:",
        "year:",
        "kennan",
        "Rodríguez",
        "Ленин",
        " ",
        "||",
        "\\",
        "..",
        "1956-10",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(QUERY_PIECES, st.text(max_size=4)), max_size=20).map("".join))
def test_parse_never_raises(query: str) -> None:
    parsed = parse(query)
    assert all(isinstance(note, str) and note for note in parsed.ignored)
