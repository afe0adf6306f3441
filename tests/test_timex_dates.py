"""Values of calendar dates: the year of a year-less month, deadlines, comparisons.

Expected values are worked out by hand from the calendar, not copied from the tagger's output.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.test_timex import tag

AUTUMN = date(2017, 10, 30)  # a Monday late in the year: a month named without a year may be either side


def value_of(text: str, span: str, dct: date | None = AUTUMN) -> str:
    found = {t.text: t.value for t in tag(text, dct)}
    assert span in found, found
    return found[span]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # A deadline in a present-tense clause is still ahead.
        ("The asset sales are part of an effort to cut debt by February.", "February", "2018-02"),
        ("The credit line is open until March.", "March", "2018-03"),
        ("The offer is good till Feb. 9, the company says.", "Feb. 9", "2018-02-09"),
        # A past-tense clause keeps the deadline behind the DCT.
        ("The company had repaid the loan by February.", "February", "2017-02"),
        # Without a deadline, the present describes a state reached in the month before.
        ("Its sales in February are the highest on record.", "February", "2017-02"),
    ],
)
def test_deadline_month_in_present_tense_points_ahead(text: str, span: str, value: str) -> None:
    assert value_of(text, span) == value
