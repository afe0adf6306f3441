"""Hostile sources (issue 18, part B): files, values and servers chosen to break the reader, the
extractors and the fetcher. Each must end as one error line naming the file or URL, with the batch
going on; none may hang, exhaust memory, or end in a traceback.

- Every file an article brings (the article, its ``.json``, a page's ``.json``) is read by one
  reader (``graph.sources.files.read_untrusted``): regular files only, size-capped.
- Values from metadata and text are bounded: a 3,000,000-day visit, a 5,000-digit number, a lone
  surrogate; an unexpected exception in one article's extraction is that article's error.
- ``add URL``: a total deadline, http(s) only at every redirect, one line for a bad URL or a
  redirect loop, and no loopback, link-local or private address without ``--allow-private``.
- Errors quote untrusted names: a newline in a file name cannot forge a second error line.

The servers are the tests' own, on 127.0.0.x.
"""

from __future__ import annotations

import contextlib
import http.server
import io
import json
import os
import resource
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from graph.cli import main
from graph.errors import SourceError, quote_name
from graph.sources import read_source
from graph.sources.fetch import MAX_REDIRECTS, fetch_page
from graph.sources.files import MAX_METADATA_BYTES
from tests.listener import running
from tests.test_bad_inputs import error_lines, stored, stored_text
from tests.test_cli_errors import ARTICLE, write_article

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "data" / "html"
OTHER = "Strike in Paris\n\nWorkers went on strike in Paris on Tuesday over pensions.\n"


def told(place: str) -> str:
    """A short English article of its own (the same text twice would be one article)."""
    return f"Talks in {place}\n\nThe two sides met in {place} on Monday to discuss a truce.\n"


# -- 3. one reader for every file an article brings ------------------------------------------------

def hostile_batch(folder: Path) -> dict[str, str]:
    """A good article beside articles whose metadata (or whose own file) is no regular file of a
    sane size; return each bad file's name -> the problem its error line must state."""
    folder.mkdir()
    write_article(folder, "good", ARTICLE)
    for name, place in (("zero", "Oslo"), ("random", "Lima"), ("fifo", "Rome"), ("folder", "Kyiv"),
                        ("socket", "Baku"), ("huge", "Doha")):
        write_article(folder, f"{name}_meta", told(place), published=None)
    (folder / "zero_meta.json").symlink_to("/dev/zero")
    (folder / "random_meta.json").symlink_to("/dev/urandom")
    os.mkfifo(folder / "fifo_meta.json")  # no writer: opening it for reading would wait forever
    (folder / "folder_meta.json").mkdir()
    listening = socket.socket(socket.AF_UNIX)
    listening.bind(str(folder / "socket_meta.json"))  # the file stays after the socket closes
    listening.close()
    (folder / "huge_meta.json").write_bytes(b'{"title": "' + b"x" * (MAX_METADATA_BYTES + 10) + b'"}')
    (folder / "page.html").write_bytes((PAGES / "geneva-talks.html").read_bytes())
    os.mkfifo(folder / "page.json")  # a saved page's metadata
    (folder / "zero_article.txt").symlink_to("/dev/zero")
    return {"zero_meta.json": "not a regular file (a character device); give a JSON metadata file",
            "random_meta.json": "not a regular file (a character device); give a JSON metadata file",
            "fifo_meta.json": "not a regular file (a named pipe); give a JSON metadata file",
            "folder_meta.json": "a folder, not a JSON metadata file",
            "socket_meta.json": "not a regular file (a socket); give a JSON metadata file",
            "huge_meta.json": f"metadata file of {MAX_METADATA_BYTES + 23:,} bytes; metadata is a few short strings "
                              f"(at most {MAX_METADATA_BYTES:,} bytes)",
            "page.json": "not a regular file (a named pipe); give a JSON metadata file",
            "zero_article.txt": "not a regular file (a character device); give an article file"}


def at_most_3_gb() -> None:
    """In the child: a read without limit ends in MemoryError at 3 GB, not in the machine's OOM killer."""
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))


def test_metadata_that_is_a_device_fifo_socket_folder_or_huge_is_one_line_each_and_the_good_article_is_built(
        tmp_path):
    folder = tmp_path / "news"
    problems = hostile_batch(folder)
    started = time.monotonic()
    # A child process, bounded in memory and time: before the fix it hung on the FIFO or read /dev/zero to 22 GB.
    done = subprocess.run([sys.executable, "-m", "graph", "build", str(folder), "--store", "memory:", "--out",
                           str(tmp_path / "out"), "--quiet", "--jobs", "1"], preexec_fn=at_most_3_gb,
                          capture_output=True, text=True, cwd=ROOT, timeout=240)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    lines = error_lines(done.stderr)
    assert sorted(lines) == sorted(f"{folder / name}: {problem}" for name, problem in problems.items()), lines
    assert stored_text(Graph().parse(tmp_path / "out" / "timeline.ttl")) == ARTICLE
    assert time.monotonic() - started < 120


# -- 4. values from metadata and text are bounded --------------------------------------------------

def build(folder: Path, store: str | Path, out: Path) -> int:
    return main(["build", str(folder), "--store", str(store), "--out", str(out), "--quiet", "--jobs", "1"])


def test_a_3000000_day_visit_lasts_to_the_calendars_end_and_the_batch_goes_on(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "good", ARTICLE)
    write_article(folder, "visit", "Long visit\n\nThe president began a 3000000-day visit to Geneva on Monday.\n")
    assert build(folder, "memory:", tmp_path / "out") == 0, capsys.readouterr().err
    graph = Graph().parse(tmp_path / "out" / "timeline.ttl")
    ends = {str(row.z) for row in graph.query(
        "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> SELECT ?z WHERE { ?e sem:hasLatestEndTimeStamp ?z }")}
    assert "9999-12-31" in ends


def test_a_0_day_visit_keeps_its_day_and_does_not_lose_the_batch(tmp_path, capsys):
    """Found by the build fuzzing: "a 0-day visit" ended the day before it began, the SHACL check
    refused the whole batch's graph, and the good article beside it was not built."""
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "good", ARTICLE)
    write_article(folder, "visit", "Short visit\n\nThe president began a 0-day visit to Geneva on Monday.\n")
    assert build(folder, "memory:", tmp_path / "out") == 0, capsys.readouterr().err
    graph = Graph().parse(tmp_path / "out" / "timeline.ttl")
    assert set(stored_text_by_id(graph)) == {"good", "visit"}


def stored_text_by_id(graph: Graph) -> dict[str, str]:
    rows = graph.query("PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> "
                       "PREFIX schema: <https://schema.org/> "
                       "SELECT ?id ?text WHERE { ?a nif:isString ?text ; schema:identifier ?id }")
    return {str(row.id): str(row.text) for row in rows}


def test_a_5000_digit_number_in_the_metadata_is_one_line_and_the_batch_goes_on(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "good", ARTICLE)
    meta = write_article(folder, "number", OTHER).with_suffix(".json")
    meta.write_text('{"published": "2020-03-02", "title": ' + "9" * 5000 + "}", encoding="utf-8")
    assert build(folder, "memory:", tmp_path / "out") == 1
    assert error_lines(capsys.readouterr().err) == [
        f"{meta}: a number of 5,000 digits in the metadata; metadata values are strings"]
    assert stored_text(Graph().parse(tmp_path / "out" / "timeline.ttl")) == ARTICLE


UNICODE_ESCAPE_PAGE = (b'<html><head><meta charset="unicode_escape"><title>Talks end</title>'
                       b'<meta property="article:published_time" content="2023-05-18"></head><body><article>'
                       b"<p>The two delegations met in Geneva on Tuesday and agreed to a ceasefire \\ud800 on "
                       b"Wednesday, the ministers said.</p></article></body></html>")


def test_lone_surrogates_from_metadata_pages_and_file_names_are_replaced_and_stored(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    title = write_article(folder, "title", ARTICLE).with_suffix(".json")
    title.write_text('{"published": "2020-03-02", "title": "Truce \\ud800 talks", "publisher": "\\udfff"}')
    (folder / "page.html").write_bytes(UNICODE_ESCAPE_PAGE)  # the declared codec decodes "\ud800" to one
    (folder / os.fsdecode(b"caf\xe9.txt")).write_text(OTHER, encoding="utf-8")  # a name that is not UTF-8
    (folder / os.fsdecode(b"caf\xe9.json")).write_text('{"published": "2020-03-02"}', encoding="utf-8")
    store = tmp_path / "store"  # Oxigraph, whose write refused the surrogate: a traceback lost the batch
    assert build(folder, store, tmp_path / "out") == 0, capsys.readouterr().err
    held = stored(store)
    assert set(held) == {"title", "page", "caf\ufffd"}
    assert "\ufffd" in held["page"] and not any("\ud800" <= c <= "\udfff" for text in held.values() for c in text)
    turtle = (tmp_path / "out" / "timeline.ttl").read_text(encoding="utf-8")
    assert "Truce \ufffd talks" in turtle


def test_an_exception_in_one_articles_extraction_is_its_one_line_error_and_the_batch_goes_on(
        tmp_path, capsys, monkeypatch):
    import graph.pipeline.batch as batch

    real = batch.extract

    def broken_on_strikes(document, model=None):
        if "strike" in document.text:
            raise OverflowError("date value out of range\nsecond line")
        return real(document, model)

    monkeypatch.setattr(batch, "extract", broken_on_strikes)
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "good", ARTICLE)
    strike = write_article(folder, "strike", OTHER)
    for command in ("build", "add"):
        store = tmp_path / f"store_{command}"
        argv = [command, str(folder), "--store", str(store), "--out", str(tmp_path / command)]
        assert main(argv + (["--quiet"] if command == "build" else [])) == 1
        assert error_lines(capsys.readouterr().err) == [
            f"{strike}: cannot extract events (OverflowError: date value out of range second line); a bug of "
            "timeline-kg: please report it with this article"]
        assert set(stored(store)) == {"good"}


def break_dates_of(doc_id: str, monkeypatch) -> None:
    """Make the graph of article ``doc_id`` break the contract: its events begin after they end
    (as a bug once made "a 0-day visit" do). Only for articles made in the test's own process."""
    import graph.pipeline.stages as stages
    from graph.rdf.namespaces import SEM

    real = stages.article_triples

    def broken(part):
        triples = real(part)
        if part.document.doc_id == doc_id:
            for event, prop, day in [t for t in triples if t[1] == SEM.hasEarliestBeginTimeStamp]:
                del triples[event, prop, day]
                triples.add((event, prop, Literal(date(2999, 1, 1))))
        return triples

    monkeypatch.setattr(stages, "article_triples", broken)


def test_an_article_whose_graph_breaks_the_rdf_contract_is_its_one_line_error_and_the_batch_is_built(
        tmp_path, capsys, monkeypatch):
    """One article's event ending before it begins (as "a 0-day visit" did) failed the SHACL check of
    the whole batch's graph: nothing was built."""
    break_dates_of("strike", monkeypatch)  # two articles: made in this process
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "good", ARTICLE)
    strike = write_article(folder, "strike", OTHER)
    assert build(folder, "memory:", tmp_path / "out") == 1
    [line] = error_lines(capsys.readouterr().err)
    assert line.startswith(f"{strike}: its events fail the RDF contract (") and "earliest begin is after latest end" in line
    assert stored_text(Graph().parse(tmp_path / "out" / "timeline.ttl")) == ARTICLE


# -- 5. add URL ------------------------------------------------------------------------------------

class _Quiet(http.server.BaseHTTPRequestHandler):
    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        pass


@contextlib.contextmanager
def http_listener(host: str, answer: Callable[[http.server.BaseHTTPRequestHandler], None]) -> Iterator[str]:
    """An HTTP server of the test's own on ``host`` (127.0.0.x) whose GET is ``answer``; yields its base URL."""
    handler = type("Handler", (_Quiet,), {"do_GET": lambda self: answer(self)})
    server = http.server.ThreadingHTTPServer((host, 0), handler)
    server.daemon_threads = True
    with running(server):
        yield f"http://{host}:{server.server_address[1]}"


def redirect_to(target: Callable[[str], str]) -> Callable:
    def answer(handler) -> None:
        handler.send_response(302)
        handler.send_header("Location", target(handler.path))
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return answer


def page(body: bytes) -> Callable:
    def answer(handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return answer


@contextlib.contextmanager
def dripping(host: str, head: bytes, body: bytes) -> Iterator[str]:
    """A server on ``host`` that sends ``head`` at once, then ``body`` one byte a second."""
    listening = socket.create_server((host, 0))
    stop = threading.Event()

    def serve() -> None:
        with contextlib.suppress(OSError):
            connection, _ = listening.accept()
            with connection:
                connection.recv(65536)
                connection.sendall(head)
                for byte in body:
                    if stop.wait(1.0):
                        return
                    connection.sendall(bytes([byte]))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{listening.getsockname()[1]}/slow.html"
    finally:
        stop.set()
        listening.close()
        thread.join(5)


def add(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["add", *argv])
    return code, out.getvalue(), err.getvalue()


HEADERS = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"


@pytest.mark.parametrize("head, body, problem", [
    (HEADERS, b"<p>" * 30_000, r"page not received in full within 3 s \(the whole fetch\)"),  # the body drips
    (b"", HEADERS, "no answer within 3 s"),  # the status line and headers drip
])
def test_a_server_sending_a_byte_a_second_is_cut_at_the_deadline(head, body, problem):
    with dripping("127.0.0.2", head, body) as url:
        started = time.monotonic()
        with pytest.raises(SourceError, match=problem):
            fetch_page(url, timeout=3, allow_private=True)
        assert time.monotonic() - started < 3 + 2


@pytest.mark.parametrize("target", ["ftp://127.0.0.3/page.html", "file:///etc/passwd", "gopher://127.0.0.3:70/"])
def test_a_redirect_to_another_scheme_is_refused_in_one_line(tmp_path, target):
    with http_listener("127.0.0.2", redirect_to(lambda path: target)) as base:
        code, stdout, stderr = add(f"{base}/moved.html", "--allow-private", "--sources", str(tmp_path / "s"),
                                   "--no-views", "--store", "memory:")
    assert code == 1 and not stdout
    assert stderr.splitlines() == [f"timeline-kg: error: {base}/moved.html: redirected to {target!r}, which is not "
                                   "an http(s) URL; only http and https are fetched"]


def test_a_redirect_loop_is_one_line(tmp_path):
    with http_listener("127.0.0.2", redirect_to(lambda path: "/b" if path == "/a" else "/a")) as base:
        code, stdout, stderr = add(f"{base}/a", "--allow-private", "--sources", str(tmp_path / "s"), "--no-views",
                                   "--store", "memory:")
    assert code == 1 and not stdout
    assert stderr.splitlines() == [f"timeline-kg: error: {base}/a: redirect loop (back to {base}/a); the page "
                                   "cannot be fetched"]


def test_too_many_redirects_are_one_line():
    with http_listener("127.0.0.2", redirect_to(lambda path: f"/{int(path[1:]) + 1}")) as base:
        with pytest.raises(SourceError, match=f"^{base}/0: more than {MAX_REDIRECTS} redirects"):
            fetch_page(f"{base}/0", timeout=5, allow_private=True)


@pytest.mark.parametrize("url, problem", [
    ("http://127.0.0.2/a page.html", "not a valid URL (a space at character 19); percent-encode it (a space is %20)"),
    ("http://127.0.0.2/a\r\nX-Injected: 1", "not a valid URL (the control character U+000D at character 19)"),
    ("http://127.0.0.2/\n", "not a valid URL (the control character U+000A at character 18)"),
    ("http://127.0.0.2:99999/", "not a valid URL (Port out of range 0-65535)"),
    ("http://[::1/", "not a valid URL (Invalid IPv6 URL)"),
    ("https:///nohost", "not a valid URL (no host name)"),
])
def test_a_malformed_url_is_one_line(tmp_path, url, problem):
    code, stdout, stderr = add(url, "--allow-private", "--sources", str(tmp_path / "s"), "--no-views")
    assert code == 1 and not stdout
    [line] = stderr.splitlines()
    assert line.startswith(f"timeline-kg: error: {quote_name(url)}: {problem}"), line
    assert not (tmp_path / "s").exists()


GENEVA = (PAGES / "geneva-talks.html").read_bytes()


def test_a_loopback_address_is_refused_without_allow_private_and_fetched_with_it(tmp_path):
    with http_listener("127.0.0.2", page(GENEVA)) as base:
        argv = (f"{base}/geneva.html", "--sources", str(tmp_path / "s"), "--no-views", "--store", "memory:")
        code, stdout, stderr = add(*argv)
        assert code == 1 and not stdout
        assert stderr.splitlines() == [f"timeline-kg: error: {base}/geneva.html: host 127.0.0.2 is a loopback "
                                       "address; refused (pass --allow-private to fetch from this machine or the "
                                       "local network)"]
        assert not (tmp_path / "s").exists()
        code, stdout, stderr = add(*argv, "--allow-private")
    assert code == 0, stderr
    assert stdout.startswith("added: ")


def test_add_help_documents_allow_private(capsys):
    with pytest.raises(SystemExit):
        main(["add", "--help"])
    assert "--allow-private" in capsys.readouterr().out


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"),
    ("169.254.169.254", "link-local"), ("fe80::1%eth0", "link-local"),
    ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"), ("fc00::1", "private"),
    ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"), ("100.64.0.1", "non-public"),
    ("2002:7f00:1::", "loopback"),  # 6to4 of 127.0.0.1
    ("64:ff9b::7f00:1", "loopback"), ("64:ff9b::a00:1", "private"),  # NAT64 of 127.0.0.1 and 10.0.0.1
    ("2001:0:4136:e378:8000:63bf:80ff:fffe", "private"),  # Teredo (2001::/32 is not global)
    ("64:ff9b::808:808", None),  # NAT64 of a public address
    ("93.184.215.14", None), ("2606:4700::6810:85e5", None),
])
def test_addresses_are_judged_public_or_not(address, kind):
    from graph.sources.fetch import _not_public

    assert _not_public(address) == kind


@pytest.fixture
def only_127_0_0_2_public(monkeypatch):
    """127.0.0.2 stands for a public server, 127.0.0.3 for a private one (tests have no public network)."""
    import graph.sources.fetch as fetch

    real = fetch._not_public
    monkeypatch.setattr(fetch, "_not_public", lambda address: None if address == "127.0.0.2" else real(address))


def test_a_redirect_to_a_private_address_is_refused(tmp_path, only_127_0_0_2_public):
    with http_listener("127.0.0.3", page(GENEVA)) as private, \
            http_listener("127.0.0.2", redirect_to(lambda path: f"{private}/secret.html")) as public:
        with pytest.raises(SourceError) as refused:
            fetch_page(f"{public}/moved.html", timeout=5)
    assert str(refused.value) == (f"{public}/moved.html: redirected to '{private}/secret.html', whose host "
                                  "127.0.0.3 is a loopback address; refused (pass --allow-private to fetch from "
                                  "this machine or the local network)")


def test_the_connection_goes_to_the_checked_address_not_to_a_second_lookup(only_127_0_0_2_public, monkeypatch):
    """DNS rebinding: a name that is public when checked and private when connected to."""
    asked = []
    with http_listener("127.0.0.3", page(b"<p>private</p>")), \
            http_listener("127.0.0.2", page(GENEVA)) as public:
        port = int(public.rsplit(":", 1)[1])
        real = socket.getaddrinfo

        def rebinding(host, *args, **kwargs):
            if host != "news.example":
                return real(host, *args, **kwargs)
            asked.append(host)
            address = "127.0.0.2" if len(asked) == 1 else "127.0.0.3"  # public once, then private
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

        monkeypatch.setattr(socket, "getaddrinfo", rebinding)
        raw, _ = fetch_page(f"http://news.example:{port}/geneva.html", timeout=5)
    assert raw == GENEVA and asked == ["news.example"]


# -- 7. names that hold control characters; an empty folder among the items ------------------------

def test_an_error_about_a_file_whose_name_holds_a_newline_is_one_line(tmp_path, capsys):
    folder = tmp_path / "news"
    folder.mkdir()
    write_article(folder, "good", ARTICLE)
    forged = write_article(folder, "a\nERROR: forged", "")  # an empty article: an error naming it
    assert build(folder, "memory:", tmp_path / "out") == 1
    err = capsys.readouterr().err
    assert [line for line in err.splitlines() if "forged" in line] == [
        f"timeline-kg: error: {folder}/a\\nERROR: forged.txt: empty article (no text); put the article's text in "
        "the file"]
    assert not any(line.startswith("ERROR") for line in err.splitlines())
    assert forged.name == "a\nERROR: forged.txt"


@pytest.mark.parametrize("command", ["add", "build"])
def test_an_empty_folder_among_the_items_does_not_stop_the_good_file(tmp_path, capsys, command):
    empty = tmp_path / "emptydir"
    empty.mkdir()
    good = write_article(tmp_path, "good", ARTICLE)
    store = tmp_path / "store"
    argv = [command, f"{empty}/", str(good), "--store", str(store), "--out", str(tmp_path / "out")]
    assert main(argv) == 1  # a bad item in a batch: the others are done, and the exit code says not all were
    err = capsys.readouterr().err
    assert error_lines(err) == [f"{empty}: no article found (expected .txt, .tml, .html, .htm files)"]
    assert "1 failed" in err.splitlines()[-1]
    assert set(stored(store)) == {"good"}


def test_the_metadata_json_of_a_good_article_is_still_read(tmp_path):
    path = write_article(tmp_path, "x", ARTICLE)
    path.with_suffix(".json").write_text(json.dumps({"published": "2020-03-02", "title": "T"}), encoding="utf-8")
    doc = read_source(path)
    assert (doc.title, doc.dct) == ("T", date(2020, 3, 2))


def test_an_article_that_grows_past_its_limit_while_add_runs_is_not_copied_without_limit(tmp_path, capsys,
                                                                                         monkeypatch):
    # add reads an article from outside the sources folder, then copies it in: the copy is read
    # within the same limit, so a file grown meanwhile (or swapped for a huge one) is refused.
    import graph.pipeline

    article = write_article(tmp_path, "grows", ARTICLE)
    real_add = graph.pipeline.add_articles

    def add_then_grow(*args, **kwargs):
        result = real_add(*args, **kwargs)
        with article.open("ab") as grown:
            grown.write(b"x" * 8000)
        return result

    monkeypatch.setattr(graph.pipeline, "add_articles", add_then_grow)
    sources, store = tmp_path / "sources", tmp_path / "store"
    assert main(["add", str(article), "--max-chars", "1000", "--sources", str(sources), "--store", str(store),
                 "--out", str(tmp_path / "out")]) == 1
    [line] = error_lines(capsys.readouterr().err)
    assert line.startswith(f"{article}: ") and "bytes" in line, line
    assert set(stored(store)) == {"grows"} and not (sources / "grows.txt").exists()


def test_the_articles_left_after_a_broken_one_are_made_again_without_it(monkeypatch):
    """The story's wire article first tells events the other two retell; left out for a broken
    graph, it takes those events' labels and dates with it unless the others are made again."""
    from graph.pipeline.batch import build as build_batch
    from graph.rdf.validate import violations

    break_dates_of("a_wire", monkeypatch)  # three articles: made in this process
    result = build_batch([Path(__file__).parent / "data" / "story"], jobs=1)
    assert [Path(failure.where).stem for failure in result.failures] == ["a_wire"]
    assert sorted(result.article_graphs) == ["b_daily", "c_weekly"]
    conforms, _, lines = violations(result.graph)
    assert conforms, lines[:3]
