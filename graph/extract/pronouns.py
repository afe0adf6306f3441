"""What the parse says a pronoun or a definite description may stand for.

In: spaCy tokens of one paragraph. Out: yes/no answers the resolver in :mod:`.entities` asks before
it lets "it", "its", "he" or "the company" stand for an entity seen before: whether "it" stands for
nothing ("it is expected that"), for a thing its clause or the sentence before tells of, or for
what its own sentence quotes; whether a word is inside quotation marks; who a saying verb's
speaker is.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from .nlp import NER_KINDS, kept_with

__all__ = [
    "ORGANIZATION_NOUNS", "QUOTES", "SAYING_VERBS",
    "clause_subject", "follows_a_thing", "in_clause_about_a_thing", "inside_quote_marks", "is_expletive", "is_subject",
    "owned_by_a_thing", "quoted_without_a_person", "saying_subject", "thing_that_says",
]

# Verbs that introduce what a quotation's speaker says.
SAYING_VERBS = {"say", "tell", "add", "state", "conclude", "explain", "write", "announce", "insist", "note",
                "comment", "declare", "recall", "warn"}
# Quotation marks as the text writes them (the tagger's ``` `` ``` and ``''`` aside).
QUOTES = "\"\u201c\u201d"
# Definite descriptions of an organization's kind: "the company", "the airline".
ORGANIZATION_NOUNS = {"company", "firm", "corporation", "airline", "carrier", "manufacturer", "maker", "automaker",
                      "carmaker", "planemaker", "airframer", "retailer", "bank", "lender", "insurer", "conglomerate",
                      "giant", "group", "consortium", "startup", "operator", "supplier", "publisher", "broadcaster"}


def is_expletive(it: Token) -> bool:
    """ "It is expected that ...", "it was decided to ...", "it rained": an "it" that stands for nothing."""
    verb = it.head
    return it.dep_ == "expl" or any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in verb.children) and \
        (verb.lemma_ == "be" or any(c.dep_ == "auxpass" for c in verb.children))


def in_clause_about_a_thing(it: Token) -> bool:
    """ "the airport, which has had incidents since it opened": inside a relative clause, "it" is
    the noun the clause tells of, here no organization."""
    clause = next((a for a in it.ancestors if a.dep_ == "relcl"), None)
    return clause is not None and clause.head.ent_type_ not in ("ORG", "PERSON")


def clause_subject(token: Token) -> Token | None:
    """The subject of the clause ``token`` stands in: of the first verb above it."""
    verb = token.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
        verb = verb.head
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def owned_by_a_thing(its: Token) -> bool:
    """ "songs had been downloaded from the iTunes store since its launch": when its clause tells of
    things, "its" is the nearest thing named before it, not the last company of the story."""
    subject = clause_subject(its)
    if subject is None or not is_a_thing(subject):
        return False
    nearest = next((t for t in reversed(its.doc[its.sent.start:its.i]) if t.pos_ in ("NOUN", "PROPN")
                    and t.tag_ in ("NN", "NNP") and t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")), None)
    return nearest is not None and is_a_thing(nearest)


def is_a_thing(noun: Token) -> bool:
    """A common noun naming no company, person or place ("the store", "songs")."""
    return noun.pos_ == "NOUN" and noun.ent_type_ not in NER_KINDS and noun.lemma_.lower() not in ORGANIZATION_NOUNS \
        and not any(t.ent_type_ in ("ORG", "PERSON", "GPE") for t in noun.subtree if t.dep_ in ("compound", "poss"))


def thing_that_says(it: Token) -> bool:
    """ "An email to the Secretary advises him: '...', it said": the "it" that says what its own
    sentence quotes is the thing that sentence opened on (an email, a report, a statement), when it
    opened on one rather than on a name or a company."""
    if it.dep_ != "nsubj" or it.head.lemma_.lower() not in SAYING_VERBS:
        return False
    opening = next((t for t in it.sent if t.dep_ in ("nsubj", "nsubjpass") and t.i < it.i
                    and not inside_quote_marks(t)), None)
    return opening is not None and opening.pos_ == "NOUN" and not opening.ent_type_ \
        and opening.lemma_.lower() not in ORGANIZATION_NOUNS


def inside_quote_marks(token: Token) -> bool:
    """Whether an odd number of quote marks stands before ``token`` in its paragraph."""
    # ``doc.text`` is a pass over every token: its quote marks are found once per paragraph
    offsets = kept_with(token.doc, "timeline_kg.quote_mark_offsets",
                        lambda doc: [i for i, char in enumerate(doc.text) if char in QUOTES])
    return bisect.bisect_left(offsets, token.idx) % 2 == 1



def quoted_without_a_person(pronoun: Token) -> bool:
    """ "'Blow him away. He admits they were not qualified!'": in quoted words, "he" is someone of
    the speaker's story; unless the quoted sentence names a person first, the article's last one
    is no better a guess than any."""
    return inside_quote_marks(pronoun) and not any(e.label_ == "PERSON" and e.end <= pronoun.i for e in pronoun.sent.ents)


def follows_a_thing(it: Token) -> bool:
    """ "The final 717 was the 15,599th plane built there. It also marked the end of an era": an "it"
    that opens a clause after a sentence about a thing is that thing, not the last organization."""
    if it.dep_ != "nsubj" or it.head.dep_ != "ROOT" or it.sent.start == 0:
        return False
    before = it.doc[it.sent.start - 1].sent
    subject = next((c for c in before.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN", "NUM"):
        return False
    product = any(t.ent_type_ == "PRODUCT" for t in subject.subtree)  # "the final Boeing 717"
    named = subject.ent_type_ in NER_KINDS  # a number ("the final 717") names no one
    return product or (not named and subject.lemma_.lower() not in ORGANIZATION_NOUNS)


def is_subject(token: Token) -> bool:
    """A clause's subject, or a name set beside it ("The new minister, Rosa Martinez, was sworn in")."""
    return token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass"))


def saying_subject(verb: Token) -> Token | None:
    """Who says: the verb's subject, or for a participle or a coordinated verb without one, the
    subject of the verb it hangs on ("Jobs resigned in a letter stating, 'I have always said'")."""
    for node in (verb, verb.head, verb.head.head):
        subject = next((c for c in node.children if c.dep_ == "nsubj"), None)
        if subject is not None or node.dep_ not in ("advcl", "conj", "xcomp", "acl"):
            return subject
    return None
