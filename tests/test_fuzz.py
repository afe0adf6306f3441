"""Fuzzing: the article reader, the extractors and the RDF writer on any input.

- Reader: any bytes saved as an article (``.txt``, ``.tml``, ``.html``, ``.htm``), with any metadata
  file or none, give a Document or our one-line ``SourceError`` naming the file, never another
  exception; the Document's body paragraphs index its text.
- Extractors (``graph.pipeline.extract``, what a build runs per article): any text, any publication
  date, never raise; every sentence, mention, timex, event trigger and argument lies inside the text
  and its slice of the text is the text it claims.
- RDF writer: the graph of any article (any identifier and metadata too) conforms to the SHACL
  shapes and comes back isomorphic from Turtle.

The temporal tagger's own properties are in ``tests/test_timex_properties.py``; its date-word
vocabulary and DCTs are reused here. Each property runs a modest number of examples
(``FUZZ_EXAMPLES``, default below); ``benchmarks/fuzz_campaign.py`` runs the same checks with many
more (see docs/fuzzing.md). The check functions and strategies are importable for that reason.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from graph.errors import SourceError
from graph.model import Document, Span
from graph.pipeline import Extraction, extract, to_rdf
from graph.rdf.validate import violations
from graph.sources import read_source, split_body
from tests.conftest import SEED
from tests.test_timex_properties import VOCABULARY as DATE_WORDS
from tests.test_timex_properties import dcts

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
# Generated articles are large by design (long tokens, many paragraphs); that is the point, not a
# slow strategy.
FUZZ = settings(max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# --- Text strategies -------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def news_words() -> tuple[str, ...]:
    """Real words: the seed article's, the gazetteer's names, the event triggers and the date words."""
    from graph.extract.gazetteer import load_gazetteer
    from graph.rdf.event_types import load_event_types

    gazetteer, types = load_gazetteer(), load_event_types()
    triggers = [w for lemma in [*types.verbs, *types.nouns] for w in (lemma, lemma + "ed", lemma + "s")]
    words = [*re.findall(r"\S+", SEED.read_text(encoding="utf-8")), *gazetteer.names, *gazetteer.demonyms,
             *triggers, *DATE_WORDS]
    return tuple(sorted(set(words)))


# Characters that have broken text tools before: zero-width and direction marks, line and paragraph
# separators Python's splitlines() honours but a regex does not, combining marks, characters whose
# lower case is longer ("İ"), digits of other scripts that \d and int() accept, emoji sequences, BOMs.
ODD_UNICODE = ["\u200b", "\u200c", "\u200d", "\u200e", "\u202e", "\u2066", "\ufeff", "\u2028", "\u2029",
               "\x85", "\xa0", "\u3000", "\u0301", "e\u0301", "İ", "ß", "ẞ", "ﬁ", "Σ", "ς", "ǅ",
               "٢٠١٧", "١١", "１２", "２０１７年", "𝟚𝟘𝟙𝟟", "²", "½", "Ⅻ", "👍🏽", "🇸🇾", "👩‍👩‍👧", "\U0010ffff",
               "\ufffd", "\uffff", "ᴬ", "Ω", "K", "Å"]
CONTROL = ["\x00", "\x01", "\x07", "\x08", "\t", "\x0b", "\x0c", "\x1b", "\x1c", "\x1d", "\x1e", "\x1f",
           "\x7f", "\r", "\r\n", "\n\r"]
# Markup and syntax of the formats we read and write (HTML, XML, JSON, Turtle, SPARQL).
MARKUP = ["<script>alert(1)</script>", "</script>", "<p>", "</p>", "<br/>", "<img src=x onerror=alert(1)>",
          "&amp;", "&lt;", "&#0;", "&#x110000;", "&nbsp;", "<!--", "-->", "<![CDATA[", "]]>",
          "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2017-12-11\">", "</TIMEX3>", "{", "}", "\\", "\\u0000",
          "\"", "'", "\"\"\"", "'''", "<http://example.org/a b>", "@prefix", "^^xsd:date", "@en", "_:b0",
          "#", "%", "%00", "%2F", "?x", "$x", "javascript:alert(1)", "{{x}}", "${x}", "\\n"]

SEPARATORS = [" ", " ", " ", "  ", ", ", ". ", ".\n\n", ".\n\n", ".\n", "\n", "\n\n", ": ", "; ", " - ",
              "'s ", " (", ") ", "\"", "\u201c", "\u201d", "\u2019", "\t", "\r\n", "", "?\n\n", "!"]

# Deferred: the word list needs the gazetteer, read when the first example is drawn, not at import.
real_words = st.deferred(lambda: st.sampled_from(news_words()))
# Values past what a calendar or an int conversion holds (issue 18): each once ended a whole batch.
HOSTILE_AMOUNTS = ["a 3000000-day visit", "3000000-day", "99999999999 years later", "300000000 weeks",
                   "a " + "9" * 5000 + "-day visit", "9" * 5000 + " days later", "in the year 99999",
                   "10000 years ago", "-5 days", "0-day", "a 2-day visit which began 3000000 days later"]
odd_tokens = st.one_of(st.sampled_from(ODD_UNICODE), st.sampled_from(CONTROL), st.sampled_from(MARKUP),
                       st.sampled_from(HOSTILE_AMOUNTS), st.text(min_size=1, max_size=4))
# Very long tokens: a word, a number or a character repeated up to 6,000 characters. (Longer runs of
# names make the extraction slow, see docs/fuzzing.md, which is not what this property is about.)
long_tokens = st.tuples(st.one_of(real_words, st.sampled_from(["9", "-", ".", "a", "\u0301", "İ"])),
                        st.integers(50, 6000)).map(lambda pair: (pair[0] * pair[1])[:pair[1]])
# Mostly real words, so that sentences, names, triggers and dates occur; odd tokens between them.
tokens = st.one_of(real_words, real_words, real_words, real_words, real_words, real_words, odd_tokens,
                   odd_tokens, st.integers(0, 10**6).map(str))
news_text = st.lists(st.tuples(tokens, st.sampled_from(SEPARATORS)), min_size=1, max_size=120).map(
    lambda pairs: "".join(token + sep for token, sep in pairs))
with_long_token = st.tuples(news_text, long_tokens, news_text).map(lambda parts: f"{parts[0]} {parts[1]} {parts[2]}")
texts = st.one_of(news_text, news_text, news_text, with_long_token, news_text.map(str.upper),
                  st.text(max_size=400), st.text(st.characters(codec="utf-8", categories=["Cc", "Zs", "Zl", "Zp",
                                                                                          "Mn", "Nd", "Po"]),
                                                 max_size=200))


def article(text: str, dct: date | None, doc_id: str = "fuzz", **metadata: str) -> Document:
    """``text`` as graph.sources reads an article: first line the title, body paragraphs after it."""
    title, body = split_body(text)
    return Document(doc_id=doc_id, text=text, dct=dct, title=metadata.pop("title", text[title[0]:title[1]]),
                    body=tuple(body), **metadata)


# --- Extractors ------------------------------------------------------------------------------------

def check_span(span: Span, document: Document, claimed: str | None = None) -> None:
    text = document.text
    assert span.doc_id == document.doc_id
    assert 0 <= span.start < span.end <= len(text), (span, len(text))
    if claimed is not None:
        assert text[span.start:span.end] == claimed, (span, claimed, text[span.start:span.end])


def check_extraction(text: str, dct: date | None) -> Extraction:
    """Extract ``text`` as an article and check that every offset indexes it."""
    document = article(text, dct)
    found = extract(document)
    for sentence in found.sentences:
        check_span(sentence.span, document)
    for mention in found.mentions:
        check_span(mention.span, document, mention.text)
    for timex in found.timexes:
        check_span(timex.span, document, timex.text)
    for event in found.events:
        assert len(event.triggers) == len(event.trigger_texts) == len(event.sentences)
        for trigger, words, sentence in zip(event.triggers, event.trigger_texts, event.sentences):
            check_span(trigger, document, words)
            check_span(sentence, document)
            assert sentence.start <= trigger.start and trigger.end <= sentence.end, (trigger, sentence)
        for argument in event.arguments:
            check_span(argument.mention.span, document, argument.mention.text)
        if event.timex is not None:
            check_span(event.timex.span, document, event.timex.text)
        if event.earliest is not None and event.latest is not None:
            assert event.earliest <= event.latest, (event.label, event.earliest, event.latest)
    return found


@FUZZ
@given(texts, dcts)
def test_extractors_keep_every_offset_inside_the_text(text: str, dct: date | None) -> None:
    check_extraction(text, dct)


# --- RDF writer ------------------------------------------------------------------------------------

doc_ids = st.one_of(st.sampled_from(["000_11ebdb740a3ae7fd", "APW19980807.0261", "a b", "x/y", "%41", "#x", "ä",
                                     "<x>", "\"", "\\", ".", "-"]),
                    st.text(min_size=1, max_size=30).map(str.strip).filter(bool))
metadata_values = st.one_of(st.just(""), real_words, st.text(max_size=30),
                            st.sampled_from(MARKUP + ODD_UNICODE + CONTROL),
                            st.sampled_from(["https://example.org/a?b=c&d=e#f", "javascript:alert(1)",
                                             "http://x/<y>", "not a url", "en", "en-GB", "zz", "Al Jazeera"]))
metadata = st.fixed_dictionaries({}, optional={key: metadata_values
                                               for key in ("title", "publisher", "url", "language")})


def check_rdf(text: str, dct: date | None, doc_id: str, meta: dict[str, str]) -> Graph:
    """The article's graph conforms to the SHACL shapes and round-trips through Turtle."""
    graph = to_rdf([extract(article(text, dct, doc_id, **meta))])
    conforms, _, lines = violations(graph)
    assert conforms, lines[:5]
    turtle = graph.serialize(format="turtle")
    back = Graph().parse(data=turtle, format="turtle")
    if not isomorphic(graph, back):
        _, only_written, only_read = graph_diff(to_isomorphic(graph), to_isomorphic(back))
        raise AssertionError(f"Turtle round trip changed the graph: written {sorted(only_written)[:3]}, "
                             f"read back {sorted(only_read)[:3]}")
    return graph


@FUZZ
@given(texts, dcts, doc_ids, metadata)
def test_graph_of_any_article_conforms_and_round_trips_through_turtle(text, dct, doc_id, meta) -> None:
    check_rdf(text, dct, doc_id, meta)


# --- Reader ----------------------------------------------------------------------------------------

SUFFIXES = [".txt", ".tml", ".html", ".htm"]
# Mostly UTF-8 (what a well-formed article is), then encodings an article may arrive in by mistake.
ENCODINGS = ["utf-8"] * 8 + ["utf-8-sig", "utf-16", "utf-16-le", "latin-1", "cp1252", "ascii", "utf-32",
                              "gb18030", "shift_jis", "koi8-r"]
# Names a page may declare in <meta charset>: real codecs, text transforms that are no text
# encoding, codecs whose decode errors are not UnicodeDecodeError, and nonsense.
CHARSETS = ["utf-8"] * 6 + ["UTF8", "iso-8859-1", "windows-1252", "utf-16", "utf-32", "utf-7", "ascii", "idna",
                             "punycode", "rot13", "base64", "hex", "zlib", "bz2", "uu", "quopri", "unicode_escape",
                             "raw_unicode_escape", "palmos", "undefined", "x-user-defined", "no-such-charset", ""]
iso_like = st.one_of(st.dates().map(date.isoformat), st.dates(date(1995, 1, 1), date(2026, 11, 30)).map(date.isoformat),
                     st.sampled_from(["2017-12-11", "2017-12-11T25:00", "20171211", "2017-W50-1", "2017-02-30",
                                      "0000-01-01", "9999-12-31", "+2017-12-11", "2017-12", "2017", "11/12/2017",
                                      "", " 2017-12-11", "2017-12-11\n", "\u0662\u0660\u0661\u0667-12-11"]),
                     st.text(max_size=12))
json_values = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20)),
                           lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                   st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                           max_leaves=8)
good_metadata = st.fixed_dictionaries(
    {"published": st.dates(date(1995, 1, 1), date(2026, 11, 30)).map(date.isoformat)},
    optional={key: metadata_values for key in ("title", "publisher", "url", "language")})
odd_metadata = st.fixed_dictionaries(
    {}, optional={"title": st.one_of(metadata_values, json_values), "publisher": metadata_values,
                  "url": metadata_values, "language": metadata_values, "published": st.one_of(iso_like, json_values),
                  "extra": json_values})
metadata_files = st.one_of(
    st.none(),
    good_metadata.map(lambda meta: json.dumps(meta, ensure_ascii=False).encode()),
    good_metadata.map(lambda meta: json.dumps(meta, ensure_ascii=False).encode()),
    odd_metadata.map(lambda meta: json.dumps(meta).encode()),
    json_values.map(lambda value: json.dumps(value).encode()),
    st.binary(max_size=64),
    st.sampled_from([  # issue 18: a 5,000-digit number, lone surrogates, a number where a string goes
        b'{"published": "2020-03-02", "title": ' + b"9" * 5000 + b"}", b'{"published": ' + b"1" * 4301 + b"}",
        b'{"published": "2020-03-02", "extra": [-' + b"7" * 5000 + b"]}", b'{"published": 1e99999}',
        b'{"published": "2020-03-02", "title": "\\ud800"}', b'{"published": "2020-03-02", "publisher": "a\\udfffb"}',
        b'{"published": "\\ud800"}', b'{"published": "99999-01-01"}', b'{"published": "0000-12-31"}']),
    st.sampled_from([b"", b"{", b"{}", b"[]", b"null", b"\xef\xbb\xbf{}", b"\x00{}", b"{\"published\": NaN}",
                     b"{\"published\": \"2017-12-11\", \"published\": 1}", b"[" * 100_000, b"{\"a\":" * 50_000]),
)


def _plain_article(title: str, day: str | None, body: str) -> str:
    return f"{title}\n\n" + (f"Published: {day}\n\n" if day is not None else "") + body


def _xml_escape(text: str) -> str:
    """``text`` as XML character data (characters XML 1.0 cannot hold at all are left out)."""
    text = re.sub("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")


def _timeml(doc_id: str, dct: str, before: str, inside: str, depth: int, escape: bool) -> str:
    fix = _xml_escape if escape else (lambda text: text)
    nested = "<s>" * depth + fix(inside) + "</s>" * depth
    return (f"<?xml version=\"1.0\"?>\n<TimeML><DOCID>{fix(doc_id)}</DOCID><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" "
            f"value=\"{fix(dct)}\" functionInDocument=\"CREATION_TIME\">{fix(dct)}</TIMEX3></DCT>\n<TEXT>{fix(before)} "
            f"<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"{fix(dct)}\">{nested}</TIMEX3> {fix(before)}</TEXT></TimeML>\n")


def _html_page(lang: str, charset: str, title: str, day: str, paragraphs: list[str], junk: str) -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"{charset}\"><title>{title}</title>"
            f"<meta property=\"article:published_time\" content=\"{day}\"></head><body>{junk}<article>"
            f"<h1>{title}</h1>{body}</article>{junk}</body></html>")


plain_texts = st.builds(_plain_article, texts, st.one_of(st.none(), iso_like, st.sampled_from(
    ["21 May 2023", "Sunday, May 21, 2023 09:30 GMT", "31 February 2023", "May 2023"])), texts)
timeml_texts = st.builds(_timeml, st.text(max_size=12), iso_like, texts, texts,
                         st.sampled_from([0, 0, 1, 5, 2000]), st.sampled_from([True, True, True, False]))
html_texts = st.builds(_html_page, st.sampled_from(["en", "en-GB", "", "\"", "fr_FR"]), st.sampled_from(CHARSETS),
                       texts, iso_like, st.lists(texts, max_size=6), st.sampled_from(["", *MARKUP]))


def _mutate(raw: bytes, changes: list[tuple[int, int]], cut: int | None) -> bytes:
    data = bytearray(raw)
    for position, value in changes:
        if data:
            data[position % len(data)] = value
    return bytes(data if cut is None else data[: cut % (len(data) + 1)])


def file_bytes(texts_of_format: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    """A format's texts as bytes: encoded (mostly UTF-8), sometimes with bytes changed or cut short."""
    encoded = st.tuples(texts_of_format, st.sampled_from(ENCODINGS)).map(
        lambda pair: pair[0].encode(pair[1], "replace"))
    mutated = st.builds(_mutate, encoded, st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=4),
                        st.one_of(st.none(), st.integers(0, 10**6)))
    return st.one_of(encoded, encoded, encoded, mutated)


noise_bytes = st.one_of(st.binary(max_size=512), st.sampled_from(
    [b"", b" \n\t", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff\x00", b"\x00" * 10, b"\n" * 100_000]))
# (suffix, bytes): each format's own kind of file, and any bytes under any suffix.
article_files = st.one_of(
    st.tuples(st.just(".txt"), file_bytes(plain_texts)),
    st.tuples(st.just(".tml"), file_bytes(timeml_texts)),
    st.tuples(st.sampled_from([".html", ".htm"]), file_bytes(html_texts)),
    st.tuples(st.sampled_from(SUFFIXES), st.one_of(noise_bytes, file_bytes(texts))),
)


def check_read(suffix: str, raw: bytes, meta: bytes | None, dct: date | None) -> Document | SourceError:
    """Save ``raw`` (and ``meta`` as its JSON) and read it: a Document or our one-line SourceError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"article{suffix}"
        path.write_bytes(raw)
        if meta is not None:
            path.with_suffix(".json").write_bytes(meta)
        try:
            document = read_source(path, dct)
        except SourceError as error:
            assert error.where in (str(path), str(path.with_suffix(".json"))), error.where
            assert str(error).startswith(error.where + ": ") and "\n" not in str(error), str(error)
            return error
    assert isinstance(document.text, str) and document.doc_id
    previous_end = 0
    for start, end in document.body_ranges():  # the body, or the whole text when no line reads as body
        assert previous_end <= start < end <= len(document.text), (start, end, len(document.text))
        previous_end = end
    if suffix != ".tml":  # a TimeML file may lack a DCT; the other formats need one
        assert isinstance(document.dct, date)
    return document


@FUZZ
@given(article_files, metadata_files, st.one_of(st.none(), st.none(), dcts))
def test_any_article_file_reads_as_a_document_or_a_source_error(file, meta, dct) -> None:
    suffix, raw = file
    check_read(suffix, raw, meta, dct)


# --- What the fuzzing found (each failed before its fix) --------------------------------------------

PAGE = ("<html><head><meta charset=\"{charset}\"><title>Talks end</title></head><body><article><p>The two "
        "delegations met in Geneva on Tuesday and agreed to a ceasefire.</p></article></body></html>")


@pytest.mark.parametrize("charset", ["undefined", "punycode"])
def test_page_declaring_a_codec_that_fails_without_a_byte_position_is_a_source_error(tmp_path, charset):
    """Python's 'undefined' and 'punycode' codecs raise UnicodeError, not UnicodeDecodeError."""
    page = tmp_path / "talks.html"
    page.write_text(PAGE.format(charset=charset), encoding="ascii")
    with pytest.raises(SourceError, match=f"^{re.escape(str(page))}: not decodable as {charset} "):
        read_source(page, date(2023, 5, 18))


@pytest.mark.parametrize("nesting", [b"[" * 100_000, b'{"title":' * 50_000])
def test_metadata_nested_thousands_deep_is_a_source_error(tmp_path, nesting):
    article_path = tmp_path / "talks.txt"
    article_path.write_text("Talks end\n\nThe two delegations met in Geneva on Tuesday.\n", encoding="utf-8")
    article_path.with_suffix(".json").write_bytes(nesting)
    with pytest.raises(SourceError, match="nested too deeply") as raised:
        read_source(article_path)
    assert raised.value.where == str(article_path.with_suffix(".json"))


def test_timeml_nested_thousands_deep_is_a_source_error(tmp_path):
    path = tmp_path / "deep.tml"
    path.write_text(_timeml("deep", "2017-12-11", "Talks began on Monday.", "today", 5000, escape=True),
                    encoding="utf-8")
    with pytest.raises(SourceError, match="nested too deeply") as raised:
        read_source(path)
    assert raised.value.where == str(path)


# --- The build: the whole command over folders of hostile articles ----------------------------------

def test_build_over_generated_hostile_articles_never_raises_and_never_loses_a_batch(tmp_path, capsys):
    # The same property benchmarks/fuzz_campaign.py --build-articles runs at length (docs/fuzzing.md):
    # two folders of generated articles (random, mutated and well-formed files, FIFOs, device links,
    # hostile names and values), each built by `timeline-kg build` in this process.
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "fuzz_campaign", Path(__file__).resolve().parent.parent / "benchmarks" / "fuzz_campaign.py")
    campaign = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = campaign  # its dataclasses look their module up there
    spec.loader.exec_module(campaign)
    outcome = campaign.run_build(2 * EXAMPLES, EXAMPLES, int(os.environ.get("FUZZ_SEED", "0")), tmp_path)
    capsys.readouterr()
    assert outcome.traceback_count == 0, outcome.tracebacks
    assert outcome.lost_batches == 0, outcome.lost
    assert outcome.odd_lines == 0
    assert outcome.built > 0 and outcome.refused > 0  # both kinds were generated
