"""A batch build: article files -> Documents -> Extractions -> linked events -> one RDF graph.

Each stage is a typed function with one job (``graph.extract.extract`` strings the extractors
together for one Document); ``build`` runs a batch, recording a bad article and going on (unless
``strict``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from rdflib import Graph

from graph.errors import SourceError
from graph.extract import extract
from graph.link import link
from graph.model import Document, Extraction
from graph.rdf import to_article_graphs, union
from graph.sources import MAX_ARTICLE_CHARS, find_sources, read_source

__all__ = ["BuildResult", "build", "extract_all", "read_documents", "to_rdf"]


@dataclass(slots=True)
class BuildResult:
    graph: Graph  # the union of article_graphs
    extractions: list[Extraction] = field(default_factory=list)
    article_graphs: dict[str, Graph] = field(default_factory=dict)  # doc id -> its triples (a store's named graph)
    failures: list[SourceError] = field(default_factory=list)
    duplicates: list[tuple[Path, str]] = field(default_factory=list)  # (file, doc_id it repeats)


# Below this many articles a second process costs more (loading spaCy: ~2 s) than it saves.
PARALLEL_FROM = 8


def build(paths: Iterable[Path], *, dct: date | None = None, model: str | None = None, strict: bool = False,
          jobs: int | None = None, max_chars: int | None = MAX_ARTICLE_CHARS,
          progress: Callable[[Iterable[Extraction]], Iterable[Extraction]] = lambda items: items) -> BuildResult:
    """Read, extract and convert every article under ``paths`` into one RDF graph.

    A bad article is recorded in ``failures`` and the run goes on, unless ``strict``. The same
    article met twice is recorded in ``duplicates`` and read once. Extraction runs in ``jobs``
    processes (default: one per core) when there are many articles. An article longer than
    ``max_chars`` characters is a failure (``None`` or 0: no limit).

    Raises
    ------
    SourceError
        When ``paths`` name nothing readable, or on the first bad article when ``strict``.
    """
    result = BuildResult(graph=Graph())
    documents = read_documents(find_sources(list(paths)), dct, strict, result, max_chars=max_chars)
    result.extractions = extract_all(documents, model=model, jobs=jobs, progress=progress,
                                     failures=None if strict else result.failures)
    result.article_graphs = to_article_graphs(result.extractions, link(result.extractions))
    result.graph = union(result.article_graphs.values())
    return result


def to_rdf(extractions: Iterable[Extraction]) -> Graph:
    """One graph for a batch of extractions: events told by several articles are one node citing
    every article and mention; when the articles disagree on the date, each one's claim is kept
    (``tkg:dateClaim``)."""
    extractions = list(extractions)
    return union(to_article_graphs(extractions, link(extractions)).values())


def extract_all(documents: Sequence[Document], *, model: str | None = None, jobs: int | None = None,
                progress: Callable[[Iterable[Extraction]], Iterable[Extraction]] = lambda items: items,
                failures: list[SourceError] | None = None) -> list[Extraction]:
    """``extract`` over many articles, in ``jobs`` processes (default: one per core) when there are many.

    An exception raised while extracting one article (a bug: the extractors are meant to take any
    text) becomes a SourceError naming the article and the exception's type, put in ``failures``
    while the others go on, or raised when ``failures`` is None.
    """
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(documents) >= PARALLEL_FROM:
        with ProcessPoolExecutor(jobs, mp_context=get_context("fork")) as pool:
            outcomes = list(progress(pool.map(_extract_one, documents, [model] * len(documents), chunksize=2)))
    else:
        outcomes = list(progress(_extract_one(document, model) for document in documents))
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
