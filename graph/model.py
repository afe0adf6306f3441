"""The one data model that flows through the pipeline.

``Document -> Sentence -> Mention / Timex -> Event``, gathered per article in an ``Extraction``;
across articles, ``EventNode`` groups the Events that tell one real event. Every annotation is a
view into its Document through ``start``/``end`` character offsets (end exclusive), never a free
string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

__all__ = [
    "Argument",
    "DateClaim",
    "Document",
    "Entity",
    "Event",
    "EventNode",
    "Extraction",
    "Mention",
    "Sentence",
    "Span",
    "Timex",
]


@dataclass(frozen=True, slots=True)
class Span:
    """A character range ``[start, end)`` of one document's text."""

    doc_id: str
    start: int
    end: int

    def text_of(self, doc: "Document") -> str:
        return doc.text[self.start : self.end]


@dataclass(frozen=True, slots=True)
class Document:
    """An article: its full text, where its body lies, and its metadata.

    ``body`` lists the character ranges that are running text (paragraphs); headings, photo
    captions, credits and bylines are outside it. ``headline`` is the range of the headline when
    the text holds one: it states the story's main event, so it is read for events too. ``dct``
    (document creation time, the publication date) anchors relative dates.
    """

    doc_id: str
    text: str
    dct: date | None
    title: str = ""
    publisher: str = ""
    url: str = ""
    language: str = "en"
    path: Path | None = None
    body: tuple[tuple[int, int], ...] = ()
    headline: tuple[int, int] | None = None

    def body_ranges(self) -> tuple[tuple[int, int], ...]:
        return self.body or ((0, len(self.text)),)

    def read_ranges(self) -> tuple[tuple[int, int], ...]:
        """What the extractors read: the headline (when the body does not already hold it), then the body."""
        headline = (self.headline,) if self.headline and self.body else ()
        return headline + self.body_ranges()


@dataclass(frozen=True, slots=True)
class Sentence:
    span: Span
    index: int


@dataclass(frozen=True, slots=True)
class Timex:
    """A temporal expression normalized to TIMEX3 and to day bounds.

    ``type`` is DATE, TIME, DURATION or SET; ``value`` the TIMEX3 value (``2017-12-11``,
    ``2015-09``, ``2017-W51``, ``P2D``, ``PAST_REF``...). ``earliest``/``latest`` are the first
    and last day the expression can denote (None when open or not a point in time), and
    ``granularity`` one of day, week, month, quarter, season, half, year, decade, century, time,
    fuzzy, duration, set.
    """

    span: Span
    text: str
    type: str
    value: str
    granularity: str
    earliest: date | None = None
    latest: date | None = None
    mod: str = ""

    @property
    def is_dated(self) -> bool:
        return self.earliest is not None and self.latest is not None


@dataclass(frozen=True, slots=True)
class Entity:
    """A real-world actor or place, from the gazetteer or minted from NER."""

    key: str  # stable identifier: a gazetteer key or a slug of the canonical name
    label: str
    # "actor" or "place": what it is by default, its role in an event can say otherwise; "thing" for
    # a product the gazetteer names only so that it is taken for neither
    kind: str
    category: str = ""  # person, country, organization, group, city, region, facility...
    wikidata: str = ""  # Q-identifier, when known
    aliases: tuple[str, ...] = ()
    in_gazetteer: bool = False
    # WGS84 (latitude, longitude) in decimal degrees: a city's or town's point (graph.extract.coordinates)
    coordinates: tuple[float, float] | None = None

    @property
    def is_organization(self) -> bool:
        """An actor that is neither a person nor a group known by its kind: a company, an agency, a body."""
        return self.kind == "actor" and self.category not in ("person", "group")


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names (or refers back to) an Entity."""

    span: Span
    text: str
    entity: Entity
    source: str = "ner"  # "gazetteer", "demonym" ("Russian" -> Russia), "ner" or "coref"


ACTOR_ROLES = ("agent", "patient", "participant")
# How a text tells an event, most assertive first (see Event.mode and graph.extract.syntax).
MODES = ("happened", "future", "description", "amount", "state", "unrealized")


@dataclass(frozen=True, slots=True)
class Argument:
    role: str  # one of ACTOR_ROLES or "place"
    mention: Mention


@dataclass(slots=True)
class Event:
    """An event: typed trigger(s), role-labelled arguments, a time and place, provenance.

    One Event may gather several mentions of the same happening in an article (``triggers`` and
    ``sentences`` are parallel lists of spans).
    """

    doc_id: str
    triggers: list[Span]
    trigger_texts: list[str]
    sentences: list[Span]
    event_type: str  # key into the SKOS event-type scheme, e.g. "meet"
    label: str
    arguments: list[Argument] = field(default_factory=list)
    timex: Timex | None = None
    earliest: date | None = None
    latest: date | None = None
    confidence: float = 0.5
    dated_by: str = ""  # which dating rule gave the bounds (graph.extract.dating): own, relative, governing, ...
    trigger_lemmas: list[str] = field(default_factory=list)
    # How its most assertive telling tells it (MODES): as a happening, as what will happen ("will
    # begin"), as a description of what holds ("the iPhone plays music"), as an amount that changes
    # ("its profits"), as a state ("Apple is the leader"), or as what may, should or would happen ("a
    # contract to supply")
    mode: str = "happened"

    @property
    def actors(self) -> list[Entity]:
        """Entities in an actor role (agent, patient, participant), first mention first."""
        return _unique(a.mention.entity for a in self.arguments if a.role in ACTOR_ROLES)

    @property
    def places(self) -> list[Entity]:
        return _unique(a.mention.entity for a in self.arguments if a.role == "place")


@dataclass(slots=True)
class Extraction:
    """Everything found in one article."""

    document: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    timexes: list[Timex]
    events: list[Event]


@dataclass(frozen=True, slots=True)
class DateClaim:
    """What one article says about when an event happened."""

    doc_id: str
    earliest: date
    latest: date
    text: str  # the words that dated it ("" when dated by a default rule)
    dated_by: str


@dataclass(slots=True)
class EventNode:
    """One real event: every telling of it, its chosen date and, if sources disagree, their claims."""

    members: list[Event]
    earliest: date | None = None
    latest: date | None = None
    chosen: Event | None = None  # the member whose dating the node keeps
    conflict: list[DateClaim] = field(default_factory=list)

    @property
    def first(self) -> Event:
        return self.members[0]

    @property
    def doc_ids(self) -> list[str]:
        return list(dict.fromkeys(m.doc_id for m in self.members))


def _unique(entities) -> list[Entity]:
    seen: dict[str, Entity] = {}
    for entity in entities:
        seen.setdefault(entity.key, entity)
    return list(seen.values())
