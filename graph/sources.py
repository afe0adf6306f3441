"""Reading articles: plain UTF-8 text with a JSON metadata file beside it.

``sources/NAME.txt`` holds the article as published (title on the first line, then paragraphs);
``sources/NAME.json`` holds its metadata::

    {"title": "...", "publisher": "Al Jazeera", "url": "https://...",
     "published": "2017-12-11", "language": "en"}

Every key is optional but ``published`` (or ``--dct``, or a "Published: 21 May 2023" line under the
title: :func:`date_line`) is needed to anchor relative dates. The
identifier of the article is the file stem. TimeML files (``.tml``) are read by ``graph.timeml``,
saved news pages (``.html``, ``.htm``, with an optional ``NAME.json`` too) by ``graph.html_source``.

Articles are untrusted input, read defensively by :func:`read_source`:

- text is UTF-8 (a byte-order mark is dropped, and UTF-16 or UTF-32 with a byte-order mark is read
  too); control characters read as spaces, and vertical tab, form feed and the Unicode line and
  paragraph separators as line breaks, one character for one, so offsets index the file's characters;
- an article longer than ``MAX_ARTICLE_CHARS`` characters is refused unless the caller raises the
  limit; a paragraph longer than ``MAX_PIECE_CHARS`` is parsed in pieces cut at sentence ends;
- an article whose metadata names another language than English, or whose text plainly is not
  English, is refused: the extractors know English only;
- what cannot be read (a broken symbolic link, a pipe, a folder we may not enter) is an error naming
  it, and folders are searched following links to folders, each folder once.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from .errors import SourceError
from .model import Document

__all__ = ["ARTICLE_SUFFIXES", "MAX_ARTICLE_CHARS", "MAX_PIECE_CHARS", "date_line", "find_sources", "read_article",
           "read_source", "split_body"]

ARTICLE_SUFFIXES = (".txt", ".tml", ".html", ".htm")
METADATA_KEYS = {"title", "publisher", "url", "published", "language"}

# Longest article text read by default (``timeline-kg build --max-chars`` changes it). A build of
# one article of a million characters takes about 4 minutes and 3 GB of memory (2 cores, 2026-11-30;
# benchmarks/long_article.py), and a long news story is 20,000: a bigger file is a dump or a book.
MAX_ARTICLE_CHARS = 1_200_000
# The most bytes one character takes in a file of each format (UTF-8 text; markup around the text
# of a page or a TimeML file): a bigger file cannot hold an article within the limit, and is refused
# before it is read.
_BYTES_PER_CHAR = {".txt": 4, ".tml": 16, ".html": 16, ".htm": 16}
# spaCy parses a body paragraph whole (up to its max_length of 1,000,000 characters), and the cost
# of some lookups grows with a paragraph's length: a longer paragraph is parsed in pieces.
MAX_PIECE_CHARS = 10_000
_PIECE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s)")  # a sentence end inside a paragraph
_SPACE = re.compile(r"\s+")
_SPACES = re.compile(r"\s*")

# English text is about 40 % function words of spaCy's English stop list ("the", "of", "said"...):
# 31 % at least in each of the 256 TimeML corpus articles, 0-12 % in news written in French,
# Spanish, German, Italian, Dutch or Indonesian, none in other scripts. Too few words say nothing.
ENGLISH_WORD_SHARE = 0.2
WORDS_TO_JUDGE_LANGUAGE = 20
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
_ENGLISH_TAGS = {"en", "eng", "english"}

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


def find_sources(paths: Iterable[Path]) -> list[Path]:
    """The article files named by ``paths`` (files, or folders searched recursively), sorted.

    A folder's search follows symbolic links to folders, entering each folder once (so a loop of
    links ends), and skips hidden names (``.git/``, ``._x.txt``). It also returns what looks like an
    article but cannot be read, a broken link or a folder it may not enter, for :func:`read_source`
    to report by name.

    Raises
    ------
    SourceError
        When a path does not exist or a folder holds no article.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(_articles_in(path))
            if not inside:
                raise SourceError(path, f"no article found (expected {', '.join(ARTICLE_SUFFIXES)} files)")
            found.extend(inside)
        elif path.exists() or path.is_symlink():  # a file, or a broken link read_source explains
            found.append(path)
        else:
            raise SourceError(path, "no such file or folder")
    return list(dict.fromkeys(found))


def _articles_in(folder: Path) -> Iterator[Path]:
    entered = {_identity(folder)}
    unreadable: list[Path] = []
    for root, folders, files in os.walk(folder, followlinks=True,
                                        onerror=lambda error: unreadable.append(Path(error.filename))):
        here = Path(root)
        folders[:] = [name for name in folders if not name.startswith(".") and _first_entry(here / name, entered)]
        for name in files:
            path = here / name
            if not name.startswith(".") and path.suffix.lower() in ARTICLE_SUFFIXES and not _is_build_output(path):
                yield path
    yield from unreadable


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None  # os.walk reports it
    return info.st_dev, info.st_ino


def _first_entry(folder: Path, entered: set) -> bool:
    """Whether the search enters ``folder`` now: not when it (by another link) was entered already."""
    identity = _identity(folder)
    if identity is not None and identity in entered:
        return False
    entered.add(identity)
    return True


def _is_build_output(path: Path) -> bool:
    """``graph.html`` beside ``timeline.ttl`` is what ``timeline-kg build`` wrote, not an article."""
    return path.name == "graph.html" and path.with_name("timeline.ttl").is_file()


def read_source(path: Path, dct: date | None = None, *, max_chars: int | None = MAX_ARTICLE_CHARS) -> Document:
    """Read one article of any supported format (plain text + JSON metadata, TimeML, or an HTML page).

    Parameters
    ----------
    path
        The article file.
    dct
        Publication date to use when the article states none (or to override it).
    max_chars
        The longest article text accepted, in characters (``None`` or 0: any length).

    Returns
    -------
    Document
        Its body ranges are paragraphs of at most ``MAX_PIECE_CHARS`` characters (a longer
        paragraph is cut at sentence ends).

    Raises
    ------
    SourceError
        One line naming the file: not a readable regular file (broken link, pipe, folder), longer
        than ``max_chars``, not in English, or whatever the format's reader refuses.
    """
    size = _checked_file(path)
    suffix = path.suffix.lower()
    if max_chars and size > _BYTES_PER_CHAR.get(suffix, 4) * max_chars:
        raise SourceError(path, _too_long(f"{size:,} bytes", max_chars))
    if suffix in (".html", ".htm"):
        from .html_source import read_html

        doc = read_html(path, dct=dct)
    elif suffix == ".tml":
        from .timeml import read_timeml

        doc = read_timeml(path)
        if dct is not None:
            doc = _with_dct(doc, dct)
    else:
        doc = read_article(path, dct)
    if max_chars and len(doc.text) > max_chars:
        raise SourceError(path, _too_long(f"{len(doc.text):,} characters", max_chars))
    _check_english(doc, path)
    return _in_pieces(doc)


def _checked_file(path: Path) -> int:
    """The size of the regular file at ``path``; anything else is a SourceError saying what it is."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise SourceError(path, f"broken symbolic link (to {os.readlink(path)}); fix or remove it") from None
        raise SourceError(path, "no such file") from None
    except OSError as exc:  # a loop of links, a folder on the way we may not enter
        raise SourceError(path, f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        try:
            os.listdir(path)
        except OSError as exc:
            raise SourceError(path, f"cannot read folder: {exc.strerror or exc}") from None
        raise SourceError(path, "a folder, not an article file")
    if not stat.S_ISREG(info.st_mode):
        raise SourceError(path, "not a regular file (a pipe, socket or device); give an article file")
    return info.st_size


def _too_long(size: str, max_chars: int) -> str:
    return (f"article too long ({size}; the limit is {max_chars:,} characters: a million take about 4 minutes "
            "and 3 GB of memory); split it into articles, or raise the limit with --max-chars N (0: none)")


def _check_english(doc: Document, path: Path) -> None:
    """Refuse an article its metadata says is in another language, or whose text is plainly not English."""
    if doc.language and not _is_english_tag(doc.language):
        raise SourceError(path, f"language {doc.language!r} in its metadata; timeline-kg reads English articles only")
    if _read_metadata(path).get("language"):
        return  # declared English: the user's word outweighs the word count
    words = _WORD.findall(doc.text[:200_000])
    if len(words) < WORDS_TO_JUDGE_LANGUAGE:
        return
    share = _english_share(words)
    if share < ENGLISH_WORD_SHARE:
        raise SourceError(path, f"does not read as English (only {share:.0%} of its words are common English "
                                f"words, against 30 % or more in English news); timeline-kg reads English articles "
                                f"only. If it is English, add \"language\": \"en\" to {path.with_suffix('.json').name}")


def _is_english_tag(tag: str) -> bool:
    """``en``, ``en-GB``, ``EN_us``, ``eng`` or ``English``."""
    return re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0] in _ENGLISH_TAGS


def _english_share(words: list[str]) -> float:
    from spacy.lang.en.stop_words import STOP_WORDS

    return sum(word.lower().replace("\u2019", "'") in STOP_WORDS for word in words) / len(words)


def _in_pieces(doc: Document) -> Document:
    """``doc`` with each body paragraph longer than ``MAX_PIECE_CHARS`` cut into pieces."""
    ranges = doc.body_ranges()
    if all(end - start <= MAX_PIECE_CHARS for start, end in ranges):
        return doc
    return replace(doc, body=tuple(piece for start, end in ranges for piece in _pieces(doc.text, start, end)))


def _pieces(text: str, start: int, end: int, limit: int = MAX_PIECE_CHARS) -> Iterator[tuple[int, int]]:
    """``text[start:end]`` in ranges of at most ``limit`` characters, cut after the last sentence end
    that fits, else at the last space, else anywhere; no range begins or ends with a space."""
    start, end = _SPACES.match(text, start, end).end(), start + len(text[start:end].rstrip())
    while end - start > limit:
        stop = _last_end(_PIECE_END, text, start, start + limit) or _last_start(_SPACE, text, start, start + limit)
        stop = stop if stop and stop > start else start + limit
        yield start, stop
        start = _SPACES.match(text, stop, end).end()
    if start < end:
        yield start, end


def _last_end(pattern: re.Pattern, text: str, start: int, stop: int) -> int | None:
    found = None
    for found in pattern.finditer(text, start, stop + 1):  # + 1: the lookahead's space may lie just past
        pass
    return found.end() if found is not None and found.end() <= stop else None


def _last_start(pattern: re.Pattern, text: str, start: int, stop: int) -> int | None:
    found = None
    for found in pattern.finditer(text, start + 1, stop + 1):
        pass
    return found.start() if found is not None else None


def read_article(path: Path, dct: date | None = None) -> Document:
    """Read a plain-text article and its metadata into a Document.

    Parameters
    ----------
    path
        The ``.txt`` file; metadata is read from the ``.json`` file of the same stem, if any.
    dct
        Publication date to use when the metadata gives none (or to override it).

    Raises
    ------
    SourceError
        Empty or undecodable text, malformed metadata, or no publication date.
    """
    text = _plain(_decode(path))
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
        language=meta.get("language") or "en", path=path, body=tuple(body),
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


def _is_body(line: str) -> bool:
    return bool(_SENTENCE_END.search(line)) and not _CREDIT.search(line) and not _BYLINE.match(line)


def _lines(text: str) -> Iterator[tuple[int, int]]:
    for match in re.finditer(f"[^\r\n{_LINE_BREAKS}]+", text):
        stripped = match.group().strip()
        if stripped:
            start = match.start() + match.group().index(stripped)
            yield start, start + len(stripped)


def _decode(path: Path) -> str:
    """The file's text: UTF-8, or UTF-16/32 when a byte-order mark says so (the mark dropped)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, f"cannot read: {exc.strerror or exc}") from exc
    encoding = next((name for bom, name in _BOMS if raw.startswith(bom)), None)
    if encoding is None and b"\x00" in raw[:8192]:
        raise SourceError(path, "binary file, not text; give a UTF-8 text article")
    try:
        return raw.decode(encoding or "utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError(path, f"not {encoding or 'UTF-8'} text (byte 0x{raw[exc.start]:02x} at offset "
                                f"{exc.start}); convert it to UTF-8") from exc


def _plain(text: str) -> str:
    """``text`` with control characters as spaces and line-breaking ones as line breaks (same length)."""
    return text.translate(_PLAIN) if _NOT_PLAIN.search(text) else text


def _read_metadata(path: Path) -> dict[str, str]:
    """The metadata beside the article, or, for a link to an article, beside the article linked to."""
    meta_path = path.with_suffix(".json")
    if not meta_path.exists() and path.is_symlink():
        meta_path = path.resolve().with_suffix(".json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(_decode(meta_path))
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


def _with_dct(doc: Document, dct: date) -> Document:
    return replace(doc, dct=dct)
