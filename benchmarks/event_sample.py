"""A seeded random sample of the default timeline, for judging events by hand.

    python benchmarks/event_sample.py ../shared/data/meantime [--seed 16] [--n 40]

Builds the graph of every MEANTIME article under the folder as ``timeline-kg build`` does
(extraction, linking across articles, the RDF contract), reads its default timeline with the
shipped ``timeline`` query (whole events only), draws ``--n`` events and prints each as a Markdown table row: date, event, actors, places, article and the first
sentence that tells it, so that a reader can judge whether it is a real event with the right
actors and date. The verdicts live in ``docs/event-quality.md``.

The draw ranks events by a seeded hash of their IRI (which names the article and the characters
of the event's first word) and keeps the lowest ``--n``: a change to the extractors redraws only
the events it adds, removes or renames, so the same seed judged at two commits compares mostly
the same events instead of a fresh random set.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from graph.eval.meantime import find_cat_files
from graph.pipeline import extract_all, to_rdf
from graph.queries import rows, run_query
from graph.sources.cat import read_cat


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path, help="a MEANTIME folder (e.g. ../shared/data/meantime)")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--n", type=int, default=40)
    args = parser.parse_args()
    documents = [read_cat(path).document for path in find_cat_files(args.corpus)]
    graph = to_rdf(extract_all(documents))
    names, timeline = rows(run_query(graph, "timeline"))
    events = [dict(zip(names, row)) for row in timeline]
    drawn = sorted(events, key=lambda event: _rank(args.seed, event["event"]))[:args.n]
    sample = sorted(drawn, key=lambda e: (e["begin"], e["label"]))
    print(f"{len(events)} events on the default timeline of {len(documents)} articles; "
          f"{len(sample)} drawn with seed {args.seed}\n")
    print("| # | date | event | actors | places | article | sentence |")
    print("|---|------|-------|--------|--------|---------|----------|")
    for number, event in enumerate(sample, 1):
        names, told = rows(run_query(graph, "provenance", {"event": event["event"]}))
        first = dict(zip(names, told[0])) if told else {}
        when = event["begin"] if event["begin"] == event["end"] else f"{event['begin']}..{event['end']}"
        article = f"{first.get('article', '').rsplit('/', 1)[-1]} ({first.get('published', '')})"
        sentence = " ".join(first.get("sentence", "").split()).replace("|", "/")
        actors, places = (_sorted_names(event[key]) for key in ("actors", "places"))
        print(f"| {number} | {when} | {event['label']} | {actors} | {places} | {article} | {sentence} |")


def _rank(seed: int, event: str) -> str:
    return hashlib.sha256(f"{seed}:{event}".encode()).hexdigest()


def _sorted_names(joined: str) -> str:
    """The query's "; "-joined names in a fixed order, so that two runs print the same table."""
    return "; ".join(sorted(name for name in joined.split("; ") if name))


if __name__ == "__main__":
    main()
