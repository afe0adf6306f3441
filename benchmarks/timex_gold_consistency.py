"""How many of the tagger's value errors are conventions the gold itself follows elsewhere.

Usage::

    python benchmarks/timex_gold_consistency.py ../shared/data/timeml/train [--list]

For each relaxed match whose value is wrong, the gold expression's *form* (its text lower-cased,
month and weekday names, number words and digits generalized: "Last week", "last  week" and
"last week" are one form, "Friday" and "Monday" another) is looked up in the gold of the *other*
documents. The predicted value counts as a convention the gold also follows when one of those
annotations has the same *signature*: the value's shape (digits as ``9``) and its offset from its
own document's DCT in the value's unit ("last week" -> ``9999-W99`` one week back; "a year ago" in
a report -> ``9999-Q9`` four quarters back). Values without a calendar anchor (``PXY``,
``PAST_REF``) are their own signature.

Such an error cannot be removed by a general rule without creating the mirror error on the other
document: the gold gives the same form, at the same distance from the DCT, both values. Day-level
values ("Friday" as a past or a coming Friday) are counted apart: context (the tense) can tell
those apart, so a shared signature is weaker evidence there.

Printed: the tagger's value F1, the errors in each class, and the value F1 the tagger would reach
if every error outside the conflicting conventions were fixed (its ceiling on this gold without
fitting one document's convention against another's).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.errors import TimelineKGError  # noqa: E402
from graph.eval.timex import match_timexes, read_gold  # noqa: E402
from graph.timex import find_timexes  # noqa: E402
from graph.timex.values import parse_value  # noqa: E402

_MONTH = re.compile(r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
                    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?")
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_NUMBER_WORD = re.compile(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|"
                          r"thirty|forty|fifty|a few|several)\b")
_MONTHS_PER = {"month": 1, "quarter": 3, "half": 6}


def form(text: str) -> str:
    """The expression with its particulars generalized: 'Last  Friday' -> 'last WD'."""
    text = " ".join(text.lower().split())
    text = _WEEKDAY.sub("WD", _MONTH.sub("MON", text))
    return re.sub(r"\d+", "9", _NUMBER_WORD.sub("N", text))


def signature(value: str, dct: date | None) -> tuple[str, int | None]:
    """(shape, offset from the DCT in the value's own unit), or (value, None) when unanchored."""
    shape = re.sub(r"\d", "9", value)
    parsed = parse_value(value) if dct is not None else None
    if parsed is None:
        return (shape if re.search(r"\d", value) else value), None
    granularity, day = parsed
    if granularity in ("day", "time"):
        return shape, (day - dct).days
    if granularity in ("week", "weekend"):
        return shape, (day.toordinal() - day.weekday() - (dct.toordinal() - dct.weekday())) // 7
    if granularity in _MONTHS_PER:
        size = _MONTHS_PER[granularity]
        return shape, (day.year * 12 + day.month - 1) // size - (dct.year * 12 + dct.month - 1) // size
    if granularity in ("year", "season"):
        return shape, day.year - dct.year
    return shape, None


def audit(corpus_path: Path) -> tuple[dict[str, int], list[tuple[str, ...]]]:
    corpus = list(read_gold(corpus_path))
    signatures: dict[str, list[tuple[str, tuple[str, int | None]]]] = defaultdict(list)
    for doc, gold in corpus:
        for g in gold:
            signatures[form(g.text)].append((doc.doc_id, signature(g.value, doc.dct)))
    counts: Counter[str] = Counter()
    rows = []
    for doc, gold in corpus:
        system = find_timexes(doc)
        counts["gold"] += len(gold)
        counts["predicted"] += len(system)
        for g, s in match_timexes(gold, system):
            counts["matched"] += 1
            if g.value == s.value:
                counts["right"] += 1
                continue
            ours, theirs = signature(s.value, doc.dct), signature(g.value, doc.dct)
            others = [sig for other, sig in signatures[form(g.text)] if other != doc.doc_id]
            shared, favoured = others.count(ours), others.count(theirs)
            day_level = bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", s.value))
            kind = "other" if not shared else "conflict-day" if day_level else "conflict"
            counts[kind] += 1
            counts["gold majority against us"] += bool(shared) and favoured > shared
            rows.append((kind, doc.doc_id, g.text, g.value, s.value, f"{shared} with us, {favoured} with this gold"))
    return counts, rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a TimeML .tml file or a folder of them (searched recursively)")
    parser.add_argument("--list", action="store_true", help="also list every value error with its class")
    args = parser.parse_args(argv)
    try:
        counts, rows = audit(args.corpus)
    except TimelineKGError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    total = counts["predicted"] + counts["gold"]
    errors = counts["matched"] - counts["right"]
    f1 = (lambda right: 2 * right / total if total else 0.0)
    print(f"{args.corpus}: {counts['gold']} gold, {counts['predicted']} predicted, {counts['matched']} relaxed "
          f"matches, {counts['right']} right values: value F1 {f1(counts['right']):.3f}")
    print(f"value errors: {errors}")
    print(f"  the gold of another document gives the same form our value's convention: {counts['conflict']}"
          f" (and {counts['conflict-day']} more at day level, where context may decide)")
    print(f"    of these, the other documents' gold gives the form this error's gold value more often than ours: "
          f"{counts['gold majority against us']}")
    print(f"  no other document's gold shares our convention: {counts['other']}")
    print(f"value F1 with every error of the last class fixed: {f1(counts['right'] + counts['other']):.3f}; "
          f"with the day-level ones too: {f1(counts['right'] + counts['other'] + counts['conflict-day']):.3f}")
    if args.list:
        for row in sorted(rows):
            print(" | ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
