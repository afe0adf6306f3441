"""``timeline-kg show QUESTION`` (the NetworkX questions as tables) and ``timeline-kg export``.

Both read the store (``--store``, default ``out/store``) or a Turtle file (``--graph``); the work is done by
:mod:`graph.views` and :mod:`graph.views.exports`, this module only parses, calls and prints.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .common import add_store_argument, iso_date, open_source

__all__ = ["register", "run_export", "run_show"]

_GRAPH_HELP = "read this Turtle file instead of the store"
_ALL_HELP = "every event, bare eventive words included (default: whole events: an actor or place and a date)"
_SHOW_EPILOG = """questions:
  timeline     events by date in a window, filtered by actor, place, event type
  types        event types and their counts
  network      actor pairs and the number of events they share
  relations    Allen relations (before, overlaps, during...) between dated events
  ego NAME     everything within --hops steps of NAME through events
  paths A B    shortest paths between two entities through events
  centrality   the most central actors and places (--measure degree|betweenness|pagerank)
  communities  groups of actors acting together
  changes D1 D2  events, new actors/places, new links and activity between two dates

examples:
  timeline-kg show timeline --from 2017-12-01 --to 2017-12-31 --actor 'Angela Merkel'
  timeline-kg show timeline --type meet --type negotiate --format csv
  timeline-kg show ego Geneva --hops 2
  timeline-kg show paths 'Emmanuel Macron' 'Mark Rutte' --to 2017-12-31
  timeline-kg show centrality --measure betweenness --top 5
  timeline-kg show changes 2017-11-30 2017-12-31"""


def register(commands, formatter) -> None:
    """Add the ``show`` and ``export`` sub-commands to the ``timeline-kg`` parser."""
    from graph.views.exports import EXPORT_FORMATS

    show = commands.add_parser(
        "show", help="ask the graph a question (timeline, ego, paths, centrality, ...) as a table",
        formatter_class=formatter,
        description="Answer a question over the NetworkX projection of a built graph and print a table.\n"
                    "Windows (--from/--to) are inclusive days; an event is in one when its date bounds overlap it.",
        epilog=_SHOW_EPILOG)
    show.add_argument("question", choices=("timeline", "types", "network", "relations", "ego", "paths",
                                           "centrality", "communities", "changes"), metavar="QUESTION",
                      help="one of the questions listed below")
    show.add_argument("names", nargs="*", metavar="NAME",
                      help="ego: the centre; paths: two entities; changes: two dates")
    show.add_argument("--graph", type=Path, help=_GRAPH_HELP)
    add_store_argument(show)
    show.add_argument("--from", dest="start", type=iso_date, metavar="DATE", help="window start (YYYY-MM-DD)")
    show.add_argument("--to", dest="end", type=iso_date, metavar="DATE", help="window end (YYYY-MM-DD)")
    show.add_argument("--actor", help="timeline: only events of this actor")
    show.add_argument("--place", help="timeline: only events at this place")
    show.add_argument("--type", dest="types", action="append", metavar="TYPE",
                      help="timeline: only events of this type (repeatable; see `show types`)")
    show.add_argument("--hops", type=int, default=2, help="ego: radius in steps (default 2)")
    show.add_argument("--top", type=int, default=10, help="centrality: how many (default 10)")
    show.add_argument("--measure", default="degree", choices=("degree", "betweenness", "pagerank"))
    show.add_argument("--limit", type=int, default=10, help="paths: at most this many (default 10)")
    show.add_argument("--format", choices=("table", "csv", "json"), default="table")
    show.add_argument("--all", action="store_true", help=_ALL_HELP)
    show.set_defaults(run=run_show)

    export = commands.add_parser(
        "export", help="export the graph as RDF (Turtle, N-Triples, TriG, N-Quads, JSON-LD), TimelineJS, GraphML or GEXF",
        formatter_class=formatter,
        description="Export the store (or a Turtle file, --graph): ttl, nt, jsonld (the RDF union of every\n"
                    "article), trig and nq (one named graph per article), timelinejs (TimelineJS 3 JSON of the\n"
                    "dated events), graphml and gexf (the event-actor-place projection; GEXF with date spells\n"
                    "for Gephi's timeline). Writes to --out, or to stdout without it.",
        epilog="examples:\n  timeline-kg export --format gexf --out out/timeline.gexf\n"
               "  timeline-kg export --format trig --out archive.trig\n"
               "  timeline-kg export --format timelinejs > timeline.json\n"
               "  timeline-kg export --format jsonld --graph out/timeline.ttl --out out/timeline.jsonld")
    export.add_argument("--format", required=True, choices=tuple(EXPORT_FORMATS))
    export.add_argument("--graph", type=Path, help=_GRAPH_HELP)
    add_store_argument(export)
    export.add_argument("--out", type=Path, help="output file (default: stdout)")
    export.add_argument("--title", help="timelinejs: the title slide's headline (default: the views' title, the "
                                        "article's headline or how many articles there are)")
    export.add_argument("--all", action="store_true", help="timelinejs, graphml, gexf: " + _ALL_HELP)
    export.set_defaults(run=run_export)


def run_export(args: argparse.Namespace) -> int:
    from graph.store.base import Store
    from graph.views.exports import RDF_FORMATS, export

    with open_source(args) as source:
        if isinstance(source, Store) and args.format in RDF_FORMATS:
            _dump(source, args.format, args.out)  # straight from the store: no in-memory copy
        else:
            graph = source.to_graph() if isinstance(source, Store) else source
            text = export(graph, args.format, args.out, title=args.title, bare=args.all)
            if args.out is None:
                sys.stdout.write(text if text.endswith("\n") else text + "\n")
    if args.out is not None:
        print(f"{args.format} -> {args.out}", file=sys.stderr)
    return 0


def _dump(store, fmt: str, out: Path | None) -> None:
    if out is None:
        store.dump(sys.stdout.buffer, fmt)
        sys.stdout.buffer.flush()
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    store.dump(out, fmt)


def run_show(args: argparse.Namespace) -> int:

    from graph.errors import TimelineKGError
    from graph.views.projection import project

    wanted = {"ego": 1, "paths": 2, "changes": 2}.get(args.question, 0)
    if len(args.names) != wanted:
        raise TimelineKGError(f"show {args.question} takes {wanted} name(s), got {len(args.names)}; "
                              f"see `timeline-kg show --help`")
    with open_source(args) as source:
        graph = project(source, bare=args.all)
    names, rows = _ANSWERS[args.question](graph, args)
    print(_format(names, rows, args.format))
    return 0


def _format(names: list[str], rows: list[list[str]], fmt: str) -> str:
    from graph.queries import format_rows

    return format_rows(names, rows, fmt, max_width=110)


def _date(earliest: str | None, latest: str | None) -> str:
    if not earliest:
        return ""
    return earliest if earliest == latest or not latest else f"{earliest}..{latest}"


def _timeline(graph, args):
    from graph.views.questions import timeline

    rows = timeline(graph, args.start, args.end, actor=args.actor, place=args.place, event_type=args.types)
    return ["date", "type", "event", "actors", "places"], [
        [_date(r["earliest"], r["latest"]), r["type"], r["label"], ", ".join(r["actors"]), ", ".join(r["places"])]
        for r in rows]


def _types(graph, args):
    from collections import Counter

    from graph.views.questions import window

    counts = Counter(d["event_type"] for _, d in window(graph, args.start, args.end).nodes(data=True)
                     if d.get("kind") == "event")
    return ["type", "events"], [[t, str(n)] for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _network(graph, args):
    from graph.views.questions import actor_network

    net = actor_network(graph, args.start, args.end)
    pairs = sorted(((net.nodes[a]["label"], net.nodes[b]["label"], d["weight"]) for a, b, d in net.edges(data=True)),
                   key=lambda t: (-t[2], *sorted(t[:2])))
    return ["actor", "with", "shared events"], [[*sorted((a, b)), str(w)] for a, b, w in pairs]


def _relations(graph, args):
    from graph.views.questions import timeline_graph

    tg = timeline_graph(graph, args.start, args.end)
    rows = [[_date(tg.nodes[a]["earliest"], tg.nodes[a]["latest"]), tg.nodes[a]["label"], d["relation"],
             tg.nodes[b]["label"], _date(tg.nodes[b]["earliest"], tg.nodes[b]["latest"])]
            for a, b, d in tg.edges(data=True)]
    return ["date", "event", "relation", "event", "date"], sorted(rows)


def _ego(graph, args):
    from graph.views.questions import ego_network

    ego = ego_network(graph, args.names[0], args.hops, args.start, args.end)
    rows = sorted(([str(d["hops"]), d["kind"], d["label"], d.get("date", "")] for _, d in ego.nodes(data=True)),
                  key=lambda r: (int(r[0]), r[1], r[3], r[2]))
    return ["hops", "kind", "label", "date"], rows


def _paths(graph, args):
    from graph.views.questions import paths

    found = paths(graph, args.names[0], args.names[1], args.start, args.end, limit=args.limit)
    return ["path", "steps", "through"], [[str(i), str(len(p) - 1), " -> ".join(p)] for i, p in enumerate(found, 1)]


def _centrality(graph, args):
    from graph.views.questions import centrality

    ranked = centrality(graph, args.top, args.start, args.end, measure=args.measure)
    return ["rank", "entity", args.measure], [[str(i), label, f"{s:.4f}"] for i, (label, s) in enumerate(ranked, 1)]


def _communities(graph, args):
    from graph.views.questions import communities

    groups = communities(graph, args.start, args.end)
    return ["group", "size", "actors"], [[str(i), str(len(g)), ", ".join(g)] for i, g in enumerate(groups, 1)]


def _changes(graph, args):
    from graph.errors import TimelineKGError
    from graph.views.questions import what_changed

    try:
        since, until = (iso_date(name) for name in args.names)
    except argparse.ArgumentTypeError as exc:
        raise TimelineKGError(f"show changes: {exc}") from None
    return ["change", "subject", "detail"], [list(r) for r in what_changed(graph, since, until).rows()]


_ANSWERS = {"timeline": _timeline, "types": _types, "network": _network, "relations": _relations, "ego": _ego,
            "paths": _paths, "centrality": _centrality, "communities": _communities, "changes": _changes}
