"""The one place that mints IRIs. Same input, same IRIs: every IRI is built from stable keys
(article identifier, character offsets, gazetteer keys), never from counters or hashes of memory."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from urllib.parse import quote, unquote

from rdflib import URIRef

from graph.model import Entity, Event, Span

from .namespaces import ET, GZ, ID

__all__ = [
    "article_iri", "claim_iri", "entity_iri", "event_iri", "event_type_iri", "graph_doc_id", "graph_iri",
    "publisher_iri", "slug", "span_iri",
]


def slug(text: str) -> str:
    """A lowercase identifier for a name ("Abdel Fattah el-Sisi" -> "abdel_fattah_el_sisi").

    Case, accents and punctuation fold away ("Müller", "MULLER" -> "muller"; "O’Brien" is "O'Brien");
    letters without an ASCII form (Cyrillic, Chinese, "ø") are kept, else every such name would be
    the one key "x".

    >>> slug("Путин") != slug("Медведев")
    True
    """
    kept, after_ascii = [], True
    for ch in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.category(ch).startswith("M"):
            # An accent on a Latin letter folds away ("é" is "e"); a vowel sign of Devanagari is a letter.
            if not after_ascii:
                kept.append(ch)
            continue
        after_ascii = ch.isascii()
        kept.append(ch if ch.isalnum() else " ")
    return "_".join("".join(kept).split()) or "x"


@lru_cache(maxsize=4096)  # an article's identifier is in the IRI of each of its mentions
def _safe(text: str) -> str:
    """``text`` as one IRI path segment: percent-encoded, never a "." or ".." step out of its folder.

    File names that are not UTF-8 reach us as surrogate escapes; they are encoded back to their bytes.
    """
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate no file name holds: still one IRI, never a crash
        data = text.encode("utf-8", "surrogatepass")
    quoted = quote(data, safe="-._~")
    return quoted.replace(".", "%2E") if quoted in (".", "..") else quoted


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
    return unquote(text[len(prefix):], errors="surrogateescape") if text.startswith(prefix) else None


def span_iri(span: Span) -> URIRef:
    """A NIF/RFC 5147 style IRI for a character range of an article."""
    return URIRef(f"{article_iri(span.doc_id)}#char={span.start},{span.end}")


def event_iri(event: Event) -> URIRef:
    first = event.triggers[0]
    return ID[f"event/{_safe(event.doc_id)}/{first.start}-{first.end}"]


def claim_iri(event: URIRef, doc_id: str) -> URIRef:
    """One article's dating of an event whose sources disagree."""
    return URIRef(f"{event}/claim/{_safe(doc_id)}")


def entity_iri(entity: Entity) -> URIRef:
    """Gazetteer entities live under gz:, others under id/entity/ by the slug of their name."""
    if entity.in_gazetteer:
        return GZ[_safe(entity.key)]
    return ID[f"entity/{_safe(entity.key)}"]


def event_type_iri(key: str) -> URIRef:
    return ET[_safe(key)]


def publisher_iri(name: str) -> URIRef:
    return ID[f"publisher/{_safe(slug(name))}"]
