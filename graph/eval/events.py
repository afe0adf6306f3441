"""Evaluating event extraction on TimeML: dated-event recall and date accuracy.

A gold *dated event* is an EVENT linked by a TLINK (``IS_INCLUDED``, ``SIMULTANEOUS`` or
``DURING``) to a DATE TIMEX3 of the text whose value is a concrete day, month or year
(``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY``): exactly what a timeline needs. We count an event *found*
when one of our events has a trigger overlapping it, and its date *right* when our bounds lie
within the gold date's bounds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from graph.model import Document, Event
from graph.sources.timeml import (
    iter_timeml,
    parse_timeml,
    read_timeml,
    tagged_spans,
    timeml_document,
)
from graph.timex.values import bounds_of_value

__all__ = ["DatedGoldEvent", "EventScores", "dated_gold_events", "score_events"]

DATING_RELATIONS = {"IS_INCLUDED", "SIMULTANEOUS", "DURING"}
CONCRETE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class DatedGoldEvent:
    doc_id: str
    start: int
    end: int
    text: str
    value: str
    earliest: date
    latest: date


@dataclass(slots=True)
class EventScores:
    gold: int = 0
    found: int = 0
    dated: int = 0  # found and dated by us
    right: int = 0  # found, dated, and within the gold bounds
    predicted: int = 0  # our events (mentions) in the same documents
    documents: int = 0
    misses: list[DatedGoldEvent] = field(default_factory=list)
    wrong_dates: list[tuple[DatedGoldEvent, Event]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def date_accuracy(self) -> float:
        """Share of found gold events whose date we got within the gold bounds (undated = wrong)."""
        return self.right / self.found if self.found else 0.0

    @property
    def dated_accuracy(self) -> float:
        """Share of the found events we dated at all whose bounds lie within the gold bounds."""
        return self.right / self.dated if self.dated else 0.0


def dated_gold_events(path: Path) -> list[DatedGoldEvent]:
    """The gold dated events of one TimeML file, in text order (one per EVENT)."""
    root = parse_timeml(path)
    doc = timeml_document(path, root)
    _, tagged = tagged_spans(path, root, tags=("TIMEX3", "EVENT"))
    events = {a["eid"]: (s, e, t) for s, e, t, a in tagged if a["tag"] == "EVENT"}
    times = {a["tid"]: a for _, _, _, a in tagged if a["tag"] == "TIMEX3"}
    instances = {m.get("eiid"): m.get("eventID") for m in root.iter("MAKEINSTANCE")}
    gold: dict[str, DatedGoldEvent] = {}
    for link in root.iter("TLINK"):
        event_id = instances.get(link.get("eventInstanceID"))
        time = times.get(link.get("relatedToTime", ""))
        if link.get("relType") not in DATING_RELATIONS or event_id not in events or time is None:
            continue
        if time.get("type") != "DATE" or not CONCRETE_DATE.match(time.get("value", "")):
            continue
        _, earliest, latest = bounds_of_value(time["value"], "DATE", doc.dct)
        start, end, text = events[event_id]
        candidate = DatedGoldEvent(doc.doc_id, start, end, text, time["value"], earliest, latest)
        known = gold.get(event_id)
        if known is None or (candidate.latest - candidate.earliest) < (known.latest - known.earliest):
            gold[event_id] = candidate
    return sorted(gold.values(), key=lambda g: g.start)


def score_events(paths: Iterable[Path], extract_events: Callable[[Document], list[Event]],
                 scores: EventScores | None = None) -> EventScores:
    """Run ``extract_events`` on each TimeML document and score it against the dated gold events."""
    scores = scores or EventScores()
    for path in paths:
        for tml in iter_timeml(path):
            doc = read_timeml(tml)
            gold = dated_gold_events(tml)
            events = extract_events(doc)
            scores.documents += 1
            scores.predicted += sum(len(e.triggers) for e in events)
            for item in gold:
                scores.gold += 1
                match = next((e for e in events for t in e.triggers
                              if t.start < item.end and item.start < t.end), None)
                if match is None:
                    scores.misses.append(item)
                    continue
                scores.found += 1
                if match.earliest is not None and match.latest is not None:
                    scores.dated += 1
                    if item.earliest <= match.earliest and match.latest <= item.latest:
                        scores.right += 1
                        continue
                scores.wrong_dates.append((item, match))
    return scores
