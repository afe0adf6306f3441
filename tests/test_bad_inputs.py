"""The catalogue of bad inputs: each has an outcome a user can rely on.

A batch holding bad files builds (or adds) the good ones, reports each bad one in one line naming
the file and the problem, exits non-zero, and loses nothing the store held. Big inputs are made in
``tmp_path`` by the tests; no test runs the extractors over more than a few small articles.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from rdflib import XSD, Graph, Literal

from graph.cli import main
from graph.errors import SourceError
from graph.sources import MAX_ARTICLE_CHARS, MAX_PIECE_CHARS, find_sources, read_source
from graph.store import open_store
from tests.test_cli_errors import ARTICLE, write_article
from tests.test_faults import without_permission_override

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "timeline-kg: error: "
OTHER = "Strike in Paris\n\nWorkers went on strike in Paris on Tuesday over pensions.\n"
FRENCH = ("Les dirigeants se sont réunis lundi à Genève pour discuter d'une trêve. Le ministre a déclaré que "
          "les négociations reprendraient la semaine prochaine, après le retrait des troupes de la ville.\n")


def made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def error_lines(err: str) -> list[str]:
    return [line.removeprefix(PREFIX) for line in err.splitlines() if line.startswith(PREFIX)]


def stored(store_path: Path) -> dict[str, str]:
    """Doc id -> article text, of what the store holds."""
    with open_store(store_path) as store:
        rows = store.query("PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
                           "PREFIX schema: <https://schema.org/> "
                           "SELECT ?id ?text WHERE { ?a nif:isString ?text ; schema:identifier ?id }")
        return {str(row.id): str(row.text) for row in rows}


# -- a batch of bad files, for build and for add ---------------------------------------------------

def bad_batch(folder: Path) -> dict[str, str]:
    """Write good and bad articles into ``folder``; return each bad file's name -> its problem."""
    write_article(folder, "good_a", ARTICLE)
    write_article(folder, "good_b", OTHER)
    write_article(folder, "empty", "")
    write_article(folder, "blank", " \r\n\t\n")
    write_article(folder, "binary", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write_article(folder, "latin1", "Caf\u00e9 talks in Geneva on Monday.\n".encode("latin-1"))
    write_article(folder, "not_object", ARTICLE).with_suffix(".json").write_text("[]", encoding="utf-8")
    write_article(folder, "wrong_type", ARTICLE).with_suffix(".json").write_text('{"published": 20200302}')
    write_article(folder, "bad_date", ARTICLE, published="2020-02-30")
    meta = write_article(folder, "in_french", ARTICLE).with_suffix(".json")
    meta.write_text(json.dumps({"published": "2020-03-02", "language": "fr"}))
    write_article(folder, "french_text", FRENCH)
    (folder / "dangling.txt").symlink_to(folder / "nowhere.txt")
    (folder / "self.txt").symlink_to("self.txt")
    os.mkfifo(folder / "fifo.txt")  # reading it would wait forever for a writer
    (folder / "sub").mkdir()
    write_article(folder / "sub", "good_a", OTHER.replace("Paris", "Lyon"))  # another article, same name
    # Not problems: a link to an article already there (a duplicate), a loop of folders, a hidden file.
    (folder / "link_to_b.txt").symlink_to(folder / "good_b.txt")
    (folder / "link_to_b.json").symlink_to(folder / "good_b.json")
    (folder / "sub" / "loop").symlink_to(folder)
    (folder / "._good_a.txt").write_bytes(b"\x00\x05\x16\x07Mac OS X resource fork")
    return {"empty.txt": "empty article", "blank.txt": "empty article",
            "binary.txt": "binary file, not text; give a UTF-8 text article",
            "latin1.txt": "not UTF-8 text (byte 0xe9 at offset 3); convert it to UTF-8",
            "not_object.json": "metadata must be a JSON object",
            "wrong_type.json": "metadata 'published' must be a string, not a number",
            "bad_date.json": "'published' is '2020-02-30', not an ISO date",
            "in_french.txt": "language 'fr' in its metadata; timeline-kg reads English articles only",
            "french_text.txt": "does not read as English",
            "dangling.txt": f"broken symbolic link (to {folder / 'nowhere.txt'}); fix or remove it",
            "self.txt": "cannot read: Too many levels of symbolic links",
            "fifo.txt": "not a regular file",
            "sub/good_a.txt": f"another article has the identifier 'good_a' ({folder / 'good_a.txt'})"}


def run_batch(command: str, folder: Path, store: Path, out: Path) -> int:
    if command == "build":
        return main(["build", str(folder), "--store", str(store), "--out", str(out), "--quiet"])
    return main(["add", str(folder), "--store", str(store), "--out", str(out), "--no-views"])


@pytest.mark.parametrize("command", ["build", "add"])
def test_a_batch_with_bad_files_adds_the_good_ones_reports_each_bad_one_and_loses_nothing(tmp_path, capsys, command):
    store, out, folder = tmp_path / "store", tmp_path / "out", tmp_path / "news"
    folder.mkdir()
    earlier = write_article(folder, "earlier", ARTICLE.replace("Geneva", "Vienna"))
    assert run_batch(command, folder, store, out) == 0
    capsys.readouterr()
    earlier.with_suffix(".json").write_text("{not json", encoding="utf-8")  # its file goes bad after it was stored
    problems = bad_batch(folder)

    assert run_batch(command, folder, store, out) == 1
    err = capsys.readouterr().err
    lines = error_lines(err)
    expected = {**problems, "earlier.json": "malformed JSON metadata"}
    assert len(lines) == len(expected), lines  # one line per bad file, nothing else
    for name, problem in expected.items():
        assert any(line.startswith(f"{folder / name}: ") and problem in line for line in lines), (name, lines)
    assert f"{folder / 'link_to_b.txt'}: same article as good_b" in err  # a note, not an error
    assert f"{len(expected)} failed" in err.splitlines()[-1]  # the summary counts them
    held = stored(store)
    assert set(held) == {"earlier", "good_a", "good_b"}  # the bad one stored before is kept as it was
    assert "Vienna" in held["earlier"] and held["good_a"] == ARTICLE and held["good_b"] == OTHER
    if command == "build":  # which replaces the store's articles: it says it kept that one, and shows it
        assert any(line.startswith(f"{folder / 'earlier.json'}: ") and line.endswith(
            "(the store keeps the article as it was)") for line in lines)
        assert "Vienna" in (out / "timeline.ttl").read_text(encoding="utf-8")


# -- encodings, byte-order marks, line endings, control characters --------------------------------

@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_a_byte_order_mark_says_the_encoding_and_is_not_part_of_the_text(tmp_path, encoding):
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path = write_article(tmp_path, "marked", bom + ARTICLE.encode(encoding))
    path.with_suffix(".json").write_bytes(b"\xef\xbb\xbf" + b'{"published": "2020-03-02"}')
    doc = read_source(path)
    assert doc.text == ARTICLE and doc.title == "Officials met in Geneva on Monday." and doc.dct == date(2020, 3, 2)


def test_offsets_of_a_bom_article_index_its_text_without_the_mark(tmp_path):
    path = write_article(tmp_path, "marked", b"\xef\xbb\xbf" + ARTICLE.encode())
    assert main(["build", str(path), "--store", "memory:", "--out", str(tmp_path / "out"), "--quiet"]) == 0
    graph = Graph().parse(tmp_path / "out" / "timeline.ttl")
    body = "The two sides met in Geneva on Monday to discuss a truce."
    assert anchors(graph, body) == {ARTICLE.index(body)}
    assert anchors(graph, "Geneva") == {ARTICLE.index("Geneva"), ARTICLE.rindex("Geneva")}  # headline and body
    assert stored_text(graph) == ARTICLE


def anchors(graph: Graph, word: str) -> set[int]:
    """Where the graph says ``word`` (a mention, a trigger, a sentence) begins: its nif:beginIndex values."""
    rows = graph.query("PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
                       "SELECT ?b WHERE { ?m nif:anchorOf ?word ; nif:beginIndex ?b }",
                       initBindings={"word": Literal(word)})
    return {int(row.b) for row in rows}


def stored_text(graph: Graph) -> str:
    rows = list(graph.query("PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
                            "SELECT ?t WHERE { ?a nif:isString ?t }"))
    assert len(rows) == 1
    return str(rows[0].t)


PARAGRAPHS = ["The envoy met the minister in Geneva on Monday.", "The delegations then flew to Paris on Tuesday.",
              "Rebels attacked Aleppo on Wednesday."]
MIXED = "Talks resume\r\n\r\n{}\r{}\n\r\n{}\r\n".format(*PARAGRAPHS)


def test_mixed_line_endings_split_paragraphs_and_offsets_index_the_stored_text(tmp_path):
    path = write_article(tmp_path, "mixed", MIXED)
    doc = read_source(path)
    assert doc.text == MIXED  # stored as written: every \r kept, so offsets are the file's
    assert [doc.text[start:end] for start, end in doc.body] == PARAGRAPHS
    assert main(["build", str(path), "--store", "memory:", "--out", str(tmp_path / "out"), "--quiet"]) == 0
    graph = Graph().parse(tmp_path / "out" / "timeline.ttl")
    assert stored_text(graph) == MIXED
    for anchor in (*PARAGRAPHS, "Paris", "Aleppo"):  # sentences and mentions, wherever the line breaks were
        assert anchors(graph, anchor) == {MIXED.index(anchor)}


def test_control_characters_read_as_spaces_one_for_one_and_every_export_carries_the_text(tmp_path):
    # Between the sentences: form feed, line separator, paragraph separator, NEL, vertical tab.
    raw = ("Talks \x1b[1min\x1b[0m Geneva\n\nThe envoy met the minister in Geneva on Monday\x01.\x0c"
           "Rebels attacked Aleppo on Wednesday.\u2028The army withdrew on Friday.\u2029"
           "Talks resumed in Paris on Sunday.\x85The mayor spoke on Monday.\x0bThe talks ended.\x7f\n")
    path = write_article(tmp_path, "controls", raw)
    doc = read_source(path)
    assert doc.text == ("Talks  [1min [0m Geneva\n\nThe envoy met the minister in Geneva on Monday .\n"
                        "Rebels attacked Aleppo on Wednesday.\nThe army withdrew on Friday.\n"
                        "Talks resumed in Paris on Sunday.\nThe mayor spoke on Monday.\nThe talks ended. \n")
    assert [doc.text[start:end] for start, end in doc.body] == [  # each of the five breaks a line
        "The envoy met the minister in Geneva on Monday .", "Rebels attacked Aleppo on Wednesday.",
        "The army withdrew on Friday.", "Talks resumed in Paris on Sunday.", "The mayor spoke on Monday.",
        "The talks ended."]
    store = tmp_path / "store"
    assert main(["build", str(path), "--store", str(store), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    for fmt in ("graphml", "gexf"):  # XML: a control character would make them unreadable
        target = tmp_path / f"x.{fmt}"
        assert main(["export", "--format", fmt, "--store", str(store), "--out", str(target)]) == 0
        graph = nx.read_graphml(target) if fmt == "graphml" else nx.read_gexf(target)
        assert any("Geneva" in str(data) for _, data in graph.nodes(data=True))


# A NUL byte makes a file binary only within its first 8 KiB; later, it is one more control
# character, read as a space.
BINARY_REACH = 8 * 1024


@pytest.mark.parametrize("nul_at, binary", [(BINARY_REACH - 1, True), (BINARY_REACH, False), (3 * BINARY_REACH, False)])
def test_a_nul_byte_makes_a_binary_file_only_in_the_first_8_kib(tmp_path, nul_at, binary):
    head = ARTICLE.encode("utf-8")
    filler = b"The envoy met the minister in Geneva on Monday. " * (4 * BINARY_REACH // 48)
    raw = bytearray(head + filler)
    raw[nul_at] = 0  # an ASCII byte of a sentence: the offsets of the rest stay as they were
    path = write_article(tmp_path, "nul", bytes(raw))
    if binary:
        with pytest.raises(SourceError) as caught:
            read_source(path)
        assert caught.value.problem == "binary file, not text; give a UTF-8 text article"
        return
    doc = read_source(path)
    assert doc.text == raw.decode("utf-8").replace("\x00", " ")


# -- size ------------------------------------------------------------------------------------------

FIFTY_MB = 50 * 2**20


def fifty_mb_article(folder: Path) -> Path:
    """An article that goes on to 50 MB: its text, then a sparse tail (nothing written, nothing to read)."""
    big = write_article(folder, "dump", ARTICLE)
    os.truncate(big, FIFTY_MB)
    return big


def test_a_50_mb_article_is_refused_in_one_line_and_the_others_are_built(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "good", ARTICLE)
    big = fifty_mb_article(folder)
    out = tmp_path / "out"
    assert main(["build", str(folder), "--store", "memory:", "--out", str(out), "--quiet"]) == 1
    [line] = error_lines(capsys.readouterr().err)
    assert line == (f"{big}: article too long (52,428,800 bytes; the limit is {MAX_ARTICLE_CHARS:,} characters: "
                    "a million take about 4 minutes and 3 GB of memory); split it into articles, or raise the "
                    "limit with --max-chars N (0: none)")
    assert stored_text(Graph().parse(out / "timeline.ttl")) == ARTICLE


def test_a_50_mb_article_is_refused_before_it_is_read(tmp_path):
    import tracemalloc

    big = fifty_mb_article(tmp_path)
    tracemalloc.start()
    try:
        with pytest.raises(SourceError, match=r"article too long \(52,428,800 bytes"):
            read_source(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # Reading it, even only up to the limit (4 bytes a character: 4.8 MB), would hold its bytes.
    assert peak < 2**20, f"{peak:,} bytes allocated while refusing it"


def test_the_length_limit_is_an_option_and_0_lifts_it(tmp_path, capsys):
    path = write_article(tmp_path, "short", ARTICLE)
    argv = ["build", str(path), "--store", "memory:", "--out", str(tmp_path / "out"), "--quiet"]
    assert main([*argv, "--max-chars", "50"]) == 1
    [line] = error_lines(capsys.readouterr().err)
    assert line == (f"{path}: article too long ({len(ARTICLE)} characters; the limit is 50 characters: a million "
                    "take about 4 minutes and 3 GB of memory); split it into articles, or raise the limit with "
                    "--max-chars N (0: none)")
    assert main([*argv, "--max-chars", "0"]) == 0
    assert main(["add", str(path), "--store", "memory:", "--no-views", "--max-chars", "50"]) == 1
    assert "article too long" in error_lines(capsys.readouterr().err)[0]


SENTENCES = ("The minister met the envoy in Geneva on Monday. ", "Rebels attacked the town on Tuesday! ",
             "Did the army withdraw? ", "\u201cWe will talk,\u201d he said. ")


@pytest.mark.parametrize("line", [
    "".join(SENTENCES) * (2**20 // len("".join(SENTENCES))),  # a megabyte of sentences on one line
    "the envoy and the minister met in Geneva " * (2**20 // 40),  # no sentence end: cut at spaces
    "x" * 2**20,  # not even a space: cut anywhere
], ids=["sentences", "words", "one-word"])
def test_a_one_line_megabyte_article_is_read_in_paragraph_sized_pieces(tmp_path, line):
    path = write_article(tmp_path, "long", "A long line\n\n" + line.rstrip() + "\n")
    doc = read_source(path)
    pieces = [doc.text[start:end] for start, end in doc.body]
    assert all(0 < len(piece) <= MAX_PIECE_CHARS and piece == piece.strip() for piece in pieces)
    ends = [end for _, end in doc.body]
    assert ends == sorted(ends) and all(a[1] <= b[0] for a, b in zip(doc.body, doc.body[1:]))
    assert "".join("".join(pieces).split()) == "".join((doc.text[doc.body[0][0]:]).split())  # nothing lost
    if line.startswith(SENTENCES[0]):
        assert all(piece.endswith((".", "!", "?", ".\u201d")) for piece in pieces)  # cut at sentence ends


def test_a_long_line_is_extracted_to_its_last_sentence(tmp_path):
    """A one-line article several pieces long: the events of its last piece are found too."""
    filler = "".join(SENTENCES) * (3 * MAX_PIECE_CHARS // len("".join(SENTENCES)))
    text = f"Talks in Geneva\n\n{filler}Later the envoy flew to Paris for talks with the mayor.\n"
    path = write_article(tmp_path, "long", text)
    assert len(read_source(path).body) >= 3
    assert main(["build", str(path), "--store", "memory:", "--out", str(tmp_path / "out"), "--quiet"]) == 0
    graph = Graph().parse(tmp_path / "out" / "timeline.ttl")
    assert anchors(graph, "Paris") == {text.index("Paris")}


# -- metadata --------------------------------------------------------------------------------------

@pytest.mark.parametrize("metadata, problem", [
    (b"", "malformed JSON metadata (line 1: Expecting value)"),
    (b"[]", "metadata must be a JSON object"),
    (b'"2020-03-02"', "metadata must be a JSON object"),
    (b'{"published": 20200302}', "metadata 'published' must be a string, not a number"),
    (b'{"published": null}', "metadata 'published' must be a string, not null"),
    (b'{"title": ["a", "b"]}', "metadata 'title' must be a string, not an array"),
    (b'{"published": "2020-02-30"}', "'published' is '2020-02-30', not an ISO date"),
    (b'{"published": "2020-03-02 and later"}', "not an ISO date"),
    (b'{"published": "0000-01-01"}', "not an ISO date"),
    (b'{"published": "10000-01-01"}', "not an ISO date"),
    (b'{"when": "2020-03-02"}', "unknown metadata key(s) ['when']"),
    (b'{"title": "Caf\xe9"}', "not UTF-8 text (byte 0xe9 at offset 14); convert it to UTF-8"),
])
def test_malformed_metadata_is_an_error_naming_the_metadata_file(tmp_path, metadata, problem):
    path = write_article(tmp_path, "meta", ARTICLE)
    path.with_suffix(".json").write_bytes(metadata)
    with pytest.raises(SourceError) as caught:
        read_source(path)
    assert caught.value.where == str(path.with_suffix(".json")) and problem in caught.value.problem


@pytest.mark.parametrize("published, day", [
    ("2020-03-02", date(2020, 3, 2)), ("2020-03-02T09:30:00+03:00", date(2020, 3, 2)),
    ("2020-03-02T23:30:00Z", date(2020, 3, 2)), ("2020-03-02 09:30", date(2020, 3, 2)),
])
def test_an_iso_time_stamp_dates_an_article_by_its_day(tmp_path, published, day):
    assert read_source(write_article(tmp_path, "stamped", ARTICLE, published=published)).dct == day


def test_control_characters_in_metadata_read_as_spaces(tmp_path):
    path = write_article(tmp_path, "meta", ARTICLE)
    path.with_suffix(".json").write_text(json.dumps({"published": "2020-03-02", "title": "Talks\u0007 end\u001b"}))
    assert read_source(path).title == "Talks  end "


# -- dates at the ends of the calendar -------------------------------------------------------------

FAR = ("Summit in Geneva\n\nThe leaders met in Geneva on Monday and held a two-day summit. They met yesterday "
       "and will meet again tomorrow, next week, next month and next year. Talks began last year and a week "
       "before the vote. The truce ended three days later.\n")


def test_dates_at_the_ends_of_the_calendar_build_query_show_and_export(tmp_path, capsys):
    folder, store, out = tmp_path / "news", tmp_path / "store", tmp_path / "out"
    folder.mkdir()
    write_article(folder, "first_day", FAR, published="0001-01-01")
    last = write_article(tmp_path, "last_day", FAR.replace("Geneva", "Vienna"), published="9999-12-31")
    assert main(["build", str(folder), "--store", str(store), "--out", str(out), "--quiet"]) == 0
    assert main(["add", str(last), "--store", str(store), "--out", str(out)]) == 0
    graph = Graph().parse(out / "timeline.ttl")
    days = [o.value for o in graph.objects() if isinstance(o, Literal) and o.datatype == XSD.date]
    assert date(1, 1, 1) in days and date(9999, 12, 31) in days
    assert all(isinstance(day, date) for day in days)  # every stamp a valid xsd:date, none out of range
    for question in ("timeline", "relations", "types"):
        assert main(["show", question, "--store", str(store)]) == 0
    for fmt in ("timelinejs", "graphml"):
        assert main(["export", "--format", fmt, "--store", str(store), "--out", str(tmp_path / f"x.{fmt}")]) == 0
    assert not error_lines(capsys.readouterr().err)
    assert main(["timex", str(folder / "first_day.txt"), str(last)]) == 0
    out, err = capsys.readouterr()
    values = {(row["doc"], row["text"]): row["value"] for row in map(json.loads, out.splitlines())}
    assert {key: values.get(key) for key in PAST_THE_END} == PAST_THE_END, values
    # while the days next to the ends, inside the calendar, are dated
    assert (values[("first_day", "tomorrow")], values[("last_day", "yesterday")]) == ("0001-01-02", "9999-12-30")
    assert not error_lines(err)


# What FAR's relative dates come to where they would leave the calendar: undated, never a wrapped year.
PAST_THE_END = {("first_day", "yesterday"): "XXXX-XX-XX", ("first_day", "last year"): "XXXX",
                ("last_day", "tomorrow"): "XXXX-XX-XX", ("last_day", "next week"): "XXXX-WXX",
                ("last_day", "next month"): "XXXX-XX", ("last_day", "next year"): "XXXX"}


# -- language --------------------------------------------------------------------------------------

RUSSIAN = ("Лидеры встретились в понедельник в Женеве, чтобы обсудить перемирие. Министр заявил, что переговоры "
           "возобновятся на следующей неделе после вывода войск из города и что стороны подпишут соглашение.\n")


@pytest.mark.parametrize("text, language, problem", [
    (ARTICLE, "fr", "language 'fr' in its metadata; timeline-kg reads English articles only"),
    (ARTICLE, "de-AT", "language 'de-AT' in its metadata"),
    (FRENCH, None, "does not read as English"),
    (RUSSIAN, None, "does not read as English (only 0% of its words"),
])
def test_an_article_not_in_english_is_refused(tmp_path, text, language, problem):
    path = write_article(tmp_path, "foreign", text)
    if language:
        path.with_suffix(".json").write_text(json.dumps({"published": "2020-03-02", "language": language}))
    with pytest.raises(SourceError, match=problem.replace("(", r"\(")):
        read_source(path)


@pytest.mark.parametrize("text, language", [
    (ARTICLE, "en"), (ARTICLE, "en-GB"), (ARTICLE, "EN_us"), (ARTICLE, ""),
    (FRENCH, "en"),  # the user's word outweighs the word count
    ((ROOT / "sources" / "000_11ebdb740a3ae7fd.txt").read_text(encoding="utf-8"), None),
])
def test_english_articles_and_declared_english_are_read(tmp_path, text, language):
    path = write_article(tmp_path, "english", text)
    if language is not None:
        path.with_suffix(".json").write_text(json.dumps({"published": "2020-03-02", "language": language}))
    assert read_source(path).text == text


# -- duplicates ------------------------------------------------------------------------------------

def test_the_same_article_twice_is_built_once(tmp_path, capsys):
    first = write_article(tmp_path, "first", ARTICLE)
    second = write_article(tmp_path, "second", ARTICLE)
    store = tmp_path / "store"
    argv = ["build", str(first), str(first), str(second), "--store", str(store), "--out", str(tmp_path / "out")]
    assert main([*argv, "--quiet"]) == 0  # a repeat is no failure
    err = capsys.readouterr().err
    assert f"note: {second}: same article as first; skipped" in err and not error_lines(err)
    assert set(stored(store)) == {"first"}


def test_two_articles_under_one_name_are_not_mixed(tmp_path, capsys):
    """Files named alike in two folders: the second is refused, not merged into the first's graph."""
    one = write_article(made(tmp_path / "one"), "a", ARTICLE)
    two = write_article(made(tmp_path / "two"), "a", OTHER)
    store = tmp_path / "store"
    assert main(["build", str(one), str(two), "--store", str(store), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    [line] = error_lines(capsys.readouterr().err)
    assert line == f"{two}: another article has the identifier 'a' ({one}); rename one of the files"
    assert stored(store) == {"a": ARTICLE}


# -- folders: thousands of files, symbolic links, permissions --------------------------------------

def test_a_folder_of_thousands_of_files_reports_each_bad_one_and_builds_the_good(tmp_path, capsys):
    folder = tmp_path / "news"
    for part in range(30):  # 3,000 files in 30 folders: pictures, notes, empty articles, two good ones
        sub = folder / f"part{part:02}"
        sub.mkdir(parents=True)
        for i in range(66):
            (sub / f"photo{i}.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")
        for i in range(34):
            (sub / f"empty{i}.txt").write_bytes(b"")
    (folder / "part00" / "empty0.txt").unlink()
    (folder / "part01" / "empty0.txt").unlink()
    write_article(folder / "part00", "good_a", ARTICLE)
    write_article(folder / "part01", "good_b", OTHER)
    assert sum(1 for _ in folder.rglob("*")) == 30 + 3000 + 2  # folders, files, two metadata files
    store = tmp_path / "store"
    assert main(["build", str(folder), "--store", str(store), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    err = capsys.readouterr().err
    lines = error_lines(err)
    assert len(lines) == 30 * 34 - 2 and all(line.endswith(": empty article (no text); put the article's text "
                                                           "in the file") for line in lines)
    assert len({line.split(":")[0] for line in lines}) == len(lines)  # each bad file named once
    assert set(stored(store)) == {"good_a", "good_b"} and "1018 failed" in err.splitlines()[-1]


def test_folder_search_follows_links_to_folders_once_and_ends_on_loops(tmp_path):
    news, elsewhere = tmp_path / "news", tmp_path / "elsewhere"
    (news / "a" / "b").mkdir(parents=True)
    elsewhere.mkdir()
    write_article(news / "a" / "b", "deep", ARTICLE)
    write_article(elsewhere, "linked", OTHER)
    (news / "a" / "b" / "up").symlink_to(news)  # a loop: news/a/b/up/a/b/up/...
    (news / "a" / "again").symlink_to(news / "a")  # the same folder by another way
    (news / "more").symlink_to(elsewhere)  # a folder kept elsewhere
    (news / ".git").mkdir()
    write_article(news / ".git", "hidden", ARTICLE)
    assert find_sources([news]) == [news / "a" / "b" / "deep.txt", news / "more" / "linked.txt"]


def test_a_link_to_an_article_is_read_with_the_metadata_beside_its_target(tmp_path):
    target = write_article(made(tmp_path / "archive"), "x", ARTICLE)
    link = made(tmp_path / "news") / "linked.txt"
    link.symlink_to(target)
    doc = read_source(link)
    assert (doc.doc_id, doc.text, doc.dct) == ("linked", ARTICLE, date(2020, 3, 2))


def test_unreadable_files_and_folders_are_reported_and_the_readable_built(tmp_path):
    """Run as a user that file permissions bind (root without its override), in a child process."""
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "good", ARTICLE)
    secret = write_article(folder, "secret", OTHER)
    locked_meta = write_article(folder, "locked_meta", OTHER.replace("Paris", "Lyon")).with_suffix(".json")
    private = folder / "private"
    private.mkdir()
    write_article(private, "inside", ARTICLE.replace("Geneva", "Oslo"))
    for path, mode in ((secret, 0o000), (locked_meta, 0o000), (private, 0o000)):
        path.chmod(mode)
    bound = without_permission_override if os.geteuid() == 0 else None
    try:
        # The test is real only if the child cannot read what the owner may not.
        probe = subprocess.run([sys.executable, "-c", f"open({str(secret)!r}).read()"], preexec_fn=bound,
                               capture_output=True, text=True)
        assert probe.returncode != 0 and "PermissionError" in probe.stderr
        done = subprocess.run([sys.executable, "-m", "graph", "build", str(folder), "--store", "memory:",
                               "--out", str(tmp_path / "out"), "--quiet"],
                              preexec_fn=bound, capture_output=True, text=True, cwd=ROOT, timeout=300)
    finally:
        for path in (secret, locked_meta, private):
            path.chmod(0o755 if path.is_dir() else 0o644)
    assert done.returncode == 1, done.stderr
    assert sorted(error_lines(done.stderr)) == sorted([
        f"{locked_meta}: cannot read: Permission denied",
        f"{private}: cannot read folder: Permission denied",
        f"{secret}: cannot read: Permission denied"])
    assert "3 failed" in done.stderr.splitlines()[-1]
    assert "Geneva" in (tmp_path / "out" / "timeline.ttl").read_text(encoding="utf-8")
