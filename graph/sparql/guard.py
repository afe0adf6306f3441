"""What a SPARQL query or update may do here, decided from its parsed form before an engine runs it.

Oxigraph follows ``SERVICE`` and ``LOAD`` over HTTP; rdflib follows them too, and fetches the IRIs
of ``FROM``, ``FROM NAMED`` and ``USING`` from the web. pyoxigraph (0.5) has no option that stops
either, nor a parser of its own we could ask, so every query and update is, in this order:

1. held to the size limits of :func:`graph.sparql.text.size_problem`, before any parser reads it;
2. parsed into SPARQL algebra by rdflib; text rdflib cannot parse is refused ("fail closed");
3. refused when its algebra holds a ``SERVICE`` pattern (at any depth: in ``OPTIONAL``, ``EXISTS``,
   an update's ``WHERE``...), an update operation not allowed here, or, where rdflib will evaluate
   it, a dataset clause;
4. refused when the text may hold ``SERVICE`` or ``LOAD`` as Oxigraph reads it
   (:func:`graph.sparql.text.remote_keyword_seen`).

Steps 2 and 4 read the text with rdflib's parser while Oxigraph runs it with its own, so where they
could disagree the check takes the stricter reading: a comment ends at CR for Oxigraph and only at
LF for rdflib, so the text is also parsed with every CR read as LF; rdflib decodes ``\\u`` escapes
everywhere, Oxigraph only in strings and IRIs, so step 4 reads the text both ways.

Checks are cached by text: the shipped queries and the pipeline's are parsed once per process.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from pyparsing import ParserElement
from rdflib.plugins.sparql.algebra import translateQuery, translateUpdate
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.plugins.sparql.sparql import Query, Update

from graph.errors import QueryError, QueryRefused, QueryTooLarge

from .text import remote_keyword_seen, size_problem

__all__ = ["DATA_UPDATES", "LOCAL_UPDATES", "checked_query", "checked_update"]

#: Update operations that change triples only (rdflib's algebra names).
DATA_UPDATES = frozenset({"InsertData", "DeleteData", "DeleteWhere", "Modify"})
#: Every update operation that stays on this machine: all but LOAD.
LOCAL_UPDATES = DATA_UPDATES | {"Clear", "Drop", "Create", "Add", "Move", "Copy"}
_KEYWORDS = {"InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
             "Modify": "DELETE/INSERT ... WHERE", "Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP",
             "Create": "CREATE", "Add": "ADD", "Move": "MOVE", "Copy": "COPY"}
_NO_CONTACT = "this place never contacts another server"


def checked_query(sparql: str, *, allow_from: bool = True, prefixes: tuple[tuple[str, str], ...] = ()) -> Query:
    """``sparql`` parsed into rdflib's algebra, when it may run here.

    Parameters
    ----------
    sparql
        SELECT, ASK, CONSTRUCT or DESCRIBE text.
    allow_from
        False where rdflib evaluates the query: rdflib fetches the IRIs of FROM and FROM NAMED.
    prefixes
        (prefix, namespace) pairs the query may use undeclared, as an rdflib graph's bound ones.

    Raises
    ------
    QueryTooLarge
        Over a size limit (the message names it).
    QueryError
        When the text cannot be parsed ("malformed SPARQL: ... could not be parsed ...").
    QueryRefused
        When it holds ``SERVICE`` (or, with ``allow_from=False``, a FROM clause).

    Examples
    --------
    >>> checked_query("SELECT * { ?s ?p ?o }").algebra.name
    'SelectQuery'
    >>> checked_query("SELECT * { BIND(1 AS ?z) .SERVICE <http://example.org/> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    graph.errors.QueryRefused: SERVICE refused: this place never contacts another server
    """
    return _checked("query", sparql, LOCAL_UPDATES, allow_from, prefixes)


def checked_update(sparql: str, *, allowed: frozenset[str] = LOCAL_UPDATES, allow_from: bool = True,
                   prefixes: tuple[tuple[str, str], ...] = ()) -> Update:
    """``sparql`` parsed into rdflib's algebra, when it may run here.

    Parameters
    ----------
    sparql
        SPARQL 1.1 Update text.
    allowed
        The update operations allowed, by rdflib's names (:data:`DATA_UPDATES`, :data:`LOCAL_UPDATES`);
        LOAD never is.
    allow_from
        False where rdflib evaluates the update: rdflib fetches the IRIs of USING and USING NAMED.
    prefixes
        As for :func:`checked_query`.

    Raises
    ------
    QueryTooLarge, QueryError, QueryRefused
        As :func:`checked_query`; QueryRefused also for LOAD and for an operation not ``allowed``.

    Examples
    --------
    >>> checked_update("CLEAR ALL", allowed=DATA_UPDATES)
    Traceback (most recent call last):
    ...
    graph.errors.QueryRefused: CLEAR refused: only INSERT DATA, DELETE DATA, DELETE WHERE and DELETE/INSERT ... WHERE are accepted here
    """
    return _checked("update", sparql, allowed - {"Load"}, allow_from, prefixes)


@lru_cache(maxsize=512)
def _checked(kind: str, sparql: str, allowed: frozenset[str], allow_from: bool,
             prefixes: tuple[tuple[str, str], ...]) -> Query | Update:
    too_large = size_problem(sparql)
    if too_large:
        raise QueryTooLarge(too_large)
    readings = [sparql.replace("\r", "\n"), sparql] if "\r" in sparql else [sparql]
    parsed = [_parse(kind, text, dict(prefixes)) for text in readings]
    for form in parsed:
        _refuse_what_it_does(form, allowed, allow_from)
    keyword = remote_keyword_seen(sparql)
    if keyword:
        raise QueryRefused(f"{keyword} refused: {_NO_CONTACT}")
    return parsed[-1]  # the reading of the text as given, for rdflib to evaluate


def _parse(kind: str, text: str, prefixes: dict[str, str]) -> Query | Update:
    try:
        if kind == "query":
            return translateQuery(parseQuery(text), initNs=prefixes)
        return translateUpdate(parseUpdate(text), initNs=prefixes)
    except RecursionError as error:
        raise QueryTooLarge("query too large: nested or chained too deep to be checked; simplify it") from error
    except Exception as error:  # pyparsing's ParseException and whatever rdflib's translation raises
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise QueryError(f"malformed SPARQL: the {kind} could not be parsed, so it was not run: {detail}") from error
    finally:
        # When a library has turned pyparsing's packrat cache on (matplotlib does, on import), the
        # cache keeps the exceptions of every parse, and through their tracebacks our callers'
        # frames: a store's query answers, which keep its database open and locked.
        ParserElement.reset_cache()


def _refuse_what_it_does(form: Query | Update, allowed: frozenset[str], allow_from: bool) -> None:
    operations = form.algebra if isinstance(form, Update) else [form.algebra]
    for operation in operations:
        if isinstance(form, Update) and operation.name not in allowed:
            keyword = _KEYWORDS.get(operation.name, operation.name)
            if operation.name == "Load":
                raise QueryRefused(f"LOAD refused: {_NO_CONTACT}")
            accepted = ", ".join(_KEYWORDS[name] for name in sorted(allowed, key=list(_KEYWORDS).index))
            raise QueryRefused(f"{keyword} refused: only {_and(accepted)} are accepted here")
        for node in _nodes(operation):
            if "Service" in node.name:
                raise QueryRefused(f"SERVICE refused: {_NO_CONTACT}")
            # dict.get: CompValue.get answers the key itself for a missing key
            clause = next((word for key, word in (("datasetClause", "FROM"), ("using", "USING"))
                           if dict.get(node, key)), None)
            if clause and not allow_from:
                raise QueryRefused(f"{clause} refused: rdflib would fetch its IRI from the web; "
                                   "name the graph with GRAPH <iri> { ... } instead")


def _nodes(root: CompValue) -> Iterator[CompValue]:
    """Every algebra node under ``root`` (itself included), walked without recursion."""
    stack: list[object] = [root]
    seen: set[int] = set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, CompValue):
            yield item
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set, frozenset)):
            stack.extend(item)


def _and(listed: str) -> str:
    """'A, B, C' -> 'A, B and C'."""
    head, _, last = listed.rpartition(", ")
    return f"{head} and {last}" if head else last
