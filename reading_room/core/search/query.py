"""The query language of the search box, parsed by us so that every string is a valid query.

    kennan telegram          all words must match (in title ×3, summary ×2, body, notes, names)
    kennan OR acheson        either; OR binds tighter than the implied AND, as in web search:
                             ``kennan OR acheson memorandum`` = (kennan OR acheson) AND memorandum
    NOT soviet, -soviet      without the word (a query of only these: everything without it)
    "long telegram"          exact phrase; ``"long telegram"~3`` allows 3 words in between;
                             ``"cold wa*"`` ends in a prefix
    bolshev*                 prefix (at least two letters); ``rodr*guez``: wildcard inside
    kenan~  kenan~2          fuzzy: one (or two) letters different, missing, extra or swapped
    ( … )                    grouping, optional
    field:value, field:"a phrase", field:(a OR b)
        title summary body notes person place subject collection type language ref date year
        ``person:kennan`` matches a word of a name ("Kennan, George F."), as does ``place:``,
        ``subject:``, ``type:``, ``language:``; ``collection:`` the collection's id or a word of
        its title; ``ref:frus1918Russiav03/d41`` exactly that document (``ref:frus1918*`` all
        of a volume); ``date:1956-10`` / ``year:1956..1960`` documents whose dates overlap.

Case and accents never matter (``Rodriguez`` finds ``Rodríguez``); other scripts match as typed.
Whatever cannot be used (an unmatched quote, a dangling OR, an unknown field) is left out or
searched as plain words, and said so, in words, in ``ParsedQuery.ignored``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import tantivy

from ..dates import parse_filter_bound
from ..errors import BadDate
from .analysis import MAX_WORD, words
from .schema import DEFAULT_FIELDS, FACET_TEXT, day_number

#: the field names the box understands (as typed, lowercased) → the field they search
FIELDS = {
    "title": "title",
    "summary": "summary",
    "body": "body",
    "text": "body",
    "notes": "notes",
    "note": "notes",
    "footnotes": "notes",
    "person": "person",
    "persons": "person",
    "people": "person",
    "name": "person",
    "place": "place",
    "places": "place",
    "subject": "subject",
    "subjects": "subject",
    "collection": "collection",
    "type": "type",
    "language": "language",
    "lang": "language",
    "ref": "ref",
    "date": "date",
    "year": "date",
}
#: fields whose words are worth highlighting in a document's text
TEXT_LIKE = {None, "title", "summary", "body", "notes", "person", "place", "subject"}
MAX_TERMS = 50
MAX_DEPTH = 20
MAX_FUZZY = 2
MIN_PREFIX = 2
MAX_QUERY_CHARS = 2000
#: a date filter of whole years is searched by its years up to this many of them
MAX_YEARS = 1000

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‟": '"', "″": '"'})
_FIELD = re.compile(r"^([A-Za-z_]+):(.*)$", re.S)
_FUZZY = re.compile(r"^(.*?)~(\d*)$", re.S)
_SLOP = re.compile(r"~(\d{0,3})")
_OPERATORS = {
    "OR": "or",
    "||": "or",
    "|": "or",
    "AND": "and",
    "&&": "and",
    "&": "and",
    "NOT": "not",
}
_STOP = {" ", "\t", "\n", "\r", "\f", "\v", "(", ")", '"'}


# -- the parsed query ----------------------------------------------------------------------
@dataclass(frozen=True)
class Term:
    """One thing to look for: a word, phrase, prefix, fuzzy word or wildcard, in some field."""

    field: str | None  # None: the default fields
    kind: str  # word | phrase | prefix | fuzzy | wildcard
    text: str  # as typed, without its operators
    tokens: tuple[str, ...]  # its index terms
    distance: int = 0  # fuzzy
    slop: int = 0  # phrase
    pattern: str = ""  # wildcard, as a regular expression over index terms
    span: tuple[int, int] = (0, 0)  # where ``text`` sits in the query string


@dataclass(frozen=True)
class DateSpan:
    start: int  # YYYYMMDD day numbers, inclusive
    end: int


@dataclass(frozen=True)
class Not:
    item: Node


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


Node = Term | DateSpan | Not | And | Or


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    node: Node | None  # None: everything
    ignored: tuple[str, ...] = ()

    def positive_terms(self) -> Iterator[Term]:
        """The terms a matching document contains (none under a NOT)."""
        yield from _positive(self.node)

    @property
    def ranks(self) -> bool:
        """Whether relevance means anything: some word of the text must (or may) be present.
        ``collection:``, ``type:``, ``language:``, ``ref:`` and dates only filter."""
        return any(term.field in TEXT_LIKE for term in self.positive_terms())

    @property
    def matches_all(self) -> bool:
        return self.node is None


def _positive(node: Node | None) -> Iterator[Term]:
    if isinstance(node, Term):
        yield node
    elif isinstance(node, And | Or):
        for item in node.items:
            yield from _positive(item)


# -- lexer ---------------------------------------------------------------------------------
@dataclass
class _Token:
    kind: str  # ( ) word phrase field or and not minus plus
    text: str = ""
    start: int = 0
    slop: int = 0
    prefix: bool = False


@dataclass
class _Notes:
    messages: list[str] = field(default_factory=list)

    def add(self, message: str) -> None:
        if message not in self.messages:
            self.messages.append(message)


def _lex(query: str, notes: _Notes) -> list[_Token]:
    out: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append(_Token(c, c, i))
            i += 1
        elif c == '"':
            close = query.find('"', i + 1)
            if close < 0:
                notes.add("Ignored the unmatched quote")
                i += 1
                continue
            token = _Token("phrase", query[i + 1 : close], i + 1)
            i = close + 1
            slop = _SLOP.match(query, i)
            if slop:
                token.slop = int(slop.group(1) or 1)
                i = slop.end()
            elif query.startswith("*", i):
                token.prefix = True
                i += 1
            out.append(token)
        elif c in "-+" and i + 1 < n and not query[i + 1].isspace() and query[i + 1] not in ")-+":
            out.append(_Token("minus" if c == "-" else "plus", c, i))
            i += 1
        else:
            j = i
            while j < n and query[j] not in _STOP:
                j += 1
            _word(query, i, j, out, notes)
            i = j
    return out


def _word(query: str, i: int, j: int, out: list[_Token], notes: _Notes) -> None:
    text = query[i:j]
    if text in _OPERATORS:
        out.append(_Token(_OPERATORS[text], text, i))
        return
    match = _FIELD.match(text)
    if not match:
        out.append(_Token("word", text, i))
        return
    name, rest = match.group(1), match.group(2)
    known = FIELDS.get(name.lower())
    opens = j < len(query) and query[j] in '"('
    if rest or opens:
        if known:
            out.append(_Token("field", known, i))
        else:
            notes.add(f"Unknown field '{name}:' searched as words")
            out.append(_Token("word", name, i))
        if rest:
            out.append(_Token("word", rest, i + len(name) + 1))
    elif known:
        notes.add(f"Ignored '{name}:' with nothing after it")
    else:
        out.append(_Token("word", name, i))


# -- parser --------------------------------------------------------------------------------
class _Parser:
    def __init__(self, tokens: list[_Token], notes: _Notes) -> None:
        self.tokens = tokens
        self.at = 0
        self.notes = notes
        self.terms = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.at]
        self.at += 1
        return token

    def sequence(self, depth: int, in_field: str | None, nested: bool) -> list[Node]:
        """Items joined by the implied AND, up to the end or (when ``nested``) a ')'."""
        items: list[Node] = []
        while (token := self.peek()) is not None:
            if token.kind == ")":
                if nested:
                    break
                self.notes.add("Ignored the unmatched ')'")
                self.take()
            elif token.kind == "or":
                self.notes.add("Ignored 'OR' with nothing before it")
                self.take()
            elif token.kind == "and":
                self.take()
            else:
                node = self.either(depth, in_field)
                if node is not None:
                    items.append(node)
        return items

    def either(self, depth: int, in_field: str | None) -> Node | None:
        items = [self.unary(depth, in_field)]
        while (token := self.peek()) is not None and token.kind == "or":
            self.take()
            while (token := self.peek()) is not None and token.kind in ("or", "and"):
                self.take()
            if token is None or token.kind == ")":
                self.notes.add("Ignored 'OR' with nothing after it")
                break
            items.append(self.unary(depth, in_field))
        kept = tuple(item for item in items if item is not None)
        if not kept:
            return None
        return kept[0] if len(kept) == 1 else Or(kept)

    def unary(self, depth: int, in_field: str | None) -> Node | None:
        token = self.peek()
        if token is None:
            return None
        if token.kind in ("not", "minus"):
            self.take()
            following = self.peek()
            if following is None or following.kind in (")", "or", "and"):
                self.notes.add(
                    "Ignored 'NOT' with nothing after it"
                    if token.kind == "not"
                    else "Ignored a '-' with nothing after it"
                )
                return None
            inner = self.unary(depth, in_field)
            if inner is None:
                return None
            return inner.item if isinstance(inner, Not) else Not(inner)
        if token.kind == "plus":
            self.take()
            return self.unary(depth, in_field)
        return self.primary(depth, in_field)

    def primary(self, depth: int, in_field: str | None) -> Node | None:
        token = self.take()
        if token.kind == "(":
            if depth >= MAX_DEPTH:
                self.notes.add("Ignored parentheses nested too deep")
                return None
            items = self.sequence(depth + 1, in_field, nested=True)
            closing = self.peek()
            if closing is not None and closing.kind == ")":
                self.take()
            else:
                self.notes.add("Closed the unmatched '('")
            if not items:
                self.notes.add("Ignored the empty parentheses")
                return None
            return items[0] if len(items) == 1 else And(tuple(items))
        if token.kind == "field":
            value = self.peek()
            if value is None or value.kind not in ("word", "phrase", "("):
                self.notes.add(f"Ignored '{token.text}:' with nothing after it")
                return None
            return self.primary(depth, token.text)
        if token.kind == "phrase":
            return self.phrase(token, in_field)
        if token.kind == "word":
            return self.word(token, in_field)
        return None  # an operator in a place where it means nothing: dropped

    # -- terms -----------------------------------------------------------------------------
    def counted(self, term: Term | DateSpan | None) -> Term | DateSpan | None:
        if term is None:
            return None
        self.terms += 1
        if self.terms > MAX_TERMS:
            self.notes.add(f"Used only the first {MAX_TERMS} words of the query")
            return None
        return term

    def phrase(self, token: _Token, in_field: str | None) -> Term | DateSpan | None:
        text = token.text
        if in_field == "date":
            return self.counted(self.date(text))
        prefix = token.prefix or text.rstrip().endswith("*")
        tokens = words(text)
        if not tokens:
            if not text.strip():
                self.notes.add("Ignored the empty phrase")
            return None
        kind = "prefix" if prefix else ("phrase" if len(tokens) > 1 else "word")
        span = (token.start, token.start + len(text))
        return self.counted(Term(in_field, kind, text, tokens, slop=token.slop, span=span))

    def word(self, token: _Token, in_field: str | None) -> Term | DateSpan | None:
        text = token.text
        span = (token.start, token.start + len(text))
        if in_field == "date":
            return self.counted(self.date(text))
        if not text.strip("*"):
            self.notes.add("Ignored '*' on its own")
            return None
        kind, distance, pattern = "word", 0, ""
        fuzzy = _FUZZY.match(text)
        if fuzzy and fuzzy.group(1):
            text = fuzzy.group(1)
            span = (span[0], span[0] + len(text))
            distance = int(fuzzy.group(2)) if fuzzy.group(2) else 1
            if distance > MAX_FUZZY:
                self.notes.add(
                    f"Allowed {MAX_FUZZY} differences, the most there can be, for '{text}'"
                )
                distance = MAX_FUZZY
            kind = "fuzzy" if distance else "word"
            text = text.replace("*", "")
        elif "*" in text.rstrip("*"):
            pattern = self.wildcard(text)
            kind = "wildcard" if pattern else "word"
        elif text.endswith("*"):
            kind = "prefix"
        tokens = words(text.replace("*", " ") if kind != "prefix" else text)
        if not tokens:
            if any(len(chunk) > MAX_WORD for chunk in re.findall(r"\w+", text)):
                self.notes.add(f"Ignored a word longer than {MAX_WORD} letters")
            return None
        if kind == "prefix" and len(tokens) == 1 and len(tokens[0]) < MIN_PREFIX:
            self.notes.add(f"Ignored '{token.text}': a prefix needs at least {MIN_PREFIX} letters")
            return None
        if kind == "word" and len(tokens) > 1 and in_field not in ("ref",):
            kind = "phrase"  # U.S., 1956-10-23, co-operation: its words in a row
        return self.counted(
            Term(in_field, kind, text, tokens, distance=distance, pattern=pattern, span=span)
        )

    def wildcard(self, text: str) -> str:
        """``rodr*guez`` → a regular expression over folded index terms (or "" when the
        pieces are not each part of one word)."""
        pieces = []
        for piece in text.split("*"):
            folded = words(piece)
            if len(folded) > 1:
                return ""
            pieces.append(re.escape(folded[0]) if folded else "")
        if sum(len(p) for p in pieces) < MIN_PREFIX:
            return ""
        return ".*".join(pieces)

    def date(self, text: str) -> DateSpan | None:
        try:
            start = day_number(parse_filter_bound(text))
            end = day_number(parse_filter_bound(text, end=True))
        except BadDate:
            start = end = None
        if start is None or end is None:
            self.notes.add(f"Could not read the date '{text}'")
            return None
        return DateSpan(min(start, end), max(start, end))


@lru_cache(maxsize=512)
def parse(query: str) -> ParsedQuery:
    """Any string → a query and what of it was ignored. Never raises."""
    original = query
    notes = _Notes()
    if len(query) > MAX_QUERY_CHARS:
        notes.add(f"Used only the first {MAX_QUERY_CHARS} characters of the query")
        query = query[:MAX_QUERY_CHARS]
    query = query.translate(_QUOTES)
    parser = _Parser(_lex(query, notes), notes)
    items = parser.sequence(0, None, nested=False)
    node: Node | None
    if not items:
        node = None
    elif len(items) == 1:
        node = items[0]
    else:
        node = And(tuple(items))
    return ParsedQuery(original, node, tuple(notes.messages))


# -- to tantivy ----------------------------------------------------------------------------
def fields_for(term_field: str | None) -> tuple[tuple[str, float], ...]:
    """The folded text fields a term of this field is looked for in, with their boosts."""
    if term_field is None:
        return DEFAULT_FIELDS
    if term_field in FACET_TEXT:
        return ((FACET_TEXT[term_field], 1.0),)
    if term_field == "ref":
        return (("ref_text", 1.0),)
    return ((term_field, 1.0),)


def _boolean(clauses: list[tuple[tantivy.Occur, tantivy.Query]]) -> tantivy.Query:
    if len(clauses) == 1 and clauses[0][0] == tantivy.Occur.Must:
        return clauses[0][1]
    return tantivy.Query.boolean_query(clauses)


def _in_field(schema: tantivy.Schema, name: str, term: Term) -> tantivy.Query:
    tokens: list[str | tuple[int, str]] = list(term.tokens)
    Q = tantivy.Query
    if term.kind == "prefix":
        return Q.phrase_prefix_query(schema, name, tokens)
    if term.kind == "wildcard":
        return Q.regex_query(schema, name, term.pattern)
    if term.kind == "fuzzy":
        parts = [
            Q.fuzzy_term_query(schema, name, token, distance=term.distance) for token in term.tokens
        ]
        return parts[0] if len(parts) == 1 else _boolean([(tantivy.Occur.Must, p) for p in parts])
    if len(term.tokens) == 1:
        return Q.term_query(schema, name, term.tokens[0])
    return Q.phrase_query(schema, name, tokens, slop=term.slop)


def _exact(schema: tantivy.Schema, term: Term) -> tantivy.Query | None:
    """The value as typed against a raw field: a facet value, a reference."""
    value = " ".join(term.text.split())
    if term.field in FACET_TEXT and term.kind in ("word", "phrase") and value:
        return tantivy.Query.term_query(schema, term.field, value)
    if term.field is None and term.kind in ("word", "phrase") and "/" in value and " " not in value:
        return tantivy.Query.term_query(schema, "ref", value)  # a reference pasted into the box
    if term.field == "ref" and term.kind == "prefix" and value.rstrip("*"):
        return tantivy.Query.regex_query(schema, "ref", re.escape(value.rstrip("*")) + ".*")
    if term.field == "ref" and value:
        return tantivy.Query.term_query(schema, "ref", value)
    return None


def term_query(schema: tantivy.Schema, term: Term) -> tantivy.Query:
    queries = []
    for name, boost in fields_for(term.field):
        query = _in_field(schema, name, term)
        queries.append(query if boost == 1.0 else tantivy.Query.boost_query(query, boost))
    exact = _exact(schema, term)
    if exact is not None:
        queries.append(exact)
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def date_query(schema: tantivy.Schema, start: int | None, end: int | None) -> tantivy.Query:
    """Documents whose own range overlaps [start, end]: they begin before it ends and end after
    it begins. Undated documents have neither field and never match.

    Whole years (``1956``, ``1950..1959``: from 1 January to 31 December) are the years the
    document covers (``year_key``): the same documents — a range overlaps those years exactly
    when one of its years is among them — found through a few words of the dictionary, where
    the two ranges go through every day number ever indexed (ten times slower at a million).
    """
    if (
        start is not None
        and end is not None
        and start % 10000 == 101
        and end % 10000 == 1231
        and 0 <= end // 10000 - start // 10000 < MAX_YEARS
    ):
        years = [str(year) for year in range(start // 10000, end // 10000 + 1)]
        return tantivy.Query.term_set_query(schema, "year_key", years)
    parts = []
    if end is not None:
        parts.append(
            tantivy.Query.range_query(schema, "start", tantivy.FieldType.Integer, None, end)
        )
    if start is not None:
        parts.append(
            tantivy.Query.range_query(schema, "end", tantivy.FieldType.Integer, start, None)
        )
    if not parts:
        return tantivy.Query.exists_query("start")
    return _boolean([(tantivy.Occur.Must, p) for p in parts])


def to_tantivy(schema: tantivy.Schema, node: Node | None) -> tantivy.Query:
    if node is None:
        return tantivy.Query.all_query()
    if isinstance(node, Term):
        return term_query(schema, node)
    if isinstance(node, DateSpan):
        return date_query(schema, node.start, node.end)
    if isinstance(node, Not):
        return to_tantivy(schema, And((node,)))
    if isinstance(node, And):
        clauses = [
            (tantivy.Occur.MustNot, to_tantivy(schema, item.item))
            if isinstance(item, Not)
            else (tantivy.Occur.Must, to_tantivy(schema, item))
            for item in node.items
        ]
        if all(occur == tantivy.Occur.MustNot for occur, _ in clauses):
            clauses.insert(0, (tantivy.Occur.Must, tantivy.Query.all_query()))
        return _boolean(clauses)
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Should, to_tantivy(schema, item)) for item in node.items]
    )
