"""``timeline-kg serve``: a SPARQL 1.1 Protocol endpoint, the HTML views and a query page.

This module only parses the options and starts :func:`graph.serve.serve`; the server lives in
:mod:`graph.serve`.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

__all__ = ["register", "run_serve"]

_EPILOG = """endpoints:
  /sparql         SPARQL 1.1 Protocol: GET ?query=, POST form (query=) or
                  application/sparql-query / application/sparql-update bodies
  /               the query page (textarea, shipped queries, results as a table)
  /graph.html     the graph view;  /timeline.html  the timeline view

examples:
  timeline-kg serve                                  # out/store on http://127.0.0.1:8800/
  timeline-kg serve --store out/store --port 0       # any free port, printed on start
  timeline-kg serve --timeout 10 --max-rows 1000
  timeline-kg serve --store memory: --writable       # an empty in-memory store that accepts updates
  curl -H 'Content-Type: application/sparql-update' -H 'Origin: http://127.0.0.1:8800' \
       -H "Authorization: Bearer $TOKEN" --data 'INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }' \
       http://127.0.0.1:8800/sparql                  # an update, with the token printed at start
  curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' \\
       http://127.0.0.1:8800/sparql"""


def register(commands, formatter) -> None:
    """Add the ``serve`` sub-command to the ``timeline-kg`` parser."""
    from graph.serve import DEFAULT_MAX_ROWS, DEFAULT_PORT, DEFAULT_TIMEOUT

    serve = commands.add_parser(
        "serve", help="serve the store as a SPARQL 1.1 endpoint, with the HTML views and a query page",
        formatter_class=formatter,
        description="Answer SPARQL 1.1 Protocol requests over the store: SELECT/ASK results as JSON, XML,\n"
                    "CSV or TSV, CONSTRUCT/DESCRIBE graphs as Turtle, JSON-LD, N-Triples or RDF/XML (chosen\n"
                    "by the Accept header or a format= parameter). Read-only unless --writable; every query\n"
                    "is stopped after --timeout seconds (503) and results are cut at --max-rows rows (the\n"
                    "response then carries an X-SPARQL-MaxRows header). Queries run in worker processes,\n"
                    "so a stopped query never stops the server; they see articles added meanwhile within\n"
                    "5 s. SERVICE and LOAD are refused: the server never contacts another host. With\n"
                    "--writable, an update must come from this server's own page or carry its Origin, with\n"
                    "the token printed at start-up (Authorization: Bearer TOKEN). Ctrl-C stops it.",
        epilog=_EPILOG)
    serve.add_argument("--store", metavar="SETTING",
                       help="store to serve: a folder, oxigraph:PATH, memory: or a SPARQL endpoint URL "
                            "(default: $TIMELINE_KG_STORE or out/store)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="address to listen on (default 127.0.0.1: this machine only; ::1 for IPv6)")
    serve.add_argument("--port", type=_port, default=DEFAULT_PORT,
                       help=f"TCP port (default {DEFAULT_PORT}; 0 picks a free one)")
    serve.add_argument("--timeout", type=_seconds, default=DEFAULT_TIMEOUT, metavar="S",
                       help=f"stop a query after S seconds (default {DEFAULT_TIMEOUT:g})")
    serve.add_argument("--max-rows", type=_positive, default=DEFAULT_MAX_ROWS, metavar="N",
                       help=f"cut results after N rows or triples (default {DEFAULT_MAX_ROWS})")
    serve.add_argument("--workers", type=_positive, default=2, metavar="N",
                       help="query worker processes, i.e. queries answered at once (default 2; "
                            "1 with --writable)")
    serve.add_argument("--writable", action="store_true",
                       help="accept SPARQL updates: INSERT/DELETE DATA and DELETE/INSERT WHERE, with the "
                            "token printed at start-up (refused with 403 without this flag)")
    serve.add_argument("--views", type=Path, metavar="DIR",
                       help="folder holding graph.html and timeline.html, served as they are; a view "
                            "missing there, or all when VIEWS-OUT-OF-DATE.txt says they are older than the "
                            "store, is drawn from the store (default: out/ when serving the default store, "
                            "else drawn from the store)")
    serve.add_argument("--quiet", action="store_true", help="do not log each request on stderr")
    serve.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    """Serve until interrupted; the chosen address is printed on stdout once listening."""
    from graph.errors import quote_name
    from graph.serve import ServerConfig, is_loopback, serve
    from graph.views.freshness import MARKER, out_of_date_because

    config = ServerConfig(store=args.store, host=args.host, port=args.port, timeout=args.timeout,
                          max_rows=args.max_rows, workers=args.workers, writable=args.writable,
                          views=_views(args), log=not args.quiet)

    def ready(endpoint) -> None:
        url = endpoint.url
        mode = "read-write" if args.writable else "read-only"
        print(f"serving {mode} SPARQL at {url}sparql (query page {url}); Ctrl-C stops", flush=True)
        if endpoint.token:
            print(f"update token: {endpoint.token} (send 'Authorization: Bearer TOKEN'; "
                  f"the query page with it: {url}#token={endpoint.token})", flush=True)
        if endpoint.pool.online_because:
            print(f"timeline-kg: note: query workers are not cut off the network ({endpoint.pool.online_because}); "
                  "SERVICE and LOAD are still refused before they run", file=sys.stderr)
        if config.views is not None and out_of_date_because(config.views) is not None:
            print(f"timeline-kg: note: the views in {quote_name(config.views)} are older than the store "
                  f"({quote_name(config.views / MARKER)}); /graph.html and /timeline.html are drawn from the store",
                  file=sys.stderr)
        if not is_loopback(args.host):
            print(f"timeline-kg: note: listening on {args.host}: other machines can reach this endpoint",
                  file=sys.stderr)

    serve(config, ready=ready)
    print("stopped", file=sys.stderr)
    return 0


def _views(args: argparse.Namespace) -> Path | None:
    """The views folder: given, or out/ beside the default store (another store's pages are not there)."""
    from graph.store.base import ENV_STORE

    if args.views is not None:
        return args.views
    return Path("out") if args.store is None and not os.environ.get(ENV_STORE) else None


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port; write 0..65535")
    return int(value)


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) == 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive integer")
    return int(value)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < float("inf"):
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds above 0")
    return seconds
