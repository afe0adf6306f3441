"""``timeline-kg add``: add articles to the store without rebuilding it.

Items are http(s) URLs and saved ``.html`` pages, which are first saved into the sources folder
(:mod:`graph.sources.fetch`: the one place that reaches the network, and only for the URLs the user
gives), and ``.txt`` articles (with their ``.json`` metadata) and TimeML ``.tml`` files, read where
they are. The item ``-`` stands for the lines of stdin, one item a line.

Given as arguments, the articles are extracted and added to the store in one transaction by
``graph.pipeline.add_articles`` (re-adding is a no-op; new events join the stored event nodes they
retell), and OUT/timeline.ttl, OUT/graph.html and OUT/timeline.html are rewritten from the store.
With ``-`` they are a stream: each article is stored in a transaction of its own as it comes and its
line printed then (:class:`Adding`, which ``timeline-kg watch`` uses too), the views rewritten at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

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
    from graph.pipeline.add import AddResult
    from graph.sources.fetch import Added

__all__ = ["ARTICLE_FILES", "STDIN", "Adding", "Tally", "add_article_options", "register", "run"]

ARTICLE_FILES = (".txt", ".tml")  # read where they are; pages are saved into the sources folder first
STDIN = "-"  # the item that stands for the lines of stdin


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
                    "rewritten from the store.\n\n"
                    "`-` reads more items from stdin, one a line (blank lines and lines starting with # are\n"
                    "skipped): the spaCy model is loaded once for them all, each article is stored in a\n"
                    "transaction of its own as it comes and its line printed then, and the views are\n"
                    "rewritten at the end. For a folder that fills over time, see `timeline-kg watch`.",
        epilog="examples:\n  timeline-kg add https://news.example.org/2023/05/18/geneva-talks.html\n"
               "  timeline-kg add my-news/merkel-visit.txt my-news/macron-speech.txt\n"
               "  find my-news -name '*.txt' | timeline-kg add -\n"
               "  timeline-kg add - --no-views < urls.txt\n"
               "  timeline-kg add saved-page.html --sources my-news/ --out out/\n"
               "  timeline-kg add https://example.org/statement --dct 2023-05-22 --timeout 30\n"
               "  timeline-kg add http://127.0.0.1:8000/page.html --allow-private  # a server on this machine")
    add.add_argument("items", nargs="+", metavar="URL_OR_FILE",
                     help="http(s) URLs, saved .html/.htm pages, .txt articles, .tml files or folders of them; "
                          "- for more of them from stdin, one a line")
    add_article_options(add)
    add.add_argument("--timeout", type=_seconds, default=20.0, metavar="S",
                     help="seconds the whole fetch of a URL may take, redirects and every read included "
                          "(default: 20)")
    add.add_argument("--allow-private", action="store_true",
                     help="fetch URLs whose host is a loopback, link-local or private address (this machine, "
                          "the local network, a cloud's metadata service), refused by default at every redirect; "
                          "for a page you serve yourself")
    add.set_defaults(run=run)


def add_article_options(parser: argparse.ArgumentParser) -> None:
    """The options of ``add`` and ``watch`` that say where articles go and how they are read."""
    parser.add_argument("--sources", type=Path,
                        help="where URLs, pages and articles from elsewhere are kept (default: "
                             "$TIMELINE_KG_SOURCES, else sources/, the folder `build` reads)")
    parser.add_argument("--out", type=Path, default=Path("out"), help="views folder (default: out/)")
    add_store_argument(parser, "the store to add to (default: $TIMELINE_KG_STORE, else OUT/store)")
    parser.add_argument("--dct", type=iso_date, help="publication date for an article that states none (YYYY-MM-DD)")
    parser.add_argument("--model", help="spaCy model name (as for build)")
    add_max_chars_argument(parser)
    parser.add_argument("--no-views", action="store_true",
                        help="do not rewrite OUT/timeline.ttl and the HTML views (they take long on a big store)")


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
    from graph.store import open_store

    args.sources = sources_folder(args.sources)
    if STDIN in args.items:
        return _run_stream(args)
    pages: dict[Path, Added] = {}
    files: list[Path] = []
    tally = Tally()
    for item in args.items:
        try:
            files.extend(_files_of(item, args, pages))
        except SourceError as error:  # a missing file, a folder without articles, a page without text or date
            _error(error)
            tally.failed += 1
    if not files:
        return 1
    with open_store(store_setting(args)) as store:
        already_out_of_date = _views_changing(store, args)
        result = add_articles(store, files, dct=args.dct, model=args.model, max_chars=args.max_chars)
        not_kept = _report(result, store, args)
        counts = _event_counts(store, [d.doc_id for d in result.documents])
        _views_after(store, args, bool(result.added), already_out_of_date, tally)
        setting = store.setting
    for line in _status_lines(result, counts, pages):
        print(line)
    tally.count(result, not_kept)
    print(tally.summary(setting, args.out), file=sys.stderr)
    return 1 if tally.failed else 0


def _run_stream(args: argparse.Namespace) -> int:
    """``add`` with ``-``: the items one after another, each article stored and reported as it comes."""
    from graph.store import open_store

    pages: dict[Path, Added] = {}
    tally = Tally()
    with contextlib.ExitStack() as held:
        adding: Adding | None = None
        for item in _items(args.items, sys.stdin.buffer):
            try:
                files = _files_of(item, args, pages)
            except SourceError as error:
                _error(error)
                tally.failed += 1
                continue
            if adding is None:  # opened (and locked) at the first article, not while stdin is still quiet
                adding = Adding(held.enter_context(open_store(store_setting(args))), args, tally)
            for path in files:
                adding.add(path, pages)
        if adding is None:
            if not tally.failed:
                print(f"{PROG}: error: nothing to add: stdin held no item (one path or URL a line)", file=sys.stderr)
            return 1
        adding.finish()
        setting = adding.store.setting
    print(tally.summary(setting, args.out), file=sys.stderr)
    return 1 if tally.failed else 0


def _items(given: Iterable[str], stdin: BinaryIO) -> Iterator[str]:
    """The items, ``-`` replaced by the lines of ``stdin`` as they come (blank ones and # comments
    skipped). Read as bytes and decoded as the system decodes file names, so any name comes through."""
    for item in given:
        if item != STDIN:
            yield item
            continue
        for line in stdin:
            text = os.fsdecode(line).strip()
            if text and not text.startswith("#"):
                yield text


def _files_of(item: str, args: argparse.Namespace, pages: dict[Path, Added]) -> list[Path]:
    """The article files an item names; a page or URL is first saved into the sources folder."""
    from graph.sources import find_sources
    from graph.sources.fetch import add_page

    if _is_article_file(item):
        # A folder's articles now, so that a folder without any is this item's error alone.
        return find_sources([Path(item)])
    page = add_page(item, args.sources, dct=args.dct, timeout=args.timeout, allow_private=args.allow_private)
    pages[page.path] = page
    return [page.path]


@dataclass(slots=True)
class Tally:
    """What a run did over all its transactions, for its closing line."""

    added: int = 0
    unchanged: int = 0
    failed: int = 0
    joined: int = 0
    conflicts: int = 0
    said_no_views: bool = False  # the --no-views note is given once a run

    def count(self, result: AddResult, not_kept: int = 0) -> None:
        """Count one transaction's ``result``, and ``not_kept`` articles stored but not copied."""
        self.added += len(result.added)
        self.unchanged += len(result.unchanged)
        self.failed += len(result.failures) + not_kept
        self.joined += result.joined
        self.conflicts += result.conflicts

    def summary(self, setting: str, out: Path) -> str:
        failures = f", {self.failed} failed" if self.failed else ""
        return (f"{self.added} article(s) added, {self.unchanged} already held{failures}; {self.joined} event(s) "
                f"joined stored events ({self.conflicts} with a date conflict) -> {setting}, {out}")


class Adding:
    """Articles stored in an open store one at a time, each in a transaction of its own and each
    one's line printed as soon as it is stored. The views are marked out of date first (before the
    store changes) and rewritten by :meth:`finish`: ``add -`` calls it at its end, ``watch`` after
    each poll's articles."""

    def __init__(self, store, args: argparse.Namespace, tally: Tally) -> None:
        self.store, self.args, self.tally = store, args, tally
        self.added = False
        self._already_out_of_date = _views_changing(store, args)

    def add(self, path: Path, pages: Mapping[Path, Added] | None = None) -> None:
        """Add the article at ``path`` (a bad one is its one line on stderr) and print its line."""
        from graph.pipeline import add_articles

        result = add_articles(self.store, [path], dct=self.args.dct, model=self.args.model,
                              max_chars=self.args.max_chars)
        not_kept = _report(result, self.store, self.args)
        counts = _event_counts(self.store, [d.doc_id for d in result.documents])
        for line in _status_lines(result, counts, pages or {}):
            print(line, flush=True)  # now, not when a pipe's buffer fills
        self.tally.count(result, not_kept)
        self.added = self.added or bool(result.added)

    def finish(self) -> None:
        _views_after(self.store, self.args, self.added, self._already_out_of_date, self.tally)


def _error(error: SourceError) -> None:
    print(f"{PROG}: error: {error}", file=sys.stderr)


def _views_changing(store, args: argparse.Namespace) -> str | None:
    """Mark the views as older than the store, which is about to change; what the marker said
    before (a run that stopped before rewriting them), or None."""
    from graph.views.freshness import out_of_date_because

    already_out_of_date = out_of_date_because(args.out)
    command = f"timeline-kg {getattr(args, 'command', None) or 'add'}"
    store_changing(store, args.out, f"`{command} --no-views` added articles to the store" if args.no_views
                   else f"a `{command}` began to add articles to the store and did not rewrite the views after")
    return already_out_of_date


def _views_after(store, args: argparse.Namespace, added: bool, already_out_of_date: str | None,
                 tally: Tally) -> None:
    """Rewrite the views from the store when it changed (or they were out of date already), unless
    --no-views; else say that they stay out of date."""
    from graph.views.freshness import MARKER, views_rewritten

    if not args.no_views and (added or already_out_of_date or not (args.out / "timeline.ttl").is_file()):
        write_views(store, args.out)
    elif not added and already_out_of_date is None:
        views_rewritten(args.out)  # the store did not change: the views are as current as before
    elif added and not tally.said_no_views:
        print(f"{PROG}: note: the views in {quote_name(args.out)} were not rewritten (--no-views); "
              f"{MARKER} there says so until `timeline-kg build` or `add` rewrites them", file=sys.stderr)
        tally.said_no_views = True


def _report(result: AddResult, store, args: argparse.Namespace) -> int:
    """Say on stderr which articles failed, which were skipped and which were copied into the
    sources folder; how many could not be copied (stored all the same)."""
    for failure in result.failures:
        _error(failure)
    for path, original in result.duplicates:
        print(f"{PROG}: note: {quote_name(path)}: same article as {quote_name(original)} in {store.setting}; "
              "skipped", file=sys.stderr)
    not_kept = 0
    for doc in result.documents:
        try:
            kept = _keep_in_sources(doc, args.sources, args.max_chars)
        except SourceError as error:
            _error(error)
            not_kept += 1
            continue
        if kept is not None:
            print(f"{PROG}: note: {quote_name(doc.path)}: kept as {quote_name(kept)}, so that `build` keeps it",
                  file=sys.stderr)
    return not_kept


def _status_lines(result: AddResult, counts: Mapping[str, int], pages: Mapping[Path, Added]) -> list[str]:
    """One line per article read: added, updated or already present, its date, title and events."""
    lines = []
    for doc in result.documents:
        page = pages.get(doc.path) if doc.path is not None else None
        if doc.doc_id in result.unchanged:
            status = "already present"
        else:
            status = page.status if page is not None and page.status != "already present" else "added"
        lines.append(f"{status}: {quote_name(doc.path or doc.doc_id)} | {doc.dct} | "
                     f"{quote_name(doc.title or doc.doc_id)} | {counts.get(doc.doc_id, 0)} event(s)")
    return lines


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
