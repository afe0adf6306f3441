"""SPARQL: the shipped queries, running a query with bound parameters, and formatting results.

A query is given by the name of a shipped query (``timeline``), a path to a ``.rq`` file, or the
SPARQL text itself. User values reach the query only through ``initBindings``, never by string
formatting.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from collections.abc import Mapping
from pathlib import Path

from rdflib import Graph, Variable
from rdflib.query import Result

from graph.errors import QueryError
from graph.resources import query_dir
from graph.sparql.bindings import term_of
from graph.sparql.guard import checked_query
from graph.store.base import Store

__all__ = ["FORMATS", "format_result", "format_rows", "load_query", "run_query", "shipped_queries"]

FORMATS = ("table", "csv", "json")


def shipped_queries() -> dict[str, Path]:
    """Name -> file of every query shipped with the package."""
    return {path.stem: path for path in sorted(query_dir().glob("*.rq"))}


def load_query(query: str, *, bare: bool = False) -> str:
    """The SPARQL text of a shipped query name, a ``.rq`` path, or SPARQL text.

    Shipped queries answer about whole events (``tkg:WholeEvent``: an actor or place and a date);
    ``bare`` makes a shipped query answer about every event, bare eventive words included.

    Raises
    ------
    QueryError
        When ``query`` is a name that no shipped query has, naming them (SPARQL text that does not
        parse fails where it runs, at its position).
    """
    shipped = shipped_queries()
    if query in shipped:
        text = shipped[query].read_text(encoding="utf-8")
        return text.replace("a tkg:WholeEvent", "a sem:Event") if bare else text
    if query.endswith(".rq") or (len(query) < 200 and "\n" not in query and Path(query).is_file()):
        path = Path(query)
        if not path.is_file():
            raise QueryError(f"{query}: no such query file")
        return path.read_text(encoding="utf-8")
    if not _NAME.fullmatch(query):
        return query  # SPARQL text, whose parser says where it is wrong
    close = difflib.get_close_matches(query, shipped, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise QueryError(f"unknown query {query!r}; {hint}shipped queries: {', '.join(shipped)} "
                     "(or give a .rq file or SPARQL text)")


# An IRI as a result cell shows it.
_IRI = re.compile(r"https?://\S+")
# What a query's name looks like; anything else is taken for SPARQL text.
_NAME = re.compile(r"[\w.-]+")


def run_query(source: Graph | Store, query: str, params: Mapping[str, str] | None = None, *,
              bare: bool = False) -> Result:
    """Run a query (name, path or text) over a graph or a store, with ``params`` bound as literals
    (IRIs if they look like one); ``bare``: shipped queries include bare events (see :func:`load_query`)."""
    text = load_query(query, bare=bare)
    bindings = {Variable(k): term_of(v) for k, v in (params or {}).items()}
    where = query if query in shipped_queries() else "query"
    try:
        if isinstance(source, Store):
            return source.query(text, {str(k): v for k, v in bindings.items()})
        # rdflib follows SERVICE and FROM over the network: it runs only the algebra checked here
        namespaces = tuple(sorted((name, str(namespace)) for name, namespace in source.namespaces()))
        checked = checked_query(text, allow_from=False, prefixes=namespaces)
    except QueryError as exc:
        if not str(exc).startswith("malformed SPARQL: "):
            raise  # refused, or over a size limit: the message says so
        raise QueryError(f"malformed SPARQL in {where}: {str(exc).removeprefix('malformed SPARQL: ')}") from exc
    try:
        return source.query(checked, initBindings=bindings)
    except Exception as exc:  # rdflib raises pyparsing errors and others: turn each into our one line
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise QueryError(f"malformed SPARQL in {where}: {detail}") from exc


def rows(result: Result) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of a SELECT result as plain strings ('' for unbound)."""
    if result.type == "ASK":
        return ["ask"], [[str(bool(result.askAnswer)).lower()]]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return ["subject", "predicate", "object"], [[str(t) for t in triple] for triple in result.graph]
    names = [str(v) for v in result.vars]
    return names, [[("" if value is None else str(value)) for value in row] for row in result]


def format_result(result: Result, fmt: str = "table") -> str:
    """Render a result as an aligned text table, CSV or JSON (a list of objects)."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    names, data = rows(result)
    return format_rows(names, data, fmt)


def format_rows(names: list[str], data: list[list[str]], fmt: str = "table", max_width: int = 60) -> str:
    """Columns and rows as an aligned text table, CSV or JSON (a list of objects)."""
    if fmt == "json":
        return json.dumps([dict(zip(names, row)) for row in data], ensure_ascii=False, indent=2)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(data)
        return buffer.getvalue().rstrip("\n")
    return table(names, data, max_width=max_width)


def table(names: list[str], data: list[list[str]], max_width: int = 60) -> str:
    """A plain aligned text table: long text is cut with an ellipsis, an IRI never (what tells two
    apart is its end, and it may be passed back as a ``--param``)."""
    cut = [[cell if len(cell) <= max_width or _IRI.fullmatch(cell) else cell[: max_width - 1] + "\u2026"
            for cell in row] for row in data]
    widths = [max([len(n)] + [len(r[i]) for r in cut]) for i, n in enumerate(names)]
    lines = ["  ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cut]
    lines.append(f"({len(data)} row{'s' if len(data) != 1 else ''})")
    return "\n".join(lines)
