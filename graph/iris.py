"""The one place that mints IRIs. Same input, same IRIs: every IRI is built from stable keys
(article identifier, character offsets, gazetteer keys), never from counters or hashes of memory."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, unquote

from rdflib import URIRef

from .model import Entity, Event, Span
from .namespaces import ET, GZ, ID

__all__ = [
    "article_iri", "entity_iri", "event_iri", "event_type_iri", "graph_doc_id", "graph_iri", "publisher_iri",
    "slug", "span_iri",
]


def slug(text: str) -> str:
    """A lowercase ASCII identifier for a name ("Abdel Fattah el-Sisi" -> "abdel_fattah_el_sisi")."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_") or "x"


def _safe(text: str) -> str:
    return quote(text, safe="-._~")


def article_iri(doc_id: str) -> URIRef:
    return ID[f"article/{_safe(doc_id)}"]


def graph_iri(doc_id: str) -> URIRef:
    """The named graph holding every triple one article contributes, in a store."""
    return ID[f"graph/{_safe(doc_id)}"]


def graph_doc_id(name: object) -> str | None:
    """The doc id whose graph ``name`` is (``graph_iri``'s inverse), or None for another graph.

    >>> graph_doc_id(graph_iri("merkel 2019/a"))
    'merkel 2019/a'
    """
    prefix = str(ID["graph/"])
    text = str(name)
    return unquote(text[len(prefix):]) if text.startswith(prefix) else None


def span_iri(span: Span) -> URIRef:
    """A NIF/RFC 5147 style IRI for a character range of an article."""
    return URIRef(f"{article_iri(span.doc_id)}#char={span.start},{span.end}")


def event_iri(event: Event) -> URIRef:
    first = event.triggers[0]
    return ID[f"event/{_safe(event.doc_id)}/{first.start}-{first.end}"]


def entity_iri(entity: Entity) -> URIRef:
    """Gazetteer entities live under gz:, others under id/entity/ by the slug of their name."""
    if entity.in_gazetteer:
        return GZ[_safe(entity.key)]
    return ID[f"entity/{_safe(entity.key)}"]


def event_type_iri(key: str) -> URIRef:
    return ET[_safe(key)]


def publisher_iri(name: str) -> URIRef:
    return ID[f"publisher/{slug(name)}"]
