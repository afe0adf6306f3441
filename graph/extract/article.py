"""One article through every extractor: Document -> spaCy parse -> Mentions, Timexes, Events.

The order matters: events need the mentions they take as arguments, dating needs the timexes and
the triggers, and merging needs dated triggers.
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.model import Document, Extraction, Sentence, Timex
from graph.timex import find_timexes

from .dating import date_triggers
from .entities import find_mentions
from .events import find_triggers
from .merge import build_events
from .nlp import parse
from .syntax import tense_callback

__all__ = ["extract"]


def extract(document: Document, model: str | None = None) -> Extraction:
    """Run every extractor over one article."""
    parsed = parse(document, model)
    sentences = [Sentence(part.span_of(document.doc_id, sent), i)
                 for i, (part, sent) in enumerate((p, s) for p in parsed for s in p.doc.sents)]
    mentions = find_mentions(document.doc_id, parsed, document.dct)
    timexes = find_timexes(document, tense_callback(parsed))
    triggers = find_triggers(parsed, mentions, document.doc_id)
    date_triggers(document, parsed, triggers, _in_body(document, timexes))
    events = build_events(document, triggers)
    return Extraction(document, sentences, mentions, timexes, events)


def _in_body(document: Document, timexes: Sequence[Timex]) -> list[Timex]:
    ranges = document.body_ranges()
    return [t for t in timexes if any(s <= t.span.start < e for s, e in ranges)]
