"""Reading TimeML: text rebuilt from TEXT, gold TIMEX3 offsets into it, and the error paths."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graph.errors import SourceError
from graph.eval.gold import gold_timexes
from graph.sources.timeml import iter_timeml, read_timeml

SAMPLE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>SAMPLE001</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="2001-03-09T08:15" functionInDocument="CREATION_TIME">2001-03-09</TIMEX3></DCT>
<TITLE>Ignored title</TITLE>
<TEXT>
Ministers <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2001-03-08">Thursday</TIMEX3> &amp; agreed.
Talks resume <TIMEX3 tid="t2" type="DATE" value="2001-W11">next week</TIMEX3> for <TIMEX3 tid="t3" type="DURATION" value="P2D">two days</TIMEX3>, <TIMEX3 tid="t4" type="DATE" value="2000-Q4" mod="END">the end of the fourth quarter</TIMEX3>.
</TEXT>
</TimeML>
"""


@pytest.fixture()
def sample(tmp_path: Path) -> Path:
    path = tmp_path / "SAMPLE001.tml"
    path.write_text(SAMPLE, encoding="ascii")
    return path


def test_read_timeml_rebuilds_text_and_dct(sample: Path) -> None:
    doc = read_timeml(sample)
    assert doc.doc_id == "SAMPLE001"
    assert doc.dct == date(2001, 3, 9)
    assert "Ministers met Thursday & agreed." in doc.text
    assert "<" not in doc.text and "&amp;" not in doc.text
    assert doc.title == ""
    assert doc.body == ((0, len(doc.text)),)


def test_gold_timexes_offsets_point_into_text(sample: Path) -> None:
    doc = read_timeml(sample)
    gold = gold_timexes(sample)
    assert [t.text for t in gold] == ["Thursday", "next week", "two days", "the end of the fourth quarter"]
    for timex in gold:
        assert doc.text[timex.span.start : timex.span.end] == timex.text
        assert timex.span.doc_id == "SAMPLE001"


def test_gold_timexes_carry_type_value_mod_and_bounds(sample: Path) -> None:
    thursday, week, days, quarter = gold_timexes(sample)
    assert (thursday.type, thursday.value, thursday.earliest, thursday.latest) == ("DATE", "2001-03-08", date(2001, 3, 8), date(2001, 3, 8))
    assert (week.granularity, week.earliest, week.latest) == ("week", date(2001, 3, 12), date(2001, 3, 18))
    assert (days.type, days.granularity, days.earliest, days.latest) == ("DURATION", "duration", None, None)
    assert (quarter.mod, quarter.earliest, quarter.latest) == ("END", date(2000, 10, 1), date(2000, 12, 31))


def test_iter_timeml_on_folder_is_recursive_and_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    for name in ("b/z.tml", "a.tml", "b/c.tml"):
        (tmp_path / name).write_text(SAMPLE, encoding="ascii")
    (tmp_path / "notes.txt").write_text("not timeml", encoding="ascii")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_timeml(tmp_path)]
    assert found == ["a.tml", "b/c.tml", "b/z.tml"]


def test_iter_timeml_accepts_one_file(sample: Path) -> None:
    assert list(iter_timeml(sample)) == [sample]


def test_iter_timeml_fails_when_nothing_matches(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no .tml file found"):
        list(iter_timeml(tmp_path))


def test_iter_timeml_fails_on_missing_path(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file or folder"):
        list(iter_timeml(tmp_path / "absent"))


def test_iter_timeml_rejects_other_files(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("hello", encoding="ascii")
    with pytest.raises(SourceError, match="not a TimeML file"):
        list(iter_timeml(path))


def test_malformed_xml_raises_source_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tml"
    path.write_text("<TimeML><TEXT>open <TIMEX3>never closed</TEXT></TimeML>", encoding="ascii")
    with pytest.raises(SourceError, match="not well-formed XML"):
        read_timeml(path)


def test_missing_text_element_raises_source_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.tml"
    path.write_text("<TimeML><DOCID>x</DOCID></TimeML>", encoding="ascii")
    with pytest.raises(SourceError, match="no TEXT element"):
        read_timeml(path)


def test_bad_dct_raises_source_error(tmp_path: Path) -> None:
    path = tmp_path / "dct.tml"
    path.write_text('<TimeML><DCT><TIMEX3 value="yesterday">x</TIMEX3></DCT><TEXT>a</TEXT></TimeML>', encoding="ascii")
    with pytest.raises(SourceError, match="not an ISO date"):
        read_timeml(path)


def test_timex_without_value_raises_source_error(tmp_path: Path) -> None:
    path = tmp_path / "novalue.tml"
    path.write_text('<TimeML><TEXT>on <TIMEX3 tid="t9" type="DATE">Monday</TIMEX3></TEXT></TimeML>', encoding="ascii")
    with pytest.raises(SourceError, match="t9 lacks type or value"):
        gold_timexes(path)


def test_corpus_reads_and_offsets_agree(timeml_dir: Path) -> None:
    files = list(iter_timeml(timeml_dir / "train"))
    assert len(files) == 256
    total = 0
    for path in files:
        doc = read_timeml(path)
        assert doc.dct is not None and doc.doc_id == path.stem
        for timex in gold_timexes(path):
            assert doc.text[timex.span.start : timex.span.end] == timex.text
            total += 1
    assert total == 1822  # the corpus README's count of TIMEX3 inside TEXT
