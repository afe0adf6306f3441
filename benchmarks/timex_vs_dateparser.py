"""Our temporal tagger against dateparser's ``search_dates`` on the same TimeML documents, same run.

Usage::

    pip install dateparser        # not a project dependency; only this benchmark needs it
    python benchmarks/timex_vs_dateparser.py ../shared/data/timeml/train [--limit N]

Both systems tag every document (read once, up front) anchored on its DCT and are scored with the
TempEval-3 measures of ``timeline-kg eval timex`` (``graph.eval.timex``): strict and relaxed span
F1 and value F1. Only the tagging calls are timed (not reading or scoring); each system first tags
one short warm-up sentence so that one-off loading (dateparser's language data) is not counted.
Tokens are counted with the regex ``\\w+(?:[-'.]\\w+)*|[^\\w\\s]`` (words, keeping inner hyphens,
apostrophes and periods, and punctuation marks), close to a Penn Treebank token count.

dateparser is called as ``search_dates(text, languages=["en"], settings={"RELATIVE_BASE": DCT at
midnight})``, ``PREFER_DATES_FROM`` left at its default. It returns ``(substring, datetime)`` pairs,
turned into TIMEX3 predictions as follows:

- **offsets**: each substring is looked up in the text left to right, from the end of the previous
  one (non-overlapping); the span is then trimmed of surrounding whitespace. A substring that cannot
  be found is dropped and counted ("unlocated").
- **type**: TIME when the substring holds a clock time (``10:30``, ``9 a.m.``, ``5pm``, ``noon``,
  ``midnight``), else DATE; dateparser has no durations or sets.
- **value**, at the granularity the substring implies:
  TIME -> ``YYYY-MM-DDTHH:MM``;
  a day number (1-31, not part of a longer number nor a count of units as in ``10 years``), a
  weekday name, ``today``/``yesterday``/``tomorrow`` or a count of days (``3 days ago``) ->
  ``YYYY-MM-DD``;
  else a month name or the word ``month`` -> ``YYYY-MM``;
  else a four-digit year or the word ``year`` -> ``YYYY``;
  anything else (``now``, ``week``...) -> ``YYYY-MM-DD``, the day dateparser resolved.

The issue quotes dateparser at 0.345 value F1 on the TempEval-3 unseen test set (platinum), for
comparison with the figures this prints on the training set.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.errors import TimelineKGError  # noqa: E402
from graph.eval.timex import TimexScores, read_gold, score_pairs  # noqa: E402
from graph.model import Document, Span, Timex  # noqa: E402
from graph.timex import find_timexes  # noqa: E402

TOKEN = re.compile(r"\w+(?:[-'.]\w+)*|[^\w\s]")
WARM_UP = Document("warm-up", "The talks began on Monday, March 3, 1998 at 10:30 a.m.", None)

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
          "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
CLOCK = re.compile(r"\b\d{1,2}:\d{2}\b|\b\d{1,2}\s*(?:a\.?m\b\.?|p\.?m\b\.?)|\b(?:noon|midnight)\b", re.I)
UNIT = r"(?:years?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centur(?:y|ies))\b"
DAY = re.compile(rf"(?<![\d:])(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?![\d:])(?!\s*{UNIT})|\b(?:monday|"
                 r"tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow|days?)\b", re.I)
FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
MONTH = re.compile(rf"\b(?:{MONTHS}|months?)\b\.?", re.I)
YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)|\byears?\b", re.I)


def timex3_value(substring: str, when: datetime) -> tuple[str, str]:
    """TIMEX3 ``(type, value)`` for a dateparser match, at the granularity its text implies.

    >>> timex3_value("Friday", datetime(1998, 8, 7))
    ('DATE', '1998-08-07')
    >>> timex3_value("August 1998", datetime(1998, 8, 7))
    ('DATE', '1998-08')
    >>> timex3_value("1998", datetime(1998, 8, 7))
    ('DATE', '1998')
    >>> timex3_value("10 years ago", datetime(1988, 8, 7))
    ('DATE', '1988')
    >>> timex3_value("3 days ago", datetime(1998, 8, 4))
    ('DATE', '1998-08-04')
    >>> timex3_value("9:30 a.m. Friday", datetime(1998, 8, 7, 9, 30))
    ('TIME', '1998-08-07T09:30')
    """
    if CLOCK.search(substring):
        return "TIME", when.strftime("%Y-%m-%dT%H:%M")
    if DAY.search(FOUR_DIGITS.sub(" ", substring)):  # a year is not a day number
        return "DATE", when.strftime("%Y-%m-%d")
    if MONTH.search(substring):
        return "DATE", when.strftime("%Y-%m")
    if YEAR.search(substring):
        return "DATE", f"{when.year:04d}"
    return "DATE", when.strftime("%Y-%m-%d")


class DateparserTagger:
    """``search_dates`` turned into Timexes (see the module docstring); counts unlocated matches."""

    def __init__(self, search_dates: Callable) -> None:
        self.search_dates = search_dates
        self.unlocated = 0
        self.failures = 0

    def __call__(self, doc: Document) -> list[Timex]:
        base = datetime(doc.dct.year, doc.dct.month, doc.dct.day) if doc.dct else datetime.now()
        try:
            found = self.search_dates(doc.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        except Exception:  # a benchmark of a third-party tool: count its crashes, keep going
            self.failures += 1
            return []
        timexes, cursor = [], 0
        for substring, when in found:
            start = doc.text.find(substring, cursor)
            if start < 0:
                self.unlocated += 1
                continue
            cursor = start + len(substring)
            start += len(substring) - len(substring.lstrip())
            end = cursor - (len(substring) - len(substring.rstrip()))
            if start >= end:
                continue
            kind, value = timex3_value(substring, when)
            timexes.append(Timex(Span(doc.doc_id, start, end), doc.text[start:end], kind, value,
                                 "time" if kind == "TIME" else "day"))
        return timexes


def run(tagger: Callable[[Document], list[Timex]], corpus: list[tuple[Document, list[Timex]]]) -> TimexScores:
    """Tag and score every document; only the tagging calls are timed."""
    tagger(WARM_UP)
    scores = TimexScores()
    for doc, gold in corpus:
        started = time.perf_counter()
        system = tagger(doc)
        scores.seconds += time.perf_counter() - started
        score_pairs(scores, doc.doc_id, gold, system)
    return scores


def report(corpus_path: Path, corpus: list, tokens: int, ours: TimexScores, theirs: TimexScores) -> str:
    """Side-by-side figures; ratio is ours / dateparser."""
    def figures(s: TimexScores) -> list[float]:
        rate = (lambda n: n / s.seconds if s.seconds else float("inf"))
        return [s.f1(s.strict)[2], s.f1(s.relaxed)[2], s.value_f1, rate(s.docs), rate(tokens), float(s.system)]

    names = ["strict F1", "relaxed F1", "value F1", "documents/s", "tokens/s", "predicted"]
    lines = [f"{corpus_path}: {len(corpus)} documents, {tokens:,} tokens, {ours.gold} gold TIMEX3",
             f"{'':12s}  {'timeline-kg':>11s}  {'dateparser':>11s}  {'ratio':>7s}"]
    for i, (a, b) in enumerate(zip(figures(ours), figures(theirs))):
        shown = (lambda x: f"{x:11.3f}") if i < 3 else (lambda x: f"{x:11,.0f}")
        ratio = f"{a / b:7.1f}x" if b else "      -"
        lines.append(f"{names[i]:12s}  {shown(a)}  {shown(b)}  {ratio}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="example: python benchmarks/timex_vs_dateparser.py ../shared/data/timeml/train")
    parser.add_argument("corpus", type=Path, help="a TimeML .tml file or a folder of them (searched recursively)")
    parser.add_argument("--limit", type=int, help="only the first N documents (sorted by path)")
    args = parser.parse_args(argv)
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("this benchmark needs dateparser: pip install dateparser", file=sys.stderr)
        return 1
    try:
        corpus = list(read_gold(args.corpus))[: args.limit]
    except TimelineKGError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    tokens = sum(len(TOKEN.findall(doc.text)) for doc, _ in corpus)
    dateparser = DateparserTagger(search_dates)
    ours, theirs = run(find_timexes, corpus), run(dateparser, corpus)
    print(report(args.corpus, corpus, tokens, ours, theirs))
    print(f"(dateparser: {dateparser.unlocated} matches not found in the text, "
          f"{dateparser.failures} documents raised)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
