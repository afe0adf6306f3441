"""Scoring the graph against MEANTIME (CAT XML): events, participants, entity links, dates, coreference.

In: CAT files (:mod:`graph.sources.cat`) and the RDF a build of them writes. Out: :class:`MeantimeScores`.
Our side is read back from that RDF with SPARQL, so what is scored is what a user's graph holds:
event mentions (``gaf:denotedBy`` of ``sem:Event``), their actors and places, entity mentions and
``owl:sameAs`` links, day bounds, and which mentions share an event node.

MEANTIME annotates exhaustively only the first six sentences of an article (headline, dateline,
four body sentences); later ones mark only cross-document mentions. Events, participants, names,
links and dates are scored in that window; cross-document coreference over every annotated mention.

- **Events**: a gold event mention is found when one of our event mentions overlaps it; precision
  is the share of our event mentions in the window that overlap a gold one.
- **Participants**: recall over the gold ``HAS_PARTICIPANT`` targets of found events that are
  people, organizations or places (``ent_type`` PER, ORG, LOC: what the graph models as actors and
  places; products and amounts are not actors), as entity instances; precision over our actors and
  places of those events, right when they are a gold participant of any type. One of our actors or
  places matches an instance when one of its mentions in the article overlaps one of the instance's.
- **Names**: gold name mentions (``syntactic_type`` NAM) of people, organizations and places, found
  when an entity mention of the graph overlaps them; the same for spaCy's NER alone, for comparison.
- **Links**: gold names whose instance has a DBpedia link. Right when the entity of the graph there
  is ``owl:sameAs`` a Wikidata node whose gazetteer label or alias is the DBpedia page's title; from
  our side, the share of our linked mentions on gold linked names that are right.
- **Dates**: gold events with a TLINK (``IS_INCLUDED``, ``SIMULTANEOUS``, ``DURING``) to a DATE of a
  concrete day, month or year; right when our bounds lie within it (undated is wrong).
- **Coreference**: pairs of event mentions told as one event, within an article (gold: one
  ``EVENT``) and across articles (gold: one cross-document ``instance_id``), pairwise precision and
  recall over our mentions that overlap gold ones.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import unquote

from rdflib import Graph

from graph.errors import SourceError
from graph.rdf.namespaces import sparql_prefixes
from graph.sources.cat import CatDocument, read_cat
from graph.timex.values import bounds_of_value

__all__ = ["GoldArticle", "MeantimeScores", "Ratio", "find_cat_files", "read_gold", "score_graph", "score_meantime"]

WINDOW_SENTENCES = 6
ACTOR_TYPES = {"PER", "ORG", "LOC"}
DATING_RELATIONS = {"IS_INCLUDED", "SIMULTANEOUS", "DURING"}
CONCRETE_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

Span = tuple[int, int]


@dataclass(slots=True)
class GoldArticle:
    """The gold annotation of one article, as character spans of its rebuilt text."""

    cat: CatDocument
    window_end: int
    events: dict[str, Span] = field(default_factory=dict)  # event mention m_id -> span
    event_of: dict[str, str] = field(default_factory=dict)  # event mention -> its EVENT (within the article)
    instance_of: dict[str, str] = field(default_factory=dict)  # event mention -> cross-document instance_id
    entities: dict[str, Span] = field(default_factory=dict)  # entity mention m_id -> span
    entity_of: dict[str, str] = field(default_factory=dict)  # entity mention -> its ENTITY
    entity_type: dict[str, str] = field(default_factory=dict)  # ENTITY -> ent_type
    entity_link: dict[str, str] = field(default_factory=dict)  # ENTITY -> DBpedia page title
    names: set[str] = field(default_factory=set)  # entity mentions written as names (NAM)
    participants: dict[str, set[str]] = field(default_factory=dict)  # event mention -> ENTITYs (actor types)
    any_participants: dict[str, set[str]] = field(default_factory=dict)  # event mention -> ENTITYs (any type)
    dates: dict[str, tuple[date, date]] = field(default_factory=dict)  # event mention -> gold day bounds

    @property
    def doc_id(self) -> str:
        return self.cat.document.doc_id

    def in_window(self, span: Span) -> bool:
        return span[0] < self.window_end

    def instance_spans(self, entity: str) -> list[Span]:
        return [self.entities[m] for m, e in self.entity_of.items() if e == entity]


def find_cat_files(path: Path) -> list[Path]:
    """The CAT files under ``path``, one per article: where a corpus ships an article in both
    layouts (``intra-doc_annotation`` and ``intra_cross-doc_annotation``), the cross-document one."""
    path = Path(path)
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise SourceError(path, "no such file or folder; give a MEANTIME folder or a CAT .xml file")
    chosen: dict[str, Path] = {}
    for file in sorted(path.rglob("*.xml")):
        known = chosen.get(file.name)
        if known is None or ("cross" in str(file.parent.parent.name) and "cross" not in str(known.parent.parent.name)):
            chosen[file.name] = file
    if not chosen:
        raise SourceError(path, "no CAT .xml file found (searched recursively); check the path")
    return sorted(chosen.values())


def read_gold(path: Path) -> GoldArticle:
    """The gold annotation of one CAT file."""
    cat = read_cat(path)
    window = [end for t_id, (_, end) in cat.tokens.items() if cat.sentence_of[t_id] < WINDOW_SENTENCES]
    gold = GoldArticle(cat, window_end=max(window, default=0))
    markables, relations = cat.root.find("Markables"), cat.root.find("Relations")
    if markables is None or relations is None:
        raise SourceError(path, "no Markables or Relations element; is this a CAT annotation file?")
    spans = {m.get("m_id"): _span(cat, m) for m in markables if m.findall("token_anchor")}
    gold.events = {m.get("m_id"): spans[m.get("m_id")] for m in markables.iter("EVENT_MENTION") if m.get("m_id") in spans}
    gold.entities = {m.get("m_id"): spans[m.get("m_id")] for m in markables.iter("ENTITY_MENTION")
                     if m.get("m_id") in spans}
    gold.names = {m.get("m_id") for m in markables.iter("ENTITY_MENTION") if m.get("syntactic_type") == "NAM"}
    events = {m.get("m_id"): m for m in markables.iter("EVENT")}
    entities = {m.get("m_id"): m for m in markables.iter("ENTITY")}
    for entity_id, entity in entities.items():
        gold.entity_type[entity_id] = entity.get("ent_type", "")
        if entity.get("external_ref"):
            gold.entity_link[entity_id] = dbpedia_title(entity.get("external_ref", ""))
    for link in relations.iter("REFERS_TO"):
        target = link.find("target")
        if target is None:
            continue
        for source in link.findall("source"):
            mention = source.get("m_id", "")
            if target.get("m_id") in events and mention in gold.events:
                gold.event_of[mention] = target.get("m_id", "")
                if events[target.get("m_id")].get("instance_id"):
                    gold.instance_of[mention] = events[target.get("m_id")].get("instance_id", "")
            elif target.get("m_id") in entities and mention in gold.entities:
                gold.entity_of[mention] = target.get("m_id", "")
    for link in relations.iter("HAS_PARTICIPANT"):
        source, target = link.find("source"), link.find("target")
        if source is None or target is None:
            continue
        entity = gold.entity_of.get(target.get("m_id", ""))
        if source.get("m_id") in gold.events and entity:
            gold.any_participants.setdefault(source.get("m_id", ""), set()).add(entity)
            if gold.entity_type.get(entity) in ACTOR_TYPES:
                gold.participants.setdefault(source.get("m_id", ""), set()).add(entity)
    timexes = {t.get("m_id"): t for t in markables.iter("TIMEX3")}
    for link in relations.iter("TLINK"):
        source, target = link.find("source"), link.find("target")
        if source is None or target is None or link.get("reltype") not in DATING_RELATIONS:
            continue
        timex = timexes.get(target.get("m_id"))
        if source.get("m_id") not in gold.events or timex is None or timex.get("type") != "DATE":
            continue
        value = timex.get("value", "")
        if not CONCRETE_DATE.match(value):
            continue
        _, earliest, latest = bounds_of_value(value, "DATE", cat.document.dct)
        known = gold.dates.get(source.get("m_id", ""))
        if earliest and latest and (known is None or latest - earliest < known[1] - known[0]):
            gold.dates[source.get("m_id", "")] = (earliest, latest)
    return gold


def dbpedia_title(uri: str) -> str:
    """``http://dbpedia.org/page/Michael_O%27Leary_(businessman)`` -> ``michael o'leary``."""
    title = unquote(uri.rstrip("/").rsplit("/", 1)[-1]).replace("_", " ")
    return _name_key(re.sub(r"\s*\([^)]*\)$", "", title))


def _name_key(name: str) -> str:
    return " ".join(name.lower().split())


def _span(cat: CatDocument, markable) -> Span:
    ranges = [cat.tokens[a.get("t_id")] for a in markable.findall("token_anchor") if a.get("t_id") in cat.tokens]
    return min(r[0] for r in ranges), max(r[1] for r in ranges)


@dataclass(slots=True)
class Ratio:
    hit: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.hit / self.total if self.total else 0.0

    def add(self, hit: bool) -> None:
        self.hit += bool(hit)
        self.total += 1

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.hit} / {self.total})"


@dataclass(slots=True)
class MeantimeScores:
    documents: int = 0
    event_recall: Ratio = field(default_factory=Ratio)
    event_precision: Ratio = field(default_factory=Ratio)
    participant_recall: Ratio = field(default_factory=Ratio)
    participant_precision: Ratio = field(default_factory=Ratio)
    name_recall: Ratio = field(default_factory=Ratio)
    name_recall_ner: Ratio = field(default_factory=Ratio)
    link_accuracy: Ratio = field(default_factory=Ratio)  # of gold linked names
    link_precision: Ratio = field(default_factory=Ratio)  # of our linked mentions on gold linked names
    date_accuracy: Ratio = field(default_factory=Ratio)
    within_precision: Ratio = field(default_factory=Ratio)
    within_recall: Ratio = field(default_factory=Ratio)
    cross_precision: Ratio = field(default_factory=Ratio)
    cross_recall: Ratio = field(default_factory=Ratio)
    misses: list[tuple[str, str]] = field(default_factory=list)  # (doc, text) of gold events not found
    false_events: list[tuple[str, str]] = field(default_factory=list)  # (doc, text) of ours not in gold

    @staticmethod
    def f1(precision: Ratio, recall: Ratio) -> float:
        p, r = precision.value, recall.value
        return 2 * p * r / (p + r) if p + r else 0.0

    def measures(self) -> dict[str, Ratio]:
        return {name: getattr(self, name) for name in (
            "event_precision", "event_recall", "participant_precision", "participant_recall", "name_recall",
            "name_recall_ner", "link_accuracy", "link_precision", "date_accuracy", "within_precision",
            "within_recall", "cross_precision", "cross_recall")}

    def to_dict(self) -> dict:
        figures = {name: {"value": round(r.value, 3), "hit": r.hit, "total": r.total}
                   for name, r in self.measures().items()}
        figures["within_f1"] = round(self.f1(self.within_precision, self.within_recall), 3)
        figures["cross_f1"] = round(self.f1(self.cross_precision, self.cross_recall), 3)
        return {"documents": self.documents, "measures": figures}


@dataclass(slots=True)
class _Ours:
    """What the graph says about one article."""

    events: dict[str, list[Span]] = field(default_factory=dict)  # event IRI -> its mentions here
    arguments: dict[str, set[str]] = field(default_factory=dict)  # event IRI -> actor and place IRIs
    bounds: dict[str, tuple[date, date]] = field(default_factory=dict)  # event IRI -> day bounds
    mentions: dict[str, list[Span]] = field(default_factory=dict)  # entity IRI -> its mentions here
    wikidata: dict[str, str] = field(default_factory=dict)  # entity IRI -> Q-identifier


_EVENTS = """SELECT ?id ?event ?begin ?end WHERE {
  ?event a sem:Event ; gaf:denotedBy ?m .
  ?m nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?article .
  ?article schema:identifier ?id .
}"""
_BOUNDS = """SELECT ?event ?earliest ?latest WHERE {
  ?event a sem:Event ; sem:hasEarliestBeginTimeStamp ?earliest ; sem:hasLatestEndTimeStamp ?latest }"""
_ARGUMENTS = """SELECT ?event ?entity WHERE { { ?event sem:hasActor ?entity } UNION { ?event sem:hasPlace ?entity } }"""
_ENTITY_MENTIONS = """SELECT ?id ?entity ?begin ?end WHERE {
  ?entity gaf:denotedBy ?m . FILTER NOT EXISTS { ?entity a sem:Event }
  ?m nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?article .
  ?article schema:identifier ?id .
}"""
_LINKS = """SELECT ?entity ?same WHERE { ?entity owl:sameAs ?same }"""


def _ours(doc_id: str, graph: Graph, bounds: dict[str, tuple[date, date]], wikidata: dict[str, str]) -> _Ours:
    """What one article's graph (a store's named graph) tells: the arguments an article gives an
    event are in its own graph, so a node told by several articles is judged per article. Dates
    and links are the node's, in whichever article's graph first gave them."""
    prefixes = sparql_prefixes()
    ours = _Ours(bounds=bounds, wikidata=wikidata)
    for row in graph.query(prefixes + _EVENTS):
        if str(row.id) == doc_id:
            ours.events.setdefault(str(row.event), []).append((int(row.begin), int(row.end)))
    for row in graph.query(prefixes + _ARGUMENTS):
        ours.arguments.setdefault(str(row.event), set()).add(str(row.entity))
    for row in graph.query(prefixes + _ENTITY_MENTIONS):
        if str(row.id) == doc_id:
            ours.mentions.setdefault(str(row.entity), []).append((int(row.begin), int(row.end)))
    return ours


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score_graph(golds: Iterable[GoldArticle], graphs: Mapping[str, Graph], names_of: dict[str, set[str]],
                ner_spans: dict[str, list[Span]] | None = None) -> MeantimeScores:
    """Score the RDF built from the articles of ``golds``.

    Parameters
    ----------
    graphs
        doc id -> that article's graph, as a build keeps it (``graph.rdf.to_article_graphs``).
    names_of
        Wikidata Q-identifier -> the names (lower case) of that node, to compare with DBpedia titles.
    ner_spans
        doc id -> spans of spaCy's NER alone on the same texts (people, organizations, places).
    """
    golds = list(golds)
    scores = MeantimeScores(documents=len(golds))
    bounds = {str(row.event): (row.earliest.toPython(), row.latest.toPython())
              for graph in graphs.values() for row in graph.query(sparql_prefixes() + _BOUNDS)}
    wikidata = {str(row.entity): str(row.same).rsplit("/", 1)[-1]
                for graph in graphs.values() for row in graph.query(sparql_prefixes() + _LINKS)}
    across: list[tuple[str, str, str]] = []  # (doc, our event, gold instance) of our mentions on gold ones
    nodes: dict[tuple[str, str], set[str]] = {}  # (doc, gold event mention) -> our events on it
    for gold in golds:
        mine = _ours(gold.doc_id, graphs[gold.doc_id], bounds, wikidata) if gold.doc_id in graphs else _Ours()
        on_gold = {m: {e for e, spans in mine.events.items() if any(_overlaps(span, s) for s in spans)}
                   for m, span in gold.events.items()}
        nodes.update(((gold.doc_id, m), events) for m, events in on_gold.items())
        _score_events(gold, mine, on_gold, scores)
        _score_names(gold, mine, scores, names_of, (ner_spans or {}).get(gold.doc_id, []))
        _score_within(gold, mine, on_gold, scores)
        for event, spans in mine.events.items():
            for span in spans:
                instances = sorted({gold.instance_of[m] for m, g in gold.events.items()
                                    if m in gold.instance_of and _overlaps(span, g)})
                if instances:
                    across.append((gold.doc_id, event, instances[0]))
    for (doc_a, event_a, inst_a), (doc_b, event_b, inst_b) in itertools.combinations(across, 2):
        if doc_a != doc_b and event_a == event_b:
            scores.cross_precision.add(inst_a == inst_b)
    told = [(gold.doc_id, m, inst) for gold in golds for m, inst in gold.instance_of.items()]
    for (doc_a, m_a, inst_a), (doc_b, m_b, inst_b) in itertools.combinations(told, 2):
        if doc_a != doc_b and inst_a == inst_b:
            scores.cross_recall.add(bool(nodes[(doc_a, m_a)] & nodes[(doc_b, m_b)]))
    return scores


def _score_events(gold: GoldArticle, mine: _Ours, on_gold: dict[str, set[str]], scores: MeantimeScores) -> None:
    text = gold.cat.document.text
    window_gold = [s for s in gold.events.values() if gold.in_window(s)]
    for spans in mine.events.values():
        for span in spans:
            if gold.in_window(span):
                hit = any(_overlaps(span, g) for g in window_gold)
                scores.event_precision.add(hit)
                if not hit:
                    scores.false_events.append((gold.doc_id, text[span[0]:span[1]]))
    found = [m for m, span in gold.events.items() if gold.in_window(span) and on_gold[m]]
    for mention, span in gold.events.items():
        if gold.in_window(span):
            scores.event_recall.add(mention in found)
            if mention not in found:
                scores.misses.append((gold.doc_id, text[span[0]:span[1]]))

    def matches(entity: str, instance: str) -> bool:
        return any(_overlaps(a, b) for a in mine.mentions.get(entity, []) for b in gold.instance_spans(instance))

    # Each event node of ours on found gold events: its arguments against every participant of them.
    for event in sorted({e for m in found for e in on_gold[m]}):
        # a product or an amount we take as a participant is no error when the gold has it too
        wanted = set().union(*(gold.any_participants.get(m, set()) for m in found if event in on_gold[m]))
        for entity in sorted(mine.arguments.get(event, set())):
            scores.participant_precision.add(any(matches(entity, g) for g in wanted))
    for mention in found:
        for g in sorted(gold.participants.get(mention, set())):
            scores.participant_recall.add(any(matches(entity, g) for event in on_gold[mention]
                                              for entity in mine.arguments.get(event, set())))
        if mention in gold.dates:
            earliest, latest = gold.dates[mention]
            bounds = mine.bounds.get(min(on_gold[mention]))
            scores.date_accuracy.add(bounds is not None and earliest <= bounds[0] and bounds[1] <= latest)


def _score_names(gold: GoldArticle, mine: _Ours, scores: MeantimeScores, names_of: dict[str, set[str]],
                 ner: list[Span]) -> None:
    for mention in sorted(gold.names):
        span = gold.entities.get(mention)
        entity = gold.entity_of.get(mention, "")
        if span is None or not gold.in_window(span) or gold.entity_type.get(entity) not in ACTOR_TYPES:
            continue
        ours = [e for e, spans in mine.mentions.items() if any(_overlaps(span, s) for s in spans)]
        scores.name_recall.add(bool(ours))
        scores.name_recall_ner.add(any(_overlaps(span, s) for s in ner))
        title = gold.entity_link.get(entity)
        if title is None:
            continue
        right = {e for e in ours if title in names_of.get(mine.wikidata.get(e, ""), set())}
        scores.link_accuracy.add(bool(right))
        for linked in (e for e in ours if e in mine.wikidata):
            scores.link_precision.add(linked in right)


def _score_within(gold: GoldArticle, mine: _Ours, on_gold: dict[str, set[str]], scores: MeantimeScores) -> None:
    """Pairs of mentions in the window: our mentions on gold ones told as one node (precision), and
    gold mentions of one EVENT that share a node of ours (recall)."""
    matched: list[tuple[str, str]] = []  # (our event, the gold EVENT its mention lies on)
    for event, spans in mine.events.items():
        for span in spans:
            hit = next((m for m, g in gold.events.items() if m in gold.event_of and _overlaps(span, g)), None)
            if gold.in_window(span) and hit is not None:
                matched.append((event, gold.event_of[hit]))
    for (event_a, gold_a), (event_b, gold_b) in itertools.combinations(matched, 2):
        if event_a == event_b:
            scores.within_precision.add(gold_a == gold_b)
    window = [(m, e) for m, e in gold.event_of.items() if gold.in_window(gold.events[m])]
    for (mention_a, event_a), (mention_b, event_b) in itertools.combinations(window, 2):
        if event_a == event_b:
            scores.within_recall.add(bool(on_gold[mention_a] & on_gold[mention_b]))


def score_meantime(path: Path, *, model: str | None = None, jobs: int | None = None) -> MeantimeScores:
    """Build the graph of every CAT article under ``path`` as ``timeline-kg build`` does (extraction,
    linking across articles, the RDF contract) and score it; spaCy's NER alone runs on the same texts."""
    from graph.extract.gazetteer import load_gazetteer
    from graph.extract.nlp import plain_pipeline
    from graph.link import link
    from graph.pipeline import extract_all
    from graph.rdf import to_article_graphs

    golds = [read_gold(file) for file in find_cat_files(path)]
    extractions = extract_all([gold.cat.document for gold in golds], model=model, jobs=jobs)
    graphs = to_article_graphs(extractions, link(extractions))
    names_of: dict[str, set[str]] = {}
    for entity in load_gazetteer().entities.values():
        if entity.wikidata:
            names_of.setdefault(entity.wikidata, set()).update(_name_key(n) for n in (entity.label, *entity.aliases))
    ner = plain_pipeline(model)
    ner_spans = {}
    for gold in golds:
        text = gold.cat.document.text
        blocks = [(start, text[start:start + len(block)]) for start, block in _blocks(text)]
        ner_spans[gold.doc_id] = [(start + ent.start_char, start + ent.end_char)
                                  for start, doc in zip((b[0] for b in blocks), ner.pipe(b[1] for b in blocks))
                                  for ent in doc.ents if ent.label_ in NER_ACTOR_LABELS]
    return score_graph(golds, graphs, names_of, ner_spans)


# spaCy's labels for people, organizations and places (and nationalities or groups, which the
# graph takes as actors too).
NER_ACTOR_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}


def _blocks(text: str) -> list[tuple[int, str]]:
    """The text's paragraphs (runs between blank lines) with their offsets."""
    blocks, start = [], 0
    for part in text.split("\n\n"):
        blocks.append((start, part))
        start += len(part) + 2
    return blocks
