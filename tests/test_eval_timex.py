"""`timeline-kg eval timex`: TempEval-3 Task A figures on hand-built TimeML, checked by hand."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from graph.cli import main
from graph.errors import SourceError
from graph.eval.timex import (
    TimexScores,
    match_timexes,
    read_predictions,
    score_folder,
    score_predictions,
)
from graph.model import Span, Timex
from graph.sources.timeml import iter_timeml, read_timeml

# TEXT is "\nTalks ended Thursday after three days. They resume next week and meet every week until December.\n"
# Offsets, counted by hand (index 0 is the newline after <TEXT>):
#   Thursday   13-21  DATE      1998-08-06
#   three days 28-38  DURATION  P3D        ("days" alone is 34-38)
#   next week  52-61  DATE      1998-W33
#   every week 71-81  SET       P1W
#   December   88-96  DATE      1998-12    ("until December" is 82-96)
# Other words used by the predictions: "ended" 7-12, "resume" 45-51.
TINY = """<?xml version="1.0" ?>
<TimeML>
<DOCID>TINY1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" temporalFunction="false" functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>
<TEXT>
Talks ended <TIMEX3 tid="t1" type="DATE" value="1998-08-06">Thursday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>. They resume <TIMEX3 tid="t3" type="DATE" value="1998-W33">next week</TIMEX3> and meet <TIMEX3 tid="t4" type="SET" value="P1W" quant="EVERY">every week</TIMEX3> until <TIMEX3 tid="t5" type="DATE" value="1998-12">December</TIMEX3>.
</TEXT>
</TimeML>
"""

# Hand-written predictions, and what each one does against the gold above:
PREDICTIONS = [
    # t1 strict match, right value
    {"doc": "TINY1", "start": 13, "end": 21, "type": "DATE", "value": "1998-08-06", "text": "Thursday"},
    # t2 relaxed match only ("days" for "three days"), wrong value
    {"doc": "TINY1", "start": 34, "end": 38, "type": "DURATION", "value": "P1D", "text": "days"},
    # t3 strict match, wrong value
    {"doc": "TINY1", "start": 52, "end": 61, "type": "DATE", "value": "1998-W32", "text": "next week"},
    # t5 relaxed match only ("until December"), right value
    {"doc": "TINY1", "start": 82, "end": 96, "type": "DATE", "value": "1998-12", "text": "until December"},
    # two spurious ones, the second without the optional "text" key
    {"doc": "TINY1", "start": 7, "end": 12, "type": "DATE", "value": "PAST_REF", "text": "ended"},
    {"doc": "TINY1", "start": 45, "end": 51, "type": "DATE", "value": "FUTURE_REF"},
]  # t4 "every week" (SET) is missed.
# By hand: gold 5, predicted 6, strict matches 2 (t1, t3), relaxed matches 4 (t1, t2, t3, t5).
#   strict  P = 2/6 = 0.333  R = 2/5 = 0.400  F1 = 2*(1/3)(2/5)/(1/3 + 2/5) = (4/15)/(11/15) = 4/11 = 0.364
#   relaxed P = 4/6 = 0.667  R = 4/5 = 0.800  F1 = 2*(2/3)(4/5)/(2/3 + 4/5) = (16/15)/(22/15) = 8/11 = 0.727
#   type accuracy  4/4 = 1.0  -> type F1  = 8/11 * 1.0 = 0.727
#   value accuracy 2/4 = 0.5 (t1, t5) -> value F1 = 8/11 * 0.5 = 4/11 = 0.364
#   per type: DATE gold 3, predicted 5, found 3, R 1.0, value acc 2/3 = 0.667 (t3 wrong);
#             DURATION gold 1, predicted 1, found 1, value acc 0; SET gold 1, found 0, R 0; TIME none.
STRICT = (1 / 3, 2 / 5, 4 / 11)
RELAXED = (2 / 3, 4 / 5, 8 / 11)


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    path = tmp_path / "gold" / "TINY1.tml"
    path.parent.mkdir()
    path.write_text(TINY, encoding="utf-8")
    text = read_timeml(path).text  # the hand-counted offsets above really point at these words
    assert [text[a:b] for a, b in ((13, 21), (28, 38), (52, 61), (71, 81), (88, 96), (7, 12), (45, 51))] == [
        "Thursday", "three days", "next week", "every week", "December", "ended", "resume"]
    return path


def write_jsonl(path: Path, records: list[dict] | list[str]) -> Path:
    lines = [r if isinstance(r, str) else json.dumps(r) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def pred(tmp_path: Path) -> Path:
    return write_jsonl(tmp_path / "pred.jsonl", PREDICTIONS)


def one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("timeline-kg: error:"), lines
    assert not captured.out
    return lines[0]


def test_hand_computed_tempeval3_figures(gold, pred):
    scores = score_predictions(gold, pred)
    assert (scores.docs, scores.gold, scores.system) == (1, 5, 6)
    assert (scores.strict, scores.relaxed, scores.type, scores.value) == (2, 4, 4, 2)
    assert scores.f1(scores.strict) == pytest.approx(STRICT)
    assert scores.f1(scores.relaxed) == pytest.approx(RELAXED)
    assert scores.type_accuracy == 1.0 and scores.type_f1 == pytest.approx(8 / 11)
    assert scores.value_accuracy == 0.5 and scores.value_f1 == pytest.approx(4 / 11)


def test_per_type_counts(gold, pred):
    by_type = score_predictions(gold, pred).by_type
    date, duration, time_, set_ = (by_type[t] for t in ("DATE", "DURATION", "TIME", "SET"))
    assert (date.gold, date.predicted, date.found, date.value) == (3, 5, 3, 2)
    assert date.recall == 1.0 and date.value_accuracy == pytest.approx(2 / 3)
    assert (duration.gold, duration.found, duration.value_accuracy) == (1, 1, 0.0)
    assert (set_.gold, set_.found, set_.recall) == (1, 0, 0.0)
    assert (time_.gold, time_.predicted) == (0, 0)


def test_error_patterns_name_kind_and_example(gold, pred):
    scores = score_predictions(gold, pred)
    patterns = {e.pattern: e for e in scores.worst_errors(20)}
    assert set(patterns) == {
        "missed SET 'every week'",
        "spurious DATE 'ended'",
        "spurious DATE 'resume'",
        "span: predicted lacks 'three' on the left",
        "span: predicted adds 'until' on the left",
        "value P#D -> P#D",
        "value ####-W## -> ####-W##",
    }
    example = patterns["value ####-W## -> ####-W##"].example
    assert (example.doc_id, example.gold.text, example.gold.value, example.system.value) == (
        "TINY1", "next week", "1998-W33", "1998-W32")
    assert patterns["missed SET 'every week'"].example.system is None


def test_same_predictions_score_the_same_from_a_tagger_or_a_file(gold, pred):
    by_file = score_predictions(gold, pred)
    timexes = read_predictions(pred, {"TINY1": read_timeml(gold)})["TINY1"]
    by_tagger = score_folder(gold, lambda doc: timexes)
    assert by_tagger.to_dict(errors=10) | {"seconds": 0} == by_file.to_dict(errors=10) | {"seconds": 0}


def test_a_wrong_type_costs_type_accuracy_only(gold, tmp_path):
    # Thursday predicted as TIME: type matches 3/4 = 0.75, type F1 = 8/11 * 3/4 = 6/11; value F1 unchanged
    path = write_jsonl(tmp_path / "typed.jsonl", [PREDICTIONS[0] | {"type": "TIME"}, *PREDICTIONS[1:]])
    scores = score_predictions(gold, path)
    assert scores.type_accuracy == 0.75 and scores.type_f1 == pytest.approx(6 / 11)
    assert scores.value_f1 == pytest.approx(4 / 11)
    assert "type DATE -> TIME" in {e.pattern for e in scores.worst_errors(20)}


def test_a_gold_document_without_predictions_is_all_missed(gold, pred):
    # a second copy of the document (DOCID TINY2) with no prediction line: gold 10, predicted 6,
    # relaxed matches 4 -> P = 4/6, R = 4/10, F1 = 2*(2/3)(2/5)/(2/3 + 2/5) = (8/15)/(16/15) = 0.5
    (gold.parent / "TINY2.tml").write_text(TINY.replace("TINY1", "TINY2"), encoding="utf-8")
    scores = score_predictions(gold.parent, pred)
    assert (scores.docs, scores.gold, scores.system, scores.relaxed) == (2, 10, 6, 4)
    assert scores.f1(scores.relaxed) == pytest.approx((2 / 3, 2 / 5, 0.5))


def timex(start: int, end: int, value: str = "1998") -> Timex:
    return Timex(Span("d", start, end), "x" * (end - start), "DATE", value, "year")


def test_matching_is_one_to_one_and_as_large_as_possible():
    # one prediction over two gold expressions matches one of them
    assert len(match_timexes([timex(0, 5), timex(6, 10)], [timex(0, 10)])) == 1
    # greedy "largest overlap first" would pair [0,10) with [5,11) and leave [10,12) alone
    pairs = match_timexes([timex(0, 10), timex(10, 12)], [timex(5, 11), timex(0, 3)])
    assert [(g.span.start, s.span.start) for g, s in pairs] == [(0, 0), (10, 5)]
    # an exact span wins over a larger overlapping one
    pairs = match_timexes([timex(3, 8)], [timex(0, 9), timex(3, 8)])
    assert [(s.span.start, s.span.end) for _, s in pairs] == [(3, 8)]


def test_nothing_to_find_and_nothing_found_is_perfect():
    assert TimexScores().f1(0) == (1.0, 1.0, 1.0)


def test_cli_prints_the_tables_and_exits_0(gold, pred, capsys):
    assert main(["eval", "timex", str(gold), "--pred", str(pred)]) == 0
    out = capsys.readouterr().out
    assert "1 documents, 5 gold, 6 predicted" in out
    assert "strict   0.333  0.400  0.364" in out
    assert "relaxed  0.667  0.800  0.727" in out
    assert "value    0.333  0.400  0.364  0.500" in out
    assert "DATE      3     5          3      1.000      0.667" in out
    assert "missed SET 'every week'" in out


def test_cli_json_format(gold, pred, capsys):
    assert main(["eval", "timex", str(gold), "--pred", str(pred), "--format", "json", "--errors", "2"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["measures"]["relaxed"]["f1"] == pytest.approx(8 / 11)
    assert report["measures"]["value"]["f1"] == pytest.approx(4 / 11)
    assert report["by_type"]["SET"] == {"gold": 1, "predicted": 0, "found": 0, "relaxed_recall": 0.0,
                                        "value_accuracy": 0.0}
    assert len(report["errors"]) == 2


def test_cli_runs_our_tagger_without_pred(gold, capsys):
    assert main(["eval", "timex", str(gold), "--errors", "0"]) == 0
    out = capsys.readouterr().out
    assert "1 documents, 5 gold" in out and "our tagger" in out and "error patterns" not in out


@pytest.mark.parametrize("lines, problem", [
    ([json.dumps(PREDICTIONS[0]), "{not json"], "pred.jsonl:2: not JSON"),
    (['["TINY1", 13, 21]'], "pred.jsonl:1: not a JSON object"),
    ([json.dumps({k: v for k, v in PREDICTIONS[0].items() if k != "value"})], "pred.jsonl:1: missing key 'value'"),
    ([json.dumps(PREDICTIONS[0] | {"doc": "NOPE"})], "pred.jsonl:1: document 'NOPE' is not in the gold"),
    ([json.dumps(PREDICTIONS[0] | {"end": 999})], "pred.jsonl:1: offsets 13-999 are not a span of TINY1"),
    ([json.dumps(PREDICTIONS[0] | {"type": "date"})], "pred.jsonl:1: type 'date' is not one of DATE"),
    ([json.dumps(PREDICTIONS[0] | {"value": ""})], "pred.jsonl:1: value '' is not a TIMEX3 value"),
    ([json.dumps(PREDICTIONS[0] | {"start": 14, "text": "Thursday"})], "pred.jsonl:1: text 'Thursday' differs"),
])
def test_bad_prediction_line_is_one_line_and_exit_1(gold, tmp_path, capsys, lines, problem):
    path = write_jsonl(tmp_path / "pred.jsonl", lines)
    with pytest.raises(SourceError, match=problem.replace("'", ".").replace("pred.jsonl", r"pred\.jsonl")):
        score_predictions(gold, path)
    assert main(["eval", "timex", str(gold), "--pred", str(path)]) == 1
    assert problem in one_error_line(capsys)


def test_missing_gold_or_pred_is_one_line_and_exit_1(gold, tmp_path, capsys):
    assert main(["eval", "timex", str(tmp_path / "nowhere")]) == 1
    assert "nowhere: no such file or folder" in one_error_line(capsys)
    assert main(["eval", "timex", str(gold), "--pred", str(tmp_path / "none.jsonl")]) == 1
    assert "none.jsonl: no such predictions file" in one_error_line(capsys)


def test_timex_output_as_pred_round_trips_to_the_same_scores(timeml_dir, tmp_path, capsys):
    original = next(iter_timeml(timeml_dir / "train" / "AQUAINT"))
    copy = tmp_path / original.name
    shutil.copyfile(original, copy)
    assert main(["timex", "--timeml", str(copy)]) == 0
    pred = tmp_path / "pred.jsonl"
    pred.write_text(capsys.readouterr().out, encoding="utf-8")
    reports = []
    for extra in ([], ["--pred", str(pred)]):
        assert main(["eval", "timex", str(copy), "--format", "json", *extra]) == 0
        reports.append(json.loads(capsys.readouterr().out) | {"seconds": 0})
    assert reports[0]["gold"] > 0 and reports[0]["predicted"] > 0
    assert reports[0] == reports[1]
