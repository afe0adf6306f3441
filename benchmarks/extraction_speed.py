"""Extraction speed against the spaCy pipeline it is built on, on the same texts, in one run.

    python benchmarks/extraction_speed.py ../shared/data/timeml/train [--limit N]

Prints words/s of (1) the spaCy model alone (``nlp.pipe`` over the same texts, no gazetteer),
(2) the whole extraction of timeline-kg (parse with the gazetteer rulers, mentions, temporal
expressions, events, dating, merging) in one process, and their ratio; then the wall time of
``graph.pipeline.build`` with one process and with one per core (the same graph either way).
Words are counted with ``str.split``.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from graph.extract.nlp import DEFAULT_MODELS, _load, load_nlp
from graph.pipeline import build, extract
from graph.sources.timeml import iter_timeml, read_timeml


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a TimeML folder (e.g. ../shared/data/timeml/train)")
    parser.add_argument("--limit", type=int, default=0, help="use only the first N documents")
    args = parser.parse_args()
    paths = list(iter_timeml(args.corpus))
    if args.limit:
        paths = paths[: args.limit]
    docs = [read_timeml(p) for p in paths]
    words = sum(len(d.text.split()) for d in docs)
    plain = next(nlp for nlp in map(_load, DEFAULT_MODELS) if nlp is not None)
    load_nlp()  # load outside the timings
    extract(docs[0])

    started = time.perf_counter()
    for _ in plain.pipe(d.text for d in docs):
        pass
    spacy_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for doc in docs:
        extract(doc)
    ours_seconds = time.perf_counter() - started
    print(f"{len(docs)} documents, {words} words")
    print(f"spaCy pipeline alone   {words / spacy_seconds:8.0f} words/s  ({spacy_seconds:.1f} s)")
    print(f"timeline-kg extraction {words / ours_seconds:8.0f} words/s  ({ours_seconds:.1f} s)")
    print(f"ratio (ours / spaCy)   {spacy_seconds / ours_seconds:8.2f}  (goal >= 0.70)")

    cores = os.cpu_count() or 1
    for jobs in sorted({1, cores}):
        started = time.perf_counter()
        result = build(paths, jobs=jobs)
        print(f"build, {jobs} process(es): {time.perf_counter() - started:.1f} s, {len(result.graph)} triples")


if __name__ == "__main__":
    main()
