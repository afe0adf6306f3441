"""The SKOS event-type scheme (``ontology/event-types.ttl``) and its trigger lexicon."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib.namespace import RDF, SKOS

from graph.resources import ontology_file

from .namespaces import ET, TKG
from .turtle import read_turtle

__all__ = ["EventTypes", "load_event_types"]


@dataclass(slots=True)
class EventTypes:
    labels: dict[str, str] = field(default_factory=dict)  # key -> prefLabel
    cameo: dict[str, str] = field(default_factory=dict)  # key -> CAMEO root code
    verbs: dict[str, str] = field(default_factory=dict)  # lemma or "lemma particle" -> key
    nouns: dict[str, str] = field(default_factory=dict)  # noun lemma -> key


@lru_cache(maxsize=2)
def load_event_types(path: Path | None = None) -> EventTypes:
    """Read the scheme; a trigger word listed under two types keeps the first (in key order)."""
    rdf = read_turtle(path or ontology_file("event-types.ttl"))
    types = EventTypes()
    for concept in sorted(rdf.subjects(RDF.type, SKOS.Concept)):
        key = str(concept).removeprefix(str(ET))
        types.labels[key] = str(rdf.value(concept, SKOS.prefLabel))
        types.cameo[key] = str(rdf.value(concept, TKG.cameoCode) or "")
        for verb in sorted(rdf.objects(concept, TKG.triggerVerb)):
            types.verbs.setdefault(str(verb), key)
        for noun in sorted(rdf.objects(concept, TKG.triggerNoun)):
            types.nouns.setdefault(str(noun), key)
    return types
