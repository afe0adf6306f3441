"""``timeline-kg watch``: add the articles of a folder as they appear, in one long-running process.

The spaCy model is loaded once. Every ``--interval`` seconds the folder is listed (the files
``timeline-kg add FOLDER`` would read: ``graph.sources.find_sources``), and each article that is
new or changed since it was last read, and is still (:class:`Listing`), is added as ``add -`` adds
it: a transaction of its own, its line printed once it is stored (:class:`graph.cli.add.Adding`).
The views are rewritten after each poll's articles.

- **When a file is read** (:meth:`Listing.poll`). A file is *still* when its size, modification
  time and inode are the same at two listings in a row. An article whose ``NAME.json`` is beside
  it is read once it and its ``NAME.json`` are both still; a ``.txt`` or page with no ``NAME.json``
  yet is given :data:`POLLS_WITHOUT_METADATA` polls, still, for one to come (a writer may put the
  article down first); a ``.tml`` file brings no ``.json`` and is read once still. A file or
  ``.json`` that changes later is read again by the same rule; a bad article too, once it changes.
- **The writer lock** is taken only for a poll's articles and the views after them (the store is
  opened then and closed after), so that other writers wait only that long; an idle poll opens
  nothing. When another writer holds the store for longer than ``$TIMELINE_KG_STORE_WAIT``, the
  articles wait for the next poll.
- **Stopping.** SIGINT or SIGTERM stop it at once while it waits; while it adds, after the article
  in hand is stored and the views are rewritten. A second signal stops it as it stops any command
  (a store transaction is whole or not there; the views' marker says when they are older).
  ``--once`` stops once nothing is left to read or still being written, ``--max-polls N`` after N
  polls.
"""

from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from graph.errors import ConfigError, SourceError, quote_name

from .add import Adding, Tally, add_article_options
from .common import PROG, count, sources_folder, store_setting

__all__ = ["DEFAULT_INTERVAL", "POLLS_WITHOUT_METADATA", "Listing", "register", "run"]

DEFAULT_INTERVAL = 2.0
# Polls an article with no NAME.json beside it stays still before it is read without one: a writer
# may put the article down first and its .json after.
POLLS_WITHOUT_METADATA = 5
# Articles that may come with a NAME.json (graph.sources: plain text, saved pages); TimeML files do not.
TAKES_METADATA = (".txt", ".html", ".htm")

# (inode, size, modification time in ns) of an article and of its NAME.json (None when absent).
Signature = tuple[tuple[int, int, int], tuple[int, int, int] | None]


def register(commands, formatter) -> None:
    """Add the ``watch`` sub-command to the ``timeline-kg`` parser."""
    watch = commands.add_parser(
        "watch", help="add the articles of a folder as they appear (one process: the model is loaded once)",
        formatter_class=formatter,
        description="Watch FOLDER (default: the sources folder) and add each article in it to the store as\n"
                    "`timeline-kg add` does: those already there that the store lacks first, then each new\n"
                    "or changed one as it appears, one line per article as soon as it is stored. The views\n"
                    "in OUT are rewritten after each poll's articles.\n\n"
                    "An article is read once it is still: its size and modification time the same at two\n"
                    "polls in a row, and those of its NAME.json too. A .txt or .html with no NAME.json yet\n"
                    f"waits {POLLS_WITHOUT_METADATA} polls for one. Write a long file under a hidden name "
                    "(.NAME.txt) and rename it\nwhen done: hidden names are not read.\n\n"
                    "The store is opened, and its writer lock held, only while a poll's articles are added.\n"
                    "Ctrl-C or SIGTERM stops it (exit code 0) once the article in hand is stored.",
        epilog="examples:\n  timeline-kg watch\n  timeline-kg watch incoming/ --interval 5 --no-views\n"
               "  timeline-kg watch incoming/ --once  # add what is there, then exit")
    watch.add_argument("folder", nargs="?", type=Path, metavar="FOLDER",
                       help="the folder to watch (default: the sources folder, see --sources)")
    add_article_options(watch)
    watch.add_argument("--interval", type=_interval, default=DEFAULT_INTERVAL, metavar="S",
                       help=f"seconds between two polls of FOLDER (default: {DEFAULT_INTERVAL:g})")
    watch.add_argument("--once", action="store_true",
                       help="exit once every article in FOLDER is read and none is being written")
    watch.add_argument("--max-polls", type=count, default=0, metavar="N", help="exit after N polls (0: never)")
    watch.set_defaults(run=run)


def _interval(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0.05 <= seconds <= 86400:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of seconds between 0.05 and 86400; write e.g. 2")
    return seconds


def run(args: argparse.Namespace) -> int:
    """Add what FOLDER holds, then what appears in it, until stopped."""
    from graph.extract.nlp import load_nlp
    from graph.store import open_store

    args.sources = sources_folder(args.sources)
    folder = args.folder or args.sources
    setting = store_setting(args)
    if setting.strip() == "memory:":
        raise ConfigError("memory: ends with each poll's transaction; give `watch` a store folder or a "
                          "SPARQL endpoint with --store")
    if not folder.is_dir():
        raise SourceError(folder, "no such folder to watch")
    with open_store(setting):  # a bad setting or a store that cannot be written: said now, not at the first article
        pass
    tally = Tally()
    listing = Listing(folder)
    polls = 0
    with _StopSignals() as stop:
        try:
            with stop.waiting():
                listing.poll()  # the first listing: the next one says what is still
                next_poll = time.monotonic() + args.interval
                load_nlp(args.model)
                print(f"{PROG}: watching {quote_name(folder)} every {args.interval:g} s -> {setting}, {args.out}; "
                      "Ctrl-C stops", file=sys.stderr)
            while True:
                with stop.waiting():
                    time.sleep(max(0.0, next_poll - time.monotonic()))
                    ready, unsettled = listing.poll()
                next_poll = time.monotonic() + args.interval
                polls += 1
                if ready:
                    _add_ready(ready, listing, args, tally, stop)
                if stop.requested or (args.once and not unsettled and not listing.pending()) \
                        or polls == args.max_polls:
                    break
        except _Stopped:
            pass
    print(tally.summary(setting, args.out), file=sys.stderr)
    return 1 if tally.failed and not stop.requested else 0


def _add_ready(ready: list[tuple[Path, Signature]], listing: Listing, args: argparse.Namespace, tally: Tally,
               stop: _StopSignals) -> None:
    """Add one poll's ready articles in one opening of the store, then rewrite the views."""
    from graph.store import StoreError, open_store

    try:
        store = open_store(store_setting(args))
    except StoreError as error:  # another writer held it past $TIMELINE_KG_STORE_WAIT: try at the next poll
        print(f"{PROG}: error: {error}; trying again at the next poll", file=sys.stderr)
        return
    with store:
        adding = Adding(store, args, tally)
        for path, signature in ready:
            adding.add(path)
            listing.read(path, signature)
            if stop.requested:
                break
        adding.finish()


class Listing:
    """A folder's articles listed poll after poll: which are still, and which were read as they are.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as name:
    ...     _ = (Path(name) / "a.tml").write_text("<TimeML/>")
    ...     listing = Listing(Path(name))
    ...     first, second = listing.poll()[0], listing.poll()[0]
    >>> first, [path.name for path, _ in second]  # read once still across one poll
    ([], ['a.tml'])
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._seen: dict[Path, tuple[Signature, int]] = {}  # at the last listing, and for how many in a row
        self._read: dict[Path, Signature] = {}  # as it was when it was last read

    def poll(self) -> tuple[list[tuple[Path, Signature]], int]:
        """List the folder: the articles to read now, and how many others are not still yet."""
        seen: dict[Path, tuple[Signature, int]] = {}
        ready, unsettled = [], 0
        for path in self._articles():
            signature = _signature(path)
            if signature is None:
                continue  # gone since the folder was listed
            before, times = self._seen.get(path, (None, 0))
            seen[path] = (signature, times + 1 if signature == before else 1)
            if self._read.get(path) == signature:
                continue
            with_metadata = signature[1] is not None or path.suffix.lower() not in TAKES_METADATA
            if seen[path][1] > (1 if with_metadata else POLLS_WITHOUT_METADATA):
                ready.append((path, signature))
            else:
                unsettled += 1
        self._seen = seen
        self._read = {path: signature for path, signature in self._read.items() if path in seen}
        return ready, unsettled

    def read(self, path: Path, signature: Signature) -> None:
        """``path`` was read as it was at ``signature``: read it again only when it changes."""
        self._read[path] = signature

    def pending(self) -> bool:
        """Whether an article listed last is still to be read (one a stop left unread)."""
        return any(self._read.get(path) != signature for path, (signature, _) in self._seen.items())

    def _articles(self) -> list[Path]:
        from graph.sources import find_sources

        if not self.folder.is_dir():
            raise SourceError(self.folder, "the folder watched is gone")
        try:
            return find_sources([self.folder])
        except SourceError:  # no article in it (yet)
            return []


def _signature(path: Path) -> Signature | None:
    """What tells a file that changed: its inode, size and modification time, and those of its .json."""
    try:
        info = path.stat()
    except OSError:
        try:
            info = path.lstat()  # a broken link: read_source says so, once
        except OSError:
            return None
    metadata = None
    if path.suffix.lower() in TAKES_METADATA:
        with contextlib.suppress(OSError):
            meta = path.with_suffix(".json").stat()
            metadata = (meta.st_ino, meta.st_size, meta.st_mtime_ns)
    return (info.st_ino, info.st_size, info.st_mtime_ns), metadata


class _Stopped(Exception):
    """A stop signal came while watch was waiting, when nothing is being written."""


class _StopSignals:
    """SIGINT and SIGTERM ask ``watch`` to stop: at once while it waits (:meth:`waiting`), else once
    the article in hand is stored (``requested``). The handlers they had before are back after the
    first, so a second one stops the process as it stops any command."""

    def __init__(self) -> None:
        self.requested = False
        self._waiting = False
        self._before: dict[int, object] = {}

    def __enter__(self) -> _StopSignals:
        for number in (signal.SIGINT, signal.SIGTERM):
            self._before[number] = signal.signal(number, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        self._restore()

    def _restore(self) -> None:
        for number, handler in self._before.items():
            signal.signal(number, handler)  # type: ignore[arg-type]

    def _handle(self, number: int, frame: object) -> None:
        self.requested = True
        self._restore()
        if self._waiting:
            raise _Stopped

    @contextlib.contextmanager
    def waiting(self) -> Iterator[None]:
        """A stretch in which nothing is written: a stop signal ends it at once."""
        if self.requested:
            raise _Stopped
        self._waiting = True
        try:
            yield
        finally:
            self._waiting = False
