"""Turning triggers into Events, merging the mentions of one event within an article.

Two mentions are one event when they have the same type, compatible dates (one undated, or
overlapping bounds), no conflicting place or other participants, and something shared: an agent,
an actor or a place, or the later one is a definite description with no actors of its own ("the
meeting", "the new round").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from graph.model import MODES, Document, Event
from graph.rdf.event_types import EventTypes, load_event_types

from .event_words import SUPPORT_VERBS
from .modes import STATE_TYPE
from .syntax import ASPECTUAL_VERBS, FOLLOWING
from .trigger import Trigger

__all__ = ["build_events", "one_stem"]

DEFINITE = {"the", "this", "that", "these"}
GENERIC_TYPES = {"occurrence", "statement"}
# Verbs of saying: typed "statement" only with something said, so some are "occurrence" events.
# Nouns that name any event of their type again ("the attack", "the talks", "the meeting").
GENERAL_NOUNS = {"attack": {"attack", "assault", "operation"}, "meet": {"meeting", "talks", "summit", "visit"},
                 "negotiate": {"talks", "negotiation", "round"}, "visit": {"visit", "trip", "stop"},
                 "agree": {"agreement", "deal", "accord"}, "fight": {"fighting", "war", "conflict"}}
# Types of one occasion: a meeting is held for the talks it holds.
SAME_OCCASION = {"negotiate": ("meet",), "meet": ("negotiate",)}
SAYING_LEMMAS = {"say", "tell", "add", "state", "note", "claim", "comment", "report", "write", "speak", "ask"}
CONFIDENCE = {"own": 0.8, "relative": 0.6, "governing": 0.7, "sentence": 0.6, "lede": 0.5, "reporting": 0.5,
              "narrative": 0.4, "publication": 0.3, "present": 0.3, "coreference": 0.6, "": 0.4}


def build_events(doc: Document, triggers: Sequence[Trigger], types: EventTypes | None = None) -> list[Event]:
    """Events of one article, mentions merged, in order of first mention."""
    types = types or load_event_types()
    events: list[Event] = []
    by_type: dict[str, list[Event]] = {}  # only events of one type merge: compare within it
    tokens: dict[int, set[tuple[int, int]]] = {}  # id(event) -> its trigger tokens
    governed: dict[tuple[int, int], set[int]] = {}  # a verb -> id(event)s whose nouns hang on it, told before it
    bound_for: dict[int, set[str]] = {}  # id(event) -> the places its tellings go to
    for trigger in triggers:
        event = _event_of(doc, trigger, types)
        if event.event_type == STATE_TYPE and trigger.token.pos_ != "NOUN" or (event.mode == "state" and event.event_type != STATE_TYPE):
            # a copula or a state verb is told where it is told: it gathers nothing; "so far, Boeing
            # has received more orders": the orders tallied are none of the orders told
            events.append(event)
            continue
        governor = _governing_token(trigger)
        here = (id(trigger.part), trigger.token.i)
        same_type = by_type.setdefault(event.event_type, [])
        # "met for talks in Geneva": the talks the meeting was held for are that meeting
        related = [e for kind in SAME_OCCASION.get(event.event_type, ()) for e in by_type.get(kind, [])]
        going_to = _destinations(trigger)
        told = _HowTold.of(trigger)
        candidates = [e for e in reversed(same_type) if not _bound_elsewhere(bound_for.get(id(e), set()), going_to)
                      and (_same_event(e, event, trigger, told)
                           or ((governor in tokens[id(e)] or id(e) in governed.get(here, ()))
                               and _overlap(e.earliest, e.latest, event.earliest, event.latest)))]
        purpose = _purpose_of(trigger)
        candidates += [e for e in reversed(related) if (governor in tokens[id(e)] or purpose in tokens[id(e)])
                       and _overlap(e.earliest, e.latest, event.earliest, event.latest)]
        lemma = trigger.token.lemma_.lower()
        target = next((e for e in candidates if lemma in e.trigger_lemmas), candidates[0] if candidates else None)
        phase = _phase_of(trigger)
        if target is None and phase is not None:
            # "began selling movies": the beginning and the selling are told as one happening
            target = next((e for e in events if phase in tokens.get(id(e), ())), None)
            if target is not None:
                event.mode = target.mode  # "ordered them to start pulling out": as realized as the starting
                if target.event_type in GENERIC_TYPES and event.event_type not in GENERIC_TYPES:
                    by_type.setdefault(event.event_type, []).append(target)
                    target.event_type = event.event_type
        if target is None:
            events.append(event)
            same_type.append(event)
            target = event
        else:
            _absorb(target, event)
        tokens.setdefault(id(target), set()).add(here)
        if going_to:
            bound_for.setdefault(id(target), set()).update(going_to)
        if governor is not None:
            governed.setdefault(governor, set()).add(id(target))
    return events


def _governing_token(trigger: Trigger) -> tuple[int, int] | None:
    """The verb an event noun hangs on through a preposition ("meet ... for a summit"), or that
    brings it about as its object ("filed a lawsuit", "signed a deal", "placed an order")."""
    token = trigger.token
    if token.dep_ == "pobj" and token.head.dep_ == "prep" and (
            trigger.event_type not in GENERIC_TYPES
            or (trigger.event_type == "statement" and token.head.head.lemma_.lower() in SAYING_LEMMAS)):
        # an untyped noun is no sure part of its verb ("compensated for delays" are two happenings);
        # "in a statement, SIA said" is one saying
        return id(trigger.part), token.head.head.i
    if token.dep_ == "dobj" and token.head.lemma_.lower() in SUPPORT_VERBS:
        return id(trigger.part), token.head.i
    return None


def _destinations(trigger: Trigger) -> set[str]:
    """The places a telling says the event goes to ("flew to Chicago")."""
    offset = trigger.part.offset
    reached = [(offset + o.left_edge.idx, offset + o.right_edge.idx + len(o.right_edge))
               for p in trigger.token.children if p.dep_ == "prep" and p.lower_ == "to"
               for o in p.children if o.dep_ == "pobj"]
    return {a.mention.entity.key for a in trigger.arguments
            if a.role == "place" and any(start <= a.mention.span.start < end for start, end in reached)}


def _bound_elsewhere(gone_to: set[str], going_to: set[str]) -> bool:
    """ "flying from Frankfurt to Chicago" and "fly from Frankfurt to Los Angeles": two journeys."""
    return bool(gone_to and going_to) and gone_to.isdisjoint(going_to)


def _phase_of(trigger: Trigger) -> tuple[int, int] | None:
    """The aspectual verb a verb completes ("began selling", "stopped flying")."""
    token = trigger.token
    if token.pos_ == "VERB" and token.dep_ == "xcomp" and token.head.lemma_.lower() in ASPECTUAL_VERBS:
        return id(trigger.part), token.head.i
    return None


def _purpose_of(trigger: Trigger) -> tuple[int, int] | None:
    """The verb whose purpose an infinitive gives ("met in Geneva to discuss the war")."""
    token = trigger.token
    if token.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return id(trigger.part), token.head.i
    return None


def _event_of(doc: Document, trigger: Trigger, types: EventTypes) -> Event:
    part, token = trigger.part, trigger.token
    word = _whole_word_span(token)  # "cease-fire": the whole word, not its last part
    event = Event(
        doc_id=doc.doc_id,
        triggers=[part.span_of(doc.doc_id, word)],
        trigger_texts=[word.text],
        sentences=[part.span_of(doc.doc_id, trigger.sentence)],
        event_type=trigger.event_type,
        label="",
        arguments=list(trigger.arguments),
        timex=trigger.timex,
        earliest=trigger.earliest,
        latest=trigger.latest,
        dated_by=trigger.dated_by,
        mode=trigger.mode,
        confidence=CONFIDENCE[trigger.dated_by] if trigger.arguments else CONFIDENCE[trigger.dated_by] - 0.2,
    )
    event.label = _label(event, trigger)
    event.trigger_lemmas = [trigger.token.lemma_.lower()]
    return event


def _label(event: Event, trigger: Trigger) -> str:
    """ "Angela Merkel met Emmanuel Macron in Paris" built from the roles; with no agent, whom the
    event befalls leads when the sentence names them first ("Steve Jobs dies")."""
    phrase = _trigger_phrase(trigger)
    agents = [a.mention.entity.label for a in event.arguments if a.role == "agent"]
    others = [a.mention.entity.label for a in event.arguments
              if a.role in ("patient", "participant") and a.mention.text not in phrase]
    if not agents:
        agents = [a.mention.entity.label for a in event.arguments
                  if a.role == "patient" and a.mention.span.end <= event.triggers[0].start]
        others = [label for label in others if label not in agents]
    places = [a.mention.entity.label for a in event.arguments if a.role == "place"]
    words = [" and ".join(dict.fromkeys(agents))] if agents else []
    words.append(phrase)
    if others:
        words.append(", ".join(dict.fromkeys(others)))
    if places:
        words.append(f"in {places[0]}")
    return " ".join(w for w in words if w)


def _trigger_phrase(trigger: Trigger) -> str:
    token = trigger.token
    particle = next((c.text for c in token.children if c.dep_ == "prt"), "")
    if token.pos_ != "VERB":
        modifiers = [c.text for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
        noun = " ".join([*modifiers, token.text])
        if trigger.carrier is not None and token.dep_ in ("dobj", "attr"):
            return f"{trigger.carrier.text} {noun}"
        return noun
    complement = next((c for c in token.children if c.dep_ == "xcomp"), None)
    words = [_whole_word(token), particle]
    while complement is not None:
        words.append(_whole_word(complement))
        complement = next((c for c in complement.children if c.dep_ == "xcomp"), None)
    return " ".join(w for w in words if w)


def _whole_word(token) -> str:
    return _whole_word_span(token).text


def _whole_word_span(token):
    """The hyphenated word a token is part of: spaCy splits "re-establish" into "re", "-", "establish"."""
    doc, start, end = token.doc, token.i, token.i + 1
    while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ and not doc[end].whitespace_:
        end += 2
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and not doc[start - 1].whitespace_:
        start -= 2
    return doc[start:end]


def _overlap(a_start: date | None, a_end: date | None, b_start: date | None, b_end: date | None) -> bool:
    if a_start is None or b_start is None or a_end is None or b_end is None:
        return True
    return a_start <= b_end and b_start <= a_end


def _keys(event: Event, roles: tuple[str, ...]) -> set[str]:
    return {a.mention.entity.key for a in event.arguments if a.role in roles}


@dataclass(frozen=True, slots=True)
class _HowTold:
    """What a new telling's own words say, the same whichever earlier event it is compared with."""

    another: bool  # "another attack", "a similar suit": none of those told before
    later: bool  # "since then", "afterwards": after something told before
    lemma: str

    @classmethod
    def of(cls, trigger: Trigger) -> _HowTold:
        return cls(_told_as_another(trigger), _told_as_later(trigger), trigger.token.lemma_.lower())


def _same_event(earlier: Event, later: Event, trigger: Trigger, told: _HowTold) -> bool:
    if earlier.event_type != later.event_type or told.another:
        return False
    if told.later and told.lemma not in earlier.trigger_lemmas:
        return False  # "Since then, Russia conducted air strikes": what followed the intervention
    if later.event_type in GENERIC_TYPES and told.lemma not in earlier.trigger_lemmas:
        return False  # "fell" and "rose" share a type only because neither has a specific one
    if not _overlap(earlier.earliest, earlier.latest, later.earliest, later.latest) \
            and not _news_told_again(earlier, later, trigger):
        return False
    places_a, places_b = _keys(earlier, ("place",)), _keys(later, ("place",))
    if places_a and places_b and not places_a & places_b:
        return False
    others_a, others_b = _keys(earlier, ("patient", "participant")), _keys(later, ("patient", "participant"))
    if others_a and others_b and not others_a & others_b:
        return False
    agents_a, agents_b = _keys(earlier, ("agent",)), _keys(later, ("agent",))
    if agents_a and agents_b and not agents_a & agents_b and (agents_a & others_b or agents_b & others_a):
        return False  # "Boeing challenging the decision" and "Boeing was challenged by Lockheed": roles swapped
    actors_a, actors_b = _keys(earlier, ("agent", "patient", "participant")), _keys(later, ("agent", "patient", "participant"))
    if actors_a & actors_b or (places_a & places_b and (not actors_a or not actors_b)):
        return True
    # "the delivery", and "the aircraft's delivery": a possessive makes a noun definite too
    definite = any((c.dep_ == "det" and c.lower_ in DEFINITE) or c.dep_ == "poss" for c in trigger.token.children)
    if definite and not actors_b and trigger.token.pos_ == "NOUN" and _kin(trigger.token.lemma_.lower(), earlier):
        return True
    # The same word again on the same days, one telling naming no one ("Airbus announced a delay
    # ... the delay"): one event retold. Sayings are left out: a story quotes many on one day.
    return _retold(earlier, later, trigger) and not (actors_a and actors_b)


# How far back a day told in the body may date the news that the headline tells in the present.
NEWS_REACH_DAYS = 7


# Words that make a telling another happening of its kind: "a similar suit", "another attack".
ANOTHER = {"another", "similar", "separate", "second", "third", "further", "additional"}


def _told_as_another(trigger: Trigger) -> bool:
    token = trigger.token
    nouns = [token] if token.pos_ != "VERB" else [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    return any(c.dep_ in ("det", "amod") and c.lower_ in ANOTHER for noun in nouns for c in noun.children)


def _told_as_later(trigger: Trigger) -> bool:
    """Whether the text sets the event after something it told before."""
    verb = trigger.anchor if trigger.anchor.pos_ in ("VERB", "AUX") else trigger.anchor.head
    return any(c.lower_ in FOLLOWING and c.dep_ in ("prep", "advmod") for c in verb.children)


def _news_told_again(earlier: Event, later: Event, trigger: Trigger) -> bool:
    """ "Boeing unveils new 787" over "Boeing unveiled the plane on Sunday": the headline's or
    lede's present tells the news of the day by default; the same word told with a day of the past
    week is that news, on that day."""
    if trigger.token.lemma_.lower() not in earlier.trigger_lemmas:
        return False
    lede, own = (earlier, later) if earlier.dated_by == "lede" else (later, earlier)
    return lede.dated_by == "lede" and own.dated_by == "own" and None not in (lede.earliest, own.earliest, own.latest) \
        and own.latest <= lede.earliest and (lede.earliest - own.earliest).days <= NEWS_REACH_DAYS


def _kin(lemma: str, earlier: Event) -> bool:
    """Whether a definite event noun names ``earlier`` again: its own word, or one word from one
    stem ("met ... the meeting", "withdraw ... the withdrawal"), or its type's general noun, but not
    another happening of the type ("withdrawing ... the freeing of prisoners")."""
    return any(one_stem(lemma, known) for known in earlier.trigger_lemmas) \
        or lemma in GENERAL_NOUNS.get(earlier.event_type, ())


def one_stem(lemma: str, known: str) -> bool:
    """Whether two lemmas are one word or words of one stem ("withdraw", "withdrawal"; "deliver",
    "delivery")."""
    return lemma == known or (len(known) >= 4 and lemma.startswith(known[:4]) and
                              (lemma.startswith(known) or known.startswith(lemma[:len(known) - 1])))


def _retold(earlier: Event, later: Event, trigger: Trigger) -> bool:
    """Whether ``later`` repeats ``earlier``'s word, both dated to overlapping days, and is no saying."""
    lemma = trigger.token.lemma_.lower()
    return (lemma in earlier.trigger_lemmas and later.event_type != "statement"
            and None not in (earlier.earliest, later.earliest) and lemma not in SAYING_LEMMAS)


def _absorb(target: Event, other: Event) -> None:
    target.triggers += other.triggers
    target.trigger_texts += other.trigger_texts
    target.trigger_lemmas += other.trigger_lemmas
    target.sentences += other.sentences
    known = {(a.role, a.mention.entity.key) for a in target.arguments}
    target.arguments += [a for a in other.arguments if (a.role, a.mention.entity.key) not in known]
    if _dates_the_happening(other) and not _dates_the_happening(target) or (
            other.earliest is not None and (target.earliest is None or _better_dated(other, target))
            and _dates_the_happening(other) >= _dates_the_happening(target)):
        target.timex, target.earliest, target.latest = other.timex, other.earliest, other.latest
        target.dated_by = other.dated_by
    target.mode = min(target.mode, other.mode, key=MODES.index)
    if len(other.arguments) > len(target.arguments):
        target.label = other.label  # the telling that names the most
    target.confidence = max(target.confidence, other.confidence)


def _dates_the_happening(event: Event) -> bool:
    """Whether a telling's date can be the happening's: "the ban is still in place", dated only as
    of the day of telling, says the ban holds then, not when it was imposed."""
    return event.mode not in ("description", "state") or DATING_STRENGTH[event.dated_by] < DATING_STRENGTH["lede"]


# Evidence from the event's own words beats dates lent by the sentence or the lede.
DATING_STRENGTH = {"own": 0, "relative": 1, "governing": 2, "sentence": 3, "lede": 4, "reporting": 5,
                   "narrative": 6, "publication": 7, "present": 8, "coreference": 2, "": 9}


def _better_dated(a: Event, b: Event) -> bool:
    def rank(e: Event):
        return DATING_STRENGTH[e.dated_by], (e.latest - e.earliest) if e.latest and e.earliest else None

    (strength_a, width_a), (strength_b, width_b) = rank(a), rank(b)
    if strength_a != strength_b:
        return strength_a < strength_b
    return width_a is not None and width_b is not None and width_a < width_b
