"""The ``timeline-kg`` program: the commands' parsers put together, and errors made one line.

Library code raises ``TimelineKGError``; here each becomes one line on stderr and exit code 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from graph.errors import TimelineKGError, quote_name

from . import add, build, evaluate, query, serve, show, timex, watch
from .common import PROG

__all__ = ["main"]

# Each command lives in a module of its own with ``register(commands, formatter)``, which adds its
# parser and sets ``run`` (a function of the parsed arguments returning the exit code). Listed in
# the order ``--help`` shows them.
COMMANDS = (build, query, timex, evaluate, add, watch, serve, show)


class _OneLineParser(argparse.ArgumentParser):
    """Argument errors as every other error: one line on stderr, exit code 1 (argparse's own print
    the usage first and exit with 2). ``--help`` still prints the usage."""

    def error(self, message: str) -> NoReturn:
        self.exit(1, f"{self.prog}: error: {' '.join(message.split())}\n")


def _parser() -> argparse.ArgumentParser:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = _OneLineParser(
        prog=PROG, formatter_class=formatter,
        description="Turn news articles into an event-timeline knowledge graph (RDF + NetworkX + HTML).",
        epilog="examples:\n  timeline-kg build\n  timeline-kg query timeline\n"
               "  timeline-kg timex sources/*.txt --format table\n\nRun `timeline-kg COMMAND --help` for more.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.register(commands, formatter)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    _logging()
    try:
        return args.run(args)
    except TimelineKGError as error:
        print(f"{PROG}: error: {quote_name(error)}", file=sys.stderr)  # one line, whatever names it holds
        return 1
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


LOG_ENV = "TIMELINE_KG_LOG"


def _logging() -> None:
    """``$TIMELINE_KG_LOG=info`` (or debug) prints what the library logs, e.g. each store transaction."""
    level = os.environ.get(LOG_ENV, "").upper()
    if level in ("DEBUG", "INFO", "WARNING"):
        import logging

        logging.basicConfig(level=level, stream=sys.stderr, format=f"{PROG}: %(levelname)s: %(message)s")


if __name__ == "__main__":
    sys.exit(main())
