"""The store on a SPARQL 1.1 server (Virtuoso, Fuseki, GraphDB, ...), spoken to with the standard
SPARQL 1.1 Protocol only: queries go to the query endpoint, updates to the update endpoint.

Setting: the query endpoint URL; the update endpoint is the same URL unless the setting adds
``update=URL`` to its query string (``http://h:8890/sparql?update=http://h:8890/sparql-auth``).
``virtuoso=yes|no`` forces or disables Virtuoso's request prefix (otherwise detected from the
``Server`` header). Other query-string parameters stay on the endpoint URL. Credentials come from
``$TIMELINE_KG_SPARQL_USER`` and ``$TIMELINE_KG_SPARQL_PASSWORD`` (HTTP Digest or Basic, whichever
the server asks for).

Layout on the server: one named graph per article (``graph.rdf.iris.graph_iri``), plus one graph
holding their union (``UNION_GRAPH``), which is the default graph of every query. The union is
kept because SPARQL servers are free to count a triple twice when two graphs named as the default
graph both hold it (Virtuoso does), while the store promises each triple once. Every change to the
article graphs updates the union in the same request.
"""

from __future__ import annotations

import http.client
import io
import logging
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph, URIRef
from rdflib.query import Result
from rdflib.term import BNode, Node

from graph.errors import ConfigError, QueryError
from graph.rdf.iris import graph_doc_id, graph_iri
from graph.rdf.namespaces import bind_prefixes
from graph.sparql.bindings import with_values

from .base import Store, StoreError, check_format
from .memory import MemoryStore

__all__ = ["ENV_PASSWORD", "ENV_USER", "SparqlStore", "UNION_GRAPH"]

_log = logging.getLogger(__name__)

ENV_USER = "TIMELINE_KG_SPARQL_USER"
ENV_PASSWORD = "TIMELINE_KG_SPARQL_PASSWORD"
#: The graph holding the union of the article graphs, each triple once (not an article graph).
UNION_GRAPH = URIRef("urn:x-timeline-kg:union")
# Staging graphs carry their creation time so a later put can drop those a killed process left.
STAGING_PREFIX = "urn:x-timeline-kg:staging:"
STALE_STAGING_SECONDS = 3600
#: Triples per INSERT DATA request: Virtuoso's SPARQL parser gives up near 5,000.
BATCH_TRIPLES = 2000
#: Rows per page when reading whole graphs: under Virtuoso's default ResultSetMaxRows (10,000).
PAGE_ROWS = 5000
#: Subjects whose triples are read in one answer when a graph is too big for one page.
SUBJECTS_PER_READ = 200
# Characters over which a value is not sent back to Virtuoso for comparison (it refuses ~1,900 bytes).
LONG_VALUE = 500
# Virtuoso refuses INSERT DATA requests with many constants unless told to expect them.
VIRTUOSO_PREFIX = "define sql:big-data-const 1\n"

RESULT_TYPES = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
                "application/json": "json", "application/xml": "xml"}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt",
               "application/rdf+xml": "xml", "application/ld+json": "json-ld"}
ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.8"
ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
# IRIs, strings and comments: the parts of a query where a keyword or a brace is not one.
OPAQUE = re.compile(r"""<[^<>"{}|^`\\\s]*>|"{3}(?:[^"\\]|\\.|"(?!""))*"{3}|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}"""
                    r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\#[^\n]*""", re.S)


class SparqlStore(Store):
    """The store interface over a SPARQL 1.1 query endpoint and update endpoint.

    Guarantee of ``put_articles`` and ``remove_articles``: the new triples, and the triples the
    union must lose, are first loaded into staging graphs (as many requests as needed,
    ``BATCH_TRIPLES`` each); then ONE update request swaps them in (drop each article graph,
    ``ADD`` its staging graph to it and to the union, delete the lost triples from the union). If
    this process dies or the network fails before that request, the store is unchanged (leftover
    staging graphs are invisible to every read and dropped by a later write after an hour). The
    last request is applied as the server applies any request: atomically where it honours
    SPARQL 1.1 Update's "a request SHOULD be treated atomically"; Virtuoso commits operation by
    operation, so a server crash in the middle of that one request can leave some articles
    swapped and others not. One writer at a time: two processes writing the same articles at
    once can leave the union out of step with the article graphs.

    Blank nodes are sent as Skolem IRIs (rdflib's ``/.well-known/genid/``) so a node split across
    batches stays one node; ``to_graph`` and ``dump`` turn them back into blank nodes.

    Parameters
    ----------
    setting
        The query endpoint URL, optionally with ``update=URL`` and ``virtuoso=yes|no``.
    read_only
        Refuse updates (``StoreError``) without asking the server.
    timeout
        Seconds to wait for one HTTP response.
    user, password
        Credentials; default ``$TIMELINE_KG_SPARQL_USER`` / ``$TIMELINE_KG_SPARQL_PASSWORD``.
    """

    def __init__(self, setting: str, *, read_only: bool = False, timeout: float = 300.0,
                 user: str | None = None, password: str | None = None) -> None:
        self.setting = setting
        self.query_url, self.update_url, self.virtuoso = _parse_setting(setting)
        self.read_only = read_only
        self.timeout = timeout
        self._opener = _opener([self.query_url, self.update_url], user, password)

    # -- reading ---------------------------------------------------------------------------------

    def article_ids(self) -> set[str]:
        result = self._query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                             f"FILTER (STRSTARTS(STR(?g), {_literal(_graph_prefix())})) }}", union=False)
        ids = (graph_doc_id(row[0]) for row in result)
        return {doc_id for doc_id in ids if doc_id is not None}

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run a query over the union; ``bindings`` become a VALUES block at the top of its WHERE.

        Raises
        ------
        QueryError
            When the server rejects the query (one line, naming the endpoint), or a binding is not
            a variable name with an IRI or literal value.
        """
        return self._query(with_values(sparql, bindings) if bindings else sparql)

    def to_graph(self) -> Graph:
        # Read article by article: one small answer each, where paging the union means sorting it
        # again for every page (63 s for 100,000 triples on Virtuoso, against 4 s).
        graph = Graph()
        bind_prefixes(graph)
        for doc_id in sorted(self.article_ids()):
            for triple in self._triples(graph_iri(doc_id)):
                graph.add(triple)
        return graph.de_skolemize()

    def dump(self, target: Path | BinaryIO, fmt: str) -> None:
        check_format(fmt)
        # The article graphs copied into an in-memory store, which writes every format.
        local = MemoryStore()
        local.put_articles({doc_id: _graph(self._triples(graph_iri(doc_id))).de_skolemize()
                            for doc_id in sorted(self.article_ids())})
        local.dump(target, fmt)

    def __len__(self) -> int:
        result = self._query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {UNION_GRAPH.n3()} {{ ?s ?p ?o }} }}",
                             union=False)
        return int(next(iter(result))[0])

    # -- writing ---------------------------------------------------------------------------------

    def put_articles(self, graphs: Mapping[str, Graph]) -> None:
        """Replace each doc id's graph by the given triples: staged first, swapped in one request."""
        self._check_writable()
        if graphs:
            self._replace({doc_id: _skolem(graph) for doc_id, graph in graphs.items()})

    def remove_articles(self, doc_ids: Iterable[str]) -> None:
        self._check_writable()
        doc_ids = list(dict.fromkeys(doc_ids))
        if doc_ids:
            self._replace({doc_id: None for doc_id in doc_ids})

    def replace_all(self, graphs: Mapping[str, Graph]) -> None:
        """Hold exactly these article graphs: the others' removal rides on the same swap request."""
        self._check_writable()
        changes: dict[str, Graph | None] = {doc_id: None for doc_id in sorted(self.article_ids() - set(graphs))}
        changes.update((doc_id, _skolem(graph)) for doc_id, graph in graphs.items())
        if changes:
            self._replace(changes)

    def _replace(self, graphs: Mapping[str, Graph | None]) -> None:
        """Give each doc id its new graph (None: remove it) and keep the union right.

        The union loses the triples the articles held before, unless they keep them or another
        article holds them. Those triples are found here (Virtuoso takes minutes to find them
        itself in a DELETE ... WHERE with FILTER NOT EXISTS across graphs) and staged like the
        new graphs; the last request deletes them from the union by key, which is fast.
        """
        self._drop_stale_staging()
        stamp = f"{STAGING_PREFIX}{int(time.time())}:{uuid.uuid4().hex}:"
        staging = {doc_id: URIRef(f"{stamp}{n}") for n, doc_id in enumerate(graphs)}
        orphans = URIRef(f"{stamp}orphans")
        _log.info("%s: write begins: staging %d article graph(s)", self.setting, len(graphs))
        try:
            for doc_id, graph in graphs.items():
                if graph is not None:
                    self._load(staging[doc_id], graph)
            kept = {triple for graph in graphs.values() if graph is not None for triple in graph}
            self._load(orphans, self._orphans(list(graphs), kept))
            union = UNION_GRAPH.n3()
            steps = [f"DELETE {{ GRAPH {union} {{ ?s ?p ?o }} }} WHERE {{ GRAPH {orphans.n3()} {{ ?s ?p ?o }} "
                     f"GRAPH {union} {{ ?s ?p ?o }} }}", f"DROP SILENT GRAPH {orphans.n3()}"]
            for doc_id, graph in graphs.items():
                name = graph_iri(doc_id).n3()
                steps.append(f"DROP SILENT GRAPH {name}")
                if graph is not None:
                    # ADD + DROP rather than MOVE: after a MOVE, Virtuoso writes the target graph
                    # some 30x slower (11 s instead of 0.3 s to unlink 12,000 triples), measured here.
                    steps += [f"ADD SILENT GRAPH {staging[doc_id].n3()} TO GRAPH {name}",
                              f"DROP SILENT GRAPH {staging[doc_id].n3()}", f"ADD SILENT GRAPH {name} TO GRAPH {union}"]
            _log.info("%s: swapping the staged graphs in (one request)", self.setting)
            self._update(" ;\n".join(steps))
            _log.info("%s: write committed", self.setting)
        except BaseException:
            self._drop([*staging.values(), orphans])
            raise

    def _load(self, name: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> None:
        """Insert triples into one graph, ``BATCH_TRIPLES`` per request."""
        graph = triples if isinstance(triples, Graph) else _graph(triples)
        for batch in _batches(graph, BATCH_TRIPLES):
            self._update(f"INSERT DATA {{ GRAPH {name.n3()} {{\n{batch}}} }}")

    def _orphans(self, doc_ids: list[str], kept: set) -> set[tuple[Node, Node, Node]]:
        """Triples these articles hold now that neither ``kept`` nor any other article holds."""
        names = [graph_iri(doc_id).n3() for doc_id in doc_ids]
        candidates = {triple for name in doc_ids for triple in self._triples(graph_iri(name))
                      if triple not in kept and not any(isinstance(term, BNode) for term in triple)}
        # Virtuoso refuses to compare values over ~1,900 bytes (an article's text) in VALUES or
        # DISTINCT: such triples are looked up by subject and predicate, and compared here.
        long = {t for t in candidates if len(t[2]) > LONG_VALUE}
        keys = [f"({t[0].n3()} {t[1].n3()} {t[2].n3()})" for t in candidates - long]
        keys += sorted({f"({t[0].n3()} {t[1].n3()} UNDEF)" for t in long})
        held: set = set()
        for start in range(0, len(keys), BATCH_TRIPLES):
            held.update(tuple(row) for row in self._query(
                f"SELECT ?s ?p ?o WHERE {{ VALUES (?s ?p ?o) {{ {' '.join(keys[start:start + BATCH_TRIPLES])} }} "
                f"GRAPH ?g {{ ?s ?p ?o }} FILTER (?g NOT IN ({', '.join(names)}) "
                f"&& STRSTARTS(STR(?g), {_literal(_graph_prefix())})) }}", union=False))
        return candidates - held

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update as given, then rebuild the union from the article graphs.

        The rebuild runs in the same request, so it costs a pass over the whole store: fine for
        occasional edits through ``serve --writable``, not for loading (use ``put_articles``).
        Triples the update writes outside article graphs are not part of the store.
        """
        self._check_writable()
        rebuild = (f"DROP SILENT GRAPH {UNION_GRAPH.n3()} ;\n"
                   f"INSERT {{ GRAPH {UNION_GRAPH.n3()} {{ ?s ?p ?o }} }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                   f"FILTER (STRSTARTS(STR(?g), {_literal(_graph_prefix())})) }}")
        self._update(f"{sparql.rstrip().rstrip(';')}\n;\n{rebuild}")

    def close(self) -> None:
        """Nothing to release: every request opens and closes its own connection."""

    # -- helpers ---------------------------------------------------------------------------------

    def _check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.setting}: store opened read-only")

    def _drop(self, names: Iterable[URIRef]) -> None:
        drops = [f"DROP SILENT GRAPH {name.n3()}" for name in names]
        if drops:
            try:
                self._update(" ;\n".join(drops))
            except (ConfigError, QueryError, StoreError):
                pass  # the original error matters more; stale staging graphs are dropped later

    def _drop_stale_staging(self) -> None:
        result = self._query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                             f"FILTER (STRSTARTS(STR(?g), {_literal(STAGING_PREFIX)})) }}", union=False)
        now = time.time()
        stale = [row[0] for row in result
                 if now - int(str(row[0])[len(STAGING_PREFIX):].split(":")[0] or 0) > STALE_STAGING_SECONDS]
        self._drop(stale)

    def _triples(self, name: URIRef) -> Iterator[tuple[Node, Node, Node]]:
        """Every triple of one graph, read in pages (servers cap the rows of one answer)."""
        pattern = f"GRAPH {name.n3()} {{ ?s ?p ?o }}"
        first = list(self._query(f"SELECT ?s ?p ?o WHERE {{ {pattern} }} LIMIT {PAGE_ROWS + 1}", union=False))
        if len(first) <= PAGE_ROWS:  # the usual article: one answer, no sorting
            yield from first  # type: ignore[misc]
            return
        # A big graph: its subjects in sorted pages (short IRIs: Virtuoso refuses to sort, or even
        # to pass through a sorted sub-select, values over ~1,900 bytes, and an article's text is
        # longer), then the triples of SUBJECTS_PER_READ subjects at a time.
        offset = 0
        while True:
            subjects = [row[0] for row in self._query(
                f"SELECT ?s WHERE {{ {{ SELECT DISTINCT ?s WHERE {{ {pattern} }} ORDER BY ?s }} }} "
                f"LIMIT {PAGE_ROWS} OFFSET {offset}", union=False)]
            for start in range(0, len(subjects), SUBJECTS_PER_READ):
                values = " ".join(term.n3() for term in subjects[start:start + SUBJECTS_PER_READ])
                yield from self._query(  # type: ignore[misc]
                    f"SELECT ?s ?p ?o WHERE {{ VALUES ?s {{ {values} }} {pattern} }}", union=False)
            if len(subjects) < PAGE_ROWS:
                return
            offset += PAGE_ROWS

    def _query(self, sparql: str, *, union: bool = True) -> Result:
        fields = [("query", sparql)] + ([("default-graph-uri", str(UNION_GRAPH))] if union else [])
        form = query_form(sparql)
        accept = ACCEPT_GRAPH if form in ("CONSTRUCT", "DESCRIBE") else ACCEPT_RESULTS
        body, content_type = self._post(self.query_url, fields, accept, QueryError)
        try:
            if content_type in GRAPH_TYPES:
                result = Result(form or "CONSTRUCT")
                result.graph = Graph().parse(data=body, format=GRAPH_TYPES[content_type])
                return result
            return Result.parse(io.BytesIO(body), format=RESULT_TYPES.get(content_type, "json"))
        except Exception as exc:  # the server answered something we cannot read
            raise QueryError(f"{self.query_url}: unreadable {content_type or 'untyped'} answer ({exc})") from exc

    def _update(self, sparql: str) -> None:
        if self.virtuoso is None:  # ask once, cheaply, whether the server is Virtuoso
            self._query("ASK { }", union=False)
        prefix = VIRTUOSO_PREFIX if self.virtuoso else ""
        self._post(self.update_url, [("update", prefix + sparql)], ACCEPT_RESULTS, StoreError)

    def _post(self, url: str, fields: list[tuple[str, str]], accept: str,
              rejected: type[Exception]) -> tuple[bytes, str]:
        """POST a form to an endpoint; the body and media type, or one-line errors naming ``url``."""
        request = urllib.request.Request(
            url, data=urllib.parse.urlencode(fields).encode("utf-8"), method="POST",
            headers={"Accept": accept, "Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                self._note_server(response.headers.get("Server", ""))
                content_type = response.headers.get_content_type()
                return response.read(), content_type
        except urllib.error.HTTPError as exc:
            detail = _first_line(exc.read().decode("utf-8", "replace")) or exc.reason
            if exc.code in (401, 403) or "permission" in detail.lower():
                raise ConfigError(f"{url}: the server refused access (HTTP {exc.code}: {detail}); set "
                                  f"{ENV_USER} and {ENV_PASSWORD}, or point update= at an endpoint "
                                  "that accepts updates") from exc
            kind = QueryError if exc.code == 400 else rejected
            raise kind(f"{url}: the server rejected the request (HTTP {exc.code}): {detail}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise ConfigError(f"{url}: cannot reach the SPARQL server ({reason})") from exc
        except http.client.HTTPException as exc:  # the server died or hung up mid-answer
            raise ConfigError(f"{url}: the SPARQL server broke off its answer ({type(exc).__name__}: {exc})") from exc

    def _note_server(self, server: str) -> None:
        if self.virtuoso is None:
            self.virtuoso = server.lower().startswith("virtuoso")


def _parse_setting(setting: str) -> tuple[str, str, bool | None]:
    """The query URL, update URL and Virtuoso switch (None: detect) of a setting."""
    parts = urllib.parse.urlsplit(setting)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"{setting}: not an http(s) SPARQL endpoint URL")
    kept, update, virtuoso = [], None, None
    for key, value in urllib.parse.parse_qsl(parts.query, keep_blank_values=True):
        if key == "update":
            update = value
        elif key == "virtuoso":
            if value not in ("yes", "no"):
                raise ConfigError(f"{setting}: virtuoso={value!r}; use virtuoso=yes or virtuoso=no")
            virtuoso = value == "yes"
        else:
            kept.append((key, value))
    query_url = urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(kept)))
    if update is not None and not update.startswith(("http://", "https://")):
        raise ConfigError(f"{setting}: update={update!r} is not an http(s) URL")
    return query_url, update or query_url, virtuoso


def _opener(urls: list[str], user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    """An HTTP client that answers Digest or Basic challenges with the configured credentials."""
    user = user if user is not None else os.environ.get(ENV_USER)
    password = password if password is not None else os.environ.get(ENV_PASSWORD)
    if (user is None) != (password is None):
        raise ConfigError(f"set both {ENV_USER} and {ENV_PASSWORD}, or neither")
    handlers: list[urllib.request.BaseHandler] = []
    if user is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, urls, user, password)
        handlers = [urllib.request.HTTPDigestAuthHandler(passwords),
                    urllib.request.HTTPBasicAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


def _batches(graph: Graph, size: int) -> Iterator[str]:
    """The graph's triples as N-Triples text (valid inside INSERT DATA), ``size`` lines at a time."""
    lines = [line for line in graph.serialize(format="nt", encoding="utf-8").decode("utf-8").splitlines()
             if line.strip()]
    for start in range(0, len(lines), size):
        yield "\n".join(lines[start:start + size]) + "\n"


def _skolem(graph: Graph) -> Graph:
    """The graph with blank nodes as Skolem IRIs (unchanged when it has none)."""
    if any(isinstance(term, BNode) for triple in graph for term in triple):
        return graph.skolemize()
    return graph


def _graph(triples: Iterable[tuple[Node, Node, Node]]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph


def _graph_prefix() -> str:
    """The IRI every article graph's name starts with."""
    probe = str(graph_iri("x"))
    return probe[:-1]


def _literal(text: str) -> str:
    from rdflib import Literal

    return Literal(text).n3()


def _first_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0][:300] if lines else ""


def _blank_opaque(sparql: str) -> str:
    """The query with IRIs, strings and comments blanked out (same length, so positions hold)."""
    return OPAQUE.sub(lambda m: " " * len(m.group()), sparql)


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the query's form (None when none is found).

    >>> query_form('PREFIX ex: <http://e/#x> # SELECT in a comment\\nASK { ?s ?p "CONSTRUCT" }')
    'ASK'
    """
    match = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", _blank_opaque(sparql), re.I)
    return match.group(1).upper() if match else None


