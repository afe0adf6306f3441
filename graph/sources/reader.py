"""Finding and reading articles of every format: files -> Documents.

Each format has its reader, chosen by suffix in one table (:data:`READERS`):
plain text with a JSON metadata file beside it (``.txt``, :mod:`graph.sources.text`), TimeML
(``.tml``, :mod:`graph.sources.timeml`) and saved news pages (``.html``, ``.htm``, with an optional
``NAME.json`` too, :mod:`graph.sources.html_page`). The identifier of an article is its file stem.

Articles are untrusted input, read defensively by :func:`read_source`:

- text is UTF-8 (a byte-order mark is dropped, and UTF-16 or UTF-32 with a byte-order mark is read
  too); control characters read as spaces, and vertical tab, form feed and the Unicode line and
  paragraph separators as line breaks, one character for one, so offsets index the file's characters;
- an article longer than ``MAX_ARTICLE_CHARS`` characters is refused unless the caller raises the
  limit; a paragraph longer than ``MAX_PIECE_CHARS`` is parsed in pieces cut at sentence ends;
- an article whose metadata names another language than English, or whose text plainly is not
  English, is refused: the extractors know English only;
- every file an article brings (the article, its ``.json`` metadata) is read by one reader,
  :func:`graph.sources.files.read_untrusted`: regular files only (a FIFO, device, socket or folder is
  refused without waiting on it), size-capped (the metadata at ``MAX_METADATA_BYTES``);
- what cannot be read (a broken symbolic link, a pipe, a folder we may not enter) is an error naming
  it, and folders are searched following links to folders, each folder once;
- every text that comes from an article (its text, title, metadata, identifier) has each lone
  surrogate replaced by U+FFFD, which no store could write.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from graph.errors import SourceError
from graph.model import Document

from .files import MAX_ARTICLE_CHARS, article_byte_limit, read_untrusted, without_surrogates
from .html_page import read_html
from .text import _read_metadata, read_article
from .timeml import read_timeml

__all__ = ["ARTICLE_SUFFIXES", "MAX_ARTICLE_CHARS", "MAX_PIECE_CHARS", "READERS", "find_sources", "read_source"]


def _text(path: Path, dct: date | None, data: bytes) -> Document:
    return read_article(path, dct, data=data)


def _html(path: Path, dct: date | None, data: bytes) -> Document:
    return read_html(path, dct=dct, data=data)


def _timeml(path: Path, dct: date | None, data: bytes) -> Document:
    doc = read_timeml(path, data=data)  # a TimeML file states its own publication date
    return doc if dct is None else replace(doc, dct=dct)


#: The reader of each article format, by file suffix: a new format is one more entry. Each is
#: given the path, the publication date to use, and the file's bytes (read by :func:`read_source`).
READERS: dict[str, Callable[[Path, date | None, bytes], Document]] = {
    ".txt": _text, ".tml": _timeml, ".html": _html, ".htm": _html,
}
ARTICLE_SUFFIXES = tuple(READERS)

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
    suffix = path.suffix.lower()
    data = read_untrusted(path, article_byte_limit(suffix, max_chars),
                          too_large=lambda size: _too_long(f"{size:,} bytes", max_chars or 0))
    doc = READERS.get(suffix, _text)(path, dct, data)
    if max_chars and len(doc.text) > max_chars:
        raise SourceError(path, _too_long(f"{len(doc.text):,} characters", max_chars))
    _check_english(doc, path)
    return _in_pieces(_without_surrogates(doc))


def _without_surrogates(doc: Document) -> Document:
    """``doc`` with no lone surrogate in its strings: a file name that is not UTF-8 gives a stem that
    holds some (Python's ``surrogateescape``), and the metadata of a page may too."""
    fields = {"doc_id": doc.doc_id, "text": doc.text, "title": doc.title, "publisher": doc.publisher,
              "url": doc.url, "language": doc.language}
    cleaned = {name: without_surrogates(value) for name, value in fields.items() if isinstance(value, str)}
    changed = {name: value for name, value in cleaned.items() if value != fields[name]}
    return replace(doc, **changed) if changed else doc


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
