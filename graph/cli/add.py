"""``timeline-kg add``: add articles to the store without rebuilding it.

Items are http(s) URLs and saved ``.html`` pages, which are first saved into the sources folder
(:mod:`graph.sources.fetch`: the one place that reaches the network, and only for the URLs the user
gives), and ``.txt`` articles (with their ``.json`` metadata) and TimeML ``.tml`` files, read where
they are.

The articles are then extracted and added to the store in one transaction by
``graph.pipeline.add_articles`` (re-adding is a no-op; new events join the stored event nodes they
retell), and OUT/timeline.ttl, OUT/graph.html and OUT/timeline.html are rewritten from the store.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import SourceError, quote_name

from .common import (
    PROG,
    add_max_chars_argument,
    add_store_argument,
    iso_date,
    sources_folder,
    store_changing,
    store_setting,
    write_views,
)

if TYPE_CHECKING:
    from graph.sources.fetch import Added

__all__ = ["ARTICLE_FILES", "register", "run"]

ARTICLE_FILES = (".txt", ".tml")  # read where they are; pages are saved into the sources folder first


def register(commands, formatter) -> None:
    """Add the ``add`` sub-command to the ``timeline-kg`` parser."""
    add = commands.add_parser(
        "add", help="add articles (files, saved pages or URLs) to the store without rebuilding it",
        formatter_class=formatter,
        description="Add articles to the store (default OUT/store) in one transaction, without rebuilding:\n"
                    ".txt articles (with NAME.json metadata) and TimeML .tml files are read where they are\n"
                    "and, when outside SOURCES, copied into it, so that a later `build` of SOURCES keeps them;\n"
                    "each http(s) URL (the only command that uses the network) or local .html page is first\n"
                    "checked (article text, publication date) and saved as SOURCES/<slug>.html with\n"
                    "SOURCES/<slug>.json. An article the store holds with the same text and date is left as\n"
                    "it is; the events of a new one join the stored events they retell (same type, a shared\n"
                    "actor, compatible place and date), the stored event keeping its date and a disagreement\n"
                    "recorded as date claims. OUT/timeline.ttl, OUT/graph.html and OUT/timeline.html are then\n"
                    "rewritten from the store.",
        epilog="examples:\n  timeline-kg add https://news.example.org/2023/05/18/geneva-talks.html\n"
               "  timeline-kg add my-news/merkel-visit.txt my-news/macron-speech.txt\n"
               "  timeline-kg add saved-page.html --sources my-news/ --out out/\n"
               "  timeline-kg add https://example.org/statement --dct 2023-05-22 --timeout 30\n"
               "  timeline-kg add http://127.0.0.1:8000/page.html --allow-private  # a server on this machine")
    add.add_argument("items", nargs="+", metavar="URL_OR_FILE",
                     help="http(s) URLs, saved .html/.htm pages, .txt articles or .tml files")
    add.add_argument("--sources", type=Path,
                     help="where URLs, pages and articles from elsewhere are kept (default: $TIMELINE_KG_SOURCES, "
                          "else sources/, the folder `build` reads)")
    add.add_argument("--out", type=Path, default=Path("out"), help="views folder (default: out/)")
    add_store_argument(add, "the store to add to (default: $TIMELINE_KG_STORE, else OUT/store)")
    add.add_argument("--dct", type=iso_date, help="publication date for an article that states none (YYYY-MM-DD)")
    add.add_argument("--model", help="spaCy model name (as for build)")
    add_max_chars_argument(add)
    add.add_argument("--no-views", action="store_true",
                     help="do not rewrite OUT/timeline.ttl and the HTML views (they take long on a big store)")
    add.add_argument("--timeout", type=_seconds, default=20.0, metavar="S",
                     help="seconds the whole fetch of a URL may take, redirects and every read included "
                          "(default: 20)")
    add.add_argument("--allow-private", action="store_true",
                     help="fetch URLs whose host is a loopback, link-local or private address (this machine, "
                          "the local network, a cloud's metadata service), refused by default at every redirect; "
                          "for a page you serve yourself")
    add.set_defaults(run=run)


def _seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds; write e.g. 20")
    return seconds


def run(args: argparse.Namespace) -> int:
    """Save the pages, add every article to the store (a bad one is reported, the others added),
    rewrite the views, report one line per article."""
    from graph.pipeline import add_articles
    from graph.sources import find_sources
    from graph.sources.fetch import add_page
    from graph.store import open_store
    from graph.views.freshness import MARKER, out_of_date_because, views_rewritten

    args.sources = sources_folder(args.sources)
    pages: dict[Path, Added] = {}
    files: list[Path] = []
    failed = 0  # items refused before reading (missing files, folders without articles, pages without text or date)
    for item in args.items:
        try:
            if _is_article_file(item):
                # A folder's articles now, so that a folder without any is this item's error alone.
                files.extend(find_sources([Path(item)]))
            else:
                page = add_page(item, args.sources, dct=args.dct, timeout=args.timeout,
                                allow_private=args.allow_private)
                pages[page.path] = page
                files.append(page.path)
        except SourceError as error:
            print(f"{PROG}: error: {error}", file=sys.stderr)
            failed += 1
    if not files:
        return 1
    with open_store(store_setting(args)) as store:
        already_out_of_date = out_of_date_because(args.out)
        store_changing(store, args.out, "`timeline-kg add --no-views` added articles to the store" if args.no_views
                       else "a `timeline-kg add` began to add articles to the store and did not rewrite the views after")
        result = add_articles(store, files, dct=args.dct, model=args.model, max_chars=args.max_chars)
        for failure in result.failures:
            print(f"{PROG}: error: {failure}", file=sys.stderr)
        for path, original in result.duplicates:
            print(f"{PROG}: note: {quote_name(path)}: same article as {quote_name(original)} in {store.setting}; "
                  "skipped", file=sys.stderr)
        for doc in result.documents:
            try:
                kept = _keep_in_sources(doc, args.sources, args.max_chars)
            except SourceError as error:
                print(f"{PROG}: error: {error}", file=sys.stderr)
                failed += 1
                continue
            if kept is not None:
                print(f"{PROG}: note: {quote_name(doc.path)}: kept as {quote_name(kept)}, so that `build` keeps it",
                      file=sys.stderr)
        counts = _event_counts(store, [d.doc_id for d in result.documents])
        if not args.no_views and (result.added or already_out_of_date or not (args.out / "timeline.ttl").is_file()):
            write_views(store.to_graph(), args.out)
        elif not result.added and already_out_of_date is None:
            views_rewritten(args.out)  # the store did not change: the views are as current as before
        elif result.added:
            print(f"{PROG}: note: the views in {quote_name(args.out)} were not rewritten (--no-views); "
                  f"{MARKER} there says so until `timeline-kg build` or `add` rewrites them", file=sys.stderr)
        setting = store.setting
    for doc in result.documents:
        page = pages.get(doc.path) if doc.path is not None else None
        if doc.doc_id in result.unchanged:
            status = "already present"
        else:
            status = page.status if page is not None and page.status != "already present" else "added"
        print(f"{status}: {quote_name(doc.path or doc.doc_id)} | {doc.dct} | {quote_name(doc.title or doc.doc_id)} | "
              f"{counts.get(doc.doc_id, 0)} event(s)")
    failures = f", {failed + len(result.failures)} failed" if failed or result.failures else ""
    print(f"{len(result.added)} article(s) added, {len(result.unchanged)} already held{failures}; {result.joined} "
          f"event(s) joined stored events ({result.conflicts} with a date conflict) -> {setting}, {args.out}",
          file=sys.stderr)
    return 1 if failed or result.failures else 0


def _keep_in_sources(doc, sources: Path, max_chars: int | None) -> Path | None:
    """Copy an article read from outside the sources folder into it (with its metadata, or a
    NAME.json of the date it was read with), so that the next ``build`` of the folder keeps it:
    ``build`` and ``add`` hold one set of articles. The copy's path, or None when none was needed.
    Both files are read again within the limits they were read with: they may have grown since."""
    from graph.sources.files import MAX_METADATA_BYTES, article_byte_limit, read_untrusted

    source = doc.path
    if source is None or not source.is_file() or source.resolve().is_relative_to(sources.resolve()):
        return None
    limit = article_byte_limit(source.suffix, max_chars)
    article = read_untrusted(source, limit)
    target = sources / source.name
    if target.exists():
        if _held(target, limit) == article:
            return None
        raise SourceError(source, f"stored, but {target} holds another article; rename one so that "
                                  "`build` keeps both")
    metadata = source.with_suffix(".json")
    meta = read_untrusted(metadata, MAX_METADATA_BYTES, what="JSON metadata file") if metadata.exists() else None
    try:
        sources.mkdir(parents=True, exist_ok=True)
        target.write_bytes(article)
        if meta is not None:
            target.with_suffix(".json").write_bytes(meta)
        elif source.suffix.lower() == ".txt" and doc.dct is not None:
            target.with_suffix(".json").write_text(json.dumps({"published": doc.dct.isoformat()}) + "\n",
                                                   encoding="utf-8")
    except OSError as exc:
        raise SourceError(source, f"stored, but cannot copy it into {sources}: {exc.strerror or exc}") from exc
    return target


def _held(path: Path, limit: int | None) -> bytes | None:
    """What ``path`` in the sources folder holds, or None when it is no readable regular file of at
    most ``limit`` bytes."""
    from graph.sources.files import read_untrusted

    try:
        return read_untrusted(path, limit)
    except SourceError:
        return None


def _is_article_file(item: str) -> bool:
    """A local .txt/.tml article (or a folder of articles), rather than a page or URL to save first."""
    from graph.sources.fetch import is_web_address

    if is_web_address(item):
        return False
    path = Path(item)
    return path.suffix.lower() in ARTICLE_FILES or path.is_dir()


EVENT_COUNT = """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX schema: <https://schema.org/>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
SELECT (COUNT(DISTINCT ?e) AS ?n) ?id WHERE { ?e a sem:Event ; prov:wasDerivedFrom ?a . ?a schema:identifier ?id }
GROUP BY ?id"""


def _event_counts(store, doc_ids: list[str]) -> dict[str, int]:
    """How many events of the store cite each article."""
    from rdflib import Literal

    counts = {}
    for doc_id in doc_ids:
        rows = list(store.query(EVENT_COUNT, {"id": Literal(doc_id)}))
        counts[doc_id] = int(rows[0].n) if rows else 0
    return counts
