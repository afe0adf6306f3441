"""The temporal tagger's spans: which expressions are found and where they start and end.

Expected values are worked out by hand from the calendar (2017-12-11 is a Monday), not copied
from the tagger's output.
"""

from __future__ import annotations

import pytest

from tests.test_timex import only, tag  # the DCT of their cases is Monday 2017-12-11


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The museum reopened to visitors this past weekend.", "this past weekend", "2017-W49-WE"),
        ("Union leaders will meet again this coming Thursday.", "this coming Thursday", "2017-12-14"),
        ("This past summer, the drought cut the harvest by half.", "This past summer", "2017-SU"),
    ],
)
def test_this_before_past_or_coming_is_in_the_span(text: str, span: str, value: str) -> None:
    found = only(text)
    assert (found.text, found.value) == (span, value)


def test_this_alone_before_a_duration_is_not_pulled_in() -> None:
    assert only("They have said this for the past three years.").text == "the past three years"


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The polling stations open at 7 o'clock.", "7 o'clock", "2017-12-11T07:00"),
        ("Mourners gathered at 10 o\u2019clock Sunday.", "10 o\u2019clock Sunday", "2017-12-10T10:00"),
    ],
)
def test_oclock_is_a_clock_time(text: str, span: str, value: str) -> None:
    found = only(text)
    assert (found.text, found.type, found.value) == (span, "TIME", value)


def test_oclock_needs_an_hour_of_the_dial() -> None:
    assert tag("The count reached 14 o'clock by the old scale.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Previously the inspectors were barred from such quarters.", []),
        ("The soldiers returned to their living quarters.", []),
        ("Insurance has been a tough business in recent quarters.", ["recent quarters"]),
    ],
)
def test_bare_quarters_are_rooms_not_time(text: str, expected: list[str]) -> None:
    assert [t.text for t in tag(text)] == expected
