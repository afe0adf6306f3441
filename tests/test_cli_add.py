"""``timeline-kg add URL``: a saved page served on 127.0.0.1 is fetched, saved and built with its own date.

The only network used is a real HTTP server on the loopback interface, started by the tests; a
loopback address is refused without ``--allow-private`` (``allow_private=True`` in Python), so the
tests pass it (tests/test_hostile_sources.py tests the refusal).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import json
import shutil
import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.compare import isomorphic

from graph.cli import main
from graph.errors import SourceError
from graph.rdf.namespaces import sparql_prefixes
from graph.sources.fetch import fetch_page
from graph.sources.html_page import url_slug
from tests.listener import running

PAGES = Path(__file__).resolve().parent / "data" / "html"
PREFIXES = sparql_prefixes()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 (an ephemeral port); yield the base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    with running(server):
        yield f"http://127.0.0.1:{server.server_address[1]}"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve(PAGES) as base:
        yield base


def add(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["add", *argv])
    return code, out.getvalue(), err.getvalue()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("timeline-kg: error:")]


@pytest.fixture(scope="module")
def added(site, tmp_path_factory):
    """``timeline-kg add`` of the Geneva page, served on loopback, into empty folders."""
    tmp = tmp_path_factory.mktemp("add")
    url = f"{site}/geneva-talks.html"
    sources, out = tmp / "sources", tmp / "build"
    code, stdout, stderr = add(url, "--allow-private", "--sources", str(sources), "--out", str(out))
    assert code == 0, stderr
    return {"url": url, "sources": sources, "out": out, "stdout": stdout, "slug": url_slug(url)}


def test_add_saves_the_page_and_its_metadata_under_a_slug_of_the_url(added):
    slug = added["slug"]
    assert slug.startswith("127-0-0-1-geneva-talks-")
    assert sorted(snapshot(added["sources"])) == [f"{slug}.html", f"{slug}.json"]
    assert (added["sources"] / f"{slug}.html").read_bytes() == (PAGES / "geneva-talks.html").read_bytes()
    meta = json.loads((added["sources"] / f"{slug}.json").read_text(encoding="utf-8"))
    assert meta == {"title": "Armenia and Azerbaijan agree ceasefire after Geneva talks",
                    "publisher": "The Meridian Post",
                    "url": "https://www.meridianpost.example/world/2023/armenia-azerbaijan-geneva-ceasefire",
                    "published": "2023-05-18", "language": "en"}
    line = next(line for line in added["stdout"].splitlines() if line.startswith("added:"))
    assert slug in line and "2023-05-18" in line and "Armenia and Azerbaijan agree ceasefire" in line
    assert "event(s)" in line and " 0 event(s)" not in line


def test_added_page_events_are_dated_from_the_pages_publication_date(added):
    graph = Graph().parse(added["out"] / "timeline.ttl", format="turtle")
    published = graph.query(PREFIXES + "SELECT ?d WHERE { ?a schema:identifier ?id ; schema:datePublished ?d }",
                            initBindings={"id": Literal(added["slug"])})
    assert [row.d.toPython() for row in published] == [date(2023, 5, 18)]
    dated = PREFIXES + """SELECT DISTINCT ?b ?z WHERE {
        ?a schema:identifier ?id . ?e prov:wasDerivedFrom ?a ; sem:eventType ?type ;
           gaf:denotedBy/nif:anchorOf ?trigger ;
           sem:hasEarliestBeginTimeStamp ?b ; sem:hasLatestEndTimeStamp ?z }"""

    def dates(trigger: str, event_type: str) -> set[tuple[date, date]]:
        rows = graph.query(dated, initBindings={"id": Literal(added["slug"]), "trigger": Literal(trigger),
                                                "type": graph.namespace_manager.expand_curie(f"et:{event_type}")})
        return {(row.b.toPython(), row.z.toPython()) for row in rows}

    # "met in Geneva on Tuesday" in a page of Thursday 18 May 2023: Tuesday 16 May
    assert dates("met", "meet") == {(date(2023, 5, 16), date(2023, 5, 16))}
    # "agreed on Wednesday": it begins on Wednesday 17 May
    assert {begin for begin, _ in dates("agreed", "agree")} == {date(2023, 5, 17)}
    places = graph.query(PREFIXES + """SELECT ?place WHERE { ?a schema:identifier ?id .
        ?e prov:wasDerivedFrom ?a ; sem:eventType et:meet ; gaf:denotedBy/nif:anchorOf "met" ;
           sem:hasPlace/rdfs:label ?place }""", initBindings={"id": Literal(added["slug"])})
    assert {str(row.place) for row in places} == {"Geneva"}


def test_adding_the_same_url_again_changes_nothing(added):
    before_files = snapshot(added["sources"])
    before_graph = Graph().parse(added["out"] / "timeline.ttl", format="turtle")
    code, stdout, stderr = add(added["url"], "--allow-private", "--sources", str(added["sources"]),
                               "--out", str(added["out"]))
    assert code == 0, stderr
    assert "already present:" in stdout and added["slug"] in stdout
    assert snapshot(added["sources"]) == before_files
    assert isomorphic(Graph().parse(added["out"] / "timeline.ttl", format="turtle"), before_graph)


@pytest.fixture
def folders(tmp_path) -> tuple[Path, Path, dict[str, bytes]]:
    """A sources folder already holding one article, an output folder, and the sources' snapshot."""
    sources = tmp_path / "sources"
    sources.mkdir()
    shutil.copy(PAGES / "brussels-ministers.html", sources / "brussels-ministers.html")
    return sources, tmp_path / "out", snapshot(sources)


def test_a_missing_page_is_one_line_and_exit_1_and_leaves_the_sources_unchanged(site, folders):
    sources, out, before = folders
    code, stdout, stderr = add(f"{site}/no-such-page.html", "--allow-private", "--sources", str(sources),
                               "--out", str(out))
    assert code == 1
    assert error_lines(stderr) == [f"timeline-kg: error: {site}/no-such-page.html: HTTP error 404 File not found"]
    assert stderr.strip().count("\n") == 0 and not stdout
    assert snapshot(sources) == before and not out.exists()


def unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_port_is_one_line_and_exit_1_and_leaves_the_sources_unchanged(folders):
    sources, out, before = folders
    url = f"http://127.0.0.1:{unused_port()}/geneva-talks.html"
    code, stdout, stderr = add(url, "--allow-private", "--sources", str(sources), "--out", str(out))
    assert code == 1
    [line] = error_lines(stderr)
    assert line.startswith(f"timeline-kg: error: {url}: cannot reach the host") and "refused" in line
    assert stderr.strip().count("\n") == 0 and not stdout
    assert snapshot(sources) == before and not out.exists()


def test_a_server_that_never_answers_times_out():
    with socket.socket() as silent:  # accepts connections (the backlog) but never replies
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/page.html"
        with pytest.raises(SourceError, match=r"no answer within 0\.3 s; try again or raise --timeout"):
            fetch_page(url, timeout=0.3, allow_private=True)


def test_a_response_that_is_not_html_is_refused(tmp_path):
    (tmp_path / "data.json").write_text('{"published": "2023-05-18"}', encoding="utf-8")
    with serve(tmp_path) as base:
        with pytest.raises(SourceError, match=r"data\.json: not an HTML page \(Content-Type: application/json\)"):
            fetch_page(f"{base}/data.json", timeout=5, allow_private=True)


def test_an_undated_page_needs_dct_which_goes_into_its_metadata(site, folders):
    sources, out, before = folders
    url = f"{site}/undated-statement.html"
    code, _, stderr = add(url, "--allow-private", "--sources", str(sources), "--out", str(out))
    assert code == 1 and "no publication date in the page" in error_lines(stderr)[0] and "--dct" in stderr
    assert snapshot(sources) == before
    code, stdout, stderr = add(url, "--allow-private", "--sources", str(sources), "--out", str(out),
                               "--dct", "2023-08-01")
    assert code == 0, stderr
    meta = json.loads((sources / f"{url_slug(url)}.json").read_text(encoding="utf-8"))
    assert meta["published"] == "2023-08-01"
    after = snapshot(sources)
    # no --dct: the saved date serves
    code, stdout, stderr = add(url, "--allow-private", "--sources", str(sources), "--out", str(out))
    assert code == 0, stderr
    assert "already present:" in stdout and snapshot(sources) == after
    # add writes the added page only, with the given date; `build` then takes in the whole folder
    articles = PREFIXES + "SELECT ?id ?d WHERE { ?a a schema:NewsArticle ; schema:identifier ?id ; schema:datePublished ?d }"
    rows = Graph().parse(out / "timeline.ttl", format="turtle").query(articles)
    assert {(str(r.id), r.d.toPython()) for r in rows} == {(url_slug(url), date(2023, 8, 1))}
    assert main(["build", str(sources), "--out", str(out), "--quiet"]) == 0
    rows = Graph().parse(out / "timeline.ttl", format="turtle").query(articles)
    assert {(str(r.id), r.d.toPython()) for r in rows} == {
        (url_slug(url), date(2023, 8, 1)), ("brussels-ministers", date(2023, 7, 11))}


def test_a_local_page_is_copied_and_a_different_one_under_the_same_name_refused(folders, tmp_path):
    sources, out, _ = folders
    code, stdout, stderr = add(str(PAGES / "border-observers.html"), "--sources", str(sources), "--out", str(out))
    assert code == 0, stderr
    assert (sources / "border-observers.html").read_bytes() == (PAGES / "border-observers.html").read_bytes()
    assert json.loads((sources / "border-observers.json").read_text(encoding="utf-8"))["published"] == "2023-06-07"
    assert "added: " in stdout and "2023-06-07" in stdout
    before = snapshot(sources)
    other = tmp_path / "elsewhere" / "border-observers.html"
    other.parent.mkdir()
    shutil.copy(PAGES / "geneva-talks.html", other)
    code, _, stderr = add(str(other), "--sources", str(sources), "--out", str(out))
    assert code == 1 and "already holds another article under this name" in error_lines(stderr)[0]
    assert snapshot(sources) == before


@pytest.mark.parametrize("item, problem", [
    ("notes.pdf", "not an http(s) URL nor an .html/.htm, .txt or .tml file"),
    ("missing.html", "missing.html: no such file"),
    ("missing.txt", "missing.txt: no such file"),
])
def test_bad_local_items_are_one_line_errors(tmp_path, item, problem):
    code, _, stderr = add(str(tmp_path / item), "--sources", str(tmp_path / "sources"))
    assert code == 1 and problem in error_lines(stderr)[0]
    assert not (tmp_path / "sources").exists()


def test_add_has_help_with_examples(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["add", "--help"])
    assert exit_.value.code == 0
    assert "examples:" in capsys.readouterr().out


def test_build_writes_into_out_not_into_the_packaging_tools_build_folder(tmp_path, monkeypatch):
    shutil.copytree(Path(__file__).resolve().parent.parent / "sources", tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIMELINE_KG_SOURCES")  # the default: sources/ here
    assert main(["build", "--quiet"]) == 0
    assert {p.name for p in (tmp_path / "out").iterdir()} >= {"store", "timeline.ttl", "graph.html", "timeline.html"}
    assert not (tmp_path / "build").exists()


def article_elsewhere(tmp_path: Path, monkeypatch) -> None:
    """elsewhere/geneva.txt beside sources/, in a working folder whose sources/ is the default."""
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "geneva.txt").write_text(
        "Talks held in Geneva\n\nIranian and American officials met in Geneva on Monday.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TIMELINE_KG_SOURCES")


def test_an_article_added_from_elsewhere_survives_the_next_build(tmp_path, monkeypatch):
    shutil.copytree(Path(__file__).resolve().parent.parent / "sources", tmp_path / "sources")
    article_elsewhere(tmp_path, monkeypatch)
    assert main(["add", "elsewhere/geneva.txt", "--dct", "2023-05-22"]) == 0
    assert main(["build", "--quiet"]) == 0
    from graph.store import open_store

    with open_store("out/store") as store:
        assert "geneva" in store.article_ids()


def test_an_article_from_elsewhere_never_overwrites_another_of_its_name(tmp_path, monkeypatch, capsys):
    (tmp_path / "sources").mkdir()
    kept = "Other talks\n\nOfficials met in Vienna on Monday.\n"
    (tmp_path / "sources" / "geneva.txt").write_text(kept, encoding="utf-8")
    article_elsewhere(tmp_path, monkeypatch)
    assert main(["add", "elsewhere/geneva.txt", "--dct", "2023-05-22"]) == 1
    assert "holds another article" in capsys.readouterr().err
    assert (tmp_path / "sources" / "geneva.txt").read_text(encoding="utf-8") == kept
