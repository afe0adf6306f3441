"""Small questions asked of spaCy's dependency parses: tense, clause boundaries, token lookup."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc, Token

from .nlp import Parsed, kept_with

__all__ = [
    "ASPECTUAL_VERBS", "INTENTION_VERBS", "LIGHT_VERBS", "MANDATIVE_VERBS", "REPORTING_VERBS", "STATE_VERBS",
    "FOLLOWING", "TEMPORAL_SIGNALS", "TIMING_PREPOSITIONS",
    "antecedent", "clause_tense", "stray_subject", "governing_verb", "is_descriptive", "is_negated", "is_unrealized", "opened_quotation",
    "tallied_so_far", "tense_callback", "token_at",
]

# Verbs (and their lemmas) that name a state or attitude rather than a happening.
STATE_VERBS = {"be", "have", "seem", "enjoy", "become", "remain", "stay", "want", "need", "know", "think", "believe",
               "feel", "like", "love", "hate", "mean", "include", "contain", "consist", "involve", "own",
               "belong", "exist", "matter", "depend", "deserve", "hope", "wish", "expect", "fear", "estimate",
               "look", "sound", "see", "let", "get", "do", "tend", "try", "use", "seek", "plan", "intend", "accord",
               "base", "locate", "situate", "comprise", "compose", "represent", "relate", "favor", "favour",
               "equal", "resemble", "lack", "anticipate", "operate", "owe", "require", "list", "face", "consider",
               # measures: "sold 13.7 million Macs, totaling $22 billion"
               "total", "amount", "number", "weigh", "measure"}
# Verbs whose object or subject names the event ("made a visit", "held talks", "talks began").
LIGHT_VERBS = {"make", "hold", "conduct", "carry", "launch", "stage", "mount", "pay", "take", "have",
               "give", "lead", "host", "undertake", "perform", "wage", "hold"}
ASPECTUAL_VERBS = {"begin", "start", "continue", "resume", "end", "finish", "conclude", "complete",
                   "open", "close", "stop", "halt", "cease", "take place", "occur", "happen", "come", "kick"}
# Saying is not the thing said: in "X said Y happened", Y keeps Y's own date.
REPORTING_VERBS = {"say", "report", "tell", "cite", "claim", "state", "add", "note", "write", "quote",
                   "confirm", "announce", "insist", "believe", "think", "expect", "hope", "fear", "estimate"}
# Verbs (and adjectives) whose infinitive complement lies ahead: "planned to leave", "set to resume".
INTENTION_VERBS = {"plan", "schedule", "set", "expect", "intend", "agree", "prepare", "ready", "aim", "hope",
                   "want", "wish", "decide", "promise", "pledge", "vow", "threaten", "propose", "due", "likely",
                   "go", "mean", "seek", "offer", "vote", "move", "arrange", "commit", "poised"}
# Verbs whose infinitive tells what someone means to do, not what was done.
INTENDING_VERBS = {"intend", "plan", "want", "hope", "aim", "seek", "wish", "mean", "expect", "propose", "try",
                   "attempt", "prepare", "need", "like", "love", "hate", "willing", "eager", "keen", "unwilling",
                   "prepared", "ready"}
# Verbs that give leave or means: what they let happen has not happened by their telling
# ("allows users to record video", "Boeing allowed to bid again").
PERMITTING_VERBS = {"allow", "enable", "permit", "let", "authorize", "authorise", "entitle", "empower"}
# Verbs that tell someone to do something: the doing is the order's content, not yet a happening.
DIRECTIVE_VERBS = {"order", "urge", "ask", "tell", "instruct", "call", "command", "invite", "request", "advise",
                   "encourage", "press", "pressure", "direct"}
# Verbs whose "that" clause tells what should be done: "recommended that the tubes be replaced".
MANDATIVE_VERBS = {"recommend", "request", "demand", "propose", "urge", "require", "order", "ask", "command", "advise"}
# Verbs whose clause is content with a time of its own: what is said, and what is asked for.
CONTENT_VERBS = frozenset(REPORTING_VERBS | MANDATIVE_VERBS)
# Modals of what may, might, can, would or ought to happen: nothing has happened yet ("could face
# charges", "it can seat 150 people", "said it would cut jobs").
HYPOTHETICAL_MODALS = {"could", "might", "may", "should", "must", "can", "ca", "would"}
# Clauses of what need not happen: "if it rains", "unless they pay".
CONDITION_MARKS = {"if", "unless"}
# Words that put one event before or after another: dates do not flow across them.
TEMPORAL_SIGNALS = {"after", "before", "since", "until", "till", "prior", "following", "ahead"}
# Words that place what they modify after something told before ("since then", "after that", "later").
FOLLOWING = {"since", "after", "afterwards", "afterward", "later", "subsequently", "thereafter"}
# Prepositions that time a clause against another happening ("after the crash", "amid protests");
# not "during": who does something during a speech or a keynote is usually the one giving it.
TIMING_PREPOSITIONS = TEMPORAL_SIGNALS | {"amid", "amidst"}


def token_at(parsed: Sequence[Parsed], offset: int) -> tuple[Parsed, Token] | None:
    """The token covering the article character ``offset``, with its paragraph."""
    for part in parsed:
        local = offset - part.offset
        if 0 <= local < part.length:
            span = part.doc.char_span(local, local + 1, alignment_mode="expand")
            return (part, span[0]) if span is not None and len(span) else None
    return None


def governing_verb(token: Token) -> Token | None:
    """The nearest verb at or above ``token`` in the parse."""
    for node in (token, *token.ancestors):
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "aux":
            return node
    return None


def clause_tense(token: Token) -> str | None:
    """ "past", "present" or "future" for the clause that governs ``token`` (None if no verb)."""
    verb = governing_verb(token)
    if verb is None:
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if not auxes and verb.dep_ == "conj" and verb.tag_ in ("VBG", "VBN") and verb.head.pos_ in ("VERB", "AUX"):
        return clause_tense(verb.head)  # "is investigating and prosecuting": the auxiliary serves both
    words = {a.lower_ for a in auxes}
    if words & {"will", "'ll", "shall", "wo"}:
        return "future"
    if verb.tag_ == "VB" and "to" in words and verb.head.i != verb.i:
        # An infinitive happens after the verb it completes: what is scheduled, planned or agreed
        # ("planned to leave on Thursday", "is to resume trading Tuesday") lies ahead even when
        # told in the past; what was tried or managed keeps its verb's tense.
        governing = clause_tense(verb.head)
        if verb.head.lemma_.lower() in INTENTION_VERBS or governing in ("present", "future"):
            return "future"
        return governing
    if any(a.lemma_ == "be" for a in auxes) and any(c.dep_ == "xcomp" for c in verb.children) and verb.lower_ == "going":
        return "future"
    if any(a.tag_ == "VBD" for a in auxes) or verb.tag_ == "VBD":
        return "past"
    if words & {"has", "have", "'ve"} and verb.tag_ == "VBN":
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or words & {"is", "are", "am"}:
        return "present"
    if verb.tag_ == "VBN":
        return "past"
    return None


def tense_callback(parsed: Sequence[Parsed]):
    """A ``tense_of(start, end)`` function for the temporal tagger, backed by the parses."""

    def tense_of(start: int, end: int) -> str | None:
        found = token_at(parsed, start)
        return clause_tense(found[1]) if found else None

    return tense_of


def is_negated(token: Token) -> bool:
    """ "did not meet", and "no successor was named": a subject with "no" negates its verb too."""
    return any(c.dep_ == "neg" or (c.dep_ in ("nsubj", "nsubjpass") and any(d.dep_ == "det" and d.lower_ == "no"
                                                                            for d in c.children))
               for c in token.children)


def is_descriptive(verb: Token) -> bool:
    """A verb that tells what holds, not what happened: the simple present with no auxiliary or in
    the passive (in a story's body: "the iPhone plays music", "airliners are selected by the
    government"; headlines and saying verbs, which the caller keeps, tell news in the present) and
    a participle describing a noun ("the 787, already bearing ANA's livery", "a jet built by
    Boeing")."""
    if verb.dep_ == "acl" and verb.tag_ in ("VBG", "VBN"):
        return True  # "an A330 equipped with the new tubes", "Pixar, founded by Steve Jobs"
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if verb.tag_ == "VBN" and any(a.lower_ in ("has", "have") for a in auxes) and (_since(verb) or verb.dep_ == "relcl"):
        # "has suffered incidents since it opened": what has held over a stretch of time; "iLife,
        # which has added publishing software": what a thing has come to be
        return True
    if verb.tag_ == "VBN" and auxes and all(a.dep_ == "auxpass" and a.lower_ in ("is", "are") for a in auxes):
        return True  # "airliners are selected by the government", "the plane is built with four engines"
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and not auxes and any(
            c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return True  # "as stated on the Apple website", "as expected": a reference, not a happening
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and not auxes and any(
            c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "if", "once", "whenever") for c in verb.children):
        return True  # "calls dropped when held in a certain way": whenever it happens
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj") and not auxes and verb.head is not verb \
            and verb.head.pos_ in ("VERB", "AUX") and is_descriptive(verb.head):
        return True  # "the iPod features wi-fi, enabling users to browse": part of the description
    if verb.tag_ == "VBG" and any(a.lower_ in ("has", "have") for a in auxes) and any(a.lower_ == "been" for a in auxes):
        return True  # "the features have been shipping for a week": an activity going on, not one happening
    return verb.tag_ in ("VBZ", "VBP") and not auxes


def _since(verb: Token) -> bool:
    """Whether a "since" phrase or clause modifies ``verb``."""
    return any((c.lower_ == "since" and c.dep_ in ("prep", "mark"))
               or any(g.dep_ == "mark" and g.lower_ == "since" for g in c.children) for c in verb.children)


# Nouns whose "of" clause tells what may come: "the possibility of challenging", "the risk of losing".
PROSPECT_NOUNS = {"possibility", "chance", "risk", "threat", "prospect", "likelihood", "hope", "fear", "danger",
                  "option", "idea", "thought", "question", "probability", "odds"}


def is_unrealized(verb: Token) -> bool:
    """A verb that tells what may, should or would happen, not what happened: the content of a
    noun ("a contract to supply tankers", "a plan to build"), a condition ("if aircraft are
    purchased"), an alternative set aside ("rather than recall", "instead of raising") and a
    hypothetical modal ("could face"). "The first jet to land in Sydney" did land."""
    if any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL_MODALS for c in verb.children):
        return True
    node = verb
    while node.dep_ == "conj" and node.head is not node:
        node = node.head  # "rather than recall the devices or offer a fix": both are set aside
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
    if infinitive and node.dep_ in ("xcomp", "ccomp") and (node.head.lemma_.lower() in INTENDING_VERBS
                                                 or (node.head.lemma_ == "be" and node.head.tag_ == "VBD")):
        return True  # "intend to fit them with gyms", "were to take delivery in May" (but "is to resume")
    if infinitive and node.dep_ == "xcomp" and node.head.lemma_ == "have" and node.head.tag_ in ("VBP", "VBZ"):
        return True  # "has to pay", "have options to exercise by 2018": what is owed or open is to come
    if node.dep_ in ("xcomp", "ccomp") and node.head.lemma_.lower() in PERMITTING_VERBS:
        return True
    if infinitive and node.dep_ == "xcomp" and node.head.lemma_.lower() in DIRECTIVE_VERBS:
        return True  # "ordered his troops to start pulling out": what is ordered is yet to be done
    if node.dep_ == "ccomp" and node.head.lemma_.lower() in MANDATIVE_VERBS:
        return True  # "recommended that the tubes be replaced"
    if node.dep_ == "pcomp" and node.head.dep_ == "prep" and node.head.head.pos_ == "VERB" \
            and is_unrealized(node.head.head):
        return True  # "in an attempt to block him from joining Apple"
    if infinitive and node.dep_ == "advcl" and not any(c.dep_ == "advmod" and c.lower_ in ("only", "just")
                                                        for c in node.children):
        return True  # "selected Northrop on February 29 to build the aircraft": a purpose, not yet done
    if (infinitive or node.tag_ == "VBG") and node.dep_ in ("advcl", "xcomp") and node.head is not node \
            and is_unrealized(node.head):
        # "willing to contribute $12 million to fund a search": the purpose of a plan is planned;
        # "plans to commence operations starting in April": so is how it goes about it
        return True
    if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN") and infinitive:
        return not any(c.lower_ in ("first", "last", "only") or c.ent_type_ == "ORDINAL" or c.tag_ == "JJS"
                       for c in node.head.children)
    marks = {c.lower_ for c in node.children if c.dep_ == "mark"}
    if node.dep_ == "advcl" and (marks & CONDITION_MARKS or ("than" in marks and any(c.lower_ == "rather"
                                                                                     for c in node.children))):
        return True
    if node.dep_ == "pcomp" and node.head.lower_ == "of" and node.head.head.lemma_.lower() in PROSPECT_NOUNS:
        return True  # "a possibility of Boeing challenging the decision", "the risk of losing the order"
    return node.dep_ == "pcomp" and node.head.lower_ == "of" and any(c.lower_ == "instead" for c in node.head.children)


def tallied_so_far(verb: Token) -> bool:
    """ "So far, Boeing has received five orders", "to date, it has sold 2 million": a perfect summed
    up to now tells a tally that holds, not one happening."""
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
    return perfect and any(
        c.dep_ == "advmod" and c.lower_ == "far" and any(m.lower_ in ("so", "thus") for m in c.children)
        or c.dep_ == "prep" and c.lower_ == "to" and any(o.lower_ == "date" for o in c.children)
        for c in verb.children)


QUOTE_MARKS = {'"', "``", "''", "\u201c", "\u201d"}


def opened_quotation(token: Token) -> bool:
    """Whether ``token`` stands inside a quotation, counting the quote marks of its paragraph
    before it (a quotation may run over several sentences). Taggers often take an opening mark for
    a closing one, so the kind of mark is not trusted: a paragraph began inside a quotation when
    its first mark follows punctuation and comes right before a saying ("... into the cloud," said
    Jobs during the keynote)."""
    marks, began_inside = kept_with(token.doc, "timeline_kg.quote_marks", _quote_marks)
    return (bisect.bisect_left(marks, token.i) % 2 == 1) != began_inside


def _quote_marks(doc: Doc) -> tuple[list[int], bool]:
    """Where a paragraph's quote marks are (token indices), and whether it began inside a quotation."""
    marks = [t.i for t in doc if t.text in QUOTE_MARKS]
    return marks, bool(marks) and _closes_before_saying(doc[marks[0]])


def _closes_before_saying(mark: Token) -> bool:
    doc = mark.doc
    if mark.i + 1 < len(doc) and doc[mark.i + 1].lower_ in ("i", "we", "you"):
        return False  # '"We think it is the future," said Jobs': a quotation opening on its speaker
    return mark.i > 0 and doc[mark.i - 1].is_punct and any(
        t.lemma_.lower() in REPORTING_VERBS | {"explain", "comment"} for t in doc[mark.i + 1: mark.i + 4])


def antecedent(noun: Token, pronoun: str) -> Token:
    """The noun a relative clause speaks of. Parsers hang "who" on the nearest noun: in "Charles
    O'Reilly, an expert at Stanford University, who stated", who is the person, not the university."""
    node = noun
    while pronoun == "who" and node.ent_type_ != "PERSON":
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            node = node.head.head
        elif node.dep_ == "appos":
            node = node.head
        else:
            return noun
    return node


def stray_subject(token: Token) -> bool:
    """Whether ``token`` is one of two subjects the parser gave one verb without joining them: a
    title split at its hyphen ("Apple Inc. co-founder Steve Jobs dies": "co" and "Jobs"). The
    subject next to the verb is its own."""
    return token.dep_ == "nsubj" and any(c.dep_ == "nsubj" and c.i > token.i for c in token.head.children)
