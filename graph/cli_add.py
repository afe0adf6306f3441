"""``timeline-kg add``: add articles to the store without rebuilding it.

Items are http(s) URLs and saved ``.html`` pages, which are first saved into the sources folder,
and ``.txt`` articles (with their ``.json`` metadata) and TimeML ``.tml`` files, read where they
are. This is the one command that reaches the network, and only for the http(s) URLs the user gives.
A page is checked (decodable HTML, main text, publication date) before anything is written, then
saved as ``SOURCES/<slug>.html`` with ``SOURCES/<slug>.json`` beside it (title, publisher, url,
published, language: the metadata format of ``graph.sources``). The slug comes from the URL (or the
file's name), so adding the same page again finds it already there and changes nothing.

The articles are then extracted and added to the store in one transaction by
``graph.store_add.add_articles`` (re-adding is a no-op; new events join the stored event nodes they
retell), and OUT/timeline.ttl, OUT/graph.html and OUT/timeline.html are rewritten from the store.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import socket
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from .errors import SourceError
from .html_source import HTML_SUFFIXES, NoDateError, decode_html, metadata_json, read_html, url_slug
from .model import Document

__all__ = ["ARTICLE_FILES", "Added", "add_page", "fetch_page", "register"]

PROG = "timeline-kg"
USER_AGENT = "timeline-kg/0.1 (news to event-timeline knowledge graph)"
MAX_PAGE_BYTES = 20 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")
ARTICLE_FILES = (".txt", ".tml")  # read where they are; pages are saved into the sources folder first


@dataclass(frozen=True, slots=True)
class Added:
    """What ``add_page`` did with one page: ``status`` is "added", "updated" or "already present"."""

    status: str
    path: Path
    document: Document


def register(commands, formatter) -> None:
    """Add the ``add`` sub-command to the ``timeline-kg`` parser."""
    from .cli import _dct, add_max_chars_argument, add_store_argument

    add = commands.add_parser(
        "add", help="add articles (files, saved pages or URLs) to the store without rebuilding it",
        formatter_class=formatter,
        description="Add articles to the store (default OUT/store) in one transaction, without rebuilding:\n"
                    ".txt articles (with NAME.json metadata) and TimeML .tml files are read where they are;\n"
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
               "  timeline-kg add https://example.org/statement --dct 2023-05-22 --timeout 30")
    add.add_argument("items", nargs="+", metavar="URL_OR_FILE",
                     help="http(s) URLs, saved .html/.htm pages, .txt articles or .tml files")
    add.add_argument("--sources", type=Path, default=Path("sources"),
                     help="where URLs and pages are saved (default: sources/)")
    add.add_argument("--out", type=Path, default=Path("build"), help="views folder (default: build/)")
    add_store_argument(add, "the store to add to (default: $TIMELINE_KG_STORE, else OUT/store)")
    add.add_argument("--dct", type=_dct, help="publication date for an article that states none (YYYY-MM-DD)")
    add.add_argument("--model", help="spaCy model name (as for build)")
    add_max_chars_argument(add)
    add.add_argument("--no-views", action="store_true",
                     help="do not rewrite OUT/timeline.ttl and the HTML views (they take long on a big store)")
    add.add_argument("--timeout", type=_seconds, default=20.0, metavar="S",
                     help="seconds to wait for a web server (default: 20)")
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
    from .cli import store_setting, write_views
    from .store import open_store
    from .store_add import add_articles

    pages: dict[Path, Added] = {}
    files: list[Path] = []
    failed = 0  # items refused before reading (missing files, pages without text or date)
    for item in args.items:
        try:
            if _is_article_file(item):
                if not (Path(item).exists() or Path(item).is_symlink()):  # a broken link: read_source says so
                    raise SourceError(item, "no such file or folder")
                files.append(Path(item))
            else:
                page = add_page(item, args.sources, dct=args.dct, timeout=args.timeout)
                pages[page.path] = page
                files.append(page.path)
        except SourceError as error:
            print(f"{PROG}: error: {error}", file=sys.stderr)
            failed += 1
    if not files:
        return 1
    with open_store(store_setting(args)) as store:
        result = add_articles(store, files, dct=args.dct, model=args.model, max_chars=args.max_chars)
        for failure in result.failures:
            print(f"{PROG}: error: {failure}", file=sys.stderr)
        for path, original in result.duplicates:
            print(f"{PROG}: note: {path}: same article as {original} in {store.setting}; skipped", file=sys.stderr)
        counts = _event_counts(store, [d.doc_id for d in result.documents])
        if not args.no_views and (result.added or not (args.out / "timeline.ttl").is_file()):
            held = len(store.article_ids())
            write_views(store.to_graph(), args.out, f"timeline-kg: {held} article{'s' if held != 1 else ''}")
        setting = store.setting
    for doc in result.documents:
        page = pages.get(doc.path) if doc.path is not None else None
        if doc.doc_id in result.unchanged:
            status = "already present"
        else:
            status = page.status if page is not None and page.status != "already present" else "added"
        print(f"{status}: {doc.path or doc.doc_id} | {doc.dct} | {doc.title or doc.doc_id} | "
              f"{counts.get(doc.doc_id, 0)} event(s)")
    failures = f", {failed + len(result.failures)} failed" if failed or result.failures else ""
    print(f"{len(result.added)} article(s) added, {len(result.unchanged)} already held{failures}; {result.joined} "
          f"event(s) joined stored events ({result.conflicts} with a date conflict) -> {setting}, {args.out}",
          file=sys.stderr)
    return 1 if failed or result.failures else 0


def _is_article_file(item: str) -> bool:
    """A local .txt/.tml article (or a folder of articles), rather than a page or URL to save first."""
    if urlsplit(item).scheme.lower() in ("http", "https"):
        return False
    path = Path(item)
    return path.suffix.lower() in ARTICLE_FILES or path.is_dir()


def add_page(item: str, sources: Path, *, dct: date | None = None, timeout: float = 20.0) -> Added:
    """Save one page (an http(s) URL, fetched, or a local .html file) into ``sources``.

    The page is read (``graph.html_source.read_html``) before anything is written, so a page
    without text or date leaves ``sources`` as it was. ``dct`` serves only when the page states
    no publication date; it is then written to the page's ``.json``.

    Returns
    -------
    Added
        "already present" when ``sources`` holds the same article under the same name (nothing is
        written), "updated" when a URL's article changed since it was added, else "added".

    Raises
    ------
    SourceError
        The URL cannot be fetched or is not an HTML page; the file is missing or not HTML; the page
        has no main text or no date; or, for a local file, ``sources`` holds another article under
        the same name.
    """
    if urlsplit(item).scheme.lower() in ("http", "https"):
        raw, charset = fetch_page(item, timeout)
        page, slug = _as_utf8_if_needed(raw, charset, item), url_slug(item)
        source: Path | bytes = page
    else:
        source = Path(item)
        if source.suffix.lower() not in HTML_SUFFIXES:
            raise SourceError(source, "not an http(s) URL nor an .html/.htm, .txt or .tml file")
        page, slug = _read_bytes(source), _file_slug(source)
    url = item if isinstance(source, bytes) else ""
    try:
        document = read_html(source, url=url, doc_id=slug)
    except NoDateError:
        given = dct or _saved_date(sources / f"{slug}.json")  # an undated page added before, with --dct
        if given is None:
            raise
        document = read_html(source, url=url, doc_id=slug, dct=given)
    return _save(page, document, sources / f"{slug}.html", replace=bool(url))


def _saved_date(sidecar: Path) -> date | None:
    try:
        return date.fromisoformat(json.loads(sidecar.read_text(encoding="utf-8"))["published"][:10])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot read: {exc.strerror or exc}") from exc


def _file_slug(path: Path) -> str:
    """``My Page (1).html`` -> ``my-page-1``."""
    words = "".join(c if c.isalnum() else " " for c in path.stem.lower()).split()
    return "-".join(words) or "page"


def fetch_page(url: str, timeout: float) -> tuple[bytes, str | None]:
    """The bytes of the HTML page at ``url`` and the charset its server declared (if any).

    Raises
    ------
    SourceError
        One line: unreachable host, no answer within ``timeout``, an HTTP error status, or a
        response that is not an HTML page.
    """
    handlers = [urllib.request.ProxyHandler({})] if _is_loopback(url) else []  # never proxy loopback
    opener = urllib.request.build_opener(*handlers)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
    try:
        with opener.open(request, timeout=timeout) as response:
            content_type = response.headers.get_content_type() if response.headers.get("Content-Type") else ""
            if content_type and content_type not in _HTML_TYPES:
                raise SourceError(url, f"not an HTML page (Content-Type: {content_type})")
            raw = response.read(MAX_PAGE_BYTES + 1)
            charset = response.headers.get_content_charset()
    except urllib.error.HTTPError as exc:
        raise SourceError(url, f"HTTP error {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise SourceError(url, f"no answer within {timeout:g} s; try again or raise --timeout") from None
        raise SourceError(url, f"cannot reach the host ({getattr(reason, 'strerror', None) or reason})") from None
    except (TimeoutError, socket.timeout):
        raise SourceError(url, f"no answer within {timeout:g} s; try again or raise --timeout") from None
    except (OSError, ValueError) as exc:  # connection reset mid-read, malformed URL...
        raise SourceError(url, f"cannot fetch: {exc}") from None
    if len(raw) > MAX_PAGE_BYTES:
        raise SourceError(url, f"page larger than {MAX_PAGE_BYTES // 2**20} MiB; not a news article")
    return raw, charset


def _is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _as_utf8_if_needed(raw: bytes, charset: str | None, where: object) -> bytes:
    """The page's bytes, re-encoded as UTF-8 with a byte-order mark when only the HTTP header said
    how to decode them (the saved file must decode the same way without that header)."""
    if not charset:
        return raw
    text = decode_html(raw, where, charset)
    try:
        same = decode_html(raw, where) == text
    except SourceError:
        same = False
    return raw if same else b"\xef\xbb\xbf" + text.encode("utf-8")


def _save(page: bytes, document: Document, target: Path, *, replace: bool) -> Added:
    """Write the page and its metadata unless ``target`` already holds the same article."""
    meta = metadata_json(document).encode("utf-8")
    sidecar = target.with_suffix(".json")
    if target.is_file():
        if target.read_bytes() == page and sidecar.is_file() and sidecar.read_bytes() == meta:
            return Added("already present", target, document)
        if _same_article(target, document):
            return Added("already present", target, document)  # same article, other ads or scripts
        if not replace:
            raise SourceError(target, "already holds another article under this name; rename the new file "
                                      "or delete the old one first")
        status = "updated"
    else:
        status = "added"
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(target, page)
    _write_atomically(sidecar, meta)
    return Added(status, target, document)


def _same_article(saved: Path, document: Document) -> bool:
    try:
        old = read_html(saved, doc_id=document.doc_id)
    except SourceError:
        return False
    return (old.text, old.dct, old.title, old.publisher, old.url, old.language) == \
        (document.text, document.dct, document.title, document.publisher, document.url, document.language)


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    tmp.write_bytes(data)
    tmp.replace(path)


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
