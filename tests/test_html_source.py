"""Saved news pages: the article's paragraphs and its original publication date, nothing else."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from graph.errors import SourceError
from graph.sources import find_sources, read_source
from graph.sources.html_page import NoDateError, read_html, url_slug

PAGES = Path(__file__).resolve().parent / "data" / "html"

# page, published, last modified (present in the page, never to be taken), title, publisher
DATED = [
    ("geneva-talks.html", date(2023, 5, 18), "2023-05-20",
     "Armenia and Azerbaijan agree ceasefire after Geneva talks", "The Meridian Post"),   # article:published_time
    ("border-observers.html", date(2023, 6, 7), "2023-06-09",
     "Ceasefire observers deploy along Armenia-Azerbaijan border", "Northern Ledger"),     # JSON-LD datePublished
    ("brussels-ministers.html", date(2023, 7, 11), "2023-07-13",
     "Foreign ministers resume peace talks in Brussels", "Capital Dispatch"),             # <time datetime>
]

# page, paragraphs of the article, boilerplate that must not be in the text
CONTENT = [
    ("geneva-talks.html",
     ["Delegations from Armenia and Azerbaijan met in Geneva on Tuesday for talks hosted by the United Nations, "
      "the first direct negotiations between the two sides this year.",
      "After two days of negotiations, the two sides agreed on Wednesday to a ceasefire along their shared border, "
      "a UN spokesperson told reporters.",
      "The foreign ministers of both countries are expected to meet again in Geneva in June, diplomats said."],
     ["Subscribe", "Politics", "Advertisement", "Cheap flights", "Jonas Verbeek", "Northlight Images",
      "Palais des Nations", "Border clashes leave", "Morning Briefing", "Privacy policy", "Meridian Media Group",
      "Clara Haldane", "Share on Social"]),
    ("border-observers.html",
     ["International observers deployed along the border between Armenia and Azerbaijan on Tuesday, two weeks "
      "after the two countries agreed to a ceasefire in Geneva.",
      "Hundreds of people protested in Baku on Saturday, demanding the return of displaced families to their villages."],
     ["cookies", "Markets", "Mariam Sargsyan", "Caucasus Press Pool", "Oil prices slip", "Most read",
      "borderwatcher", "observers stay longer", "savings account", "Ledger Media AB", "What was agreed"]),
    ("brussels-ministers.html",
     ["The foreign ministers of Armenia and Azerbaijan met in Brussels on Monday to resume peace talks hosted by "
      "the European Union.",
      "On Sunday, police arrested three men near the border on suspicion of smuggling weapons, the interior "
      "ministry in Yerevan said."],
     ["Podcasts", "Pieter Claes", "Benelux Photo Service", "shake hands", "Share this", "UN vote delayed",
      "Security Summit", "reader-funded", "Renee Okafor"]),
]


def body_paragraphs(doc) -> list[str]:
    return [doc.text[start:end] for start, end in doc.body]


@pytest.mark.parametrize("name, paragraphs, boilerplate", CONTENT)
def test_text_is_the_articles_paragraphs_without_navigation_ads_captions_or_footer(name, paragraphs, boilerplate):
    doc = read_html(PAGES / name)
    body = body_paragraphs(doc)
    for paragraph in paragraphs:
        assert paragraph in body
    for text in boilerplate:
        assert text not in doc.text, f"{text!r} leaked into the text of {name}"


@pytest.mark.parametrize("name, published, modified, title, publisher", DATED)
def test_publication_date_is_the_original_one_not_the_modified_one(name, published, modified, title, publisher):
    page = (PAGES / name).read_text(encoding="utf-8")
    assert modified in page  # the page does carry a later date; it must not win
    doc = read_html(PAGES / name)
    assert doc.dct == published
    assert (doc.title, doc.publisher, doc.language) == (title, publisher, "en")


@pytest.mark.parametrize("name, published, modified, title, publisher", DATED)
def test_text_is_the_title_line_then_paragraphs_separated_by_blank_lines(name, published, modified, title, publisher):
    doc = read_html(PAGES / name)
    first, blank, rest = doc.text.partition("\n\n")
    assert first == title and blank
    assert doc.title not in body_paragraphs(doc)
    between = [doc.text[a_end:b_start] for (_, a_end), (b_start, _) in zip(doc.body, doc.body[1:])]
    assert between and all(gap == "\n\n" for gap in between)


def test_page_metadata_url_and_doc_id():
    doc = read_html(PAGES / "geneva-talks.html")
    assert doc.doc_id == "geneva-talks"
    assert doc.url == "https://www.meridianpost.example/world/2023/armenia-azerbaijan-geneva-ceasefire"
    assert doc.path == PAGES / "geneva-talks.html"
    from_bytes = read_html((PAGES / "brussels-ministers.html").read_bytes(), url="https://dispatch.example/b")
    assert from_bytes.url == "https://dispatch.example/b"  # the page has no canonical URL of its own
    assert from_bytes.doc_id == url_slug("https://dispatch.example/b")


def test_a_page_without_any_date_is_an_error_unless_dct_is_given():
    page = PAGES / "undated-statement.html"
    with pytest.raises(NoDateError, match=r"undated-statement\.html: no publication date in the page.*--dct"):
        read_html(page)
    with pytest.raises(SourceError, match="no publication date"):  # NoDateError is a SourceError
        read_source(page)
    doc = read_html(page, dct=date(2023, 8, 1))
    assert doc.dct == date(2023, 8, 1)
    assert "Negotiators from both countries met in Geneva on Monday" in doc.text


def test_metadata_file_beside_the_page_overrides_the_page(tmp_path):
    page = shutil.copy(PAGES / "undated-statement.html", tmp_path / "statement.html")
    (tmp_path / "statement.json").write_text('{"published": "2023-08-01", "publisher": "BPI"}', encoding="utf-8")
    doc = read_source(Path(page))
    assert (doc.dct, doc.publisher, doc.title) == (date(2023, 8, 1), "BPI", "Statement on the prisoner exchange talks")


def test_find_sources_takes_html_pages_but_not_a_built_graph_page(tmp_path):
    shutil.copy(PAGES / "geneva-talks.html", tmp_path / "a.html")
    shutil.copy(PAGES / "border-observers.html", tmp_path / "b.htm")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "timeline.ttl").write_text("", encoding="utf-8")
    (tmp_path / "out" / "graph.html").write_text("<html><body><p>graph</p></body></html>", encoding="utf-8")
    assert find_sources([tmp_path]) == [tmp_path / "a.html", tmp_path / "b.htm"]


def test_declared_charset_is_honoured():
    page = ('<html><head><meta charset="windows-1252"><title>Caf\u00e9 talks</title>'
            '<meta property="article:published_time" content="2023-05-18"></head><body><article>'
            '<p>Negotiators met at a caf\u00e9 in Geneva on Tuesday and agreed to a \u201cceasefire\u201d on Wednesday.</p>'
            '</article></body></html>').encode("windows-1252")
    doc = read_html(page, doc_id="cafe")
    assert "caf\u00e9 in Geneva" in doc.text and "\u201cceasefire\u201d" in doc.text


@pytest.mark.parametrize("content, problem", [
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not an HTML page"),
    (b"<html><body><p>Talks \xff\xfe began on Monday.</p></body></html>", r"not decodable as utf-8 \(byte 0xff"),
    (b'<html><head><meta charset="no-such-codec"></head><body></body></html>', "unknown character encoding"),
    (b"Talks began in Geneva on Monday. Both sides agreed to a truce.\n", "not an HTML page"),
    (b"<html><head><title>Menu</title></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>",
     "no main text found"),
])
def test_unreadable_pages_are_one_line_errors_naming_the_file(tmp_path, content, problem):
    path = tmp_path / "bad.html"
    path.write_bytes(content)
    with pytest.raises(SourceError, match=problem) as info:
        read_html(path, dct=date(2023, 5, 18))
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)


def test_a_missing_page_is_an_error():
    with pytest.raises(SourceError, match="no-such-page.html: no such file"):
        read_html(PAGES / "no-such-page.html")


def test_the_fixture_pages_exist():
    assert len(list(PAGES.glob("*.html"))) == 4  # a pattern that matches nothing must not pass silently


def test_url_slug_is_deterministic_and_ignores_the_fragment():
    a = url_slug("https://News.Example.org/world/2023/geneva-talks.html")
    assert a == url_slug("https://news.example.org/world/2023/geneva-talks.html#top")
    assert a.startswith("news-example-org-world-2023-geneva-talks-")
    assert a != url_slug("https://news.example.org/world/2023/geneva-talks.html?page=2")
