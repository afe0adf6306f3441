"""A batch build: article files -> Documents -> Extractions -> linked events -> one RDF graph.

Each stage is a typed function with one job (``graph.extract.extract`` strings the extractors
together for one Document); ``build`` runs a batch, recording a bad article and going on (unless
``strict``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Graph

from graph import collector
from graph.errors import SourceError, TimelineKGError
from graph.extract import extract
from graph.link import link
from graph.model import Document, Extraction
from graph.rdf import article_parts, to_article_graphs, union
from graph.sources import MAX_ARTICLE_CHARS, find_sources, read_source
from graph.store.base import Replacement

from .stages import PARALLEL_FROM, ArticleOutput, Executor, LocalExecutor, write_article

__all__ = ["PARALLEL_FROM", "BuildResult", "build", "extract_all", "read_documents", "to_rdf"]


@dataclass(slots=True)
class BuildResult:
    graph: Graph  # the union of article_graphs
    extractions: list[Extraction] = field(default_factory=list)
    article_graphs: dict[str, Graph] = field(default_factory=dict)  # doc id -> its triples (a store's named graph)
    failures: list[SourceError] = field(default_factory=list)
    duplicates: list[tuple[Path, str]] = field(default_factory=list)  # (file, doc_id it repeats)
    # doc id -> its N-Quads file (its named graph), when the build was given a folder to keep them in
    article_files: dict[str, Path] = field(default_factory=dict)


def build(paths: Iterable[Path], *, dct: date | None = None, model: str | None = None, strict: bool = False,
          jobs: int | None = None, max_chars: int | None = MAX_ARTICLE_CHARS,
          progress: Callable[[Iterable[Extraction]], Iterable[Extraction]] = lambda items: items,
          executor: Executor | None = None, folder: Path | None = None, read_back: bool = True,
          replacement: Replacement | None = None) -> BuildResult:
    """Read, extract and convert every article under ``paths`` into one RDF graph.

    A bad article is recorded in ``failures`` and the run goes on, unless ``strict``. The same
    article met twice is recorded in ``duplicates`` and read once. An article whose graph breaks
    the RDF contract (SHACL) is a failure too, and left out. Extraction and each article's graph
    run on ``executor`` (default: ``jobs`` local processes, one per core, when there are many
    articles), which writes each graph as N-Quads into ``folder`` (``article_files``; default: a
    temporary folder, removed before returning). An article longer than ``max_chars`` characters
    is a failure (``None`` or 0: no limit). Without ``read_back`` (for a caller that loads
    ``article_files`` into a store), ``graph`` and ``article_graphs`` stay empty, so that no process
    holds every article's graph at once. ``replacement`` (a store's, for the same caller) is given
    each article's file as soon as it is written, for the store to load it while the next ones are made.

    Raises
    ------
    SourceError
        When ``paths`` name nothing readable, or on the first bad article when ``strict``.
    """
    result = BuildResult(graph=Graph())
    documents = read_documents(find_sources(list(paths)), dct, strict, result, max_chars=max_chars)
    with ExitStack() as cleanup:
        if executor is None:
            executor = cleanup.enter_context(LocalExecutor(jobs))
        keep = folder is not None
        if folder is None:
            folder = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="timeline-kg-")))
        with collector.paused():  # both make many objects and no reference cycles (graph.collector)
            result.extractions = extract_all(documents, model=model, executor=executor, progress=progress,
                                             failures=None if strict else result.failures)
            written = _write_articles(result, executor, folder, replacement)
        if read_back:
            result.article_graphs = {doc_id: _read(path) for doc_id, path in written.items()}
        result.article_files = written if keep else {}
    result.graph = union(result.article_graphs.values())
    return result


def _write_articles(result: BuildResult, executor: Executor, folder: Path,
                    replacement: Replacement | None) -> dict[str, Path]:
    """Link the extractions and have each article's graph made, checked and written (and added to
    ``replacement``, if any); an article whose graph breaks the contract is left out and the
    others are made again without it, as its events may have joined theirs (they would keep
    references to facts only its graph held)."""
    while True:
        parts = article_parts(result.extractions, link(result.extractions))
        outputs = []
        for output in executor.map(write_article, parts, str(folder)):
            outputs.append(output)
            if replacement is not None and output.conforms and output.written:
                replacement.add(output.doc_id, output.path)
        before = len(result.extractions)
        written = _conforming(result, outputs)
        if len(result.extractions) == before or not result.extractions:
            return written
        if replacement is not None:
            replacement.clear()  # their files are written again


def _read(path: Path) -> Graph:
    from graph.store.oxigraph import read_graph

    try:
        return read_graph(path)
    except OSError as exc:
        raise TimelineKGError(f"{path}: cannot read what a worker wrote ({exc.strerror or exc}); the folder "
                              "must be one the workers and this host share (--shared-folder)") from exc


def _conforming(result: BuildResult, outputs: list[ArticleOutput]) -> dict[str, Path]:
    """The files of the articles whose graph keeps the contract; the others become failures of
    ``result`` and leave its extractions (one bad article must not lose the batch)."""
    failing = {}
    for extraction, output in zip(result.extractions, outputs):
        document = extraction.document
        if output.conforms and not output.written:  # the folder, not the article: no other would do better
            raise TimelineKGError(output.problem)
        if not output.conforms:
            first = output.problem or "see `timeline-kg build --strict`"
            failing[output.doc_id] = SourceError(document.path or document.doc_id,
                                                 f"its events fail the RDF contract ({first}); a bug of "
                                                 "timeline-kg: please report it with this article")
    result.failures += failing.values()
    result.extractions = [x for x in result.extractions if x.document.doc_id not in failing]
    return {output.doc_id: output.path for output in outputs if output.doc_id not in failing}


def to_rdf(extractions: Iterable[Extraction]) -> Graph:
    """One graph for a batch of extractions: events told by several articles are one node citing
    every article and mention; when the articles disagree on the date, each one's claim is kept
    (``tkg:dateClaim``)."""
    extractions = list(extractions)
    return union(to_article_graphs(extractions, link(extractions)).values())


def extract_all(documents: Sequence[Document], *, model: str | None = None, jobs: int | None = None,
                progress: Callable[[Iterable[Extraction]], Iterable[Extraction]] = lambda items: items,
                failures: list[SourceError] | None = None, executor: Executor | None = None) -> list[Extraction]:
    """``extract`` over many articles, on ``executor`` (default: ``jobs`` local processes, one per
    core, when there are many).

    An exception raised while extracting one article (a bug: the extractors are meant to take any
    text) becomes a SourceError naming the article and the exception's type, put in ``failures``
    while the others go on, or raised when ``failures`` is None.
    """
    with ExitStack() as cleanup:
        if executor is None:
            executor = cleanup.enter_context(LocalExecutor(jobs))
        outcomes = list(progress(executor.map(_extract_one, documents, model)))
    extractions = []
    for document, outcome in zip(documents, outcomes):
        if isinstance(outcome, Extraction):
            extractions.append(outcome)
            continue
        error = SourceError(document.path or document.doc_id, outcome)
        if failures is None:
            raise error
        failures.append(error)
    return extractions


def _extract_one(document: Document, model: str | None) -> Extraction | str:
    """The article's extraction, or what went wrong as one line (a string: it crosses from a worker
    process, where an exception with our constructor would not unpickle)."""
    try:
        return extract(document, model)
    except Exception as exc:  # noqa: BLE001 - any bug in one article's extraction must not end the batch
        detail = " ".join(str(exc).split())[:200]
        return (f"cannot extract events ({type(exc).__name__}{': ' + detail if detail else ''}); a bug of "
                "timeline-kg: please report it with this article")


def read_documents(paths: Sequence[Path], dct: date | None, strict: bool, result: BuildResult, *,
                   max_chars: int | None = MAX_ARTICLE_CHARS) -> list[Document]:
    """Read each article, recording failures (unless ``strict``) and repeats in ``result``."""
    documents: list[Document] = []
    seen: dict[tuple[str, date | None], str] = {}
    named: dict[str, Path | None] = {}  # doc id -> the file that has it
    for path in paths:
        try:
            document = read_source(path, dct, max_chars=max_chars)
            fingerprint = (document.text.strip(), document.dct)
            if fingerprint not in seen and document.doc_id in named:
                # Two articles under one identifier would share one graph and mix their provenance.
                raise SourceError(path, f"another article has the identifier {document.doc_id!r} "
                                        f"({named[document.doc_id]}); rename one of the files")
        except SourceError as error:
            if strict:
                raise
            result.failures.append(error)
            continue
        # The same article saved twice (another name, another folder) adds nothing the second time.
        if fingerprint in seen:
            result.duplicates.append((path, seen[fingerprint]))
            continue
        seen[fingerprint] = document.doc_id
        named[document.doc_id] = document.path or path
        documents.append(document)
    return documents
