"""Property tests of the temporal tagger: any text, any DCT -> no exception, well-formed Timexes.

CI runs a moderate number of examples per property. A longer campaign raises it through the
environment, e.g.::

    TIMEX_FUZZ_EXAMPLES=20000 python -m pytest -q tests/test_timex_properties.py

The texts mix a vocabulary of date words (months, weekdays, units, numbers, "next"/"last"/"ago",
modifiers, holidays) with digits, punctuation, whitespace and arbitrary Unicode characters.
"""

from __future__ import annotations

import os
import re
from datetime import date

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from graph.model import Document  # noqa: E402
from graph.timex import RULES, bounds_of_value, find_timexes  # noqa: E402
from graph.timex.lexicon import NUMBERS, ORDINALS, alternation  # noqa: E402
from graph.timex.scan import CASE_MISFITS, Scan  # noqa: E402

EXAMPLES = int(os.environ.get("TIMEX_FUZZ_EXAMPLES", "300"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None)

VOCABULARY = (
    "January Feb. March May June Sept. Dec Monday Friday Sundays today tonight yesterday tomorrow "
    "morning evening night noon midnight a.m. p.m. am pm EST GMT day days week weekend weeks month "
    "months quarter quarters year years year-end year-ago year-earlier decade decades century "
    "centuries second minutes hours next last this past coming previous current ago earlier later "
    "before after from now hence the a an one two twelve twenty twenty-five nineteen ninety-six "
    "thousand several few dozens of every each other per once twice times daily weekly annually "
    "early late mid mid- end beginning of about nearly more than less at least up to spring summer "
    "fall winter fiscal calendar first third fourth 1st 3rd 21st quarter half Christmas Easter "
    "Thanksgiving New Year's Day in on since until said will was is period latest same following "
    "recently soon the future present '80s 1990s 80s nineteenth 19th 0 1 7 9 10 12 24 29 30 31 "
    "59 60 99 100 1000 1066 1998 1999 2000 2017 2100 9999 10:30 25:61 1998-12-31 2017-02-30 "
    "1-1/2 2.5 and a half"
).split()
SEPARATORS = [" ", "  ", "\n", "\n\n", ", ", ". ", "-", "'s ", " (", ") ", "$", "%", "/", ":", ""]

words = st.sampled_from(VOCABULARY)
noise = st.text(min_size=1, max_size=3)  # any Unicode, surrogates excluded by hypothesis
tokens = st.one_of(words, words, words, noise, st.integers(0, 99999).map(str))
dateish_text = st.lists(st.tuples(tokens, st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda pairs: "".join(token + sep for token, sep in pairs)
)
texts = st.one_of(dateish_text, st.text(max_size=200), dateish_text.map(str.upper), dateish_text.map(str.title))
dcts = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max, date(1, 12, 31), date(9999, 1, 1)]))


def check_timexes(text: str, dct: date | None) -> None:
    doc = Document("fuzz", text, dct)
    found = find_timexes(doc)
    previous_end = 0
    for timex in found:
        start, end = timex.span.start, timex.span.end
        assert 0 <= start < end <= len(text), (start, end, len(text))
        assert timex.text == text[start:end]
        assert start >= previous_end, "sorted and non-overlapping"
        previous_end = end
        assert timex.type in ("DATE", "TIME", "DURATION", "SET")
        assert timex.value
        if timex.earliest is not None and timex.latest is not None:
            assert timex.earliest <= timex.latest, (timex.text, timex.value, timex.mod)


@FUZZ
@given(texts, dcts)
def test_any_text_any_dct_gives_well_formed_timexes(text: str, dct: date | None) -> None:
    check_timexes(text, dct)


@FUZZ
@given(st.text(max_size=40), st.sampled_from(["DATE", "TIME", "DURATION", "SET", "", "x"]), dcts,
       st.sampled_from(["", "START", "MID", "END", "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "APPROX", "?"]))
def test_bounds_of_any_value_never_raise(value: str, kind: str, dct: date | None, mod: str) -> None:
    granularity, earliest, latest = bounds_of_value(value, kind, dct, mod=mod)
    assert isinstance(granularity, str)
    if earliest is not None and latest is not None:
        assert earliest <= latest


VALUES = st.one_of(
    st.from_regex(r"\A(?:\d{4}|\d{3}|\d{2})(?:-(?:\d{2}|W\d{2}|W\d{2}-WE|Q\d|H\d|SP|SU|FA|WI|XX))?(?:-\d{2}|-XX)?\Z"),
    st.sampled_from(["0000", "9999-12", "9999-W52", "9999-Q4", "9999-WI", "0001-W01", "0000-WI", "00", "99", "999"]),
)


@FUZZ
@given(VALUES, dcts, st.sampled_from(["", "START", "MID", "END", "BEFORE", "AFTER", "ON_OR_AFTER"]))
def test_bounds_of_calendar_shaped_values_never_raise(value: str, dct: date | None, mod: str) -> None:
    _, earliest, latest = bounds_of_value(value, "DATE", dct, mod=mod)
    if earliest is not None and latest is not None:
        assert earliest <= latest


@FUZZ
@given(texts)
def test_anchored_scan_finds_what_finditer_finds(text: str) -> None:
    """The windowed search of graph.timex.scan yields exactly each rule's finditer matches."""
    scan = Scan(text)
    for rule in RULES:
        expected = [(m.span(), m.groupdict()) for m in rule.pattern.finditer(text)]
        assert [(m.span(), m.groupdict()) for m in scan.matches(rule.pattern, rule.anchor)] == expected, rule.name


LEXICON = sorted({*NUMBERS, *ORDINALS, "Sep", "Sept", "Sept.", "a", "an", "a couple", "a couple of"})


def flat_longest_first(words: list[str]) -> str:
    """The plain alternation the factored one must behave like: every word, longest first."""
    return "(?:" + "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(words, key=len, reverse=True)) + ")"


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(LEXICON), st.sampled_from([" ", "  ", "-", "", ".", "\n", "s "])), max_size=8))
def test_factored_alternation_matches_like_a_longest_first_list(pairs: list[tuple[str, str]]) -> None:
    """At every position, the number-word alternation takes the same (longest) word as a flat
    longest-first list, also when the rest of a pattern makes it back off to a shorter one."""
    text = "".join(word + sep for word, sep in pairs)
    for tail in ("", r"(?![\w-])", r"\s+\w"):
        factored = re.compile(alternation(LEXICON) + tail, re.I)
        flat = re.compile(flat_longest_first(LEXICON) + tail, re.I)
        for at in range(len(text) + 1):
            mine, reference = factored.match(text, at), flat.match(text, at)
            assert (mine and mine.span()) == (reference and reference.span()), (text, at, tail)


def test_every_holiday_name_holds_an_anchor_word() -> None:
    """The holiday rule is tried only near its anchor words: a name without one would never be found."""
    from graph.timex.holidays import _HOLIDAY_ANCHOR, _HOLIDAYS, _titled

    anchors = _HOLIDAY_ANCHOR.split("|")
    assert [name for name in map(_titled, _HOLIDAYS) if not any(word in name for word in anchors)] == []


def test_every_rule_is_anchored() -> None:
    assert all(rule.anchor is not None and rule.anchor.reach is not None for rule in RULES)


def test_case_misfits_are_all_the_characters_lowercasing_misplaces() -> None:
    """Lowercasing keeps offsets and agrees with re.IGNORECASE for ASCII words, except for these."""
    ascii_letter = re.compile(r"(?i)[\x00-\x7f]")
    misfits = "".join(
        c for c in map(chr, range(128, 0x110000)) if len(c.lower()) != 1 or (ascii_letter.fullmatch(c) and not c.lower().isascii())
    )
    assert CASE_MISFITS.findall(misfits) == list(misfits)
    assert len(misfits) == len(CASE_MISFITS.pattern) - 2


@pytest.mark.parametrize("dct", [date.min, date.max, date(1, 1, 2), date(9999, 12, 30), None])
@pytest.mark.parametrize(
    "text",
    [
        "The talks began last year, a year ago, in the first quarter, on Monday, and will end next week.",
        "Ten centuries ago; the next century; the 19th century; the 1990s; next decade; 2 days later.",
        "Last winter, next summer, this weekend, the weekend, Christmas, New Year's Day, Easter 2000.",
        "At 10 a.m. Friday, then at midnight tomorrow; a year earlier; the year-ago quarter; this quarter.",
        "In December, by January, on Dec. 31, on Jan. 1, the end of the month, early next year.",
    ],
)
def test_extreme_dcts_do_not_crash(text: str, dct: date | None) -> None:
    check_timexes(text, dct)
