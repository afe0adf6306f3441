"""Score temporal expressions against gold TIMEX3 annotation with the TempEval-3 Task A measures.

The definitions follow the official TempEval-3 entity scorer (``evaluate_entities.py``, UzZaman
et al. 2013), micro-averaged over all documents:

- **strict** match: the predicted span is exactly the gold span (same start and end offsets);
- **relaxed** match: the spans overlap; each gold and each predicted expression is matched at most
  once (exact spans first, then the largest overlap, then as many further pairs as possible);
- precision = matches / predicted expressions, recall = matches / gold expressions;
- **type** and **value accuracy**: the share of relaxed matches whose ``type`` (``value``) equals
  the gold one; **type F1** and **value F1** are relaxed F1 x that accuracy (so value F1 is the F1
  of "overlaps a gold expression and has its value").

Spans are compared by character offsets; the official scorer compares token extents after its own
tokenization, which agrees unless a span boundary falls inside a token. As in the official scorer,
a gold TIMEX3 without text (a non-consuming, empty element) is not
scored, and when there is neither a gold nor a predicted expression every F1 is 1.

Predictions come from a tagger run here (:func:`score_folder`) or from a JSONL file in the format
``timeline-kg timex --timeml`` prints (:func:`score_predictions`), so any system can be scored.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graph.errors import SourceError
from graph.model import Document, Span, Timex
from graph.sources.timeml import iter_timeml, read_timeml
from graph.timex.values import bounds_of_value

from .gold import gold_timexes

__all__ = [
    "TIMEX_TYPES",
    "ErrorPattern",
    "TimexError",
    "TimexScores",
    "TypeCounts",
    "match_timexes",
    "read_gold",
    "read_predictions",
    "score_folder",
    "score_pairs",
    "score_predictions",
]

TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
PREDICTION_KEYS = ("doc", "start", "end", "type", "value")


@dataclass
class TypeCounts:
    """Counts for one TIMEX3 type: gold expressions, how many were found, with the right value."""

    gold: int = 0
    predicted: int = 0
    found: int = 0
    value: int = 0

    @property
    def recall(self) -> float:
        """Relaxed recall of the gold expressions of this type."""
        return self.found / self.gold if self.gold else 0.0

    @property
    def value_accuracy(self) -> float:
        """Share of the found gold expressions of this type that got the gold value."""
        return self.value / self.found if self.found else 0.0


@dataclass(frozen=True)
class TimexError:
    """One scoring error: a missed, spurious, mis-spanned, mis-typed or mis-valued expression.

    ``kind`` is ``missed`` (gold only), ``spurious`` (prediction only), or ``span``, ``type``,
    ``value`` (a relaxed match that differs there); ``pattern`` groups errors alike.
    """

    kind: str
    doc_id: str
    gold: Timex | None
    system: Timex | None
    pattern: str


@dataclass(frozen=True)
class ErrorPattern:
    """An error pattern, how often it occurs, and its first occurrence as an example."""

    pattern: str
    kind: str
    count: int
    example: TimexError


@dataclass
class TimexScores:
    """Counts over a corpus and the TempEval-3 figures derived from them.

    Examples
    --------
    >>> scores = TimexScores(gold=4, system=5, strict=3, relaxed=4, value=3, type=4)
    >>> [round(x, 3) for x in scores.f1(scores.relaxed)]
    [0.8, 1.0, 0.889]
    >>> round(scores.value_f1, 3)
    0.667
    """

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    docs: int = 0
    seconds: float = 0.0
    by_type: dict[str, TypeCounts] = field(default_factory=lambda: {t: TypeCounts() for t in TIMEX_TYPES})
    errors: list[TimexError] = field(default_factory=list)

    def f1(self, hits: int) -> tuple[float, float, float]:
        """Precision, recall and F1 for ``hits`` matches (all 1.0 when there is nothing to find)."""
        if not self.gold and not self.system:
            return 1.0, 1.0, 1.0
        precision = hits / self.system if self.system else 0.0
        recall = hits / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1

    @property
    def type_accuracy(self) -> float:
        """Share of relaxed matches with the gold type."""
        return self.type / self.relaxed if self.relaxed else 0.0

    @property
    def value_accuracy(self) -> float:
        """Share of relaxed matches with the gold value."""
        return self.value / self.relaxed if self.relaxed else 0.0

    @property
    def type_f1(self) -> float:
        """Relaxed F1 x type accuracy (TempEval-3)."""
        return self.f1(self.relaxed)[2] * self.type_accuracy

    @property
    def value_f1(self) -> float:
        """Relaxed F1 x value accuracy over relaxed matches (TempEval-3)."""
        return self.f1(self.relaxed)[2] * self.value_accuracy

    def worst_errors(self, n: int) -> list[ErrorPattern]:
        """The ``n`` most frequent error patterns, each with its first occurrence as an example."""
        counts = Counter(error.pattern for error in self.errors)
        first: dict[str, TimexError] = {}
        for error in self.errors:
            first.setdefault(error.pattern, error)
        return [ErrorPattern(p, first[p].kind, c, first[p]) for p, c in counts.most_common(max(n, 0))]

    def to_dict(self, errors: int = 0) -> dict[str, Any]:
        """All figures as plain data (for JSON), with the ``errors`` most frequent error patterns."""
        measures: dict[str, Any] = {}
        for name, hits in (("strict", self.strict), ("relaxed", self.relaxed)):
            measures[name] = dict(zip(("precision", "recall", "f1"), self.f1(hits)))
        p, r, f = self.f1(self.relaxed)
        for name, accuracy in (("type", self.type_accuracy), ("value", self.value_accuracy)):
            measures[name] = {"precision": p * accuracy, "recall": r * accuracy, "f1": f * accuracy,
                              "accuracy": accuracy}
        return {
            "documents": self.docs,
            "gold": self.gold,
            "predicted": self.system,
            "matches": {"strict": self.strict, "relaxed": self.relaxed, "type": self.type, "value": self.value},
            "measures": measures,
            "by_type": {t: {"gold": c.gold, "predicted": c.predicted, "found": c.found,
                            "relaxed_recall": c.recall, "value_accuracy": c.value_accuracy}
                        for t, c in self.by_type.items()},
            "seconds": self.seconds,
            "errors": [_pattern_dict(e) for e in self.worst_errors(errors)],
        }


def match_timexes(gold: list[Timex], system: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one overlap matches: exact spans first, then the largest overlap, then as many as possible.

    Parameters
    ----------
    gold, system : list of Timex
        The gold and predicted expressions of one document.

    Returns
    -------
    list of (Timex, Timex)
        ``(gold, system)`` pairs whose spans overlap, each expression in at most one pair, in gold
        text order. No other one-to-one matching keeping the exact pairs has more pairs.

    Examples
    --------
    >>> def t(start, end): return Timex(Span("d", start, end), "x" * (end - start), "DATE", "X", "day")
    >>> pairs = match_timexes([t(0, 10), t(10, 12)], [t(5, 11), t(0, 3)])
    >>> [(g.span.start, s.span.start) for g, s in pairs]
    [(0, 0), (10, 5)]
    """
    links = {i: [j for j, s in enumerate(system) if _overlap(g, s) > 0] for i, g in enumerate(gold)}
    owner: dict[int, int] = {}  # system index -> gold index
    for _, i, j in sorted((-_score(gold[i], system[j]), i, j) for i in links for j in links[i]):
        if i not in owner.values() and j not in owner:
            owner[j] = i
    fixed = {j for j, i in owner.items() if _same_span(gold[i], system[j])}
    for i in links:
        if i not in owner.values():
            _augment(i, links, owner, fixed, set())
    return sorted(((gold[i], system[j]) for j, i in owner.items()), key=lambda p: (p[0].span.start, p[0].span.end))


def _overlap(a: Timex, b: Timex) -> int:
    return min(a.span.end, b.span.end) - max(a.span.start, b.span.start)


def _same_span(a: Timex, b: Timex) -> bool:
    return a.span.start == b.span.start and a.span.end == b.span.end


def _score(g: Timex, s: Timex) -> int:
    return 10**9 if _same_span(g, s) else _overlap(g, s)


def _augment(i: int, links: dict[int, list[int]], owner: dict[int, int], fixed: set[int], seen: set[int]) -> bool:
    """Kuhn's augmenting path from unmatched gold ``i``; exact pairs (``fixed``) are never moved."""
    for j in links[i]:
        if j in seen or j in fixed:
            continue
        seen.add(j)
        if j not in owner or _augment(owner[j], links, owner, fixed, seen):
            owner[j] = i
            return True
    return False


def score_pairs(scores: TimexScores, doc_id: str, gold: list[Timex], system: list[Timex]) -> None:
    """Add one document's gold and predicted Timexes to ``scores`` (counts, per type, errors).

    Parameters
    ----------
    scores : TimexScores
        Updated in place.
    doc_id : str
        The document, named in the error records.
    gold, system : list of Timex
        Gold and predicted expressions of that document; gold ones without text are not scored.
    """
    gold = [g for g in gold if g.text.strip()]
    scores.docs += 1
    scores.gold += len(gold)
    scores.system += len(system)
    for g in gold:
        scores.by_type.setdefault(g.type, TypeCounts()).gold += 1
    for s in system:
        scores.by_type.setdefault(s.type, TypeCounts()).predicted += 1
    pairs = match_timexes(gold, system)
    for g, s in pairs:
        counts = scores.by_type[g.type]
        counts.found += 1
        counts.value += g.value == s.value
        scores.relaxed += 1
        scores.strict += _same_span(g, s)
        scores.type += g.type == s.type
        scores.value += g.value == s.value
    scores.errors.extend(_errors(doc_id, gold, system, pairs))


def _errors(doc_id: str, gold: list[Timex], system: list[Timex],
            pairs: list[tuple[Timex, Timex]]) -> Iterator[TimexError]:
    """Error records of one document, in text order."""
    matched_gold = {id(g) for g, _ in pairs}
    matched_system = {id(s) for _, s in pairs}
    found: list[tuple[int, TimexError]] = []
    for g in gold:
        if id(g) not in matched_gold:
            pattern = f"missed {g.type} {_shape(g.text)!r}"
            found.append((g.span.start, TimexError("missed", doc_id, g, None, pattern)))
    for s in system:
        if id(s) not in matched_system:
            pattern = f"spurious {s.type} {_shape(s.text)!r}"
            found.append((s.span.start, TimexError("spurious", doc_id, None, s, pattern)))
    for g, s in pairs:
        if not _same_span(g, s):
            found.append((g.span.start, TimexError("span", doc_id, g, s, f"span: {_span_difference(g, s)}")))
        if g.type != s.type:
            found.append((g.span.start, TimexError("type", doc_id, g, s, f"type {g.type} -> {s.type}")))
        if g.value != s.value:
            pattern = f"value {_value_shape(g.value)} -> {_value_shape(s.value)}"
            found.append((g.span.start, TimexError("value", doc_id, g, s, pattern)))
    return (error for _, error in sorted(found, key=lambda item: item[0]))


def _shape(text: str) -> str:
    """Lower case, digits as ``#``, spaces collapsed: 'March 3' and 'March 24' share ``march #``."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _value_shape(value: str) -> str:
    return re.sub(r"\d", "#", value)


def _span_difference(g: Timex, s: Timex) -> str:
    """How the predicted span differs from the gold one, e.g. ``predicted lacks 'the' on the left``."""
    parts = []
    if s.span.start > g.span.start:
        parts.append(f"lacks {_shape(g.text[: s.span.start - g.span.start])!r} on the left")
    elif s.span.start < g.span.start:
        parts.append(f"adds {_shape(s.text[: g.span.start - s.span.start])!r} on the left")
    if s.span.end < g.span.end:
        parts.append(f"lacks {_shape(g.text[len(g.text) - (g.span.end - s.span.end):])!r} on the right")
    elif s.span.end > g.span.end:
        parts.append(f"adds {_shape(s.text[len(s.text) - (s.span.end - g.span.end):])!r} on the right")
    return "predicted " + ", ".join(parts)


def _pattern_dict(pattern: ErrorPattern) -> dict[str, Any]:
    example = pattern.example
    return {
        "pattern": pattern.pattern,
        "kind": pattern.kind,
        "count": pattern.count,
        "example": {
            "doc": example.doc_id,
            "gold": _timex_dict(example.gold),
            "predicted": _timex_dict(example.system),
        },
    }


def _timex_dict(timex: Timex | None) -> dict[str, Any] | None:
    if timex is None:
        return None
    return {"start": timex.span.start, "end": timex.span.end, "type": timex.type, "value": timex.value,
            "text": timex.text}


def read_gold(path: Path) -> Iterator[tuple[Document, list[Timex]]]:
    """Each TimeML document under ``path`` with its gold TIMEX3s.

    Parameters
    ----------
    path : Path
        A ``.tml`` file or a folder of them (searched recursively, sorted by path).

    Yields
    ------
    (Document, list of Timex)
        The document (text, DCT) and its gold expressions in text order.

    Raises
    ------
    SourceError
        When ``path`` holds no TimeML file or a file cannot be read.
    """
    for file in iter_timeml(path):
        yield read_timeml(file), gold_timexes(file)


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

    Examples
    --------
    >>> from graph.timex import find_timexes
    >>> scores = score_folder(Path("../shared/data/timeml/train"), find_timexes)  # doctest: +SKIP
    >>> round(scores.value_f1, 3)  # doctest: +SKIP
    0.777
    """
    scores = TimexScores()
    for doc, gold in read_gold(path):
        started = time.perf_counter()
        system = tagger(doc)
        scores.seconds += time.perf_counter() - started
        score_pairs(scores, doc.doc_id, gold, system)
    return scores


def score_predictions(gold_path: Path, pred_path: Path) -> TimexScores:
    """Score the predictions of a JSONL file against the TimeML gold at ``gold_path``.

    Parameters
    ----------
    gold_path : Path
        A ``.tml`` file or a folder of them; each document is named by its DOCID.
    pred_path : Path
        JSONL, one prediction per line: ``{"doc", "start", "end", "type", "value"}`` and
        optionally ``"text"`` (the format of ``timeline-kg timex --timeml``). A gold document
        without a line has no prediction.

    Returns
    -------
    TimexScores
        Counts over all gold documents (``seconds`` stays 0).

    Raises
    ------
    SourceError
        When the gold cannot be read, two gold files share a DOCID, or a prediction line is bad
        (see :func:`read_predictions`).
    """
    corpus = list(read_gold(gold_path))
    documents: dict[str, Document] = {}
    for doc, _ in corpus:
        if doc.doc_id in documents:
            raise SourceError(doc.path, f"DOCID {doc.doc_id!r} is also the DOCID of {documents[doc.doc_id].path}; "
                                        "predictions name documents by DOCID, so each must be unique")
        documents[doc.doc_id] = doc
    predictions = read_predictions(pred_path, documents)
    scores = TimexScores()
    for doc, gold in corpus:
        score_pairs(scores, doc.doc_id, gold, predictions.get(doc.doc_id, []))
    return scores


def read_predictions(path: Path, documents: Mapping[str, Document]) -> dict[str, list[Timex]]:
    """Read predicted TIMEX3s from JSONL, checking each line against the gold documents.

    Parameters
    ----------
    path : Path
        One JSON object per line with ``doc`` (a DOCID), ``start`` and ``end`` (character offsets
        into the TEXT element's characters, tags removed, end exclusive), ``type`` (DATE, TIME,
        DURATION or SET), ``value`` and optionally ``text`` (must equal the characters at the
        offsets). Blank lines are skipped.
    documents : mapping of str to Document
        The gold documents by DOCID.

    Returns
    -------
    dict of str to list of Timex
        Predictions per DOCID, in file order.

    Raises
    ------
    SourceError
        ``path:LINE: problem`` for a line that is not a JSON object, lacks a key, has a bad type,
        value or offsets, names a document not in the gold, or whose text differs from the
        document's; ``path: ...`` when the file cannot be read.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except FileNotFoundError:
        raise SourceError(path, "no such predictions file; "
                                "write one with `timeline-kg timex --timeml GOLD > FILE`") from None
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(path, f"cannot read predictions ({error}); give a UTF-8 JSONL file") from error
    predictions: dict[str, list[Timex]] = {}
    for number, line in enumerate(lines, start=1):
        if line.strip():
            timex = _prediction(f"{path}:{number}", line, documents)
            predictions.setdefault(timex.span.doc_id, []).append(timex)
    return predictions


def _prediction(where: str, line: str, documents: Mapping[str, Document]) -> Timex:
    """One JSONL line as a Timex, or a SourceError naming the line and what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise SourceError(where, f"not JSON ({error.msg}); write one object per line") from None
    if not isinstance(record, dict):
        raise SourceError(where, 'not a JSON object; write {"doc", "start", "end", "type", "value"}')
    missing = [key for key in PREDICTION_KEYS if key not in record]
    if missing:
        raise SourceError(where, f"missing key {missing[0]!r}; each line needs {', '.join(PREDICTION_KEYS)}")
    doc = documents.get(record["doc"]) if isinstance(record["doc"], str) else None
    if doc is None:
        raise SourceError(where, f"document {record['doc']!r} is not in the gold; use the DOCID of a gold file")
    start, end = record["start"], record["end"]
    integers = all(isinstance(x, int) and not isinstance(x, bool) for x in (start, end))
    if not integers or not 0 <= start < end <= len(doc.text):
        raise SourceError(where, f"offsets {start!r}-{end!r} are not a span of {doc.doc_id}; "
                                 f"need integers 0 <= start < end <= {len(doc.text)}")
    if record["type"] not in TIMEX_TYPES:
        raise SourceError(where, f"type {record['type']!r} is not one of {', '.join(TIMEX_TYPES)}")
    value = record["value"]
    if not isinstance(value, str) or not value:
        raise SourceError(where, f"value {value!r} is not a TIMEX3 value; give a non-empty string")
    text = doc.text[start:end]
    if "text" in record and record["text"] != text:
        raise SourceError(where, f"text {record['text']!r} differs from {doc.doc_id}[{start}:{end}] = {text!r}; "
                                 "offsets index the TEXT element's characters with tags removed")
    granularity, earliest, latest = bounds_of_value(value, record["type"], doc.dct)
    return Timex(Span(doc.doc_id, start, end), text, record["type"], value, granularity, earliest, latest,
                 str(record.get("mod", "")))
