"""Pages from the web or the disk saved into a sources folder: a URL or ``.html`` file -> ``SOURCES/<slug>.html``.

This is the one place that reaches the network, and only for the http(s) URLs the user gives
(:func:`fetch_page`: one deadline for the whole fetch, http(s) only at every redirect, no loopback,
link-local or private address unless allowed, the connection made to the address checked). A
page is checked (decodable HTML, main text, publication date) before anything is written, then
saved as ``SOURCES/<slug>.html`` with ``SOURCES/<slug>.json`` beside it (title, publisher, url,
published, language: the metadata format of :mod:`graph.sources.text`). The slug comes from the
URL (or the file's name), so adding the same page again finds it already there and changes nothing.
"""

from __future__ import annotations

import errno
import http.client
import ipaddress
import json
import os
import socket
import ssl
import threading
import time
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from graph.errors import SourceError
from graph.model import Document

from .files import MAX_METADATA_BYTES, read_untrusted
from .html_page import (
    HTML_SUFFIXES,
    NoDateError,
    decode_html,
    metadata_json,
    read_html,
    url_slug,
)

__all__ = ["MAX_PAGE_BYTES", "MAX_REDIRECTS", "USER_AGENT", "Added", "add_page", "fetch_page", "is_web_address"]
USER_AGENT = "timeline-kg/0.1 (news to event-timeline knowledge graph)"
MAX_PAGE_BYTES = 20 * 1024 * 1024
_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class Added:
    """What ``add_page`` did with one page: ``status`` is "added", "updated" or "already present"."""

    status: str
    path: Path
    document: Document


def add_page(item: str, sources: Path, *, dct: date | None = None, timeout: float = 20.0,
             allow_private: bool = False) -> Added:
    """Save one page (an http(s) URL, fetched, or a local .html file) into ``sources``.

    The page is read (``graph.sources.html_page.read_html``) before anything is written, so a page
    without text or date leaves ``sources`` as it was. ``dct`` serves only when the page states
    no publication date; it is then written to the page's ``.json``. ``timeout`` and
    ``allow_private`` are :func:`fetch_page`'s.

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
    if is_web_address(item):
        raw, charset = fetch_page(item, timeout, allow_private=allow_private)
        page, slug = _as_utf8_if_needed(raw, charset, item), url_slug(item)
        source: Path | bytes = page
    else:
        source = Path(item)
        if source.suffix.lower() not in HTML_SUFFIXES:
            raise SourceError(source, "not an http(s) URL nor an .html/.htm, .txt or .tml file")
        page, slug = read_untrusted(source, MAX_PAGE_BYTES), _file_slug(source)
    url = item if isinstance(source, bytes) else ""
    data = page if isinstance(source, Path) else None  # read once, by the one reader of article files
    try:
        document = read_html(source, url=url, doc_id=slug, data=data)
    except NoDateError:
        given = dct or _saved_date(sources / f"{slug}.json")  # an undated page added before, with --dct
        if given is None:
            raise
        document = read_html(source, url=url, doc_id=slug, dct=given, data=data)
    return _save(page, document, sources / f"{slug}.html", replace=bool(url))


def is_web_address(item: str) -> bool:
    """Whether ``item`` is meant as an http(s) URL (valid or not: :func:`fetch_page` says what is wrong).

    Examples
    --------
    >>> is_web_address("HTTPS://example.org/a b"), is_web_address("http://[::1"), is_web_address("news/a.html")
    (True, True, False)
    """
    return item[:8].lower().startswith(("http://", "https://"))


def _saved_date(sidecar: Path) -> date | None:
    """The date an undated page was added with before (its ``.json``), if it is there and readable."""
    if not sidecar.exists():
        return None
    try:
        meta = json.loads(read_untrusted(sidecar, MAX_METADATA_BYTES, what="JSON metadata file").decode("utf-8"))
        return date.fromisoformat(meta["published"][:10])
    except (SourceError, ValueError, KeyError, TypeError):  # ValueError: also bad UTF-8, bad JSON, huge numbers
        return None


def _file_slug(path: Path) -> str:
    """``My Page (1).html`` -> ``my-page-1``."""
    words = "".join(c if c.isalnum() else " " for c in path.stem.lower()).split()
    return "-".join(words) or "page"


def fetch_page(url: str, timeout: float, *, allow_private: bool = False) -> tuple[bytes, str | None]:
    """The bytes of the HTML page at ``url`` and the charset its server declared (if any).

    ``timeout`` bounds the whole fetch: name lookups, connections, every redirect and every read
    (a server sending one byte a second is cut at the deadline, not kept waiting on per read).
    Each URL, the given one and every redirect's, must be http(s) and name a host whose every
    address is public: a loopback, link-local or private address (this machine, the local network,
    a cloud's metadata service) is refused unless ``allow_private``. The connection goes to the
    address that was checked, not to a second lookup of the name, which could answer otherwise
    (DNS rebinding); so proxies set in the environment are not used.

    Raises
    ------
    SourceError
        One line naming ``url``: not a valid http(s) URL, a refused address, unreachable host, no
        complete answer within ``timeout``, an HTTP error status, a redirect to another scheme, a
        redirect loop or too many redirects, or a response that is not an HTML page.
    """
    deadline = _Deadline(timeout)
    current = _checked_url(url, url)
    visited = [current]
    for _ in range(MAX_REDIRECTS + 1):
        answer = _get_once(url, current, deadline, allow_private, redirected=len(visited) > 1)
        if isinstance(answer, tuple):
            return answer
        target = _checked_url(url, urljoin(current, answer), redirected=True)
        if target in visited:
            raise SourceError(url, f"redirect loop (back to {target}); the page cannot be fetched")
        visited.append(target)
        current = target
    raise SourceError(url, f"more than {MAX_REDIRECTS} redirects; the page cannot be fetched")


# Browsers follow up to 20; a news page that needs more than a few is broken or a trap.
MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
_URL_SAFE = "/%:@!$&'()*+,;=-._~?#[]"  # what urllib.parse.quote leaves as it is in a URL's path and query


class _Deadline:
    """The time left of one fetch, and whether it ran out."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds
        self.expired = False

    def left(self) -> float:
        left = self.ends - time.monotonic()
        if left <= 0:
            self.expired = True
            raise TimeoutError
        return left


def _checked_url(given: str, url: str, *, redirected: bool = False) -> str:
    """``url`` as sent: http(s), a host, no space or control character, non-ASCII percent-encoded
    (the host IDNA-encoded). Else a SourceError naming ``given`` (what the user typed)."""
    via = f"redirected to {url!r}, which is " if redirected else ""
    bad = next(((i, c) for i, c in enumerate(url) if c.isspace() or unicodedata.category(c) == "Cc"), None)
    if bad is not None:
        what = "a space" if bad[1] == " " else f"the control character U+{ord(bad[1]):04X}"
        raise SourceError(given, f"{via}not a valid URL ({what} at character {bad[0] + 1}); percent-encode it "
                                 "(a space is %20)")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:  # "Port out of range 0-65535", an unbalanced "[" in the host
        raise SourceError(given, f"{via}not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise SourceError(given, f"{via}not an http(s) URL; only http and https are fetched")
    if not parts.hostname:
        raise SourceError(given, f"{via}not a valid URL (no host name)")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise SourceError(given, f"{via}not a valid URL (host name {parts.hostname!r})") from None
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{port}" if port is not None else ""
    path = quote(parts.path or "/", safe=_URL_SAFE)
    query = f"?{quote(parts.query, safe=_URL_SAFE)}" if parts.query else ""
    return f"{parts.scheme.lower()}://{netloc}{path}{query}"


def _get_once(given: str, url: str, deadline: _Deadline, allow_private: bool, *,
              redirected: bool) -> tuple[bytes, str | None] | str:
    """One GET of ``url``: the page and its charset, or the ``Location`` of a redirect. Errors name
    ``given``, the URL the user gave."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    connection = None
    try:
        addresses = _resolve(parts.hostname, port, deadline)
        if not allow_private:
            _check_addresses(given, url if redirected else "", parts.hostname, addresses)
        connection = _connection(parts.scheme, parts.hostname, port, addresses, deadline)
        with _Watchdog(connection, deadline) as watchdog:
            connection.request("GET", url[url.index("/", len(parts.scheme) + 3):],
                               headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5",
                                        "Accept-Encoding": "identity", "Connection": "close"})
            response = connection.getresponse()
            watchdog.answered = True
            return _answer(given, response, deadline)
    except SourceError:
        raise
    except (TimeoutError, socket.timeout) as exc:
        raise SourceError(given, _late(deadline, answered=getattr(exc, "answered", False))) from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if deadline.expired:  # the watchdog cut the connection
            raise SourceError(given, _late(deadline, answered=getattr(exc, "answered", False))) from None
        if isinstance(exc, (ConnectionRefusedError, socket.gaierror)) or (
                isinstance(exc, OSError) and exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH)):
            raise SourceError(given, f"cannot reach the host ({exc.strerror or exc})") from None
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise SourceError(given, f"cannot fetch: {detail}") from None
    finally:
        if connection is not None:
            connection.close()


def _late(deadline: _Deadline, *, answered: bool) -> str:
    if answered:
        return (f"page not received in full within {deadline.seconds:g} s (the whole fetch); the server sends "
                "too slowly: try again or raise --timeout")
    return f"no answer within {deadline.seconds:g} s; try again or raise --timeout"


def _resolve(host: str, port: int, deadline: _Deadline) -> list[str]:
    """The addresses of ``host``, looked up within the deadline (the lookup itself has no timeout,
    so it runs in a thread that is left behind if it takes too long)."""
    found: list = []

    def lookup() -> None:
        try:
            found.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as exc:
            found.append(exc)

    thread = threading.Thread(target=lookup, daemon=True)
    thread.start()
    thread.join(deadline.left())
    if not found:
        deadline.expired = True
        raise TimeoutError
    if isinstance(found[0], OSError):
        raise found[0]
    return list(dict.fromkeys(info[4][0] for info in found[0]))


def _check_addresses(given: str, redirect: str, host: str, addresses: list[str]) -> None:
    """Refuse a host any of whose addresses is not public (``redirect``: the URL redirected to, if any)."""
    for address in addresses:
        kind = _not_public(address)
        if kind is not None:
            via = f"redirected to {redirect!r}, whose host " if redirect else "host "
            shown = host if host == address else f"{host} ({address})"
            raise SourceError(given, f"{via}{shown} is a {kind} address; refused (pass --allow-private to "
                                     "fetch from this machine or the local network)")


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _not_public(address: str) -> str | None:
    """What kind of non-public address ``address`` is ("loopback", "private"...), or None."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 scope ("fe80::1%eth0") is no part of it
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address in IPv6 clothing is judged as IPv4: mapped, 6to4, and NAT64's well-known
        # prefix, which a gateway translates into the IPv4 address in its last 32 bits.
        nat64 = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None
        ip = ip.ipv4_mapped or ip.sixtofour or nat64 or ip
    for kind in ("loopback", "link_local", "unspecified", "multicast", "private", "reserved"):
        if getattr(ip, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if ip.is_global else "non-public"


def _connection(scheme: str, host: str, port: int, addresses: list[str],
                deadline: _Deadline) -> http.client.HTTPConnection:
    """An open connection to the first of ``addresses`` that answers, named ``host`` (for the Host
    header and the TLS certificate), never looked up again."""
    if scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            host, port, timeout=deadline.left(), context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(host, port, timeout=deadline.left())

    def to_checked_address(_address, _timeout, source_address=None) -> socket.socket:
        error: OSError | None = None
        for address in addresses:
            try:
                return socket.create_connection((address, port), deadline.left(), source_address)
            except (TimeoutError, socket.timeout):
                raise
            except OSError as exc:
                error = exc
        raise error or OSError("no address")

    connection._create_connection = to_checked_address  # http.client's own hook for making the socket
    connection.connect()
    return connection


class _Watchdog:
    """Cuts ``connection`` when the deadline passes, whatever it is waiting on (headers or body
    trickling in a byte at a time reset each read's timeout; this does not)."""

    def __init__(self, connection: http.client.HTTPConnection, deadline: _Deadline) -> None:
        self.deadline = deadline
        self.descriptor = connection.sock.fileno()
        self.lock = threading.Lock()
        self.done = False
        self.answered = False
        self.timer = threading.Timer(deadline.left(), self._cut)
        self.timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self.timer.start()
        return self

    def __exit__(self, kind, error, _traceback) -> None:
        with self.lock:
            self.done = True
        self.timer.cancel()
        if error is not None:
            error.answered = self.answered  # which message, if it is the deadline: no answer, or a page cut short

    def _cut(self) -> None:
        with self.lock:
            if self.done:
                return
            self.deadline.expired = True
            try:  # shutting down a duplicate of the descriptor shuts the connection both share
                with socket.socket(fileno=os.dup(self.descriptor)) as duplicate:
                    duplicate.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _answer(given: str, response: http.client.HTTPResponse, deadline: _Deadline) -> tuple[bytes, str | None] | str:
    if response.status in _REDIRECTS:
        location = response.getheader("Location")
        if not location:
            raise SourceError(given, f"HTTP {response.status} redirect without a Location; the page cannot be fetched")
        return location
    if response.status != 200:
        raise SourceError(given, f"HTTP error {response.status} {' '.join(response.reason.split())}")
    content_type = response.msg.get_content_type() if response.getheader("Content-Type") else ""
    if content_type and content_type not in _HTML_TYPES:
        raise SourceError(given, f"not an HTML page (Content-Type: {content_type})")
    chunks, size = [], 0
    while size <= MAX_PAGE_BYTES:
        deadline.left()
        chunk = response.read1(min(65536, MAX_PAGE_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if deadline.expired:  # the watchdog cut the connection: what was read is a part of the page
        raise TimeoutError
    if size > MAX_PAGE_BYTES:
        raise SourceError(given, f"page larger than {MAX_PAGE_BYTES // 2**20} MiB; not a news article")
    return b"".join(chunks), response.msg.get_content_charset()


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
        if _held(target, MAX_PAGE_BYTES) == page and _held(sidecar, MAX_METADATA_BYTES) == meta:
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


def _held(path: Path, limit: int) -> bytes | None:
    """What the file ``path`` in the sources folder holds, or None when it is no readable regular file."""
    try:
        return read_untrusted(path, limit)
    except SourceError:
        return None


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
