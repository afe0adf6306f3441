"""``timeline-kg query``: a shipped query, a ``.rq`` file or SPARQL text over the store or a Turtle file."""

from __future__ import annotations

import argparse
from pathlib import Path

from .common import add_store_argument, open_source

__all__ = ["register", "run"]


def _param(value: str) -> tuple[str, str]:
    from graph.errors import QueryError
    from graph.sparql.bindings import split_pair

    try:
        return split_pair(value)
    except QueryError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def register(commands, formatter) -> None:
    """Add the ``query`` sub-command to the ``timeline-kg`` parser."""
    query = commands.add_parser(
        "query", help="run a shipped query, a .rq file or SPARQL text over the graph",
        formatter_class=formatter,
        description="QUERY is the name of a shipped query, a path to a .rq file, or SPARQL text, run over the "
                    "store (default out/store) or a Turtle file (--graph). "
                    "Values given with --param are bound to query variables (never pasted into the text).",
        epilog="examples:\n  timeline-kg query timeline\n"
               "  timeline-kg query actor-events --param name='Angela Merkel' --format csv\n"
               "  timeline-kg query my-query.rq --graph out/timeline.ttl --format json\n"
               "  timeline-kg query timeline --store http://127.0.0.1:8890/sparql\n"
               "  timeline-kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }'\n"
               "  timeline-kg query --list")
    query.add_argument("query", nargs="?", help="shipped query name, .rq file, or SPARQL text")
    query.add_argument("--graph", type=Path, help="query this Turtle file instead of the store")
    add_store_argument(query)
    query.add_argument("--format", choices=("table", "csv", "json"), default="table")
    query.add_argument("--param", type=_param, action="append", default=[], metavar="NAME=VALUE",
                       help="bind ?NAME to VALUE (repeatable)")
    query.add_argument("--list", action="store_true", help="list the shipped queries and exit")
    query.add_argument("--all", action="store_true",
                       help="shipped queries: every event, bare eventive words included (default: whole events)")
    query.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from graph.queries import format_result, run_query, shipped_queries

    if args.list or not args.query:
        for name, path in shipped_queries().items():
            first = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
            print(f"{name:16} {first}")
        return 0
    with open_source(args) as source:
        result = run_query(source, args.query, dict(args.param), bare=args.all)
        print(format_result(result, args.format))
    return 0
