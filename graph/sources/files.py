"""One reader for every file an article brings: the article itself (``.txt``, ``.tml``, ``.html``,
``.htm``), its ``.json`` metadata, and the metadata ``timeline-kg add`` reads back.

Each of them is untrusted. A name may be a link to ``/dev/zero`` or ``/dev/urandom`` (endless), a
FIFO that nobody writes to (opening it for reading waits for a writer; reading it waits forever),
a socket, a folder, or a file of gigabytes. :func:`read_untrusted` therefore

- opens the name with ``O_NONBLOCK``, so that opening a FIFO returns at once instead of waiting;
- checks what it opened (``fstat`` of the descriptor, not ``stat`` of the name, which another
  process may swap in between) and refuses anything but a regular file;
- refuses a file whose size exceeds the caller's limit, and reads at most that limit plus one
  byte (a file that grows while it is read is refused too, never read to its end).

What it refuses is a :class:`graph.errors.SourceError` naming the file and what it is.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from graph.errors import SourceError

__all__ = ["MAX_ARTICLE_CHARS", "MAX_METADATA_BYTES", "article_byte_limit", "read_untrusted", "without_surrogates"]

# Longest article text read by default (``timeline-kg build --max-chars`` changes it). A build of
# one article of a million characters takes about 4 minutes and 3 GB of memory (2 cores, 2026-11-30;
# benchmarks/long_article.py), and a long news story is 20,000: a bigger file is a dump or a book.
MAX_ARTICLE_CHARS = 1_200_000
# The most bytes one character takes in a file of each format (UTF-8 text; markup around the text
# of a page or a TimeML file): a bigger file cannot hold an article within the limit, and is refused
# before it is read.
_BYTES_PER_CHAR = {".txt": 4, ".tml": 16, ".html": 16, ".htm": 16}
# Metadata is five short strings (title, publisher, url, published, language): a megabyte holds a
# very long title a hundred times over, and a bigger .json is not metadata.
MAX_METADATA_BYTES = 1024 * 1024

_CHUNK = 1024 * 1024
_KINDS = {stat.S_IFIFO: "a named pipe", stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device",
          stat.S_IFSOCK: "a socket"}
_SURROGATE = re.compile("[\ud800-\udfff]")


def article_byte_limit(suffix: str, max_chars: int | None = MAX_ARTICLE_CHARS) -> int | None:
    """The most bytes a file of ``suffix`` may have to hold an article of ``max_chars`` characters
    (``None`` for no limit, when ``max_chars`` is ``None`` or 0).

    Examples
    --------
    >>> article_byte_limit(".txt", 1000), article_byte_limit(".html", 1000), article_byte_limit(".txt", 0)
    (4000, 16000, None)
    """
    return _BYTES_PER_CHAR.get(suffix.lower(), 4) * max_chars if max_chars else None


def read_untrusted(path: Path, limit: int | None, *, what: str = "article file",
                   too_large: Callable[[int], str] | None = None) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them (``None``: any number).

    Parameters
    ----------
    path
        The file; a symbolic link is followed to what it names.
    limit
        The most bytes accepted.
    what
        What the file should be, for the messages ("article file", "JSON metadata file").
    too_large
        The problem to report for a file of that many bytes over ``limit`` (default: a generic one).

    Raises
    ------
    SourceError
        One line naming ``path``: missing, a broken link, not readable, not a regular file (a FIFO,
        device, socket or folder), or larger than ``limit``.

    Examples
    --------
    >>> read_untrusted(Path("/dev/zero"), 10)
    Traceback (most recent call last):
    ...
    graph.errors.SourceError: /dev/zero: not a regular file (a character device); give an article file
    """
    descriptor = _open(path, what)
    try:
        info = os.fstat(descriptor)
        _check_regular(path, info.st_mode, what)
        if limit is not None and info.st_size > limit:
            raise SourceError(path, _too_large(info.st_size, limit, too_large))
        data = _read_at_most(path, descriptor, None if limit is None else limit + 1)
    finally:
        os.close(descriptor)
    if limit is not None and len(data) > limit:  # it grew while being read, or said its size was 0 (/proc)
        raise SourceError(path, _too_large(len(data), limit, too_large))
    return data


def without_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (which no UTF-8 file can hold, and no store can write) as
    U+FFFD, one character for one, so offsets into it hold.

    Examples
    --------
    >>> without_surrogates("Talks\\ud800 end") == "Talks\\ufffd end"
    True
    """
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _open(path: Path, what: str) -> int:
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        return os.open(path, flags)
    except FileNotFoundError:
        if path.is_symlink():
            raise SourceError(path, f"broken symbolic link (to {os.readlink(path)}); fix or remove it") from None
        raise SourceError(path, "no such file") from None
    except PermissionError as exc:
        if path.is_dir():
            raise SourceError(path, f"cannot read folder: {exc.strerror}") from None
        raise SourceError(path, f"cannot read: {exc.strerror}") from None
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # opening a socket (or a FIFO without a writer, for writing)
            raise SourceError(path, f"not a regular file (a socket); give {_a(what)}") from None
        raise SourceError(path, f"cannot read: {exc.strerror or exc}") from None  # a loop of links...


def _check_regular(path: Path, mode: int, what: str) -> None:
    if stat.S_ISDIR(mode):
        raise SourceError(path, f"a folder, not {_a(what)}")
    if not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "not a file")
        raise SourceError(path, f"not a regular file ({kind}); give {_a(what)}")


def _a(what: str) -> str:
    """ "an article file", "a JSON metadata file"."""
    return f"an {what}" if what[:1] in ("a", "e", "i", "o", "u") else f"a {what}"


def _read_at_most(path: Path, descriptor: int, most: int | None) -> bytes:
    chunks: list[bytes] = []
    got = 0
    while most is None or got < most:
        try:
            chunk = os.read(descriptor, _CHUNK if most is None else min(_CHUNK, most - got))
        except OSError as exc:
            raise SourceError(path, f"cannot read: {exc.strerror or exc}") from None
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _too_large(size: int, limit: int, message: Callable[[int], str] | None) -> str:
    if message is not None:
        return message(size)
    return f"file too large ({size:,} bytes; the limit is {limit:,} bytes)"
