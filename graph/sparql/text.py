"""Checks on SPARQL text made before any engine parses it: keywords that reach other servers, and
nesting deep enough to overflow a parser's stack.

Both look at the *code* of a query: codepoint escapes decoded (SPARQL allows them anywhere) and
strings, IRIs and comments blanked, so a keyword or a bracket inside a literal never counts.
"""

from __future__ import annotations

import re

__all__ = ["MAX_NESTING", "remote_keyword", "too_deep"]

# Strings, IRIs and comments: where SERVICE or LOAD may appear without being keywords.
_NOT_KEYWORDS = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"'''
                           r"""|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*""")
_REMOTE_KEYWORD = re.compile(r"(?<![\w:?$.\-])(SERVICE|LOAD)(?![\w:.\-])", re.IGNORECASE)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
#: Deepest nesting of brackets accepted in a query or update; real queries nest about a dozen deep.
MAX_NESTING = 64
_BRACKET = re.compile(r"[(\[{]|[)\]}]")
_NEGATIONS = re.compile(r"(?:!\s*){16,}")  # "!!!!..." recurses like brackets; "!=" and "!<p>" come alone


def remote_keyword(sparql: str) -> str | None:
    """``SERVICE`` or ``LOAD`` when the text uses one as a keyword, else None.

    Oxigraph follows both over HTTP, which would let anyone who reaches the endpoint make the
    server send requests elsewhere. Codepoint escapes are decoded first (SPARQL allows them
    anywhere); strings, IRIs and comments are skipped. A false alarm only refuses a query.

    Examples
    --------
    >>> remote_keyword('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    'SERVICE'
    >>> remote_keyword('SELECT ?service { ?s <http://x/load> "SERVICE" ; ex:service ?service }') is None
    True
    """
    found = _REMOTE_KEYWORD.search(_code_of(sparql))
    return found.group(1).upper() if found else None


def too_deep(sparql: str) -> str | None:
    """Why ``sparql`` is nested too deeply for the engine to parse, or None.

    Examples
    --------
    >>> too_deep('SELECT * { ?s ?p ?o FILTER (?o != "((((") }') is None
    True
    >>> too_deep("ASK {" + "(" * 100 + "1" + ")" * 100 + "}")
    'brackets nested over 64 deep; nest them less'
    """
    code = _code_of(sparql)
    depth = 0
    for bracket in _BRACKET.finditer(code):
        depth += 1 if bracket.group() in "([{" else -1
        if depth > MAX_NESTING:
            return f"brackets nested over {MAX_NESTING} deep; nest them less"
    if _NEGATIONS.search(code):
        return "16 or more '!' in a row: negations nested too deep"
    return None


def _code_of(sparql: str) -> str:
    """The text with codepoint escapes decoded (SPARQL allows them anywhere) and its strings, IRIs
    and comments blanked: what is left is keywords, variables, names and punctuation."""
    decoded = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    return _NOT_KEYWORDS.sub(" ", decoded)
