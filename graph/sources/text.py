"""Plain-text articles: ``NAME.txt`` with a JSON metadata file beside it -> a Document.

``sources/NAME.txt`` holds the article as published (title on the first line, then paragraphs);
``sources/NAME.json`` holds its metadata::

    {"title": "...", "publisher": "Al Jazeera", "url": "https://...",
     "published": "2017-12-11", "language": "en"}

Every key is optional but ``published`` (or ``--dct``, or a "Published: 21 May 2023" line under the
title: :func:`date_line`) is needed to anchor relative dates. Text is UTF-8 (a byte-order mark is
dropped, and UTF-16 or UTF-32 with a byte-order mark is read too); control characters read as
spaces, and vertical tab, form feed and the Unicode line and paragraph separators as line breaks,
one character for one, so offsets index the file's characters. Saved pages reuse the metadata and
body rules here (:mod:`graph.sources.html_page`).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from graph.errors import SourceError
from graph.model import Document

from .files import MAX_METADATA_BYTES, article_byte_limit, read_untrusted, without_surrogates

__all__ = ["METADATA_KEYS", "date_line", "read_article", "split_body"]
METADATA_KEYS = {"title", "publisher", "url", "published", "language"}

# Characters XML forbids (the GraphML and GEXF exports could not carry them) and terminal control
# codes read as a space; the ones that break lines in Python (str.splitlines) as a line break.
_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_PLAIN = {**{code: " " for code in (*range(0x20), 0x7F, *range(0x80, 0xA0), 0xFFFE, 0xFFFF)
             if chr(code) not in "\t\n\r"},
          **{ord(char): "\n" for char in _LINE_BREAKS}}
_NOT_PLAIN = re.compile("[" + "".join(re.escape(chr(code)) for code in _PLAIN) + "]")
_BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xef\xbb\xbf", "utf-8-sig"),
         (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))

# A line near the top stating when the article came out; the first lines only, so a date line
# quoted in the story is not taken for its own.
DATE_LINE_REACH = 6
_DATE_LINE = re.compile(r"\s*(?:first\s+)?(?:published|posted|updated|last\s+updated|date)\b\s*(?:on\b)?[\s:,-]*"
                        r"(?P<when>.{6,80}?)\s*$", re.IGNORECASE)
_MONTH_NAME = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE)
_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")

# A caption's photo credit sits in brackets at its end: "[Name/Agency via Reuters]".
_CREDIT = re.compile(r"\[[^\]]{2,120}\]\s*$")
# Lines naming the outlet or the writer rather than telling the news.
_BYLINE = re.compile(r"^(source|sources|by|reporting by|written by|additional reporting by|editing by|photo|image)\b[: ]",
                     re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s*$")


def read_article(path: Path, dct: date | None = None, *, data: bytes | None = None) -> Document:
    """Read a plain-text article and its metadata into a Document.

    Parameters
    ----------
    path
        The ``.txt`` file; metadata is read from the ``.json`` file of the same stem, if any.
    dct
        Publication date to use when the metadata gives none (or to override it).
    data
        The file's bytes, when the caller read them already (``graph.sources.read_source`` does,
        with its size limit); else the file is read, within the default limit.

    Raises
    ------
    SourceError
        Empty or undecodable text, malformed metadata, or no publication date.
    """
    raw = data if data is not None else read_untrusted(path, article_byte_limit(".txt"))
    text = _plain(_decode(raw, path))
    if not text.strip():
        raise SourceError(path, "empty article (no text); put the article's text in the file")
    meta = _read_metadata(path)
    published = dct or _parse_date(meta.get("published"), path.with_suffix(".json")) or date_line(text)
    if published is None:
        raise SourceError(path, "no publication date; add \"published\": \"YYYY-MM-DD\" to "
                                f"{path.with_suffix('.json').name}, a \"Published: 21 May 2023\" line "
                                "under the title, or pass --dct YYYY-MM-DD")
    title_range, body = split_body(text)
    title = meta.get("title") or text[title_range[0]:title_range[1]].strip()
    return Document(
        doc_id=path.stem, text=text, dct=published, title=title,
        publisher=meta.get("publisher", ""), url=meta.get("url", ""),
        language=meta.get("language") or "en", path=path, body=tuple(body), headline=_headline(title_range),
    )


def split_body(text: str) -> tuple[tuple[int, int], list[tuple[int, int]]]:
    """Split an article into its title line and its body paragraphs (character ranges).

    The first non-empty line is the title. A paragraph is body text when it ends like a sentence;
    headings, photo captions (lines that end without a full stop or with a bracketed credit) and
    bylines ("Source: ...", "By ...") are left out, so their names never become actors.
    """
    lines = list(_lines(text))
    if not lines:
        return (0, 0), []
    title = lines[0]
    body = [(start, end) for start, end in lines[1:] if _is_body(text[start:end])]
    return title, body


# A first line longer than this is a paragraph that lost its title, not a headline.
HEADLINE_MAX_CHARS = 300


def _headline(title: tuple[int, int]) -> tuple[int, int] | None:
    """The title line as the article's headline, unless it is empty or too long to be one."""
    return title if 0 < title[1] - title[0] <= HEADLINE_MAX_CHARS else None


def _is_body(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) and not _CREDIT.search(line) and not _BYLINE.match(line)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    for match in re.finditer(f"[^\r\n{_LINE_BREAKS}]+", text):
        stripped = match.group().strip()
        if stripped:
            start = match.start() + match.group().index(stripped)
            yield start, start + len(stripped)


def _decode(raw: bytes, path: Path) -> str:
    """The text of the file ``path``'s bytes ``raw``: UTF-8, or UTF-16/32 when a byte-order mark
    says so (the mark dropped)."""
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), None)
    if encoding is None and b"\x00" in raw[:8192]:
        raise SourceError(path, "binary file, not text; give a UTF-8 text article")
    try:
        return raw.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(path, f"not {encoding or 'UTF-8'} text (byte 0x{raw[exc.start]:02x} at offset "
                                f"{exc.start}); convert it to UTF-8") from exc


def _plain(text: str) -> str:
    """``text`` with control characters as spaces, line-breaking ones as line breaks and lone
    surrogates (a JSON string may hold "\\ud800") as U+FFFD: the same length."""
    return without_surrogates(text.translate(_PLAIN) if _NOT_PLAIN.search(text) else text)


def _read_metadata(path: Path) -> dict[str, str]:
    """The metadata beside the article, or, for a link to an article, beside the article linked to."""
    meta_path = path.with_suffix(".json")
    if not meta_path.exists() and path.is_symlink():
        meta_path = path.resolve().with_suffix(".json")
    if not meta_path.exists():
        return {}
    raw = read_untrusted(meta_path, MAX_METADATA_BYTES, what="JSON metadata file",
                         too_large=lambda size: f"metadata file of {size:,} bytes; metadata is a few short strings "
                                                f"(at most {MAX_METADATA_BYTES:,} bytes)")
    try:
        meta = json.loads(_decode(raw, meta_path), parse_int=lambda digits: _json_int(digits, meta_path))
    except json.JSONDecodeError as exc:
        raise SourceError(meta_path, f"malformed JSON metadata (line {exc.lineno}: {exc.msg})") from exc
    except RecursionError:  # json recurses once per nested array or object: "[[[[..." exhausts the stack
        raise SourceError(meta_path, "malformed JSON metadata (nested too deeply); metadata is one flat "
                                     "JSON object") from None
    if not isinstance(meta, dict):
        raise SourceError(meta_path, "metadata must be a JSON object of title, publisher, url, published, language")
    unknown = set(meta) - METADATA_KEYS
    if unknown:
        raise SourceError(meta_path, f"unknown metadata key(s) {sorted(unknown)}; allowed: {sorted(METADATA_KEYS)}")
    for key, value in meta.items():
        if not isinstance(value, str):
            raise SourceError(meta_path, f"metadata {key!r} must be a string, not {_json_type(value)}")
    return {key: _plain(value) for key, value in meta.items()}


# Python refuses to convert an integer of more than 4,300 digits (a ValueError from deep inside
# json); no metadata value is a number at all, so a long one is refused before the conversion.
_JSON_INT_DIGITS = 100


def _json_int(digits: str, where: Path) -> int:
    """A JSON integer of metadata; one of more than ``_JSON_INT_DIGITS`` digits is a SourceError."""
    if len(digits) > _JSON_INT_DIGITS:
        raise SourceError(where, f"a number of {len(digits.lstrip('-')):,} digits in the metadata; metadata values "
                                 "are strings")
    return int(digits)


def _json_type(value: object) -> str:
    return {dict: "an object", list: "an array", bool: "true or false", type(None): "null"}.get(
        type(value), "a number")


def date_line(text: str) -> date | None:
    r"""The publication date an article states near its top ("Published: 21 May 2023",
    "Updated on Sunday, May 21, 2023 09:30 GMT"), if it names a day with a month name or in ISO form.

    Examples
    --------
    >>> date_line("Truce agreed\n\nPublished: 21 May 2023\n\nThe two sides...")
    datetime.date(2023, 5, 21)
    >>> date_line("Truce agreed\n\nPublished: 05/06/2023\n") is None  # day or month first? not guessed
    True
    """
    for start, end in itertools.islice(_lines(text), DATE_LINE_REACH):
        found = _DATE_LINE.match(text[start:end])
        if found and (_MONTH_NAME.search(found["when"]) or _ISO_DAY.search(found["when"])):
            day = _full_date(found["when"])
            if day is not None:
                return day
    return None


def _full_date(when: str) -> date | None:
    """``when`` as a date when it gives day, month and year (two defaults must agree on all three)."""
    from datetime import datetime

    from dateutil import parser

    try:
        first = parser.parse(when, fuzzy=True, default=datetime(1900, 1, 1))
        second = parser.parse(when, fuzzy=True, default=datetime(1904, 2, 2))
    except (ValueError, OverflowError):
        return None
    return first.date() if first.date() == second.date() else None


def _parse_date(value: str | None, where: Path) -> date | None:
    """An ISO day (``2017-12-11``) or time stamp (``2017-12-11T09:30:00+03:00``), nothing more."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError as exc:
        raise SourceError(where, f"'published' is {value!r}, not an ISO date; write YYYY-MM-DD") from exc
