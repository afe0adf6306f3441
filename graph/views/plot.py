"""The timeline as a static matplotlib figure, for notebooks and reports.

In: the rows of :func:`graph.views.questions.timeline` (or of the shipped ``timeline`` query): a
label and the earliest and latest possible day of each dated event. Out (:func:`plot_timeline`):
a ``matplotlib`` Figure with one row per event, a bar for a span of days and a point for a single
day (a one-day bar is a sliver on an axis of years), dates ticked by matplotlib's concise date
formatter so that the labels never run together. Needs matplotlib (``pip install matplotlib``,
part of the ``test`` extra); the rest of the package does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

__all__ = ["plot_timeline"]

# Longest label drawn beside its row; the full one is in the tables and the HTML views.
LABEL_CHARS = 60


def plot_timeline(rows: Iterable[Mapping[str, Any]], *, title: str = "Events by date", width: float = 10.0):
    """One row per dated event: a bar from its earliest to its latest day, a point for one day.

    ``rows`` need ``label`` and ``begin``/``end`` (or ``earliest``/``latest``) as ISO dates or
    ``date``s; undated rows are left out.

    >>> figure = plot_timeline([{"label": "summit opens", "begin": "2021-03-04", "end": "2021-03-04"},
    ...                         {"label": "talks", "begin": "2021-05-10", "end": "2021-05-11"}])
    >>> [t.get_text() for t in figure.axes[0].get_yticklabels()]
    ['summit opens', 'talks']
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    events = [(label, first, last) for label, first, last in map(_span, rows) if first is not None]
    figure, ax = plt.subplots(figsize=(width, 0.35 * len(events) + 1.2))
    if events:
        start, end = min(first for _, first, _ in events), max(last for _, _, last in events)
        # a span of a few days on an axis of years is drawn at least this wide, so it stays visible
        shortest = (end - start).days / 100
        margin = max(timedelta(days=2), (end - start) / 40)
        ax.set_xlim(start - margin, end + margin)
    for i, (_, first, last) in enumerate(events):
        if first == last:
            ax.plot([first], [i], marker="o", markersize=6, color="tab:blue", linestyle="none")
        else:
            ax.barh(i, max((last - first).days + 1, shortest), left=first, height=0.6, color="tab:orange")
    ax.set_yticks(range(len(events)), [label[:LABEL_CHARS] for label, _, _ in events])
    ax.set_ylim(len(events) - 0.5, -0.5)
    locator = mdates.AutoDateLocator(maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(title)
    figure.tight_layout()
    return figure


def _span(row: Mapping[str, Any]) -> tuple[str, date | None, date | None]:
    first = row.get("begin", row.get("earliest"))
    last = row.get("end", row.get("latest")) or first
    return str(row.get("label", "")), _day(first), _day(last)


def _day(value) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
