"""A trigger: one mention of an event in one sentence, the unit that typing, roles, dating and
merging pass along before mentions become events."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from graph.model import Argument, Timex

from .modes import mode_of
from .nlp import Parsed

__all__ = ["Trigger"]


@dataclass(slots=True, eq=False)  # identity, not value: triggers key dicts
class Trigger:
    """One mention of an event in one sentence, before dating and merging."""

    part: Parsed
    token: Token
    event_type: str
    arguments: list[Argument] = field(default_factory=list)
    carrier: Token | None = None  # the light or aspectual verb that carries a noun trigger
    sentence: SpacySpan = field(init=False)
    timex: Timex | None = None  # the expression that dates it (its own, or one it inherited)
    earliest: date | None = None
    latest: date | None = None
    dated_by: str = ""  # own, relative, governing, sentence, lede: how the date was found
    mode: str = field(init=False)  # graph.model.MODES: happened, future, description, amount, state or unrealized

    def __post_init__(self) -> None:
        self.sentence = self.token.sent  # computed once: spaCy walks the parse for each .sent
        self.mode = mode_of(self.token, self.anchor, self.event_type, self.part.headline)

    @property
    def anchor(self) -> Token:
        """Where the event's own time and place modifiers hang: the carrier verb if any."""
        return self.carrier or self.token
