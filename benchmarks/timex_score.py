"""Score the temporal tagger on a TimeML folder: python benchmarks/timex_score.py PATH [--errors N].

Prints strict/relaxed span P/R/F1, value F1 (TempEval-3) and documents per second.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from graph.errors import TimelineKGError  # noqa: E402
from graph.timex import find_timexes  # noqa: E402
from graph.timex_eval import score_folder  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path, help="a .tml file or a folder of them (searched recursively)")
    parser.add_argument("--errors", type=int, default=0, help="also list the N most frequent value errors")
    args = parser.parse_args(argv)
    try:
        scores = score_folder(args.path, find_timexes)
    except TimelineKGError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"documents {scores.docs}  gold {scores.gold}  system {scores.system}")
    for name, hits in (("strict", scores.strict), ("relaxed", scores.relaxed)):
        p, r, f = scores.f1(hits)
        print(f"{name:8s} P {p:.3f}  R {r:.3f}  F1 {f:.3f}")
    accuracy = scores.value / scores.relaxed if scores.relaxed else 0.0
    print(f"value    F1 {scores.value_f1:.3f}  (accuracy over relaxed matches {accuracy:.3f})")
    print(f"type     F1 {scores.type_f1:.3f}")
    print(f"speed    {scores.docs / scores.seconds if scores.seconds else 0:.1f} docs/s")
    for (doc, text, gold, system), n in Counter(scores.errors).most_common(args.errors):
        print(f"  {n:3d}  {doc}  {text}  gold {gold}  system {system}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
