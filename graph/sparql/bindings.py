"""Parameters bound into SPARQL text as a VALUES row, for engines whose own bindings fall short."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from graph.errors import QueryError

__all__ = ["bind_text", "split_pair", "term_of", "with_values"]

# A SPARQL variable name (without its ? or $).
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# SPARQL tokens that may hold braces or '#' without opening a group or a comment.
_TOKEN = re.compile(r'''<[^<>"{}|^`\\\x00-\x20]*>|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                    r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\#[^\n]*|[{}]|[A-Za-z]+''')


def with_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """``sparql`` with ``bindings`` as a VALUES row opening its WHERE group.

    Oxigraph's own substitutions only bind projected variables; a VALUES row first in the group
    gives rdflib's ``initBindings`` meaning (the group's FILTERs see the value). Values are written
    by rdflib's term serializer, which escapes them.

    Raises
    ------
    QueryError
        When the query has no WHERE group to bind in (e.g. the ``CONSTRUCT WHERE`` short form), a
        name is not a SPARQL variable name, or a value is a blank node or an IRI rdflib refuses.

    Examples
    --------
    >>> from rdflib import Literal
    >>> print(with_values('SELECT ?e { ?e ?p ?name }', {"name": Literal("Merkel")}))
    SELECT ?e { VALUES (?name) { ("Merkel") } ?e ?p ?name }
    """
    names, row = [], []
    for name, value in bindings.items():
        name = str(name).lstrip("?$")
        if not _VARNAME.match(name):
            raise QueryError(f"binding {name!r}: not a SPARQL variable name")
        if isinstance(value, BNode) or not isinstance(value, Node):
            raise QueryError(f"binding ?{name}: give an IRI or a literal, not {value!r}")
        try:
            row.append(value.n3())
        except Exception as exc:  # rdflib refuses IRIs with characters that would break out of <>
            raise QueryError(f"binding ?{name}: {str(exc).splitlines()[0] if str(exc) else exc}") from exc
        names.append(f"?{name}")
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(row)}) }}"
    opening = _where_group_opening(sparql)
    if opening is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group of its own")
    return sparql[:opening] + block + sparql[opening:]


# Cached by query text: a server answers the same shipped query again and again, and finding its
# group costs more than a one-event lookup in Oxigraph.
@lru_cache(maxsize=256)
def _where_group_opening(sparql: str) -> int | None:
    """Offset just after the ``{`` opening the query's WHERE group, or None (CONSTRUCT WHERE)."""
    depth, words = 0, ["", ""]
    for token in _TOKEN.finditer(sparql):
        text = token.group()
        if text == "}":
            depth -= 1
        elif text == "{":
            template = words[-1] == "CONSTRUCT" or words[-2:] == ["CONSTRUCT", "WHERE"]
            if depth == 0 and not template:
                return token.end()
            if depth == 0 and words[-1] == "WHERE":
                return None  # CONSTRUCT WHERE { ... }: the group is also the template
            depth += 1
        elif text[0].isalpha():
            words.append(text.upper())
    return None


# What SPARQL's IRIREF may not hold: a value with one of these is text, whatever it starts with.
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def term_of(value: str) -> URIRef | Literal:
    """A parameter as an RDF term: an IRI when it is a well-formed http(s) IRI, else a plain literal.

    >>> term_of("https://w3id.org/timeline-kg/id/article/a"), term_of("http://x> . ?s ?p ?o . <http://y")
    (rdflib.term.URIRef('https://w3id.org/timeline-kg/id/article/a'), rdflib.term.Literal('http://x> . ?s ?p ?o . <http://y'))
    """
    if value.startswith(("http://", "https://")) and not _NOT_IN_IRI.search(value):
        return URIRef(value)
    return Literal(value)


def bind_text(sparql: str, pairs: list[str]) -> str:
    """``sparql`` with each ``NAME=VALUE`` of ``pairs`` bound (see :func:`with_values` and
    :func:`term_of`), as the CLI's ``--param`` and the query page's Bind field give them.

    Raises
    ------
    QueryError
        When a pair is not ``NAME=VALUE`` or cannot be bound.

    >>> print(bind_text('SELECT ?e { ?e ?p ?name }', ["name=Merkel"]))
    SELECT ?e { VALUES (?name) { ("Merkel") } ?e ?p ?name }
    """
    bindings = {name: term_of(value.strip()) for name, value in map(split_pair, pairs)}
    return with_values(sparql, bindings) if bindings else sparql


def split_pair(pair: str) -> tuple[str, str]:
    """``NAME=VALUE`` as a variable name (without ``?``) and its value text.

    >>> split_pair("name=Angela Merkel")
    ('name', 'Angela Merkel')
    """
    name, sep, value = pair.partition("=")
    name = name.strip().lstrip("?$")
    if not sep or not _VARNAME.match(name):
        raise QueryError(f"{pair!r}: write NAME=VALUE, e.g. name=Angela Merkel")
    return name, value
