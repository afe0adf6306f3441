"""`timeline-kg timex`: JSONL lines whose offsets index the article (or the TimeML TEXT) exactly."""

from __future__ import annotations

import json

from graph.cli import main
from graph.sources.timeml import iter_timeml, read_timeml
from tests.conftest import SEED


def jsonl(capsys) -> list[dict]:
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_plain_article_lines_point_at_their_text(capsys):
    assert main(["timex", str(SEED)]) == 0
    lines = jsonl(capsys)
    text = SEED.read_text(encoding="utf-8")
    assert lines and all(set(line) == {"doc", "start", "end", "type", "value", "text"} for line in lines)
    assert all(text[line["start"]:line["end"]] == line["text"] for line in lines)
    values = {line["text"]: line["value"] for line in lines}
    assert values["November 22"] == "2017-11-22"
    assert values["September 2015"] == "2015-09"
    assert values["next week"] == "2017-W51"


def test_dct_option_anchors_an_undated_article(tmp_path, capsys):
    article = tmp_path / "note.txt"
    article.write_text("Note\n\nThe ministers met on Monday and will meet again next week.\n", encoding="utf-8")
    assert main(["timex", str(article)]) == 1
    assert "no publication date" in capsys.readouterr().err
    assert main(["timex", str(article), "--dct", "2020-03-04", "--format", "table"]) == 0
    out = capsys.readouterr().out
    assert "2020-03-02" in out and "2020-W11" in out


def test_timeml_lines_use_docid_and_text_offsets(timeml_dir, capsys):
    path = next(iter_timeml(timeml_dir / "train" / "AQUAINT"))
    assert main(["timex", "--timeml", str(path)]) == 0
    lines = jsonl(capsys)
    doc = read_timeml(path)
    assert lines and {line["doc"] for line in lines} == {doc.doc_id}
    assert all(doc.text[line["start"]:line["end"]] == line["text"] for line in lines)
