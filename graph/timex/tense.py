"""A light tense guess for the clause around a temporal expression, when no parser is at hand.

The nearest tense marker in the sentence wins: ``will``/``'ll``/``shall``/``going to``/``is to``
point to the future, ``was``/``did``/``had``/``-ed`` forms/irregular past forms to the past, ``is``
/``are``/``says`` to the present. Nearest matters because news sentences mix clauses ("X said
Friday it will meet Y on Monday").
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["guess_tense", "sentence_bounds"]

_FUTURE = re.compile(
    r"\b(?:will|shall|won't|going\s+to|(?:is|are|am)\s+(?:due\s+)?to|plans?\s+to|intends?\s+to|"
    r"scheduled|expected\s+to|set\s+to|due\s+to|would|plann(?:ed|ing)|payable|as\s+soon\s+as|"
    r"upcoming|ahead\s+of)\b|'ll\b",
    re.I,
)
_IRREGULAR_PAST = (
    "was were did had said met went came took made gave told began left found held got knew saw "
    "thought brought bought fell rose won lost sold paid spent struck led ran wrote spoke became "
    "sent built fought flew drove broke chose grew hid kept meant rode sat slept stood stole swore "
    "taught threw understood woke wore shot caught sought fled felt heard laid lay dealt drew "
    "forgot forgave froze hung overcame oversaw withdrew undertook ate drank sang swam"
).split()
_PAST = re.compile(r"\b(?:" + "|".join(_IRREGULAR_PAST) + r"|[a-z]{2,}(?:ed|ied))\b")
_NOT_PAST = {"need", "speed", "seed", "feed", "breed", "bleed", "indeed", "hundred", "red", "bed", "shed", "weed", "proceed", "succeed", "exceed"}
# Future markers that also serve as adjectives before a noun ("a planned strike").
_ATTRIBUTIVE_FUTURE = {"planned", "scheduled"}
_PARTICIPLE_AFTER = re.compile(r"\b(?:be|been|being|have|has)\s+$", re.I)
# "an unspecified date", "the planned merger": an -ed word after a determiner is an adjective.
_ADJECTIVE_AFTER = re.compile(r"\b(?:a|an|the|its|their|his|her|our|this|these|those)\s+(?:[a-z]+ly\s+|still\s+|yet\s+)?$", re.I)
# "by" + a noun phrase names a passive agent; "by 5%", "by about half" measure an active change.
_AGENT_AFTER = re.compile(r"\s+by\s+(?:(?:the|a|an|its|their|his|her|our|this|these|those)\b|(?-i:[A-Z]))", re.I)
_PLUPERFECT_BEFORE = re.compile(r"\bhad\s+(?:been\s+)?(?:[a-z]+ly\s+)?$", re.I)
_REPORTING = {"said", "says", "told", "added", "reported", "announced", "stated", "noted", "explained", "declared"}
_REPORTING_REACH = 12
_PRESENT = re.compile(r"\b(?:is|are|am|says|does|do)\b", re.I)
# A period after an initial ("Daniel P. Davison") or a title ("Mr. Schwarz") ends no sentence.
# The look-behinds follow the stop so that they run only where there is one.
_NO_END_AFTER = "".join(rf"(?<!\b{word}\.)" for word in ("[A-Z]", "Mr", "Mrs", "Ms", "Dr", "Gen", "Gov", "Sen", "Rep", "Lt", "Col", "Sgt", "Capt", "Prof", "Rev", "St"))
_SENTENCE_END = re.compile(r"[.!?]" + _NO_END_AFTER + r"['\"”’)]*\s+(?=[A-Z\"“‘'(`])|\n\s*\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Character range of the sentence holding ``text[start:end]`` (a punctuation heuristic)."""
    left = 0
    window_start = max(0, start - 600)
    for match in _SENTENCE_END.finditer(text, window_start, start):
        left = match.end()
    left = max(left, window_start)
    following = _SENTENCE_END.search(text, end, min(len(text), end + 600))
    right = following.start() + 1 if following else min(len(text), end + 600)
    return left, right


def guess_tense(text: str, start: int, end: int) -> str | None:
    """Guess "past", "present" or "future" for the clause governing ``text[start:end]``.

    Parameters
    ----------
    text : str
        The document text.
    start, end : int
        The expression's character offsets.

    Returns
    -------
    str or None
        The tense of the nearest marker in the sentence (ties go to the future, which is
        marked explicitly in English), or None when the sentence has no marker.

    Examples
    --------
    >>> t = "Talks will resume on Monday."
    >>> guess_tense(t, t.index("Monday"), t.index("Monday") + 6)
    'future'
    """
    left, right = sentence_bounds(text, start, end)
    best: tuple[int, int, int, str] | None = None
    for rank, tense, m_start, m_end, word in _markers(text, left, right):
        if m_start < end and m_end > start:
            continue  # a marker inside the expression itself ("the past") says nothing
        distance = start - m_end if m_end <= start else m_start - end
        # "X will meet Y on Monday, Z said": a distant "said" frames the sentence rather than
        # dating the expression, so it only counts when nothing else marks a tense.
        framing = int(word in _REPORTING and (distance > _REPORTING_REACH or _quote_between(text, end, m_start, start, m_end))
                      or m_start >= end and _inside_aside(text, end, m_start, right))
        # Markers after the expression count a bit less: English puts the verb first.
        distance = distance if m_end <= start else distance + 5
        candidate = (framing, distance, rank, tense)
        if best is None or candidate < best:
            best = candidate
    return best[3] if best else None


_QUOTE_MARK = re.compile(r"''|\"|”|“|``")
_ASIDE_OPENING = re.compile(r",\s+(?:[a-z]+ly\s+)?[a-z]+ing\b")


def _inside_aside(text: str, end: int, m_start: int, right: int) -> bool:
    """Whether a marker after the expression sits in a participial aside set off by commas:
    "On April 8, investigators, wondering whether he would be seen, searched the site" -- the
    aside's "would" does not date the clause; "searched" does."""
    opening = None
    for opening in _ASIDE_OPENING.finditer(text, end, m_start):
        pass
    if opening is None or "," in text[opening.end() : m_start]:
        return False
    return "," in text[m_start:right]


def _quote_between(text: str, end: int, m_start: int, start: int, m_end: int) -> bool:
    """Whether a quotation mark separates the expression from a marker: ``"We leave Friday,"
    she said`` -- the saying frames the quotation, it does not date what is inside it."""
    left, right = (end, m_start) if m_start >= end else (m_end, start)
    return _QUOTE_MARK.search(text, left, right) is not None


@lru_cache(maxsize=512)
def _markers(text: str, left: int, right: int) -> tuple[tuple[int, str, int, int, str], ...]:
    """The tense markers of ``text[left:right]``: (rank, tense, start, end, lowercased word),
    without the ones that never count (nouns in -ed, participles after an auxiliary). Cached:
    the expressions of one sentence share it."""
    found = []
    for rank, (pattern, marked) in enumerate(((_FUTURE, "future"), (_PAST, "past"), (_PRESENT, "present"))):
        for match in pattern.finditer(text, left, right):
            word, tense = match.group(0).lower(), marked
            if tense == "future" and _PLUPERFECT_BEFORE.search(text, max(0, match.start() - 24), match.start()):
                tense = "past"  # "had been due to expire Friday": a plan seen from the past, overtaken since
            if tense == "future" and word in _ATTRIBUTIVE_FUTURE and _ADJECTIVE_AFTER.search(text, max(0, match.start() - 24), match.start()):
                continue  # "the hastily planned trip": an adjective, the clause's verb has the tense
            if tense == "past" and word in _NOT_PAST:
                continue
            if tense == "past" and _PARTICIPLE_AFTER.search(text, max(0, match.start() - 12), match.start()):
                continue  # "will be held", "has been delayed": a participle, its auxiliary has the tense
            if tense == "past" and word not in _IRREGULAR_PAST and _ADJECTIVE_AFTER.search(text, max(0, match.start() - 24), match.start()):
                continue
            if tense == "past" and word not in _IRREGULAR_PAST and _AGENT_AFTER.match(text, match.end()):
                continue  # "markets untouched by the crisis": a passive participle, its auxiliary (if any) has the tense
            found.append((rank, tense, match.start(), match.end(), word))
    return tuple(found)
