"""The gazetteer of real-world entities (``ontology/gazetteer.ttl``), loaded into lookup tables.

In: the gazetteer's Turtle. Out: a ``Gazetteer``: its Entities by key (cities with their GeoNames
coordinates, :mod:`.coordinates`), the names and demonyms that denote them, offices and who held them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.model import Entity
from graph.rdf.namespaces import GZ, TKG, TKG_FROM
from graph.rdf.turtle import read_turtle
from graph.resources import ontology_file

from .coordinates import country_code, locate_city

__all__ = ["Gazetteer", "Position", "load_gazetteer"]

# Gazetteer class -> (default kind, category, spaCy entity label used by the ruler)
CLASSES: dict[URIRef, tuple[str, str, str]] = {
    TKG.Person: ("actor", "person", "PERSON"),
    TKG.Organization: ("actor", "organization", "ORG"),
    TKG.Country: ("place", "country", "GPE"),
    TKG.City: ("place", "city", "GPE"),
    TKG.Region: ("place", "region", "LOC"),
    TKG.Facility: ("place", "facility", "FAC"),
    TKG.Product: ("thing", "product", "PRODUCT"),
}


@dataclass(frozen=True, slots=True)
class Position:
    """An office held by a person: "president" of gz:russia from 2012, say."""

    holder: str
    office: str
    of: str
    start_year: int | None
    end_year: int | None

    def held_on(self, day: date | None) -> bool:
        if day is None:
            return self.end_year is None
        return (self.start_year or 0) <= day.year <= (self.end_year or 9999)


@dataclass(slots=True)
class Gazetteer:
    entities: dict[str, Entity] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # label or alias -> key
    demonyms: dict[str, str] = field(default_factory=dict)  # "Russian" -> "russia"
    positions: list[Position] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # key -> spaCy label for the ruler
    held_by_year: dict[int, frozenset[str]] = field(default_factory=dict)  # year -> office holders
    _offices: tuple[int, frozenset[str]] = field(default=(0, frozenset()), repr=False, compare=False)

    def holder(self, office: str, of: str, on: date | None) -> Entity | None:
        """Who held ``office`` of entity ``of`` on the given day (latest start wins)."""
        held = [p for p in self.positions if p.office == office and p.of == of and p.held_on(on)]
        if not held:
            return None
        best = max(held, key=lambda p: p.start_year or 0)
        return self.entities[best.holder]

    def person_by_surname(self, name: str, on: date | None) -> Entity | None:
        """The gazetteer person a bare surname ("Bush") or short name ("George Bush") means on a day.

        Only people holding an office on that day qualify, so "Bush" is the father in 1990 and
        the son in 2003, and a private person who shares a leader's surname stays unlinked.
        """
        words = name.split()
        if not words or on is None:
            return None
        held = self._held_in(on.year)
        matches = [self.entities[key] for key in held
                   if self.entities[key].label.split()[-1] == words[-1]
                   and (len(words) == 1 or self.entities[key].label.split()[0] == words[0])]
        return matches[0] if len(matches) == 1 else None

    def _held_in(self, year: int) -> frozenset[str]:
        cached = self.held_by_year.get(year)
        if cached is None:
            cached = self.held_by_year[year] = frozenset(
                p.holder for p in self.positions if (p.start_year or 0) <= year <= (p.end_year or 9999))
        return cached

    def country_of_word(self, word: str) -> str | None:
        """The country key a demonym or country name denotes ("Russian", "Syrians", "Russia's")."""
        for candidate in (word, word.removesuffix("'s").removesuffix("\u2019s"), word.removesuffix("s")):
            key = self.demonyms.get(candidate) or self.names.get(candidate)
            if key and self.entities[key].category == "country":
                return key
        return None

    @property
    def offices(self) -> frozenset[str]:
        # asked for each noun that may name an office: made once per set of positions
        if self._offices[0] != len(self.positions):
            self._offices = len(self.positions), frozenset(p.office for p in self.positions)
        return self._offices[1]


@lru_cache(maxsize=2)
def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Parse the gazetteer Turtle into lookup tables (cached: it is read once per process)."""
    rdf = read_turtle(path or ontology_file("gazetteer.ttl"))
    gazetteer = Gazetteer()
    countries = {node: country_code(_names(rdf, node)) for node in rdf.subjects(RDF.type, TKG.Country)}
    claimed = frozenset(code for code in countries.values() if code)
    for cls, (kind, category, ner_label) in CLASSES.items():
        for node in rdf.subjects(RDF.type, cls):
            key = _key(node)
            label = str(rdf.value(node, RDFS.label))
            aliases = tuple(sorted(str(a) for a in rdf.objects(node, SKOS.altLabel)))
            category_override = rdf.value(node, TKG.category)
            same_as = rdf.value(node, OWL.sameAs)
            gazetteer.entities[key] = Entity(
                key=key, label=label, kind=kind, category=str(category_override or category),
                wikidata=str(same_as).rsplit("/", 1)[-1] if same_as else "", aliases=aliases,
                in_gazetteer=True, coordinates=_point(rdf, node, countries, claimed) if cls == TKG.City else None,
            )
            gazetteer.labels[key] = ner_label
            for name in (label, *aliases):
                gazetteer.names.setdefault(name, key)
            for demonym in rdf.objects(node, TKG.demonym):
                gazetteer.demonyms.setdefault(str(demonym), key)
    for person, position in rdf.subject_objects(TKG.position):
        office, of = rdf.value(position, TKG.office), rdf.value(position, TKG.of)
        if office is None or of is None:
            continue
        gazetteer.positions.append(Position(
            holder=_key(person), office=str(office).lower(), of=_key(of),
            start_year=_year(rdf.value(position, TKG_FROM)), end_year=_year(rdf.value(position, TKG.until)),
        ))
    return gazetteer


def _names(rdf: Graph, node) -> list[str]:
    """An entity's label, then its aliases."""
    return [str(rdf.value(node, RDFS.label)), *sorted(str(a) for a in rdf.objects(node, SKOS.altLabel))]


def _point(rdf: Graph, city, countries: dict, claimed: frozenset[str]) -> tuple[float, float] | None:
    """A gazetteer city's GeoNames point, looked for in its country (``countries``: gazetteer country
    -> ISO code; ``claimed``: every such code)."""
    country = countries.get(rdf.value(city, TKG.country))
    return locate_city(_names(rdf, city), country, foreign=claimed - {country})


def _key(node) -> str:
    return str(node).removeprefix(str(GZ))


def _year(value) -> int | None:
    return int(str(value)[:4]) if value is not None else None
