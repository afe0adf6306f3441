"""How long one very long article takes: a single line of N characters, built as a user would.

    python benchmarks/long_article.py [--chars 100000 1048576] [--keep DIR]

For each size, writes an article of one line (varied news sentences, title above it) into a
temporary folder, then runs ``timeline-kg build FILE --store memory: --max-chars 0`` in a child
process and prints its wall time, peak memory (the child's maximum resident set size), the number
of pieces the line was parsed in (``graph.sources.MAX_PIECE_CHARS``) and the events found. The
figures back the default of ``--max-chars`` (``graph.sources.MAX_ARTICLE_CHARS``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph.sources import MAX_ARTICLE_CHARS, MAX_PIECE_CHARS, read_source

SUBJECTS = ("The minister", "Rebels", "The army", "Officials", "The president", "Protesters", "The envoy")
VERBS = ("met", "attacked", "visited", "criticized", "signed a deal with", "talked to", "warned")
OBJECTS = ("the mayor of Aleppo", "troops near Geneva", "the delegation in Paris", "the council", "local leaders")
TIMES = ("on Monday", "last week", "in March 2016", "on 3 May", "yesterday", "two days later")


def one_line(chars: int, seed: int = 0) -> str:
    """Sentences drawn at random until ``chars`` characters, on one line."""
    pick = random.Random(seed).choice
    sentences, size = [], 0
    while size < chars:
        sentence = f"{pick(SUBJECTS)} {pick(VERBS)} {pick(OBJECTS)} {pick(TIMES)}."
        sentences.append(sentence)
        size += len(sentence) + 1
    return " ".join(sentences)[:chars].rsplit(".", 1)[0] + "."


def measure(chars: int, folder: Path) -> dict[str, object]:
    article = folder / f"line_{chars}.txt"
    article.write_text("A long line\n\n" + one_line(chars) + "\n", encoding="utf-8")
    article.with_suffix(".json").write_text(json.dumps({"published": "2020-03-02"}), encoding="utf-8")
    pieces = len(read_source(article, max_chars=0).body)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "graph", "build", str(article), "--store", "memory:",
                           "--out", str(folder / f"out_{chars}"), "--quiet", "--max-chars", "0"],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB, of the largest child so far
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    events = re.search(r"(\d+) event\(s\)", done.stderr)
    return {"chars": chars, "pieces": pieces, "seconds": round(seconds, 1),
            "peak_mb": round(peak / 1024),
            "events": int(events.group(1)) if events else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chars", type=int, nargs="+", default=[100_000, 2**20], help="article sizes to try")
    parser.add_argument("--keep", type=Path, help="write the articles and outputs here instead of a temporary folder")
    args = parser.parse_args()
    print(f"default limit {MAX_ARTICLE_CHARS:,} characters; pieces of at most {MAX_PIECE_CHARS:,}")
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.keep or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'characters':>12} {'pieces':>7} {'seconds':>8} {'peak MB':>8} {'events':>7}")
        for chars in sorted(args.chars):  # smallest first: a child's peak shows only when it is the largest
            row = measure(chars, folder)
            print(f"{row['chars']:>12,} {row['pieces']:>7} {row['seconds']:>8} {row['peak_mb']:>8} {row['events']:>7}")


if __name__ == "__main__":
    main()
