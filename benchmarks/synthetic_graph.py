"""Synthetic event graphs shaped like a timeline-kg build, one named graph per article.

    python benchmarks/synthetic_graph.py --events 100000 --out /tmp/synthetic-100k.nq [--seed 0]

The triples use the project's namespaces (``graph.rdf.namespaces``) and IRIs (``graph.rdf.iris``) and the
shape ``graph/rdf/contract.py`` writes, so the shipped queries (``graph/queries/*.rq``) find things:
``sem:Event`` with a label, ``sem:eventType`` (a ``skos:Concept`` with a ``skos:prefLabel``),
``tkg:confidence``, actors in roles (``sem:hasActor`` plus ``tkg:hasAgent``/``hasPatient``/
``hasParticipant``), ``sem:hasPlace``, day bounds, an OWL-Time interval, ``prov:wasDerivedFrom`` the
``schema:NewsArticle`` (identifier, headline, publisher, date, ``nif:isString`` text) and
``gaf:denotedBy`` NIF mentions whose offsets and sentences index that text. Some events are retold
by a later article; some of those disagree on the date and carry ``tkg:dateClaim`` claims.

Actor and place popularity follows a Zipf law (a few names in most events, a long tail), as in
news. The graph is leaner than a real build (about 12 triples per event against about 36 for the
seed article: fewer mentions per event, fewer OWL-Time intervals), so that 100,000 events make
about 1.2 million triples, the size the store goals (issue 6) are stated at. Same ``events`` and
``seed``: the same triples, in the same order.

Names are made of invented syllables: no real person, place or organisation is named.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from graph.model import Entity, Event, Span
from graph.rdf import iris
from graph.rdf.event_types import load_event_types
from graph.rdf.namespaces import GAF, NIF, PROV, RDF, RDFS, SDO, SEM, SKOS, TIME, TKG, XSD

__all__ = ["Article", "Parameters", "generate", "graphs", "parameters", "write_nquads"]

Triple = tuple[URIRef, URIRef, Node]

EVENTS_PER_ARTICLE = 20
FIRST_DAY = date(2005, 1, 1)
DAYS = 20 * 365
PUBLISHERS = 12
ZIPF_EXPONENT = 1.1
# How many actors an event has (0, 1, 2, 3), and the chance of each part being there.
ACTOR_COUNTS = (0.35, 0.45, 0.17, 0.03)
ROLES = (TKG.hasAgent, TKG.hasPatient, TKG.hasParticipant)
P_PLACE = 0.30
P_DATED = 0.55
P_INTERVAL = 0.06  # of dated events: the OWL-Time interval with the TIMEX3 value and words
P_MENTION = 0.25  # events whose trigger is kept as a NIF mention (a real build keeps every one)
SENTENCE_EVENTS = 3  # at most this many events told in one sentence
P_RETOLD = 0.03  # events a later article tells again (its own provenance in its own graph)
P_CONFLICT = 0.5  # of retold events: the later article gives another date (tkg:dateClaim)
P_ALIAS = 0.5
SYLLABLES = ("ka", "lo", "mi", "ren", "tas", "vo", "bel", "dra", "nu", "sel", "tor", "ya", "zem",
             "quil", "fa", "gor", "hin", "ost", "pra", "und", "wex", "cai", "dun", "ele")
VERBS = {"meet": "met", "attack": "attacked", "negotiate": "held talks with", "agree": "agreed with",
         "announce": "announced", "visit": "visited", "aid": "supplied", "thank": "thanked",
         "order": "ordered", "withdraw": "withdrew from", "occurrence": "happened"}


@dataclass(frozen=True)
class Article:
    """One article's named graph: its document id and every triple it contributes."""

    doc_id: str
    triples: list[Triple]


@dataclass(frozen=True)
class Parameters:
    """Realistic query parameters for a synthetic graph: the most popular actor and place, a
    month in the middle of the covered period, and one event."""

    actor: str
    place: str
    start: date
    end: date
    event: URIRef


@dataclass(frozen=True)
class _Cast:
    """The actors and places of a graph, with Zipf weights (cumulative, for bisect)."""

    actors: list[Entity]
    places: list[Entity]
    actor_weights: list[float]
    place_weights: list[float]


def _name(rng: random.Random, words: int) -> str:
    return " ".join("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
                    for _ in range(words))


def _zipf(count: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank ** ZIPF_EXPONENT) for rank in range(1, count + 1)))


def _cast(events: int, seed: int) -> _Cast:
    rng = random.Random(f"cast-{seed}")
    actors, places = [], []
    for rank in range(max(50, events // 40)):
        category = rng.choice(("person", "person", "country", "organization", "group"))
        label = _name(rng, 2 if category == "person" else 1)
        if category == "organization":
            label += " " + rng.choice(("Party", "Ministry", "Council", "Front", "Union"))
        aliases = (label.split()[-1],) if rng.random() < P_ALIAS and " " in label else ()
        actors.append(Entity(f"a{rank}_{_slug(label)}", label, "actor", category, "", aliases, True))
    for rank in range(max(20, events // 200)):
        label = rng.choice(("", "Port ", "New ", "")) + _name(rng, 1)
        aliases = (label.upper()[:3],) if rng.random() < P_ALIAS / 2 else ()
        places.append(Entity(f"p{rank}_{_slug(label)}", label, "place", "city", "", aliases, True))
    return _Cast(actors, places, _zipf(len(actors)), _zipf(len(places)))


def _slug(label: str) -> str:
    return label.lower().replace(" ", "_")


def _pick(rng: random.Random, items: list[Entity], weights: list[float]) -> Entity:
    return items[bisect.bisect_left(weights, rng.random() * weights[-1])]


def parameters(events: int, seed: int = 0) -> Parameters:
    """The query parameters to benchmark ``generate(events, seed)`` with."""
    cast = _cast(events, seed)
    middle = FIRST_DAY + timedelta(days=DAYS // 2)
    first = next(generate(events, seed))
    event = next(s for s, p, o in first.triples if p == RDF.type and o == SEM.Event)
    return Parameters(cast.actors[0].label, cast.places[0].label, middle, middle + timedelta(days=30), event)


def _date(day: date) -> Literal:
    return Literal(day.isoformat(), datatype=XSD.date)


def _integer(value: int) -> Literal:
    return Literal(str(value), datatype=XSD.nonNegativeInteger)


class _ArticleWriter:
    """Builds one article: its text grows sentence by sentence, so every offset indexes it."""

    def __init__(self, doc_id: str, published: date, publisher: str, types: dict[str, tuple[str, str]]):
        self.doc_id = doc_id
        self.article = iris.article_iri(doc_id)
        self.published = published
        self.publisher = publisher
        self.types = types
        self.text: list[str] = []
        self.length = 0
        self.triples: list[Triple] = []
        self.described: set[URIRef] = set()

    def sentence(self, clauses: list[str]) -> tuple[tuple[int, int], list[int], str]:
        """Append a sentence of clauses joined by semicolons; return its span, where each clause
        starts, and its words."""
        start = self.length + (1 if self.text else 0)
        starts, at = [], start
        for clause in clauses:
            starts.append(at)
            at += len(clause) + 2
        words = "; ".join(clauses) + "."
        self.text.append(words)
        self.length = start + len(words)
        return (start, self.length), starts, words

    def add(self, s: URIRef, p: URIRef, o: Node) -> None:
        self.triples.append((s, p, o))

    def mention(self, start: int, end: int, anchor: str, sentence: tuple[int, int], words: str) -> URIRef:
        node = iris.span_iri(Span(self.doc_id, start, end))
        self.add(node, RDF.type, NIF.Phrase)
        self.add(node, NIF.referenceContext, self.article)
        self.add(node, NIF.beginIndex, _integer(start))
        self.add(node, NIF.endIndex, _integer(end))
        self.add(node, NIF.anchorOf, Literal(anchor))
        sentence_node = iris.span_iri(Span(self.doc_id, *sentence))
        self.add(node, NIF.sentence, sentence_node)
        if sentence_node not in self.described:
            self.described.add(sentence_node)
            self.add(sentence_node, RDF.type, NIF.Sentence)
            self.add(sentence_node, NIF.referenceContext, self.article)
            self.add(sentence_node, NIF.beginIndex, _integer(sentence[0]))
            self.add(sentence_node, NIF.endIndex, _integer(sentence[1]))
            self.add(sentence_node, NIF.anchorOf, Literal(words))
        return node

    def entity(self, entity: Entity, rdf_class: URIRef) -> URIRef:
        """An actor or place, described once in each article graph that names it."""
        node = iris.entity_iri(entity)
        if node not in self.described:
            self.described.add(node)
            self.add(node, RDF.type, rdf_class)
            self.add(node, RDFS.label, Literal(entity.label))
            self.add(node, TKG.category, Literal(entity.category))
            for alias in entity.aliases:
                self.add(node, SKOS.altLabel, Literal(alias))
        return node

    def event_type(self, key: str) -> URIRef:
        node = iris.event_type_iri(key)
        if node not in self.described:
            self.described.add(node)
            label, cameo = self.types[key]
            self.add(node, RDF.type, SKOS.Concept)
            self.add(node, SKOS.prefLabel, Literal(label, lang="en"))
            if cameo:
                self.add(node, TKG.cameoCode, Literal(cameo))
        return node

    def finish(self, headline: str) -> Article:
        article = self.article
        publisher = iris.publisher_iri(self.publisher)
        head = [(article, RDF.type, SDO.NewsArticle), (article, RDF.type, NIF.Context),
                (article, SDO.identifier, Literal(self.doc_id)),
                (article, NIF.isString, Literal("\n".join(self.text))),
                (article, SDO.headline, Literal(headline)),
                (article, SDO.publisher, publisher), (publisher, RDF.type, SDO.Organization),
                (publisher, SDO.name, Literal(self.publisher)),
                (article, SDO.datePublished, _date(self.published)),
                (article, SDO.inLanguage, Literal("en"))]
        return Article(self.doc_id, head + self.triples)


@dataclass
class _Told:
    """An event as first told, kept so that a later article can tell it again."""

    node: URIRef
    label: str
    type_key: str
    begin: date | None
    end: date | None


def generate(events: int, seed: int = 0) -> Iterator[Article]:
    """Articles of a synthetic graph with ``events`` distinct events, in a fixed order.

    Examples
    --------
    >>> articles = list(generate(100, seed=1))
    >>> sum(len(a.triples) for a in articles) > 1000
    True
    >>> articles[0].doc_id == list(generate(100, seed=1))[0].doc_id
    True
    """
    rng = random.Random(f"events-{seed}")
    cast = _cast(events, seed)
    scheme = load_event_types()
    keys = sorted(scheme.labels)
    types = {key: (scheme.labels[key], scheme.cameo.get(key, "")) for key in keys}
    publishers = [_name(random.Random(f"publisher-{seed}-{i}"), 1) + " News" for i in range(PUBLISHERS)]
    told: list[_Told] = []
    made = 0
    for number in itertools.count():
        if made >= events:
            return
        count = min(events - made, rng.randint(EVENTS_PER_ARTICLE // 2, EVENTS_PER_ARTICLE * 3 // 2))
        published = FIRST_DAY + timedelta(days=DAYS * number * EVENTS_PER_ARTICLE // max(events, 1))
        writer = _ArticleWriter(f"syn{seed}_{number:06d}", published, rng.choice(publishers), types)
        left = count
        while left:
            plans = [_plan(rng, cast, keys) for _ in range(min(left, rng.randint(1, SENTENCE_EVENTS)))]
            sentence, starts, words = writer.sentence([plan.label for plan in plans])
            told.extend(_event(writer, rng, plan, at, sentence, words) for plan, at in zip(plans, starts))
            left -= len(plans)
        made += count
        for earlier in rng.sample(told[:-count], min(len(told) - count, round(count * P_RETOLD * 2 * rng.random()))):
            _retell(writer, rng, earlier)
        yield writer.finish(f"Synthetic report {number} from {writer.publisher}")


@dataclass(frozen=True)
class _Plan:
    """What one event is about, before its sentence (and so its offsets) exists."""

    key: str
    actors: list[Entity]
    place: Entity | None
    trigger_word: str
    label: str
    trigger_at: int  # offset of the trigger in the label


def _plan(rng: random.Random, cast: _Cast, keys: list[str]) -> _Plan:
    key = rng.choice(keys)
    picked = (_pick(rng, cast.actors, cast.actor_weights)
              for _ in range(rng.choices(range(len(ACTOR_COUNTS)), ACTOR_COUNTS)[0]))
    actors = list({actor.key: actor for actor in picked}.values())
    place = _pick(rng, cast.places, cast.place_weights) if rng.random() < P_PLACE else None
    verb = VERBS.get(key, key + "ed")
    prefix = actors[0].label + " " if actors else ""
    label = prefix + verb + "".join(" " + a.label for a in actors[1:]) + (f" in {place.label}" if place else "")
    return _Plan(key, actors, place, verb.split()[0], label, len(prefix))


def _event(writer: _ArticleWriter, rng: random.Random, plan: _Plan, at: int,
           sentence: tuple[int, int], words: str) -> _Told:
    """The triples of one planned event whose label starts at offset ``at`` of the article."""
    trigger, trigger_end = at + plan.trigger_at, at + plan.trigger_at + len(plan.trigger_word)
    node = iris.event_iri(Event(writer.doc_id, [Span(writer.doc_id, trigger, trigger_end)],
                                [plan.trigger_word], [], plan.key, plan.label))
    writer.add(node, RDF.type, SEM.Event)
    writer.add(node, RDFS.label, Literal(plan.label))
    writer.add(node, SEM.eventType, writer.event_type(plan.key))
    writer.add(node, TKG.confidence, Literal(Decimal(rng.randint(1, 9)) / 10, datatype=XSD.decimal))
    writer.add(node, PROV.wasDerivedFrom, writer.article)
    if rng.random() < P_MENTION:
        writer.add(node, GAF.denotedBy, writer.mention(trigger, trigger_end, plan.trigger_word, sentence, words))
    for index, actor in enumerate(plan.actors):
        entity = writer.entity(actor, SEM.Actor)
        writer.add(node, SEM.hasActor, entity)
        writer.add(node, ROLES[min(index, 1)] if rng.random() < 0.9 else ROLES[2], entity)
    if plan.place is not None:
        writer.add(node, SEM.hasPlace, writer.entity(plan.place, SEM.Place))
    begin = end = None
    if rng.random() < P_DATED:
        begin = writer.published - timedelta(days=int(rng.expovariate(1 / 20)))
        end = begin + timedelta(days=rng.choice((0, 0, 0, 1, 6, 29)))
        writer.add(node, SEM.hasEarliestBeginTimeStamp, _date(begin))
        writer.add(node, SEM.hasLatestEndTimeStamp, _date(end))
        if rng.random() < P_INTERVAL:
            _interval(writer, node, begin, end)
    whole = begin is not None and (plan.actors or plan.place is not None)
    writer.add(node, RDF.type, TKG.WholeEvent if whole else TKG.BareEvent)
    return _Told(node, plan.label, plan.key, begin, end)


def _interval(writer: _ArticleWriter, event: URIRef, begin: date, end: date) -> None:
    node = URIRef(f"{event}/time")
    writer.add(event, SEM.hasTime, node)
    writer.add(node, RDF.type, SEM.Time)
    writer.add(node, RDF.type, TIME.Interval)
    for prop, day, part in ((TIME.hasBeginning, begin, "begin"), (TIME.hasEnd, end, "end")):
        instant = URIRef(f"{node}/{part}")
        writer.add(node, prop, instant)
        writer.add(instant, RDF.type, TIME.Instant)
        writer.add(instant, TIME.inXSDDate, _date(day))
    writer.add(node, TKG.timexValue, Literal(begin.isoformat()))
    writer.add(node, TKG.timexType, Literal("DATE"))
    writer.add(node, TKG.timexText, Literal(begin.strftime("%B %d")))
    writer.add(node, TKG.granularity, Literal("day"))


def _retell(writer: _ArticleWriter, rng: random.Random, event: _Told) -> None:
    """A later article tells an earlier event: its provenance, and a date claim when it disagrees."""
    sentence, _, words = writer.sentence(["Earlier", event.label])
    writer.add(event.node, RDF.type, SEM.Event)
    writer.add(event.node, RDFS.label, Literal(event.label))
    writer.add(event.node, SEM.eventType, writer.event_type(event.type_key))
    writer.add(event.node, PROV.wasDerivedFrom, writer.article)
    writer.add(event.node, GAF.denotedBy, writer.mention(sentence[0], sentence[0] + 7, "Earlier", sentence, words))
    if event.begin is None or rng.random() >= P_CONFLICT:
        return
    shift = timedelta(days=rng.choice((-3, -1, 1, 2, 7)))
    first_doc = str(event.node).split("/event/")[1].split("/")[0]
    for doc_id, begin, end, text in ((first_doc, event.begin, event.end, "as first told"),
                                     (writer.doc_id, event.begin + shift, event.end + shift, "earlier")):
        claim = URIRef(f"{event.node}/claim/{quote(doc_id, safe='-._~')}")
        writer.add(event.node, TKG.dateClaim, claim)
        writer.add(claim, RDF.type, TKG.DateClaim)
        writer.add(claim, PROV.wasDerivedFrom, iris.article_iri(doc_id))
        writer.add(claim, SEM.hasEarliestBeginTimeStamp, _date(begin))
        writer.add(claim, SEM.hasLatestEndTimeStamp, _date(end))
        writer.add(claim, TKG.timexText, Literal(text))
        writer.add(claim, TKG.datedBy, Literal("own"))


def graphs(articles: Iterator[Article]) -> dict[str, Graph]:
    """doc id -> rdflib Graph of its triples, the input ``Store.put_articles`` takes."""
    result = {}
    for article in articles:
        graph = Graph()
        for triple in article.triples:
            graph.add(triple)
        result[article.doc_id] = graph
    return result


def _nt(term: Node) -> str:
    """A term in N-Triples syntax (rdflib's ``n3()`` writes Turtle long strings for multi-line text)."""
    if isinstance(term, Literal):
        text = str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
        if term.language:
            return f'"{text}"@{term.language}'
        return f'"{text}"^^<{term.datatype}>' if term.datatype else f'"{text}"'
    return f"<{term}>"


def write_nquads(path: Path, events: int, seed: int = 0) -> int:
    """Write the graph as N-Quads (one named graph per article, ``iris.graph_iri``); return the quad count."""
    quads = 0
    with open(path, "w", encoding="utf-8") as out:
        for article in generate(events, seed):
            name = _nt(iris.graph_iri(article.doc_id))
            out.writelines(f"{_nt(s)} {_nt(p)} {_nt(o)} {name} .\n" for s, p, o in article.triples)
            quads += len(article.triples)
    return quads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=10_000, help="distinct events (default 10000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, required=True, help="N-Quads file to write")
    args = parser.parse_args()
    quads = write_nquads(args.out, args.events, args.seed)
    print(f"{args.events} events, {quads} quads -> {args.out}")


if __name__ == "__main__":
    main()
