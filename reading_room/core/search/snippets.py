"""Snippets for a page of hits, fast on long documents.

Tantivy's ``SnippetGenerator`` (Rust) finds the best fragment of a stored field for the query's
words and phrases; our own matcher (``highlight``) then marks the exact matches in and around
that fragment, so snippets mark what the document view marks. Prefixes and wildcards are given
to the generator as the indexed words they stand for; fuzzy words, which it cannot see, and a
fragment the matcher does not confirm (a phrase's words apart) fall back on our quick scan.
"""

from __future__ import annotations

import re

import tantivy

from .highlight import (
    SNIPPET_CHARS,
    lead_of,
    matcher,
    region_spans,
    scan_spans,
    snippet,
)
from .query import TEXT_LIKE, ParsedQuery, Term
from .schema import SNIPPET_FIELDS

#: at most this many indexed words stand for one prefix or wildcard in a snippet query
EXPANSIONS = 30
_CANDIDATES = 1000


class Snippets:
    def __init__(
        self,
        searcher: tantivy.Searcher,
        schema: tantivy.Schema,
        parsed: ParsedQuery,
        width: int = SNIPPET_CHARS,
    ) -> None:
        self.searcher = searcher
        self.schema = schema
        self.width = width
        self.match = matcher(parsed)
        self.terms = [t for t in parsed.positive_terms() if t.field in TEXT_LIKE]
        self.generators: dict[str, tantivy.SnippetGenerator | None] = {}
        self.blind: dict[str, bool] = {}  # whether the generator misses some of the terms

    def of(self, doc: tantivy.Document) -> str:
        fields = {name: doc.get_first(name) or "" for name in SNIPPET_FIELDS}
        if not self.match.empty:
            for name in SNIPPET_FIELDS:
                text = fields[name]
                spans = self._spans(doc, name, text) if text else []
                if spans:
                    return snippet(text, spans, self.width)
        return lead_of(fields, self.width)

    def _spans(self, doc: tantivy.Document, name: str, text: str) -> list[tuple[int, int]]:
        generator = self._generator(name)
        if generator is not None:
            found = generator.snippet_from_doc(doc)
            fragment = found.fragment() if found.highlighted() else ""
            at = text.find(fragment) if fragment else -1
            if at >= 0:
                spans = region_spans(self.match, text, at, at + len(fragment), self.width)
                if spans:
                    return spans
            elif not self.blind[name]:
                return []  # none of the query's words is in this field
        return scan_spans(self.match, text, self.width)

    def _generator(self, name: str) -> tantivy.SnippetGenerator | None:
        if name not in self.generators:
            queries: list[tantivy.Query] = []
            blind = False
            for term in self.terms:
                found, complete = _term_queries(self.searcher, self.schema, name, term)
                queries += found
                blind = blind or not complete
            generator = None
            if queries:
                query = tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])
                generator = tantivy.SnippetGenerator.create(self.searcher, query, self.schema, name)
                generator.set_max_num_chars(self.width)
            self.generators[name] = generator
            self.blind[name] = blind
        return self.generators[name]


def _term_queries(
    searcher: tantivy.Searcher, schema: tantivy.Schema, name: str, term: Term
) -> tuple[list[tantivy.Query], bool]:
    """Queries the snippet generator can see for ``term`` in field ``name``, and whether they
    are all of it."""
    Q = tantivy.Query
    if term.kind in ("word", "phrase"):
        if len(term.tokens) == 1:
            return [Q.term_query(schema, name, term.tokens[0])], True
        return [Q.phrase_query(schema, name, list(term.tokens), slop=term.slop)], True
    if term.kind == "prefix":
        lead = [Q.term_query(schema, name, token) for token in term.tokens[:-1]]
        words = searcher.terms_with_prefix(name, term.tokens[-1], limit=EXPANSIONS)
        queries = lead + [Q.term_query(schema, name, word) for word, _ in words]
        return queries, len(words) < EXPANSIONS
    if term.kind == "wildcard":
        literal = term.pattern.split(".*", 1)[0]
        if len(literal) < 2:
            return [], False
        pattern = re.compile(term.pattern)
        matching = [
            word
            for word, _ in searcher.terms_with_prefix(name, literal, limit=_CANDIDATES)
            if pattern.fullmatch(word)
        ][:EXPANSIONS]
        return [Q.term_query(schema, name, w) for w in matching], len(matching) < EXPANSIONS
    return [], False  # fuzzy
