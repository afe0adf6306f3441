"""Adding articles to a store without rebuilding it.

``add_articles`` reads and extracts the new articles only, links their events to the event nodes
already stored, and writes each new article's named graph in one transaction.

- **Re-adding is a no-op**: an article the store holds under the same doc id with the same text
  and publication date is not extracted nor written; the same text and date under another doc id
  is a duplicate and is skipped too. An article held under its doc id with another text replaces
  its old graph.
- **Cross-article links**: an event of a new article joins a stored event node by the rules of
  ``graph.link.rules`` (same specific type, a shared actor, no two different places, overlapping
  dates; or, when the dates disagree, the same agent at the same place or two shared actors);
  states ("his medical leave") are linked across articles by ``build`` only.
  Candidates come from one indexed SPARQL lookup per (event type, actor), so the cost grows with
  the article, not with the store.
- **Dates on add: the stored node keeps its date.** Its label, confidence and date stay as they
  are (a node without a date takes the new article's); when the new telling disagrees with the
  stored date, every side's claim is recorded as ``tkg:dateClaim`` as ``build`` does. A batch
  ``build`` may instead pick the new article's date when its dating evidence is stronger, so a
  rebuild can settle a conflict differently than a series of adds.
- Everything an add writes (new tellings of a stored node, claims) lives in the new article's
  graph, so removing that article takes it all back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from rdflib import Literal, URIRef

from graph.errors import SourceError
from graph.extract.merge import GENERIC_TYPES
from graph.extract.modes import STATE_TYPE
from graph.link import link
from graph.link.rules import Tellings, overlap, same_specific_event
from graph.model import DateClaim, Document, Entity, EventNode, Extraction
from graph.rdf import StoredEvent, to_article_graphs
from graph.rdf.iris import entity_iri, event_type_iri
from graph.rdf.namespaces import sparql_prefixes
from graph.sources import MAX_ARTICLE_CHARS, find_sources
from graph.store.base import Store

from .batch import BuildResult, extract_all, read_documents

__all__ = ["AddResult", "add_articles", "add_extractions"]


@dataclass(slots=True)
class AddResult:
    """What an add did: articles written, left as they were, and joined event nodes."""

    added: list[str] = field(default_factory=list)  # doc ids written (new, or changed text)
    unchanged: list[str] = field(default_factory=list)  # held already with the same text and date
    duplicates: list[tuple[Path, str]] = field(default_factory=list)  # (file, doc id it repeats)
    failures: list[SourceError] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)  # every article read, written or not
    extractions: list[Extraction] = field(default_factory=list)
    joined: int = 0  # new event nodes that joined a stored node
    conflicts: int = 0  # of those, how many disagree with the stored date


def add_articles(store: Store, paths: Iterable[Path], *, dct: date | None = None, model: str | None = None,
                 strict: bool = False, jobs: int | None = None, max_chars: int | None = MAX_ARTICLE_CHARS,
                 progress: Callable[[Iterable[Extraction]], Iterable[Extraction]] = lambda items: items,
                 ) -> AddResult:
    """Read, extract and add the articles under ``paths`` to ``store`` (one transaction).

    Raises
    ------
    SourceError
        When ``paths`` name nothing readable, or on the first bad article when ``strict``.

    Examples
    --------
    >>> from graph.store import open_store
    >>> with open_store("memory:") as store:  # doctest: +SKIP
    ...     add_articles(store, [Path("sources")]).added
    ['000_11ebdb740a3ae7fd']
    """
    read = BuildResult(graph=None)  # type: ignore[arg-type]  # only its failures and duplicates
    documents = read_documents(find_sources(list(paths)), dct, strict, read, max_chars=max_chars)
    result = AddResult(duplicates=read.duplicates, failures=read.failures, documents=documents)
    fresh = []
    for document in documents:
        held = _held_as(store, document)
        if held == document.doc_id:
            result.unchanged.append(document.doc_id)
        elif held is not None:
            result.duplicates.append((document.path or Path(document.doc_id), held))
            result.documents.remove(document)
        else:
            fresh.append(document)
    extractions = extract_all(fresh, model=model, jobs=jobs, progress=progress,
                              failures=None if strict else result.failures)
    failed = {d.doc_id for d in fresh} - {x.document.doc_id for x in extractions}
    result.documents = [d for d in result.documents if d.doc_id not in failed]
    added = add_extractions(store, extractions)
    result.added, result.extractions = added.added, extractions
    result.joined, result.conflicts = added.joined, added.conflicts
    return result


def add_extractions(store: Store, extractions: Sequence[Extraction]) -> AddResult:
    """Write already extracted articles to ``store``, their events linked to the stored ones."""
    result = AddResult(extractions=list(extractions))
    if not extractions:
        return result
    linker = _Linker(store, {x.document.doc_id for x in extractions})
    graphs = to_article_graphs(extractions, link(extractions), attach=linker.attach)
    store.put_articles(graphs)
    result.added = list(graphs)
    result.joined, result.conflicts = linker.joined, linker.conflicts
    return result


# tkg:datedBy of a claim recording the date a store held when a disagreeing article was added
# (how that date was found is not stored).
STORED_DATING = "stored"

HELD = sparql_prefixes() + """SELECT ?id ?published ?text WHERE {
  ?article nif:isString ?text ; schema:identifier ?id .
  OPTIONAL { ?article schema:datePublished ?published }
}"""


def _held_as(store: Store, document: Document) -> str | None:
    """The doc id under which the store holds this article's text and date, if it does."""
    found = None
    for row in store.query(HELD, {"text": Literal(document.text)}):
        if (str(row.published) if row.published is not None else None) == (document.dct and document.dct.isoformat()):
            if str(row.id) == document.doc_id:
                return document.doc_id
            found = found or str(row.id)
    return found


CANDIDATES = sparql_prefixes() + """SELECT DISTINCT ?event ?actor ?type WHERE {
  ?event sem:hasActor ?actor ; sem:eventType ?type .
}"""

FACTS = sparql_prefixes() + """SELECT ?event ?p ?o ?claimBegin ?claimEnd WHERE {
  { ?event ?p ?o .
    FILTER (?p IN (sem:hasActor, tkg:hasAgent, sem:hasPlace, sem:hasEarliestBeginTimeStamp,
                   sem:hasLatestEndTimeStamp)) }
  UNION { ?event prov:wasDerivedFrom/schema:identifier ?o . BIND (schema:identifier AS ?p) }
  UNION { ?event sem:hasTime/tkg:timexText ?o . BIND (tkg:timexText AS ?p) }
  UNION { ?event tkg:dateClaim ?o . ?o sem:hasEarliestBeginTimeStamp ?claimBegin ;
                                       sem:hasLatestEndTimeStamp ?claimEnd . BIND (tkg:dateClaim AS ?p) }
}"""



@dataclass(slots=True)
class _Stored:
    """What the joining rules need of a stored event node."""

    iri: URIRef
    actors: set[str] = field(default_factory=set)
    agents: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)  # doc ids of the articles it is derived from
    earliest: date | None = None
    latest: date | None = None
    claims: list[tuple[date, date]] = field(default_factory=list)
    timex_text: str = ""

    def tellings(self, event_type: str) -> Tellings:
        """Its side of a join (``graph.link.rules``): the dates its tellings give are their claims
        when they disagree, else the node's date; the store keeps no trigger words."""
        ranges = self.claims or [(self.earliest, self.latest) if self.earliest and self.latest else (None, None)]
        return Tellings(event_type, self.sources, self.actors, self.agents, self.places, None, set(), list(ranges))


class _Linker:
    """Finds, for each new event node, the stored node it is the same event as (``attach``)."""

    def __init__(self, store: Store, new_docs: set[str]) -> None:
        self.store = store
        self.new_docs = new_docs
        self.taken: dict[URIRef, set[str]] = {}  # stored node -> new articles already joined to it
        self.joined = 0
        self.conflicts = 0

    def attach(self, node: EventNode) -> StoredEvent | None:
        event_type = node.first.event_type
        if event_type in GENERIC_TYPES or event_type == STATE_TYPE:
            return None  # a state joins a stored one only in a build, which knows the words of both
        new = Tellings.of(node.members, key=_iri)
        seen: set[URIRef] = set()
        for actor in sorted(new.actors):
            bindings = {"actor": URIRef(actor), "type": event_type_iri(event_type)}
            for row in self.store.query(CANDIDATES, bindings):
                if row.event in seen:
                    continue
                seen.add(row.event)
                stored = self._stored(row.event)
                if stored.sources & self.new_docs or self.taken.get(stored.iri, set()) & set(node.doc_ids):
                    continue  # an older version of a new article, or already joined by this article
                if same_specific_event(stored.tellings(event_type), new):
                    return self._join(stored, node)
        return None

    def _stored(self, iri: URIRef) -> _Stored:
        stored = _Stored(iri)
        fields = {"hasActor": stored.actors, "hasAgent": stored.agents, "hasPlace": stored.places,
                  "identifier": stored.sources}
        for row in self.store.query(FACTS, {"event": iri}):
            name = str(row.p).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            if name in fields:
                fields[name].add(str(row.o))
            elif name == "hasEarliestBeginTimeStamp":
                stored.earliest = date.fromisoformat(str(row.o))
            elif name == "hasLatestEndTimeStamp":
                stored.latest = date.fromisoformat(str(row.o))
            elif name == "timexText":
                stored.timex_text = str(row.o)
            elif name == "dateClaim":
                stored.claims.append((date.fromisoformat(str(row.claimBegin)), date.fromisoformat(str(row.claimEnd))))
        return stored

    def _join(self, stored: _Stored, node: EventNode) -> StoredEvent:
        self.joined += 1
        self.taken.setdefault(stored.iri, set()).update(node.doc_ids)
        dated = [m for m in node.members if m.earliest is not None and m.latest is not None]
        own = [(stored.earliest, stored.latest)] if stored.earliest and stored.latest else []
        if all(overlap(r, (m.earliest, m.latest)) for r in own for m in dated) and not node.conflict:
            return StoredEvent(stored.iri, stored.earliest, stored.latest)
        self.conflicts += 1
        claims = [DateClaim(m.doc_id, m.earliest, m.latest, m.timex.text if m.timex else "", m.dated_by)
                  for m in dated]
        if not stored.claims and stored.earliest and stored.latest:  # the stored side's claim, once
            claims += [DateClaim(doc_id, stored.earliest, stored.latest, stored.timex_text, STORED_DATING)
                       for doc_id in sorted(stored.sources)]
        return StoredEvent(stored.iri, stored.earliest, stored.latest, tuple(claims))


def _iri(entity: Entity) -> str:
    """How the store names an entity (the key of a stored node's actors and places)."""
    return str(entity_iri(entity))
