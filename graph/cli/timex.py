"""``timeline-kg timex``: the temporal expressions of articles or TimeML files, as JSONL or a table."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from graph.errors import SourceError

from .common import iso_date

__all__ = ["register", "run"]


def register(commands, formatter) -> None:
    """Add the ``timex`` sub-command to the ``timeline-kg`` parser."""
    timex = commands.add_parser(
        "timex", help="print the temporal expressions of articles or TimeML files",
        formatter_class=formatter,
        description="Find and normalize temporal expressions (TIMEX3) anchored on each document's "
                    "publication date. JSONL lines: {doc, start, end, type, value, text}; offsets index "
                    "the article text (for TimeML, the TEXT element's characters, tags removed).",
        epilog="examples:\n  timeline-kg timex sources/000_11ebdb740a3ae7fd.txt\n"
               "  timeline-kg timex notes.txt --dct 2017-12-11 --format table\n"
               "  timeline-kg timex --timeml ../shared/data/timeml/train > predictions.jsonl")
    timex.add_argument("files", nargs="*", type=Path, help="plain-text articles")
    timex.add_argument("--timeml", type=Path, help="a TimeML file or folder (each document's DCT is the anchor)")
    timex.add_argument("--dct", type=iso_date, help="publication date for articles whose metadata has none")
    timex.add_argument("--format", choices=("jsonl", "table"), default="jsonl")
    timex.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from graph.sources.reader import read_article
    from graph.sources.timeml import iter_timeml, read_timeml
    from graph.timex.tagger import find_timexes

    if not args.files and not args.timeml:
        raise SourceError("timex", "give article files or --timeml PATH")
    documents = [read_article(path, args.dct) for path in args.files]
    if args.timeml:
        documents += [read_timeml(path) for path in iter_timeml(args.timeml)]
    for doc in documents:
        timexes = find_timexes(doc)
        if args.format == "jsonl":
            for t in timexes:
                print(json.dumps({"doc": doc.doc_id, "start": t.span.start, "end": t.span.end,
                                  "type": t.type, "value": t.value, "text": t.text}, ensure_ascii=False))
        else:
            from graph.queries import table

            print(f"# {doc.doc_id} (DCT {doc.dct})")
            print(table(["start", "end", "type", "value", "earliest", "latest", "text"],
                        [[str(t.span.start), str(t.span.end), t.type, t.value, str(t.earliest or ""),
                          str(t.latest or ""), t.text] for t in timexes]))
    return 0
