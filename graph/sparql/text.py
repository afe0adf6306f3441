"""Checks on SPARQL text made before any parser reads it: its size, and a second look for keywords
that reach other servers.

Both look at the *code* of a query: strings, IRIs and comments blanked, so a keyword or a bracket
inside a literal never counts. The size limits come first because the parsers themselves are what
breaks on huge text: Oxigraph's parser and evaluator recurse once per nesting level and once per
pattern or operator of a flat chain, and overflow their stack (a segmentation fault, no message)
on a few thousand; rdflib's parser takes seconds on a thousand. Counting tokens costs microseconds.

What a query may *do* is decided from its parsed form (:mod:`graph.sparql.guard`); the keyword
look here only adds refusals where a parser other than the engine's might read the text otherwise.
"""

from __future__ import annotations

import re

__all__ = ["MAX_CHARACTERS", "MAX_NESTING", "MAX_OPERATORS", "MAX_TERMS", "remote_keyword_seen", "size_problem",
           "too_deep"]

#: Longest query or update text accepted; real queries are a few thousand characters at most.
MAX_CHARACTERS = 100_000
#: Most tokens (names, literals, variables, punctuation) in one query or update.
MAX_TERMS = 20_000
#: Most patterns and operators (FILTER, BIND, MINUS, groups, '.', '+', '&&', ...) in one query or
#: update. Oxigraph builds one tree level per item of a flat chain of them and crashed at 2,700
#: MINUS or BIND, 6,500 '+' and 9,500 FILTERs (pyoxigraph 0.5.13, 8 MB stack): 1,000 keeps a margin.
MAX_OPERATORS = 1_000
#: Deepest nesting of brackets accepted in a query or update; real queries nest about a dozen deep.
MAX_NESTING = 64

# Strings and IRIs (each one term), and comments (nothing). A comment ends at CR or LF, as SPARQL's
# grammar says; a short string may hold neither.
_NOT_CODE = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\r\n]|\\.)*"'''
                       r"""|'(?:[^'\\\r\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\r\n]*""")
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# SERVICE or LOAD as a keyword: not inside a longer word, nor a variable (?load), nor a prefixed
# name (ex:service, load:x). A digit or a '.' before it does not make a name ("1SERVICE" and
# "BIND(...) .SERVICE" are a keyword to Oxigraph); a false alarm only refuses a query.
_REMOTE_KEYWORD = re.compile(r"(?<![^\W\d])(?<![:?$\-])(SERVICE|LOAD)(?![\w:\-])", re.IGNORECASE)
_BRACKET = re.compile(r"[(\[{]|[)\]}]")
_NEGATIONS = re.compile(r"(?:!\s*){16,}")  # "!!!!..." recurses like brackets; "!=" and "!<p>" come alone
_TOKEN = re.compile(r"[?$]\w+|[^\W\d](?:[\w\-.:%\\]*[\w\-:%\\])?|:(?:[\w\-.:%\\]*[\w\-:%\\])?"
                    r"|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|&&|\|\||[<>!]=|\^\^|\S")
_OPERATORS = frozenset({"{", ".", ";", ",", "+", "-", "*", "/", "&&", "||", "=", "!=", "<", ">", "<=", ">=",
                        "|", "^", "!"})
_PATTERN_WORDS = frozenset({"FILTER", "BIND", "AS", "MINUS", "OPTIONAL", "UNION", "GRAPH", "SERVICE", "EXISTS",
                            "VALUES", "LATERAL"})


def size_problem(sparql: str) -> str | None:
    """Which size limit ``sparql`` is over, in one line, or None.

    Examples
    --------
    >>> size_problem('SELECT * { ?s ?p ?o FILTER (?o != "((((") }') is None
    True
    >>> size_problem("SELECT * { " + "FILTER(true) " * 2_000 + "}")
    'query too large: 2002 patterns and operators (FILTER, BIND, MINUS, groups, ".", "+", "&&" ...), over the 1000 allowed'
    """
    if len(sparql) > MAX_CHARACTERS:
        return f"query too large: {len(sparql)} characters, over the {MAX_CHARACTERS} allowed"
    deep = too_deep(sparql)
    if deep:
        return deep
    tokens = _TOKEN.findall(_code_of(sparql))
    if len(tokens) > MAX_TERMS:
        return f"query too large: {len(tokens)} terms, over the {MAX_TERMS} allowed"
    operators = sum(1 for token in tokens if token in _OPERATORS or token.upper() in _PATTERN_WORDS)
    if operators > MAX_OPERATORS:
        return (f'query too large: {operators} patterns and operators (FILTER, BIND, MINUS, groups, ".", "+", '
                f'"&&" ...), over the {MAX_OPERATORS} allowed')
    return None


def too_deep(sparql: str) -> str | None:
    """Why ``sparql`` is nested too deeply for the engine to parse, or None.

    Examples
    --------
    >>> too_deep('SELECT * { ?s ?p ?o FILTER (?o != "((((") }') is None
    True
    >>> too_deep("ASK {" + "(" * 100 + "1" + ")" * 100 + "}")
    'malformed SPARQL: brackets nested over 64 deep; nest them less'
    """
    for text in (sparql, _decoded(sparql)):  # as Oxigraph reads it, and as rdflib does
        code = _code_of(text)
        depth = 0
        for bracket in _BRACKET.finditer(code):
            depth += 1 if bracket.group() in "([{" else -1
            if depth > MAX_NESTING:
                return f"malformed SPARQL: brackets nested over {MAX_NESTING} deep; nest them less"
        if _NEGATIONS.search(code):
            return "malformed SPARQL: 16 or more '!' in a row: negations nested too deep"
    return None


def remote_keyword_seen(sparql: str) -> str | None:
    """``SERVICE`` or ``LOAD`` when the text may use one as a keyword, else None.

    A second look, not the decision (that is the parsed form's): it reads the text both as Oxigraph
    does (codepoint escapes only inside strings and IRIs) and as rdflib does (escapes decoded
    first), so that where the checking parser and the engine's disagree, the query is refused.

    Examples
    --------
    >>> remote_keyword_seen('SELECT * { BIND(1 AS ?z) .SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    'SERVICE'
    >>> remote_keyword_seen('SELECT * { #x\\rSERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    'SERVICE'
    >>> remote_keyword_seen('SELECT ?service { ?s <http://x/load> "SERVICE" ; ex:service ?service }') is None
    True
    """
    for text in (sparql, _decoded(sparql)):
        found = _REMOTE_KEYWORD.search(_code_of(text))
        if found:
            return found.group(1).upper()
    return None


def _decoded(sparql: str) -> str:
    """The text with its codepoint escapes decoded, as rdflib reads it (SPARQL 1.1 allows them anywhere;
    Oxigraph decodes them only inside strings and IRIs)."""
    def decode(match: re.Match) -> str:
        codepoint = int(match.group(1) or match.group(2), 16)
        return chr(codepoint) if codepoint <= 0x10FFFF else match.group()

    return _CODEPOINT.sub(decode, sparql)


def _code_of(sparql: str) -> str:
    """The text with its strings and IRIs as one placeholder term each and its comments blanked:
    what is left is keywords, variables, names, numbers and punctuation."""
    return _NOT_CODE.sub(lambda m: " " if m.group().startswith("#") else " 0 ", sparql)
