"""Score the temporal tagger against gold TIMEX3 annotation (TempEval-3 definitions).

Strict match: identical character span. Relaxed match: overlapping spans (one-to-one). Value F1 is
relaxed F1 times value accuracy over relaxed matches, which equals the F1 of "overlaps and has
the gold value".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from graph.model import Document, Timex
from graph.timeml import gold_timexes, iter_timeml, read_timeml

__all__ = ["TimexScores", "match_timexes", "score_folder", "score_pairs"]


@dataclass
class TimexScores:
    """Counts and the F1 figures derived from them."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    docs: int = 0
    seconds: float = 0.0
    errors: list[tuple[str, str, str, str]] = field(default_factory=list)  # doc, text, gold, system

    def f1(self, hits: int) -> tuple[float, float, float]:
        """Precision, recall and F1 for ``hits`` matches."""
        precision = hits / self.system if self.system else 0.0
        recall = hits / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    @property
    def value_f1(self) -> float:
        """Relaxed F1 x value accuracy over relaxed matches (TempEval-3)."""
        accuracy = self.value / self.relaxed if self.relaxed else 0.0
        return self.f1(self.relaxed)[2] * accuracy

    @property
    def type_f1(self) -> float:
        accuracy = self.type / self.relaxed if self.relaxed else 0.0
        return self.f1(self.relaxed)[2] * accuracy


def match_timexes(gold: list[Timex], system: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one overlap matches, preferring exact spans, then the largest overlap."""
    pairs: list[tuple[int, Timex, Timex]] = []
    for g in gold:
        for s in system:
            overlap = min(g.span.end, s.span.end) - max(g.span.start, s.span.start)
            if overlap > 0:
                exact = g.span.start == s.span.start and g.span.end == s.span.end
                pairs.append((-(10**6 if exact else overlap), g, s))
    used_gold: set[int] = set()
    used_system: set[int] = set()
    matched = []
    for _, g, s in sorted(pairs, key=lambda p: (p[0], p[1].span.start)):
        if id(g) in used_gold or id(s) in used_system:
            continue
        used_gold.add(id(g))
        used_system.add(id(s))
        matched.append((g, s))
    return matched


def score_pairs(scores: TimexScores, doc_id: str, gold: list[Timex], system: list[Timex]) -> None:
    """Add one document's gold and system Timexes to ``scores``."""
    scores.gold += len(gold)
    scores.system += len(system)
    scores.docs += 1
    for g, s in match_timexes(gold, system):
        scores.relaxed += 1
        scores.strict += g.span.start == s.span.start and g.span.end == s.span.end
        scores.value += g.value == s.value
        scores.type += g.type == s.type
        if g.value != s.value:
            scores.errors.append((doc_id, f"{g.text!r}/{s.text!r}", g.value, s.value))


def score_folder(path: Path, tagger: Callable[[Document], list[Timex]]) -> TimexScores:
    """Run ``tagger`` over every TimeML file under ``path`` and score it against the gold.

    Parameters
    ----------
    path : Path
        A ``.tml`` file or a folder of them.
    tagger : callable
        ``tagger(document) -> list[Timex]``, e.g. :func:`graph.timex.find_timexes`.

    Returns
    -------
    TimexScores
        Counts over all documents; tagging time (not reading time) in ``seconds``.

    Raises
    ------
    SourceError
        When ``path`` holds no TimeML file or a file cannot be read.
    """
    scores = TimexScores()
    for file in iter_timeml(path):
        doc = read_timeml(file)
        started = time.perf_counter()
        system = tagger(doc)
        scores.seconds += time.perf_counter() - started
        score_pairs(scores, doc.doc_id, gold_timexes(file), system)
    return scores
