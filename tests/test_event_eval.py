"""The dated-event evaluation: gold reading on a hand-made TimeML file, and a gate on the corpus."""

from __future__ import annotations

from pathlib import Path

from graph.eval.events import dated_gold_events, score_events
from graph.pipeline import extract

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>gate1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2004-03-02" temporalFunction="false" functionInDocument="CREATION_TIME">2004-03-02</TIMEX3></DCT>
<TEXT>
The two ministers <EVENT eid="e1" class="OCCURRENCE">met</EVENT> in Geneva on <TIMEX3 tid="t1" type="DATE" value="2004-03-01">Monday</TIMEX3>.
They <EVENT eid="e2" class="OCCURRENCE">signed</EVENT> a trade accord in <TIMEX3 tid="t2" type="DATE" value="2003-05">May 2003</TIMEX3>.
</TEXT>
<MAKEINSTANCE eventID="e1" eiid="ei1" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<MAKEINSTANCE eventID="e2" eiid="ei2" tense="PAST" aspect="NONE" polarity="POS" pos="VERB"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l2" relType="BEFORE" eventInstanceID="ei2" relatedToTime="t2"/>
</TimeML>
"""


def test_only_events_included_in_a_concrete_date_are_gold(tmp_path: Path) -> None:
    path = tmp_path / "gate1.tml"
    path.write_text(TML, encoding="utf-8")
    gold = dated_gold_events(path)
    assert [(g.text, g.value) for g in gold] == [("met", "2004-03-01")]  # BEFORE does not date


def test_the_meeting_is_found_and_dated(tmp_path: Path) -> None:
    path = tmp_path / "gate1.tml"
    path.write_text(TML, encoding="utf-8")
    scores = score_events([path], lambda doc: extract(doc).events)
    assert (scores.gold, scores.found, scores.right) == (1, 1, 1)


def test_corpus_gate(timeml_dir: Path) -> None:
    """Pinned floors a bit below what the extraction reaches on TempEval-3 train (docs/event-dating.md);
    the date floor is the issue's goal, 0.85, which the extraction clears by three events."""
    scores = score_events([timeml_dir / "train"], lambda doc: extract(doc).events)
    assert scores.gold == 859
    assert scores.recall >= 0.92
    assert scores.date_accuracy >= 0.85
