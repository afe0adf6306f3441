"""What the commands share: argument types and options, the store setting, reading a graph, writing views."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from graph.errors import SourceError, TimelineKGError

__all__ = ["PROG", "STORE_HELP", "add_max_chars_argument", "add_store_argument", "count", "iso_date", "open_source",
           "store_changing", "store_setting", "write_views"]

PROG = "timeline-kg"


def iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write YYYY-MM-DD") from None


def count(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"{value!r} is not a count; write 0 or a positive integer")
    return int(value)


STORE_HELP = ("where the graph lives: a folder (an Oxigraph store), oxigraph:PATH, memory:, or the URL of a "
              "SPARQL endpoint (default: $TIMELINE_KG_STORE, else out/store)")


def add_max_chars_argument(parser: argparse.ArgumentParser) -> None:
    """The ``--max-chars N`` option: the longest article read (``graph.sources.MAX_ARTICLE_CHARS``)."""
    from graph.sources.reader import MAX_ARTICLE_CHARS

    parser.add_argument("--max-chars", type=count, default=MAX_ARTICLE_CHARS, metavar="N",
                        help=f"refuse an article longer than N characters (default: {MAX_ARTICLE_CHARS:,}; a "
                             "million take about 4 minutes and 3 GB of memory; 0: no limit)")


def add_store_argument(parser: argparse.ArgumentParser, help: str = STORE_HELP) -> None:
    """The ``--store SETTING`` option (see ``graph.store.open_store``)."""
    parser.add_argument("--store", metavar="SETTING", help=help if help == STORE_HELP else f"{help}; {STORE_HELP}")


# The articles folder ``build`` reads and ``add`` keeps articles in, when none is given.
ENV_SOURCES = "TIMELINE_KG_SOURCES"


def sources_folder(given: Path | None = None) -> Path:
    """``given``, else ``$TIMELINE_KG_SOURCES``, else ``sources/``: one folder for ``build`` and ``add``."""
    return given or Path(os.environ.get(ENV_SOURCES) or "sources")


def store_setting(args: argparse.Namespace) -> str:
    """``--store``, else ``$TIMELINE_KG_STORE``, else OUT/store for commands with ``--out``, else out/store."""
    from graph.store.base import DEFAULT_STORE, ENV_STORE

    out = getattr(args, "out", None)
    default = str(Path(out) / "store") if isinstance(out, Path) and getattr(args, "command", "") != "export" \
        else DEFAULT_STORE
    return args.store or os.environ.get(ENV_STORE) or default


@contextlib.contextmanager
def open_source(args: argparse.Namespace):
    """What a reading command reads: the Turtle file of ``--graph``, else the store (read-only)."""
    if args.graph is not None:
        yield load_graph(args.graph)
        return
    from graph.store import open_store

    with open_store(store_setting(args), read_only=True) as store:
        yield store


def load_graph(path: Path):
    from rdflib import Graph

    if not path.is_file():
        raise SourceError(path, "no such graph file; run `timeline-kg build` first or pass --graph FILE")
    try:
        return Graph().parse(path, format="turtle" if path.suffix in (".ttl", "") else None)
    except Exception as exc:  # rdflib parsers raise many types: report one line
        raise SourceError(path, f"cannot parse the graph: {str(exc).splitlines()[0] if str(exc) else exc}") from exc


def write_views(source, out: Path, article_files: Sequence[Path] = ()) -> tuple[Path, Path]:
    """OUT/timeline.ttl (the union as Turtle), OUT/graph.html and OUT/timeline.html, titled by the
    collection (:func:`graph.views.projection.collection_title`), from an rdflib graph or a store
    (a store's engine answers the projection's queries and writes Turtle much faster than rdflib).
    ``article_files``: the N-Quads files ``source`` was just loaded from (a build's), from which a
    large union is written faster than a store reads it back.

    All three are written beside their targets first and renamed only when all are written, so a
    full disk or an unwritable folder leaves the old ones whole (and is one TimelineKGError).
    """
    from graph.store.oxigraph import OxigraphStore
    from graph.views.freshness import views_rewritten
    from graph.views.graph_page import render_graph_html
    from graph.views.projection import collection_title, project
    from graph.views.timeline_page import render_timeline_html

    with ThreadPoolExecutor(1) as beside:
        # a build's union is read from its files while Oxigraph answers the projection's queries,
        # outside Python's lock (other sources are read by this thread alone)
        turtle = (beside.submit(_turtle, source, article_files)
                  if article_files and isinstance(source, OxigraphStore) else None)
        projection, title = project(source), collection_title(source)
        pages = {out / "timeline.ttl": turtle.result() if turtle else _turtle(source, article_files),
                 out / "graph.html": render_graph_html(projection, title=title),
                 out / "timeline.html": render_timeline_html(projection, title=title)}
    _write_all_atomically(pages)
    views_rewritten(out)
    return out / "timeline.ttl", out / "graph.html"


def store_changing(store, out: Path, why: str) -> None:
    """Before ``store`` changes: mark the views in ``out`` as older than it until they are rewritten
    (:mod:`graph.views.freshness`). A ``memory:`` store ends with the process, so views drawn
    from it are never older than a store that lasts."""
    from graph.store import MemoryStore
    from graph.views.freshness import mark_out_of_date

    if not isinstance(store, MemoryStore):
        mark_out_of_date(out, store.setting, why)


# rdflib's pretty Turtle writer takes ~30 s per 100k triples; N-Triples is Turtle too and takes 0.5 s.
PRETTY_TURTLE_UP_TO = 20_000


def _turtle(source, article_files: Sequence[Path]) -> str | bytes:
    """The union as Turtle: grouped and prefixed when small, one triple a line when large (as
    UTF-8 bytes, when from the build's files)."""
    from rdflib import Graph

    from graph.rdf.nquads import union_ntriples

    if len(source) <= PRETTY_TURTLE_UP_TO:
        if isinstance(source, Graph):
            return source.serialize(format="turtle")
        written = io.BytesIO()
        source.dump(written, "ttl")
        return written.getvalue().decode("utf-8")
    if article_files:
        try:
            return union_ntriples(article_files)
        except (OSError, ValueError) as exc:
            raise TimelineKGError(f"cannot write timeline.ttl from the build's files: {exc}") from exc
    if isinstance(source, Graph):
        lines = source.serialize(format="nt")
    else:
        written = io.BytesIO()
        source.dump(written, "nt")
        lines = written.getvalue().decode("utf-8")
    # rdflib writes N-Triples in the order of its hash tables, which changes with Python's string
    # hash seed: sorted, the same graph is the same file, whichever process or cluster built it.
    return "".join(sorted(lines.splitlines(keepends=True)))


def _write_all_atomically(files: dict[Path, str | bytes]) -> None:
    """Write each file (text, or UTF-8 bytes) beside its target, then rename them all: a failure
    leaves the old files whole."""
    written: dict[Path, Path] = {}
    for path, text in files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            written[path] = path.with_name(f".{path.name}.tmp{os.getpid()}")
            written[path].write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        except OSError as exc:
            for tmp in written.values():
                tmp.unlink(missing_ok=True)
            where = path if exc.filename in (None, str(written.get(path))) else exc.filename  # the folder
            raise TimelineKGError(f"{where}: cannot write: {exc.strerror or exc}") from exc
    for path, tmp in written.items():
        tmp.replace(path)
