"""Bad input gets one line naming the file and the problem, and a non-zero exit code."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph.cli import main
from graph.errors import SourceError
from graph.sources import read_article

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Officials met in Geneva on Monday.\n\nThe two sides met in Geneva on Monday to discuss a truce.\n"


def write_article(folder: Path, name: str, body: bytes | str, published: str | None = "2020-03-02") -> Path:
    path = folder / f"{name}.txt"
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    if published is not None:
        (folder / f"{name}.json").write_text(json.dumps({"published": published}), encoding="utf-8")
    return path


def one_error_line(capsys) -> str:
    err = capsys.readouterr().err.strip().splitlines()
    errors = [line for line in err if line.startswith("timeline-kg: error:")]
    assert len(errors) == 1, err
    return errors[0]


@pytest.mark.parametrize("body, problem", [
    ("", "empty article (no text); put the article's text in the file"),
    ("   \n\t\n", "empty article (no text); put the article's text in the file"),
    (b"Talks \xff\xfe began on Monday.\n", "not UTF-8 text (byte 0xff at offset 6); convert it to UTF-8"),
    (b"\x00\x01\x02binary\x00", "binary file, not text; give a UTF-8 text article"),
])
def test_unreadable_article_is_one_line_and_exit_1(tmp_path, capsys, body, problem):
    path = write_article(tmp_path, "bad", body)
    assert main(["build", str(path), "--out", str(tmp_path / "out")]) == 1
    assert one_error_line(capsys) == f"timeline-kg: error: {path}: {problem}"  # SECURITY.md quotes these whole
    assert not (tmp_path / "out" / "timeline.ttl").exists()


def test_article_without_date_is_an_error_unless_dct_given(tmp_path, capsys):
    path = write_article(tmp_path, "undated", ARTICLE, published=None)
    assert main(["build", str(path), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    line = one_error_line(capsys)
    assert "undated.txt" in line and "no publication date" in line and "--dct" in line
    assert main(["build", str(path), "--out", str(tmp_path / "out"), "--quiet", "--dct", "2020-03-02"]) == 0
    assert (tmp_path / "out" / "timeline.ttl").is_file()


@pytest.mark.parametrize("line, published", [
    ("Published: 21 May 2023", "2023-05-21"),
    ("Updated on Sunday, May 21, 2023 09:30 GMT", "2023-05-21"),
    ("Date: 2023-05-21", "2023-05-21"),
    ("Published: 05/06/2023", None),  # day or month first? not guessed
    ("Published: May 2023", None),  # no day
])
def test_a_date_line_under_the_title_dates_an_article_without_metadata(tmp_path, capsys, line, published):
    title, rest = ARTICLE.split("\n", 1)
    path = write_article(tmp_path, "dateline", f"{title}\n\n{line}\n{rest}", published=None)
    code = main(["build", str(path), "--out", str(tmp_path / "out"), "--quiet", "--store", "memory:"])
    if published is None:
        assert code == 1 and "no publication date" in one_error_line(capsys)
        return
    assert code == 0
    turtle = (tmp_path / "out" / "timeline.ttl").read_text(encoding="utf-8")
    assert f'"{published}"^^xsd:date' in turtle


def test_malformed_metadata_names_the_metadata_file(tmp_path):
    path = write_article(tmp_path, "meta", ARTICLE)
    path.with_suffix(".json").write_text("{not json", encoding="utf-8")
    with pytest.raises(SourceError, match=r"meta\.json: malformed JSON metadata"):
        read_article(path)
    path.with_suffix(".json").write_text('{"published": "last Tuesday"}', encoding="utf-8")
    with pytest.raises(SourceError, match=r"'published' is 'last Tuesday', not an ISO date"):
        read_article(path)


def test_a_bad_article_does_not_stop_the_good_ones(tmp_path, capsys):
    write_article(tmp_path, "a_good", ARTICLE)
    write_article(tmp_path, "b_empty", "")
    out = tmp_path / "out"
    assert main(["build", str(tmp_path), "--out", str(out), "--quiet"]) == 1
    assert "b_empty.txt: empty article" in one_error_line(capsys)
    assert "a_good" in (out / "timeline.ttl").read_text(encoding="utf-8")


def test_failed_build_keeps_the_previous_output(tmp_path, capsys):
    good = write_article(tmp_path, "good", ARTICLE)
    out = tmp_path / "out"
    assert main(["build", str(good), "--out", str(out), "--quiet"]) == 0
    before = (out / "timeline.ttl").read_bytes()
    (tmp_path / "later").mkdir()
    empty = write_article(tmp_path / "later", "empty", "")
    assert main(["build", str(empty), "--out", str(out), "--quiet"]) == 1
    assert (out / "timeline.ttl").read_bytes() == before


def test_unknown_query_name_lists_the_shipped_ones(built_dir, capsys):
    assert main(["query", "no-such-query", "--graph", str(built_dir / "timeline.ttl")]) == 1
    line = one_error_line(capsys)
    assert "unknown query 'no-such-query'" in line and "timeline" in line


def test_a_near_miss_of_a_shipped_name_is_named(built_dir, capsys):
    assert main(["query", "timelines", "--store", str(built_dir / "store")]) == 1
    assert "did you mean 'timeline'?" in one_error_line(capsys)


@pytest.mark.parametrize("source", ["--store", "--graph"])
@pytest.mark.parametrize("text", ["SELECT ?x WHERE { ?x ?y }", "SELEC ?x WHERE { ?x ?y ?z }", "{ ?x ?y ?z }"])
def test_text_that_is_no_shipped_name_is_a_sparql_error_at_its_position(built_dir, capsys, source, text):
    where = built_dir / ("store" if source == "--store" else "timeline.ttl")
    assert main(["query", text, source, str(where)]) == 1
    line = one_error_line(capsys)
    assert "malformed SPARQL" in line and re.search(r"1:\d+|line:1, col:\d+", line), line


@pytest.mark.parametrize("source", ["--store", "--graph"])
def test_a_query_nested_too_deep_is_one_line_not_a_crash(built_dir, source):
    # Oxigraph's parser overflows its stack a few hundred levels down and takes the process with
    # it, so this runs in a child process: a crash shows as a signal, not as a dead test run.
    target = built_dir / ("store" if source == "--store" else "timeline.ttl")
    deep = "ASK {" + "(" * 2000 + "1" + ")" * 2000 + "}"
    result = subprocess.run([sys.executable, "-m", "graph", "query", deep, source, str(target)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr[-500:]
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("timeline-kg: error: ") and "brackets nested over 64 deep" in line, line  # names the limit


def test_missing_graph_file_says_how_to_make_one(tmp_path, capsys):
    assert main(["query", "timeline", "--graph", str(tmp_path / "none.ttl")]) == 1
    assert "run `timeline-kg build` first" in one_error_line(capsys)


@pytest.mark.parametrize("command", ["build", "query", "timex"])
def test_every_command_has_help_with_examples(command):
    result = subprocess.run([sys.executable, "-m", "graph", command, "--help"], capture_output=True,
                            text=True, cwd=ROOT, check=True)
    assert "examples:" in result.stdout and f"timeline-kg {command}" in result.stdout


@pytest.mark.parametrize("argv, problem", [
    (["build", "--jobs", "x"], "is not a count"),
    (["bogus"], "invalid choice: 'bogus'"),
    ([], "the following arguments are required: COMMAND"),
    (["query", "timeline", "--no-such-option"], "unrecognized arguments: --no-such-option"),
])
def test_an_argument_error_is_one_line_and_exit_1(capsys, argv, problem):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("timeline-kg") and problem in err, err
