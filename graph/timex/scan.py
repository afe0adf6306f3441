"""Exact, fast matching of the tagger's rules: try a rule only where its anchor words occur.

Scanning a whole article with each of forty regexes costs a regex attempt at every character per
rule; most of the tagger's time went there. Every match of a rule contains one of a few *anchor*
words ("year", "Monday", a digit before "a.m."), found cheaply with a case-sensitive pattern on
the lowercased text (a literal first character lets the regex engine skip ahead). A match starts
at most ``reach`` whitespace runs before its anchor, ``reach`` read off the rule's own regex
(:func:`reach`), so the rule is tried with ``pattern.match`` only at the word starts of that
window. Walking those candidates left to right and skipping those inside the previous match
yields exactly the matches ``pattern.finditer`` yields (see :meth:`Scan.matches`).

A rule without an anchor, with an unbounded reach, or a text whose lowercasing would not align
with the regex engine's case folding (``İ``, ``ı``, ``ſ``) falls back to ``finditer``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from re import _constants as C  # noqa: N812  (the parser's opcodes)
from re import _parser

__all__ = ["Anchor", "Scan", "reach"]

_CHUNK = re.compile(r"\S+")
_INNER_START = re.compile(r"[^\w\s-](?=\S)")  # a word start inside a chunk: after "(", '"', "$"...
# Characters whose lowercase is not one character, or that match an ASCII letter under re.I
# without lowercasing to it (tests/test_timex_properties.py recomputes this set).
CASE_MISFITS = re.compile("[\u0130\u0131\u017f]")
_WHITESPACE = tuple(re.findall(r"\s", "".join(map(chr, range(0x3001)))))  # U+3000 is the last


def _in_set_matches(items: list, char: str) -> bool:
    """Whether an ``IN`` set of the parser matches ``char`` (only whitespace is ever asked)."""
    negate, hit = False, False
    for op, av in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            hit |= av == ord(char)
        elif op is C.RANGE:
            hit |= av[0] <= ord(char) <= av[1]
        elif op is C.CATEGORY:
            hit |= av in (C.CATEGORY_SPACE, C.CATEGORY_NOT_DIGIT, C.CATEGORY_NOT_WORD, C.CATEGORY_LINEBREAK
                          ) or (av is C.CATEGORY_NOT_LINEBREAK and char not in "\n")
        else:  # an opcode this analysis does not know: assume it may match
            hit = True
    return hit != negate


def _can_be_space(op: object, av: object) -> bool:
    if op is C.LITERAL:
        return chr(av) in _WHITESPACE
    if op is C.IN:
        return any(_in_set_matches(av, w) for w in _WHITESPACE)
    return op in (C.NOT_LITERAL, C.ANY)


def _only_space(sub: _parser.SubPattern) -> bool:
    """Whether ``sub`` is one character that can only be whitespace (``\\s``, a space)."""
    if len(sub.data) != 1:
        return False
    op, av = sub.data[0]
    if op is C.LITERAL:
        return chr(av) in _WHITESPACE
    return op is C.IN and all(item == (C.CATEGORY, C.CATEGORY_SPACE) for item in av)


_SINGLE = (C.LITERAL, C.NOT_LITERAL, C.IN, C.ANY)
_ZERO_WIDTH = (C.AT, C.ASSERT, C.ASSERT_NOT)
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))


def _runs(sub: _parser.SubPattern) -> int | None:
    """Upper bound on the whitespace runs a match of ``sub`` consumes; None when unbounded."""
    total = 0
    for op, av in sub.data:
        if op in _SINGLE:
            count = int(_can_be_space(op, av))
        elif op in _ZERO_WIDTH:
            count = 0
        elif op is C.SUBPATTERN:
            count = _runs(av[3])
        elif op is C.BRANCH:
            counts = [_runs(alt) for alt in av[1]]
            count = None if None in counts else max(counts)
        elif op in _REPEATS:
            low, high, item = av
            inner = _runs(item)
            if inner is None:
                return None
            if inner == 0 or _only_space(item):
                count = inner  # repeated whitespace characters stay one run
            elif high is C.MAXREPEAT:
                return None
            else:
                count = inner * high
        else:  # back-references, conditionals...: give up
            return None
        if count is None:
            return None
        total += count
    return total


def _opening(sub: _parser.SubPattern) -> tuple[bool, bool]:
    """(may the first consumed character be whitespace, may the match be empty)."""
    for op, av in sub.data:
        if op in _SINGLE:
            return _can_be_space(op, av), False
        if op in _ZERO_WIDTH:
            continue
        if op is C.SUBPATTERN:
            space, empty = _opening(av[3])
        elif op is C.BRANCH:
            results = [_opening(alt) for alt in av[1]]
            space, empty = any(r[0] for r in results), any(r[1] for r in results)
        elif op in _REPEATS:
            space, empty = _opening(av[2])
            empty = empty or av[0] == 0
        else:
            return True, True
        if space:
            return True, empty
        if not empty:
            return False, False
    return False, True


_GUARD = repr(_parser.parse(r"(?<![\w-])").data[0])


@dataclass(frozen=True)
class Anchor:
    """Where a rule can match: near the occurrences of ``words`` or ``regex`` in the text.

    One of them occurs inside every match of the rule. They are searched in the lowercased text
    (in the text itself when ``cased``: for names the rule only accepts capitalized). ``reach``
    bounds the whitespace runs a match spans (None: unbounded, the rule scans everything);
    ``guarded``: every match starts at a word start (the ``(?<![\\w-])`` guard rules begin with).
    """

    words: tuple[str, ...]
    regex: re.Pattern[str] | None
    cased: bool
    reach: int | None
    guarded: bool
    confirm: re.Pattern[str] | None = None

    @classmethod
    def of(cls, anchor: str, rule: re.Pattern[str], cased: bool = False, confirm: str | None = None) -> Anchor:
        """The anchor regex ``anchor`` for the rule regex ``rule``; its alternatives that are
        plain words are looked up with ``str.find``, the others with one regex. A word
        occurrence only counts where ``confirm`` matches (at the word, lookbehinds allowed)."""
        words, others = [], []
        for alternative in _top_level_alternatives(anchor):
            (words if _PLAIN.fullmatch(alternative) else others).append(alternative)
        runs, guarded = reach(rule)
        regex = re.compile("|".join(others)) if others else None
        return cls(tuple(words), regex, cased, runs, guarded, re.compile(confirm) if confirm else None)


_PLAIN = re.compile(r"[\w' -]+")


def _top_level_alternatives(regex: str) -> list[str]:
    parts, depth, escaped, current = [], 0, False, []
    for char in regex:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    return [*parts, "".join(current)]


def reach(pattern: re.Pattern[str]) -> tuple[int | None, bool]:
    """How many whitespace runs a match of ``pattern`` can span (None when unbounded or when the
    match may be empty), and whether every match starts with the ``(?<![\\w-])`` guard and a
    character that is not whitespace.

    >>> reach(re.compile(r"(?<![\\w-])the\\s+(?:past\\s+)?year", re.I))
    (2, True)
    >>> reach(re.compile(r"(?<![\\w-])year-end|year\\s+end", re.I))
    (1, False)
    """
    parsed = _parser.parse(pattern.pattern, pattern.flags)
    space, empty = _opening(parsed)
    if empty:
        return None, False
    head = parsed.data[0]
    guarded = head[0] is C.ASSERT_NOT and repr(head) == _GUARD and not space
    return _runs(parsed), guarded


class Scan:
    """One document's text, lowercased and cut into chunks once, for all rules.

    >>> rule = re.compile(r"(?<![\\w-])(?:last|next)\\s+year(?!\\w)", re.I)
    >>> scan = Scan("Sales rose last year and will fall next  year.")
    >>> [m.group(0) for m in scan.matches(rule, Anchor.of("year", rule))]
    ['last year', 'next  year']
    """

    def __init__(self, text: str) -> None:
        self.text = text
        low = text.lower()
        self.low = low if len(low) == len(text) and not CASE_MISFITS.search(text) else None
        self._chunks: list[int] | None = None
        self._starts: list[int] | None = None
        self._found: dict[tuple[object, ...], list[int]] = {}  # occurrences per anchor, per word

    def _index(self) -> tuple[list[int], list[int]]:
        if self._chunks is None:
            self._chunks = [m.start() for m in _CHUNK.finditer(self.text)]
            inner = [m.end() for m in _INNER_START.finditer(self.text)]
            self._starts = sorted(set(self._chunks).union(inner)) if inner else self._chunks
        assert self._starts is not None
        return self._chunks, self._starts

    def _occurrences(self, anchor: Anchor) -> list[int]:
        """Sorted start offsets of every occurrence (overlapping ones too) of the anchor."""
        key = (anchor.words, anchor.regex, anchor.cased, anchor.confirm)
        if key in self._found:
            return self._found[key]
        haystack = self.text if anchor.cased else self.low
        assert haystack is not None
        found: set[int] = set()
        for word in anchor.words:
            if anchor.confirm is None:
                found.update(self._word(word, haystack, anchor.cased))
            else:
                confirm = anchor.confirm.match
                found.update(at for at in self._word(word, haystack, anchor.cased) if confirm(haystack, at))
        if anchor.regex is not None:
            match = anchor.regex.search(haystack)
            while match is not None:
                found.add(match.start())
                match = anchor.regex.search(haystack, match.start() + 1)
        self._found[key] = sorted(found)
        return self._found[key]

    def _word(self, word: str, haystack: str, cased: bool) -> list[int]:
        key = (word, cased)
        if key not in self._found:
            positions, at = [], haystack.find(word)
            while at >= 0:
                positions.append(at)
                at = haystack.find(word, at + 1)
            self._found[key] = positions
        return self._found[key]

    def matches(self, pattern: re.Pattern[str], anchor: Anchor | None) -> Iterator[re.Match[str]]:
        """The matches ``pattern.finditer(text)`` yields, found from ``anchor``'s occurrences.

        Every match of ``pattern`` must contain an occurrence of the anchor. The candidates are
        the word starts (with an unguarded pattern, all positions) from ``anchor.reach`` chunks
        before an occurrence up to it; a leftmost-first walk over them, each tried with
        ``pattern.match`` and skipped when inside the last match, is ``finditer``.
        """
        if anchor is None or anchor.reach is None or self.low is None:
            yield from pattern.finditer(self.text)
            return
        occurrences = self._occurrences(anchor)
        if not occurrences:
            return
        chunks, starts = self._index()
        candidates: set[int] = set()
        for at in occurrences:
            chunk = bisect_right(chunks, at) - 1
            window = chunks[max(0, chunk - anchor.reach)] if chunk >= 0 else 0
            if anchor.guarded:
                candidates.update(starts[bisect_left(starts, window) : bisect_right(starts, at)])
            else:
                candidates.update(range(window, at + 1))
        text, pos = self.text, 0
        for start in sorted(candidates):
            if start < pos:
                continue
            match = pattern.match(text, start)
            if match is not None:
                yield match
                pos = match.end()
