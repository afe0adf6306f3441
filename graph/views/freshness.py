"""Whether a folder's views may be older than the store they were drawn from.

A command that changes the store writes :data:`MARKER` into the views folder before it changes the
store, and removes it once the views are rewritten. A kill between the two, ``add --no-views`` or an
update through ``serve --writable`` leaves the marker, and what reads the views (``serve``, the
user listing the folder) can tell that they no longer show the store.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from graph.errors import TimelineKGError, quote_name

__all__ = ["MARKER", "mark_out_of_date", "out_of_date_because", "views_rewritten"]

MARKER = "VIEWS-OUT-OF-DATE.txt"

_VIEWS = "timeline.ttl, graph.html and timeline.html"


def mark_out_of_date(out: Path, store: str, why: str) -> None:
    """Say in ``out`` that its views may be older than ``store``, because of ``why``.

    Written whole or not at all (beside it, then renamed); a folder that cannot take it is one
    :class:`TimelineKGError`, raised before the store changes.
    """
    text = (f"The views in this folder ({_VIEWS}) may be older than the store {quote_name(store)}: "
            f"{why}.\nRun `timeline-kg build` (or `timeline-kg add` with new articles) to rewrite them; "
            "that removes this file.\n")
    marker = out / MARKER
    partial = out / f".{MARKER}.tmp{os.getpid()}"
    try:
        out.mkdir(parents=True, exist_ok=True)
        partial.write_text(text, encoding="utf-8")
        partial.replace(marker)
    except OSError as exc:
        with contextlib.suppress(OSError):  # nothing there to remove when the folder is not one
            partial.unlink(missing_ok=True)
        raise TimelineKGError(f"{quote_name(out)}: cannot write: {exc.strerror or exc}") from exc


def views_rewritten(out: Path) -> None:
    """The views in ``out`` show the store again: remove the marker."""
    (out / MARKER).unlink(missing_ok=True)


def out_of_date_because(out: Path) -> str | None:
    """The marker's first line when ``out`` holds one, else None."""
    try:
        with (out / MARKER).open(encoding="utf-8", errors="replace") as marker:
            return marker.readline(2000).strip() or MARKER
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError as exc:  # unreadable: still there, so still out of date
        return f"{MARKER} ({exc.strerror or exc})"
