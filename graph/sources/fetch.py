"""Pages from the web or the disk saved into a sources folder: a URL or ``.html`` file -> ``SOURCES/<slug>.html``.

This is the one place that reaches the network, and only for the http(s) URLs the user gives. A
page is checked (decodable HTML, main text, publication date) before anything is written, then
saved as ``SOURCES/<slug>.html`` with ``SOURCES/<slug>.json`` beside it (title, publisher, url,
published, language: the metadata format of :mod:`graph.sources.text`). The slug comes from the
URL (or the file's name), so adding the same page again finds it already there and changes nothing.
"""

from __future__ import annotations

import ipaddress
import json
import os
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from graph.errors import SourceError
from graph.model import Document

from .html_page import (
    HTML_SUFFIXES,
    NoDateError,
    decode_html,
    metadata_json,
    read_html,
    url_slug,
)

__all__ = ["MAX_PAGE_BYTES", "USER_AGENT", "Added", "add_page", "fetch_page"]
USER_AGENT = "timeline-kg/0.1 (news to event-timeline knowledge graph)"
MAX_PAGE_BYTES = 20 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class Added:
    """What ``add_page`` did with one page: ``status`` is "added", "updated" or "already present"."""

    status: str
    path: Path
    document: Document


def add_page(item: str, sources: Path, *, dct: date | None = None, timeout: float = 20.0) -> Added:
    """Save one page (an http(s) URL, fetched, or a local .html file) into ``sources``.

    The page is read (``graph.sources.html_page.read_html``) before anything is written, so a page
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
