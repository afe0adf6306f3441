"""``timeline-kg eval``: scores against gold TimeML (temporal expressions; dated events)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from .common import count

__all__ = ["register", "run"]


def register(commands, formatter) -> None:
    """Add the ``eval`` sub-command (``eval timex``, ``eval events``, ``eval meantime``) to the parser."""
    evaluate = commands.add_parser(
        "eval", help="score against gold annotations (TimeML temporal expressions and dated events; MEANTIME)",
        formatter_class=formatter,
        description="Score annotations against gold data. TARGET `timex`: temporal expressions (TimeML);\n"
                    "`events`: dated events (TimeML); `meantime`: the whole graph (MEANTIME CAT XML).",
        epilog="examples:\n  timeline-kg eval timex ../shared/data/timeml/train\n"
               "  timeline-kg eval timex GOLD --pred predictions.jsonl\n"
               "  timeline-kg eval meantime ../shared/data/meantime")
    targets = evaluate.add_subparsers(dest="target", required=True, metavar="TARGET")
    timex = targets.add_parser(
        "timex", help="TempEval-3 Task A: TIMEX3 spans, types and values",
        formatter_class=formatter,
        description="Score temporal expressions against the gold TIMEX3s of TimeML files with the TempEval-3\n"
                    "Task A measures: strict span P/R/F1 (identical offsets), relaxed span P/R/F1 (overlap,\n"
                    "one-to-one), type and value accuracy over relaxed matches, and type/value F1 = relaxed\n"
                    "F1 x accuracy; then a per-type table and the most frequent error patterns.\n\n"
                    "Without --pred our tagger runs on each document, anchored on its DCT. With --pred FILE,\n"
                    "predictions come from JSONL in the format `timeline-kg timex --timeml` prints, one per\n"
                    'line: {"doc", "start", "end", "type", "value", "text"}, doc the DOCID, offsets into the\n'
                    "TEXT element's characters with tags removed (end exclusive), text optional and checked.\n"
                    "Any system can be scored this way.",
        epilog="examples:\n  timeline-kg eval timex ../shared/data/timeml/train\n"
               "  timeline-kg eval timex corpus/doc.tml --errors 0\n"
               "  timeline-kg timex --timeml GOLD > pred.jsonl && timeline-kg eval timex GOLD --pred pred.jsonl\n"
               "  timeline-kg eval timex GOLD --pred other-system.jsonl --format json > scores.json")
    timex.add_argument("gold", type=Path, metavar="GOLD", help="a TimeML .tml file or a folder of them (recursive)")
    timex.add_argument("--pred", type=Path, metavar="FILE",
                       help="score these JSONL predictions instead of running our tagger")
    timex.add_argument("--errors", type=count, default=10, metavar="N",
                       help="list the N most frequent error patterns (default: 10; 0 for none)")
    timex.add_argument("--format", choices=("table", "json"), default="table")
    events = targets.add_parser(
        "events", help="dated-event recall and date accuracy against TimeML TLINKs",
        formatter_class=formatter,
        description="Run the whole extraction on TimeML documents (each anchored on its DCT) and score the\n"
                    "gold dated events: EVENTs linked by a TLINK (IS_INCLUDED, SIMULTANEOUS, DURING) to a DATE\n"
                    "TIMEX3 of the text valued YYYY, YYYY-MM or YYYY-MM-DD. Recall: one of our event triggers\n"
                    "overlaps the gold EVENT. Date accuracy: among those found, our day bounds lie within the\n"
                    "gold date's bounds (an undated event counts as wrong). --sample N prints N of our events\n"
                    "at random with their sentence, for judging precision by hand.",
        epilog="examples:\n  timeline-kg eval events ../shared/data/timeml/train\n"
               "  timeline-kg eval events ../shared/data/timeml/train/AQUAINT --sample 50 --seed 1")
    events.add_argument("gold", type=Path, metavar="GOLD", help="a TimeML .tml file or a folder of them (recursive)")
    events.add_argument("--sample", type=count, default=0, metavar="N", help="print N random extracted events")
    events.add_argument("--seed", type=int, default=0, help="random seed of the sample (default 0)")
    events.add_argument("--format", choices=("table", "json"), default="table")
    meantime = targets.add_parser(
        "meantime", help="events, participants, names, links, dates and coreference against MEANTIME",
        formatter_class=formatter,
        description="Build the graph of MEANTIME articles (CAT XML) as `timeline-kg build` does and score the RDF\n"
                    "it writes, in the window MEANTIME annotates exhaustively (headline, dateline, four body\n"
                    "sentences): event precision and recall; participant (people, organizations, places)\n"
                    "precision and recall of the events found; name recall, beside spaCy's NER alone; Wikidata\n"
                    "links of gold linked names, from both sides; date accuracy against TLINKs to dates; and\n"
                    "pairwise event coreference within articles and, over every annotated mention, across them.\n"
                    "A folder holding both MEANTIME layouts is read once per article (the cross-document one).",
        epilog="examples:\n  timeline-kg eval meantime ../shared/data/meantime\n"
               "  timeline-kg eval meantime corpus/intra_cross-doc_annotation/corpus_airbus --errors 20")
    meantime.add_argument("gold", type=Path, metavar="GOLD", help="a CAT .xml file or a folder of them (recursive)")
    meantime.add_argument("--errors", type=count, default=10, metavar="N",
                          help="list the N most frequent missed and spurious event words (default: 10)")
    meantime.add_argument("--model", help="spaCy model name (as for build)")
    meantime.add_argument("--format", choices=("table", "json"), default="table")
    evaluate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.target == "events":
        return _eval_events(args)
    if args.target == "meantime":
        return _eval_meantime(args)
    from graph.eval.timex import score_folder, score_predictions

    if args.pred is not None:
        scores = score_predictions(args.gold, args.pred)
    else:
        from graph.timex.tagger import find_timexes

        scores = score_folder(args.gold, find_timexes)
    if args.format == "json":
        print(json.dumps(scores.to_dict(errors=args.errors), indent=2))
    else:
        print(_eval_report(scores, args))
    return 0


def _eval_report(scores, args: argparse.Namespace) -> str:
    """The scores as three text tables: measures, per type, worst error patterns."""
    from graph.queries import table

    rate = scores.docs / scores.seconds if scores.seconds else 0
    source = f"predictions {args.pred}" if args.pred is not None else \
        f"our tagger, {scores.seconds:.2f} s, {rate:.0f} documents/s"
    rows = [[name, *(f"{m[k]:.3f}" for k in ("precision", "recall", "f1")),
             f"{m['accuracy']:.3f}" if "accuracy" in m else ""]
            for name, m in scores.to_dict()["measures"].items()]
    lines = [f"TempEval-3 Task A on {args.gold}: {scores.docs} documents, {scores.gold} gold, "
             f"{scores.system} predicted ({source})", "",
             table(["measure", "P", "R", "F1", "accuracy"], rows), ""]
    types = [[name, str(c.gold), str(c.predicted), str(c.found), f"{c.recall:.3f}", f"{c.value_accuracy:.3f}"]
             for name, c in scores.by_type.items()]
    lines += [table(["type", "gold", "predicted", "found", "relaxed R", "value acc"], types)]
    worst = scores.worst_errors(args.errors)
    if worst:
        rows = [[str(w.count), w.pattern, w.example.doc_id, _shown(w.example.gold), _shown(w.example.system)]
                for w in worst]
        lines += ["", f"{len(worst)} most frequent error patterns (count, pattern, first example):",
                  table(["n", "pattern", "doc", "gold", "predicted"], rows, max_width=50)]
    return "\n".join(lines)


def _eval_events(args: argparse.Namespace) -> int:
    import random
    import time

    from graph.eval.events import score_events
    from graph.pipeline.batch import extract
    from graph.queries import table

    extracted = []

    def run(doc):
        events = extract(doc).events
        extracted.extend((doc, e) for e in events)
        return events

    started = time.perf_counter()
    scores = score_events([args.gold], run)
    seconds = time.perf_counter() - started
    words = sum(len(doc.text.split()) for doc in {id(d): d for d, _ in extracted}.values())
    figures = {"documents": scores.documents, "gold_dated_events": scores.gold, "found": scores.found,
               "recall": round(scores.recall, 3), "dated": scores.dated, "right": scores.right,
               "date_accuracy": round(scores.date_accuracy, 3), "dated_accuracy": round(scores.dated_accuracy, 3),
               "event_mentions": scores.predicted, "seconds": round(seconds, 1)}
    sample = random.Random(args.seed).sample(extracted, min(args.sample, len(extracted)))
    if args.format == "json":
        figures["sample"] = [{"doc": d.doc_id, "type": e.event_type, "trigger": e.trigger_texts[0],
                              "label": e.label, "sentence": e.sentences[0].text_of(d)} for d, e in sample]
        print(json.dumps(figures, indent=2))
        return 0
    print(f"Dated events on {args.gold}: {scores.documents} documents, {words / seconds:.0f} words/s")
    print(table(["measure", "value"], [[k, str(v)] for k, v in figures.items()]))
    if sample:
        print(f"\n{len(sample)} extracted events at random (seed {args.seed}), to judge by hand:")
        print(table(["doc", "type", "trigger", "sentence"],
                    [[d.doc_id, e.event_type, e.trigger_texts[0], e.sentences[0].text_of(d)] for d, e in sample],
                    max_width=90))
    return 0


def _shown(timex) -> str:
    return "-" if timex is None else f"{timex.text!r} {timex.value}"


def _eval_meantime(args: argparse.Namespace) -> int:
    import time
    from collections import Counter

    from graph.eval.meantime import MeantimeScores, score_meantime
    from graph.queries import table

    started = time.perf_counter()
    scores = score_meantime(args.gold, model=args.model)
    seconds = time.perf_counter() - started
    if args.format == "json":
        print(json.dumps({**scores.to_dict(), "seconds": round(seconds, 1)}, indent=2))
        return 0
    print(f"MEANTIME on {args.gold}: {scores.documents} articles, {seconds:.1f} s")
    rows = [[name.replace("_", " "), f"{ratio.value:.3f}", str(ratio.hit), str(ratio.total)]
            for name, ratio in scores.measures().items()]
    rows += [["within F1", f"{MeantimeScores.f1(scores.within_precision, scores.within_recall):.3f}", "", ""],
             ["cross F1", f"{MeantimeScores.f1(scores.cross_precision, scores.cross_recall):.3f}", "", ""]]
    print(table(["measure", "value", "hit", "of"], rows))
    for title, items in (("missed gold events", scores.misses), ("our events not in the gold", scores.false_events)):
        common = Counter(text for _, text in items).most_common(args.errors)
        if common:
            print(f"\nmost frequent {title}: " + ", ".join(f"{text!r} {n}" for text, n in common))
    return 0
