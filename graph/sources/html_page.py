"""Reading saved news pages (HTML): the main text with trafilatura, the publication date with htmldate.

A page ``sources/NAME.html`` (or ``.htm``) becomes a Document like a plain-text article: its text is
the headline on the first line, then the article's paragraphs separated by blank lines, so
``graph.sources.split_body`` finds the body the same way. Navigation, footers, advertisements,
comments, tables of links and photo captions are not part of it. The publication date is the page's
original one (``article:published_time``, JSON-LD ``datePublished``, ``<time datetime>``...), never
its last-modified date, and no guess is made from dates in the running text. A ``NAME.json`` file
beside the page (the format of ``graph.sources``) overrides what the page says.

Nothing here reaches the network: fetching is ``timeline-kg add``'s job (``graph.sources.fetch``).
"""

from __future__ import annotations

import codecs
import hashlib
import json
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from graph.errors import SourceError
from graph.model import Document

from .files import article_byte_limit, read_untrusted, without_surrogates
from .text import _headline, _parse_date, _read_metadata, split_body

__all__ = ["HTML_SUFFIXES", "NoDateError", "decode_html", "metadata_json", "read_html", "url_slug"]

HTML_SUFFIXES = (".html", ".htm")

# htmldate settings: the original publication date, from the markup only (metadata, JSON-LD, <time>,
# the URL), never from dates it could find in the running text, which tell the news, not its date.
_DATE_SEARCH = {"original_date": True, "extensive_search": False, "outputformat": "%Y-%m-%d"}
# trafilatura settings: the article's paragraphs only.
_EXTRACT = {"output_format": "txt", "include_comments": False, "include_tables": False,
            "include_links": False, "include_images": False, "include_formatting": False,
            "favor_precision": True, "deduplicate": False, "with_metadata": False}

class NoDateError(SourceError):
    """The page states no publication date (and none was given)."""


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|article|main|p|div)\b", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def read_html(source: Path | str | bytes, *, url: str = "", dct: date | None = None,
              doc_id: str | None = None, data: bytes | None = None) -> Document:
    """Read a news page into a Document: main text, title, publisher, URL, language, publication date.

    Parameters
    ----------
    source
        A path to a saved page (``.html``/``.htm``; a ``.json`` file of the same stem, if any,
        overrides the page's metadata) or the page's bytes.
    url
        Where the page came from, when the page does not say (its canonical URL wins otherwise).
    dct
        Publication date to use when the page gives none (or to override it).
    doc_id
        Identifier of the article; by default the file stem, or a slug of ``url`` for bytes.
    data
        The bytes of the file ``source``, when the caller read them already
        (``graph.sources.read_source`` does, with its size limit); else the file is read, within
        the default limit.

    Returns
    -------
    Document
        ``text`` is the headline line, then the paragraphs separated by blank lines; ``body``
        the paragraphs' character ranges.

    Raises
    ------
    SourceError
        The page cannot be read or decoded, is not HTML, has no main text, or has no
        publication date and no ``dct`` was given.

    Examples
    --------
    >>> page = b'''<html><head><title>Talks end</title>
    ... <meta property="article:published_time" content="2023-05-18T07:45:00Z"></head>
    ... <body><nav><a href="/">Home</a></nav><article><h1>Talks end</h1>
    ... <p>The two delegations met in Geneva on Tuesday and agreed to a ceasefire on Wednesday.</p>
    ... </article></body></html>'''
    >>> doc = read_html(page, url="https://news.example.org/talks-end")
    >>> doc.dct, doc.title, doc.doc_id
    (datetime.date(2023, 5, 18), 'Talks end', 'news-example-org-talks-end-5fa78210')
    >>> print(doc.text)
    Talks end
    <BLANKLINE>
    The two delegations met in Geneva on Tuesday and agreed to a ceasefire on Wednesday.
    <BLANKLINE>
    """

    path = None if isinstance(source, bytes) else Path(source)
    where: object = path if path is not None else (url or "<html page>")
    raw = source if isinstance(source, bytes) else data if data is not None else \
        read_untrusted(path, article_byte_limit(path.suffix))
    html = decode_html(raw, where)
    tree = _parse(html, where)
    page = _page_metadata(tree, url)
    text = _main_text(html, page["title"], url, where)
    title_range, body = split_body(text)
    if not body:
        raise SourceError(where, "no main text found: no paragraph of running text in the page; "
                                 "save the article's text as a .txt file instead")
    meta = {**page, **{k: v for k, v in _read_metadata(path).items() if v}} if path is not None else page
    published = dct or _parse_date(meta.get("published"), path.with_suffix(".json") if path else where)
    if published is None:
        hint = f" or add \"published\": \"YYYY-MM-DD\" to {path.with_suffix('.json').name}" if path else ""
        raise NoDateError(where, "no publication date in the page (no article:published_time, JSON-LD "
                                 f"datePublished or <time datetime>); pass --dct YYYY-MM-DD{hint}")
    if doc_id is None:
        doc_id = path.stem if path is not None else url_slug(url) if url else "page"
    return Document(
        doc_id=doc_id, text=text, dct=published, title=meta.get("title") or text[slice(*title_range)],
        publisher=meta.get("publisher", ""), url=meta.get("url", ""), language=meta.get("language") or "en",
        path=path, body=tuple(body), headline=_headline(title_range),
    )


def decode_html(raw: bytes, where: object, charset: str | None = None) -> str:
    """The page's characters: a byte-order mark first, then ``charset`` (an HTTP header's), then
    the page's own ``<meta charset>``, else UTF-8. No guessing: what fails to decode is an error.

    Examples
    --------
    >>> decode_html('<meta charset="iso-8859-1"><p>Caf\\xe9</p>'.encode("latin-1"), "x.html")
    '<meta charset="iso-8859-1"><p>Café</p>'
    >>> decode_html(b"<p>\\xff\\xfe</p>", "x.html")
    Traceback (most recent call last):
    ...
    graph.errors.SourceError: x.html: not decodable as utf-8 (byte 0xff at offset 3); save the page as UTF-8 or declare its <meta charset>
    """
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            break
    else:
        if b"\x00" in raw[:8192]:
            raise SourceError(where, "binary file, not an HTML page")
        declared = _DECLARED.search(raw[:4096])
        encoding = charset or (declared.group(1).decode("ascii") if declared else "utf-8")
    try:
        return without_surrogates(raw.decode(encoding))  # "unicode_escape" turns b"\\ud800" into one
    except LookupError:
        raise SourceError(where, f"unknown character encoding {encoding!r}; save the page as UTF-8") from None
    except UnicodeDecodeError as exc:
        raise SourceError(where, f"not decodable as {encoding} (byte 0x{raw[exc.start]:02x} at offset "
                                 f"{exc.start}); save the page as UTF-8 or declare its <meta charset>") from exc
    except UnicodeError as exc:  # codecs such as 'undefined' and 'punycode' fail without a byte position
        raise SourceError(where, f"not decodable as {encoding} ({exc}); save the page as UTF-8") from exc


def url_slug(url: str) -> str:
    """A file name for the page at ``url``: readable words of its address and a short hash of it.

    The same URL (up to a ``#fragment`` and the case of its scheme and host) gives the same slug.

    Examples
    --------
    >>> url_slug("https://www.example.org/world/2023/05/18/geneva-talks.html#comments")
    'example-org-world-2023-05-18-geneva-talks-a7158469'
    """
    parts = urlsplit(url.strip())
    address = f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path or '/'}"
    address += f"?{parts.query}" if parts.query else ""
    host = (parts.hostname or "").removeprefix("www.")
    path = re.sub(r"\.(html?|php|aspx?|jsp)$", "", parts.path, flags=re.IGNORECASE)
    words = re.findall(r"[a-z0-9]+", f"{host} {path}".lower())
    stem = "-".join(words)
    if len(stem) > 60:
        stem = stem[:60].rsplit("-", 1)[0]
    return f"{stem or 'page'}-{hashlib.sha1(address.encode('utf-8')).hexdigest()[:8]}"


def _parse(html: str, where: object):
    from trafilatura.utils import load_html

    tree = load_html(html) if _TAG.search(html[:65536]) else None
    if tree is None:
        raise SourceError(where, "not an HTML page (no <html>, <body> or <p> element); "
                                 "give a saved web page, or a .txt article")
    return tree


def _page_metadata(tree, url: str) -> dict[str, str]:
    """Title, publisher, url, published and language as the page states them ('' when it does not)."""
    from trafilatura import extract_metadata

    found = extract_metadata(tree, default_url=url or None, date_config=dict(_DATE_SEARCH), extensive=False)
    return {"title": _clean(found.title), "publisher": _clean(found.sitename),
            "url": found.url or url or "", "published": found.date or "", "language": _language(tree)}


def _language(tree) -> str:
    """The page's declared language as a primary subtag ("en-GB" -> "en"), else ''."""
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not declared:
        for node in tree.iterfind(".//meta[@property='og:locale']"):
            declared = node.get("content", "")
            break
    return re.split(r"[-_]", declared.strip().lower(), maxsplit=1)[0] if declared.strip() else ""


def _main_text(html: str, title: str, url: str, where: object) -> str:
    """The headline, then each paragraph of the article's main text, separated by blank lines."""
    from trafilatura import extract

    extracted = extract(html, url=url or None, **_EXTRACT) or ""
    paragraphs = [_clean(line) for line in extracted.splitlines() if line.strip()]
    if title and paragraphs and _key(paragraphs[0]) == _key(title):
        paragraphs = paragraphs[1:]  # the headline, when trafilatura keeps it in the text
    if not paragraphs:
        raise SourceError(where, "no main text found in the page (no article body); "
                                 "save the article's text as a .txt file instead")
    return "\n\n".join(([title] if title else []) + paragraphs) + "\n"


def _clean(value: str | None) -> str:
    return _SPACE.sub(" ", value or "").strip()


def _key(value: str) -> str:
    return _clean(value).casefold()


def metadata_json(document: Document) -> str:
    """The ``NAME.json`` text graph.sources reads for ``document`` (title, publisher, url, published, language)."""
    meta = {"title": document.title, "publisher": document.publisher, "url": document.url,
            "published": document.dct.isoformat() if document.dct else "", "language": document.language}
    return json.dumps(meta, ensure_ascii=False) + "\n"
