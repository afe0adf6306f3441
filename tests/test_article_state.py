"""One article's extraction does not depend on the articles extracted before it in the process.

The two articles tell the same story, so their parses put the same words at the same token
indices: what dating works out on one article's parses (which token a report or a temporal signal
shelters, where sentences start) is wrong for the other's. A memo that outlived its article, or
was keyed by something two articles share, would date the second article with the first one's
answers; and one that outlived its article would also keep that article's parses alive.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from graph.extract.nlp import load_nlp
from graph.model import Document
from graph.pipeline import extract
from graph.sources import split_body

ROOT = Path(__file__).resolve().parent.parent
DCT = date(2023, 3, 10)  # a Friday: "Thursday" is March 9
THURSDAY, MARCH_2 = date(2023, 3, 9), date(2023, 3, 2)

# Reported speech shelters the attack and what follows it from the saying's Thursday (barriers),
# and each paragraph holds only two sentences (sentence distances).
REPORTED = ("Rebels strike\n\n"
            "Officials said on Thursday that the rebels had attacked the town, burned the market and killed "
            "three guards before the army arrived. The rebels left.\n\n"
            "The rebels seized the town on March 2, and while the army fled and aid stopped, the villagers "
            "left and the rebels looted the bank. Troops returned.\n")
# The same events told plainly: nothing shelters them, and the looting comes four short sentences
# after the last date, too far to continue it: it falls on the day the lede gives the news.
PLAIN = ("Rebels strike\n\n"
         "The rebels attacked the town on Thursday, burned the market and killed three guards, and the "
         "army arrived in the evening.\n\n"
         "The rebels seized the town on March 2. The army fled. Aid stopped. The villagers left. "
         "The rebels looted the bank.\n")


def article(text: str, doc_id: str) -> Document:
    title, body = split_body(text)
    return Document(doc_id=doc_id, text=text, dct=DCT, title=text[title[0]:title[1]], body=tuple(body))


def dating(extraction) -> list[list]:
    """What a reader of the timeline sees of each event: words, type, days, rule, arguments."""
    return [[e.trigger_texts, e.event_type, _day(e.earliest), _day(e.latest), e.dated_by,
             [[a.role, a.mention.text, a.mention.entity.key] for a in e.arguments]] for e in extraction.events]


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def dated(rows: list[list], word: str) -> tuple[str | None, str]:
    """(earliest day, rule) of the event whose trigger is ``word``."""
    row = next(r for r in rows if word in r[0])
    return row[2], row[4]


def alone(text: str, doc_id: str) -> tuple[list[list], str]:
    """``dating`` and ``repr`` of the article's Extraction, extracted by a fresh process where
    nothing came before it."""
    code = ("import json; from tests.test_article_state import article, dating; from graph.pipeline import extract; "
            f"x = extract(article({text!r}, {doc_id!r})); print(json.dumps([dating(x), repr(x)]))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    rows, whole = json.loads(done.stdout)
    return rows, whole


def test_an_article_extracts_the_same_whatever_was_extracted_before():
    reported, plain = article(REPORTED, "reported"), article(PLAIN, "plain")
    reported_first = extract(reported)
    plain_after = extract(plain)
    reported_again = extract(reported)
    plain_alone, plain_alone_whole = alone(PLAIN, "plain")
    # The articles exercise what a leak would corrupt: the barrier of reported speech, and the
    # count of sentences between an event and the story's last date.
    assert dated(dating(reported_first), "burned") == (None, "")
    assert dated(dating(reported_first), "returned") == (MARCH_2.isoformat(), "narrative")
    assert dated(plain_alone, "burned") == (THURSDAY.isoformat(), "governing")
    assert dated(plain_alone, "looted") == (THURSDAY.isoformat(), "narrative")

    assert dating(reported_again) == dating(reported_first)
    assert reported_again == reported_first  # mentions, timexes and sentences too
    assert dating(plain_after) == plain_alone
    assert repr(plain_after) == plain_alone_whole


def test_no_parse_outlives_the_extraction_of_its_article():
    def live_docs() -> dict[int, Doc]:
        gc.collect()
        return {id(o): o for o in gc.get_objects() if isinstance(o, Doc)}

    load_nlp()  # the pipeline's own Docs (the gazetteer's name patterns) are there for good
    # A cache emptied when the next article starts still holds the last article's parses: let
    # another article come first, so that such leftovers are the article under test's.
    extract(article(PLAIN, "plain"))
    before = live_docs()
    extraction = extract(article(REPORTED, "reported"))
    del extraction
    survivors = [doc.text[:40] for key, doc in live_docs().items() if key not in before]
    assert survivors == []
