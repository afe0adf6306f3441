"""Values of calendar dates: the year of a year-less month, deadlines, comparisons, and numbers
of names that are no dates.

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


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # Broadcast transcripts spell years out; the month or season and the year are one date.
        ("January nineteen ninety-seven. A bomb at a clinic.", "January nineteen ninety-seven", "1997-01"),
        ("Prices fell in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "1994-WI"),
        ("It opened on March 3, two thousand and one.", "March 3, two thousand and one", "2001-03-03"),
        ("It was built in the year two thousand.", "the year two thousand", "2000"),
    ],
)
def test_spelled_years_join_their_month_or_season(text: str, span: str, value: str) -> None:
    assert value_of(text, span) == value


def test_a_number_after_a_month_is_not_taken_for_a_spelled_year() -> None:
    assert [t.text for t in tag("In March nineteen people died.", AUTUMN)] == ["March"]


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # The article named only the month (or year): which day (month) it was stays unknown.
        ("He was killed last October. His name was crossed out that same day.", "that same day", "2016-10-XX"),
        ("In October, he left. The next day he was back.", "The next day", "2017-10-XX"),
        ("It began in 1997. Later that month, it ended.", "Later that month", "1997-XX"),
        # A day named in full still gives the day after.
        ("He arrived on Oct. 3. The next day he left.", "The next day", "2017-10-04"),
    ],
)
def test_a_day_anaphor_of_a_month_leaves_the_day_unknown(text: str, span: str, value: str) -> None:
    assert value_of(text, span) == value


def test_the_first_two_quarters_of_a_year_are_its_first_half() -> None:
    text = "Analysts expect the slump to last through at least the first two quarters of 2018."
    assert value_of(text, "the first two quarters of 2018") == "2018-H1"
    # Without a year they are an amount of time, as "the first nine months" is.
    assert value_of("In the first two quarters, sales rose.", "the first two quarters") == "P6M"


def test_a_half_still_ahead_is_no_reporting_period_for_a_year_ago() -> None:
    """A forecast half does not make a later "year-ago period" a year: the reported quarter does."""
    text = ("Profit fell in the third quarter. Analysts expect weakness through the first half of 2018. "
            "Sales were lower than in the year-ago period.")
    assert value_of(text, "the year-ago period") == "2016-Q3"


def test_a_holiday_week_is_the_week_holding_the_holiday() -> None:
    # Thanksgiving 2017 fell on Thursday 23 November, in ISO week 47.
    assert value_of("He will be home for Thanksgiving week.", "Thanksgiving week") == "2017-W47"
    assert value_of("He will be home for Thanksgiving.", "Thanksgiving") == "2017-11-23"


def test_the_day_before_or_after_a_date_is_one_expression_a_day_off() -> None:
    # AUTUMN is Monday 2017-10-30: last Tuesday was 2017-10-24.
    text = "The day before last Tuesday's hearing, he went home."
    assert value_of(text, "day before last Tuesday") == "2017-10-23"
    said_in_january = date(2018, 1, 10)
    assert value_of("They met the day after Christmas.", "day after Christmas", said_in_january) == "2017-12-26"


def test_this_quarters_results_after_a_reported_quarter_are_that_quarters() -> None:
    """Said in the fourth quarter, "this quarter's loss" after the third quarter's results is the
    third quarter; "this quarter" ahead in a forecast stays the current one."""
    reported = "It reported a loss for the third quarter ended Sept. 30. "
    assert value_of(reported + "This quarter's loss includes charges.", "This quarter") == "2017-Q3"
    assert value_of(reported + "Sales this quarter will rise.", "this quarter") == "2017-Q4"


def test_since_year_end_is_the_end_of_the_year_before() -> None:
    assert [(t.value, t.mod) for t in tag("The change is since year-end.", AUTUMN)] == [("2016", "END")]
    assert [(t.value, t.mod) for t in tag("It will close the deal by year-end.", AUTUMN)] == [("2017", "END")]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Islam will one day be the second largest religion.", "FUTURE_REF"),
        ("He may one day run for office.", "FUTURE_REF"),
        # an amount after the verb stays a duration
        ("The strike will last one day.", "P1D"),
        ("It could take one day to finish.", "P1D"),
    ],
)
def test_one_day_after_a_modal_is_some_day_ahead(text: str, value: str) -> None:
    assert value_of(text, "one day") == value


def test_a_future_marker_inside_a_participial_aside_does_not_date_the_clause() -> None:
    text = ("But on April 8, investigators, wondering how he could leave without fearing he would be seen, "
            "searched the site once more.")
    assert value_of(text, "April 8", date(1999, 5, 5)) == "1999-04-08"
    # Outside an aside the future marker still counts.
    assert value_of("On April 8, investigators will search the site.", "April 8", date(1999, 3, 5)) == "1999-04-08"
    assert value_of("On April 8, investigators will search the site.", "April 8", date(1999, 5, 5)) == "2000-04-08"


def test_an_earlier_quarter_named_for_contrast_leaves_the_reported_one() -> None:
    text = ("The company posted a 20% gain in third-quarter net income. After a flat second quarter, "
            "it attributed the gain to prices. Charges were taken in the year-earlier period.")
    assert value_of(text, "the year-earlier period") == "2016-Q3"
    # A fiscal quarter is another calendar: it becomes the period later comparisons refer to.
    fiscal = ("Net rose in the third quarter. Another maker posted net income for the fiscal second "
              "quarter, up from a loss a year earlier.")
    assert value_of(fiscal, "a year earlier") == "2016-Q2"


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # business shorthand for quarters, halves and fiscal years
        ("Sales rose in Q3 2017.", "Q3 2017", "2017-Q3"),
        ("Profit in 3Q16 fell.", "3Q16", "2016-Q3"),
        ("It gave results for Q2 of 2016.", "Q2 of 2016", "2016-Q2"),
        ("Margins narrowed in Q4 '16.", "Q4 '16", "2016-Q4"),
        ("It cut its H1 2018 guidance.", "H1 2018", "2018-H1"),
        ("Sales rose in Q3.", "Q3", "2017-Q3"),  # the quarter that ended a month before the DCT
        ("It expects a loss in FY2018.", "FY2018", "2018"),
        ("It expects a loss in FY18.", "FY18", "2018"),
        ("Revenue grew for fiscal year 2016.", "fiscal year 2016", "2016"),
        # wire copy: hyphenated point modifiers, quarters and halves named by their months
        ("Debt should fall by end-2018.", "end-2018", "2018"),
        ("Stocks stood at a high at end-June.", "end-June", "2017-06"),
        ("Profit rose in the April-June quarter.", "April-June", "2017-Q2"),
        ("Sales fell in the July-September quarter of 2016.", "July-September quarter of 2016", "2016-Q3"),
        ("July-December sales rose.", "July-December", "2017-H2"),
        # holidays beyond the fixed-date ones, and a holiday's weekend
        ("Stores will open early on Black Friday.", "Black Friday", "2017-11-24"),
        ("Churches will be full on Good Friday.", "Good Friday", "2018-03-30"),
        ("Florists will be busy before Mother's Day.", "Mother's Day", "2018-05-13"),
        # Labor Day 2018 is Monday 3 September: its weekend is the one before, in ISO week 35
        ("He will be home for Labor Day weekend.", "Labor Day weekend", "2018-W35-WE"),
        # numeric dates: the one valid reading, or the reading nearer the DCT
        ("The memo is dated 25/12/2016.", "25/12/2016", "2016-12-25"),
        ("The memo is dated 12/25/2016.", "12/25/2016", "2016-12-25"),
        ("See the 10/11/2017 filing.", "10/11/2017", "2017-11-10"),
        # 24-hour clocks with a zone or after "at"
        ("The vote closed at 14:30 GMT.", "14:30 GMT", "2017-10-30T14:30"),
        ("The attack began at 0800 local time.", "0800 local time", "2017-10-30T08:00"),
        ("Talks resume at 21:15.", "21:15", "2017-10-30T21:15"),
        # vague stretches
        ("Investors are wary of the weeks ahead.", "the weeks ahead", "PXW"),
        ("The city was founded centuries ago.", "centuries ago", "PAST_REF"),
        ("The market opens each spring.", "each spring", "XXXX-SP"),
        ("The paper comes out every other week.", "every other week", "P2W"),
        ("The shop is open on weekends.", "weekends", "XXXX-WXX-WE"),
        ("He was arrested on Oct. 3. He had arrived the day before.", "the day before", "2017-10-02"),
    ],
)
def test_modern_news_shorthand(text: str, span: str, value: str) -> None:
    assert value_of(text, span) == value


@pytest.mark.parametrize(
    "text",
    ["The H1N1 virus spread.", "He won 3:1.", "She holds an H1-B visa.", "Ahead of the day before the vote, he left."],
)
def test_look_alikes_of_the_shorthand_are_no_dates(text: str) -> None:
    assert [t.text for t in tag(text, AUTUMN)] == []


def marked(text: str) -> tuple[str, list[tuple[int, int]]]:
    """The text without its brackets, and the offsets of the bracketed spans in it."""
    plain, spans, opened = "", [], 0
    for char in text:
        if char == "[":
            opened = len(plain)
        elif char == "]":
            spans.append((opened, len(plain)))
        else:
            plain += char
    return plain, spans


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # an index counting its members, a product and its version, an aircraft model
        ("The Russell 2000 index of small stocks fell 3 percent in [1999].", ["1999"]),
        ("The Russell 2000's slide deepened in [1998].", ["1998"]),
        ("The Nikkei 225 and the FTSE 100 rose, while the S&P 500 and the Russell 2000 fell.", []),
        ("Microsoft shipped Windows 2000 in [February 2000].", ["2000-02"]),
        ("Microsoft Office 2013 went on sale in [2013].", ["2013"]),
        ("The Airbus A380, the Boeing 747 and a Beechcraft 1900 flew [Tuesday].", ["2017-10-24"]),
        ("Covid-19 slowed sales of the Peugeot 2008 in [2020].", ["2020"]),
        ("Formula 1 cars raced and the G20 met as the Russell 2000 hit a record in [2021].", ["2021"]),
        # real years beside a name: after a preposition, a month, a holiday, "class of", before
        # an event it dates, and the edition of an event or the horizon of a plan
        ("He bought the Russell 2000 in [2000].", ["2000"]),
        ("The Russell 2000 fell in [May 2000] and rose by [Christmas 2000].", ["2000-05", "2000-12-25"]),
        ("Members of the class of [2000] traded the Russell 2000.", ["2000"]),
        ("The Russell 2000 fell during the [2000] Sydney Olympics.", ["2000"]),
        ("Windows 2000 was shown at Expo [2000] in Hanover.", ["2000"]),
        ("Fans watched Euro [2016] on Windows 2000 computers.", ["2016"]),
        ("Saudi Arabia unveiled Vision [2030] and the UN Agenda [2030] as the Russell 2000 fell.", ["2030", "2030"]),
        # a figure reported for a company's year
        ("Microsoft [2000] revenue rose, helped by Windows 2000.", ["2000"]),
    ],
)
def test_numbers_in_names_are_not_dates(text: str, values: list[str]) -> None:
    plain, spans = marked(text)
    found = [(t.span.start, t.span.end, t.value) for t in tag(plain, AUTUMN)]
    assert found == [(start, end, value) for (start, end), value in zip(spans, values, strict=True)]
