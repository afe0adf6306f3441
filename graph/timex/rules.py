"""The rule tables: every pattern the tagger tries, with its normalizer and anchor words.

In: the fragments of :mod:`.patterns` and the normalizers of :mod:`.dates`, :mod:`.business`,
:mod:`.days`, :mod:`.clock`, :mod:`.relative`, :mod:`.durations`, :mod:`.sets` and
:mod:`.holidays`. Out: ``CALENDAR_RULES`` (dates, years, quarters, seasons, units relative to
the DCT) and ``DEICTIC_RULES`` (days, weekdays, clock times, "ago"/"later" shifts, anaphora,
durations, sets, fuzzy references, holidays), in the order :mod:`.tagger` tries them: between
equally long matches the earlier rule wins, so the order is part of the behaviour.
"""

from __future__ import annotations

from .business import (
    _LAST_OF_YEAR,
    _fiscal_year_code,
    _month_range,
    _period,
    _quarter,
    _quarter_code,
    _quarter_ref,
    _year_adjective,
)
from .clock import _CLOCK_TAIL, _WIRE_ZONE, _ZONE, _clock, _clock24
from .dates import (
    _century,
    _decade,
    _fall_of,
    _full_date,
    _iso,
    _month_alone,
    _month_day,
    _month_year,
    _numeric_date,
    _spelled_year,
    _week_of,
    _year_alone,
)
from .days import _deictic_day, _modified_part, _this_part, _weekday_norm
from .durations import (
    _NOT_PRENOMINAL,
    _duration,
    _duration_value,
    _one_unit,
    _unit_of,
    _vague_plural,
)
from .holidays import _HOLIDAY_ANCHOR, _HOLIDAY_RE, _holiday
from .lexicon import NUMBERS, ORDINALS, SET_ADVERBS, alternation
from .patterns import (
    _DAY,
    _MONTH_ANCHOR,
    _NUM,
    _PART,
    _POINT_MOD,
    _QUANT_MOD,
    _REL,
    _SPELLED_YEAR,
    _UNIT,
    _UNIT_ANCHOR,
    _WD,
    _WEEKDAY_ANCHOR,
    _Y,
    Rule,
    _month,
    _weekday,
    _year,
    rule,
)
from .relative import (
    _FUZZY,
    _anaphoric,
    _fuzzy,
    _relative_unit,
    _shifted,
    _the_unit,
    _the_weekend,
    _the_year,
    _year_end,
)
from .sets import _every_singular, _plural_weekday, _rate, _set_adverb, _weekends

__all__ = ["CALENDAR_RULES", "DEICTIC_RULES"]


CALENDAR_RULES: list[Rule] = [
    rule("iso", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<hh>\d{2}):(?P<mi>\d{2}))?", _iso,
         anchor=r"-(?=\d\d-\d\d)"),
    rule("numeric-date", r"(?P<na>\d{1,2})/(?P<nb>\d{1,2})/(?P<ny>(?:19|20)\d\d)(?![/\d])", _numeric_date, anchor="/"),
    # "the April-June quarter", "January-March": a quarter (or half) named by its months
    rule(
        "month-range",
        rf"{_month('mfrom')}\s*[-–]\s*{_month('mto')}(?:(?:,?\s+|\s+(?:quarter|period|half)\s+of\s+)(?P<qy>{_Y})\b)?",
        _month_range,
        anchor=_MONTH_ANCHOR, cased=True,
    ),
    rule("month-day-year", rf"{_POINT_MOD}?(?:{_weekday()},?\s+)?{_month()}\s+{_DAY},?\s+{_year(spelled=True)}", _full_date,
         anchor=_MONTH_ANCHOR, cased=True),
    rule("day-month-year", rf"{_POINT_MOD}?(?:{_weekday()},?\s+)?{_DAY}\s+(?:of\s+)?{_month()},?\s+{_year(spelled=True)}", _full_date,
         anchor=_MONTH_ANCHOR, cased=True),
    rule("month-day", rf"{_POINT_MOD}?(?:{_weekday()},?\s+)?{_month()}\s+{_DAY}", _month_day,
         anchor=_MONTH_ANCHOR, cased=True),
    rule("day-month", rf"(?:{_weekday()},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_month()}", _month_day,
         anchor=_MONTH_ANCHOR, cased=True),
    rule("week-of", rf"the\s+week\s+of\s+{_month()}\s+{_DAY}(?:,?\s+{_year()})?", _week_of, anchor="week"),
    rule("month-year", rf"{_POINT_MOD}?{_month()},?\s+(?:of\s+)?{_year(spelled=True)}", _month_year,
         anchor=_MONTH_ANCHOR, cased=True),
    rule("month", rf"(?:{_REL}\s+|{_POINT_MOD})?{_month()}(?:\s+(?P<ry>this|last|next)\s+year)?", _month_alone,
         anchor=_MONTH_ANCHOR, cased=True),
    rule(
        "spelled-year",
        rf"(?:the\s+year\s+)?(?P<cent>nineteen|twenty)\s+(?P<rest>{alternation(k for k, v in NUMBERS.items() if v and 10 <= v <= 99)})",
        _spelled_year,
        anchor="nineteen|twenty",
    ),
    rule("spelled-2000", r"(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+(?P<rest>one|two|three|four|five|six|seven|eight|nine))?", _spelled_year,
         anchor="thousand"),
    rule("year", rf"{_POINT_MOD}?(?:(?:fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|model\s+year)\s+)?{_year()}", _year_alone,
         anchor=r"1(?=\d\d\d)|2(?=0\d\d)"),
    rule(
        "decade",
        (
            rf"{_POINT_MOD}?(?:the\s+)?(?:(?P<dmod>early|late|mid)(?:-|\s+))?"
            r"(?P<dec>(?:(?:1\d|20)\d0|'\d0)'?s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
        ),
        _decade,
        anchor="0s|0's|ties",
    ),
    rule(
        "century",
        (
            rf"{_POINT_MOD}?(?:(?P<crel>this|the\s+(?:last|past|previous|next|coming|current)|last|next)\s+century|"
            rf"(?:the\s+)?(?P<cord>\d{{1,2}}(?:st|nd|rd|th)|{alternation(ORDINALS)})(?:-|\s+)century)"
        ),
        _century,
        anchor="century",
    ),
    rule(
        "quarter",
        (
            rf"(?:the\s+)?(?:(?:comparable|corresponding)\s+)?(?:(?P<qago>year-ago|year-earlier|prior-year)\s+)?"
            rf"(?:(?:fiscal|calendar)\s+)?(?:(?P<qy>{_Y})(?:'s)?\s+|(?P<qrel>this|last|next)\s+year's\s+)?"
            rf"(?:fiscal\s+)?(?:(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th|{_LAST_OF_YEAR})\s+(?:fiscal\s+)?(?P<qunit>quarter|half)"
            # "the first two quarters of 1990" is its first half
            r"|(?P<qpair>first|last)\s+two\s+quarters(?=\s+of\s))"
            rf"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<qy2>{_Y})|(?P<qrel2>this|last|next)\s+year|the\s+year))?"
        ),
        _quarter,
        anchor="quarter|half",
    ),
    # Business shorthand: "Q3 2023", "3Q23", "Q3" after a preposition, "H1 2024"; "FY2024", "FY24".
    rule(
        "quarter-code",
        (
            r"(?-i:(?P<qcode>Q[1-4])|(?P<qnum>[1-4])Q|(?P<hcode>H[12]))"
            r"(?:(?:\s+|-|\s*['’]|(?<=Q)(?=\d\d\b))(?P<qcy>(?:19|20)\d\d|\d\d)\b|\s+of\s+(?P<qcy2>(?:19|20)\d\d)\b)?"
        ),
        _quarter_code,
        anchor="Q|H", cased=True, confirm=r"Q[1-4]|H[12]|(?<=[1-4])Q",
    ),
    rule("fiscal-year-code", r"(?-i:FY)\s*['’]?(?P<fy>(?:19|20)\d\d|\d\d)", _fiscal_year_code, anchor="fy"),
    # The adjective form ("third-quarter profit") leaves "the" to the noun it modifies.
    rule(
        "quarter-adjective",
        (
            rf"(?:(?P<qy>{_Y})(?:'s)?\s+|(?P<qrel>this|last|next)\s+year's\s+)?(?:fiscal\s+)?"
            r"(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th)-(?P<qunit>quarter|half)"
        ),
        _quarter,
        anchor="quarter|half",
    ),
    rule(
        "quarter-ref",
        (
            r"(?:(?P<qref>this|last|next|current|that)\s+|the\s+(?:(?P<qref2>latest|last|past|previous|most\s+recent|current|"
            r"same|year-earlier|year-ago|comparable|prior|recent|just-ended|just\s+ended|fiscal)\s+)?)quarter"
        ),
        _quarter_ref,
        anchor="quarter",
    ),
    rule(
        "season",
        (
            rf"(?:(?P<srel>last|this|next|past|coming)\s+|{_POINT_MOD}|(?P<sthe>the\s+)(?:(?:early|late|mid)(?:-|\s+))?)?"
            rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<sy>{_Y}|{_SPELLED_YEAR}))?"
        ),
        _fall_of,
        anchor="spring|summer|fall|autumn|winter",
    ),
    rule(
        "relative-unit",
        (
            rf"(?:(?P<er>earlier|later)\s+|{_POINT_MOD}|the\s+(?=current))?{_REL}\s+(?:(?:fiscal|calendar)\s+)?"
            r"(?P<unit>week|weekend|month|year|decade|century)"
        ),
        _relative_unit,
        anchor="week|month|year|decade|century",
    ),
    rule("the-unit", rf"{_POINT_MOD}the\s+(?P<unit>week|month|year|decade|century|quarter)", _the_unit,
         anchor="week|month|year|decade|century|quarter"),
    rule("the-weekend", r"the\s+weekend", _the_weekend, anchor="weekend"),
    rule("the-year", r"the\s+(?:full\s+|fiscal\s+|calendar\s+)?year", _the_year, anchor="year"),
    rule(
        "period",
        (
            r"the\s+(?:(?:comparable|corresponding|same|like)\s+)?(?:(?:year-ago|year-earlier|prior-year)\s+(?:quarter|period)|"
            rf"(?P<py>{_Y})\s+(?:quarter|period)|(?P<plat>latest|most\s+recent|recent|current|just-ended)\s+period|"
            r"(?:quarter|period)\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year|(?:of\s+)?the\s+previous\s+year))|"
            r"last\s+year's\s+(?:quarter|period)"
        ),
        _period,
        anchor="quarter|period",
    ),
]


DEICTIC_RULES: list[Rule] = [
    rule(
        "deictic-day",
        rf"{_POINT_MOD}?(?P<dw>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+{_PART})?",
        _deictic_day,
        anchor="today|tonight|yesterday|tomorrow",
    ),
    # "late night" is mostly a kind of thing ("late-night show"), not a time
    rule("modified-part", rf"(?P<pmod>early|late|mid)(?:-|\s+|(?<=mid))(?P<part>morning|afternoon|evening)(?:\s+(?:{_weekday()}|(?P<dw>today|yesterday|tomorrow)))?",
         _modified_part, anchor="morning|afternoon|evening"),
    rule("this-part", rf"(?P<prel>this|last)\s+{_PART}", _this_part, anchor="morning|afternoon|evening|night"),
    rule("weekday", rf"{_POINT_MOD}?(?:(?P<wrel>last|next|this|coming|past|the\s+(?:previous|preceding|prior|following))\s+)?{_weekday()}(?:\s+{_PART})?", _weekday_norm,
         anchor=_WEEKDAY_ANCHOR, cased=True),
    rule(
        "clock",
        (
            rf"{_QUANT_MOD}?(?:(?P<h>\d{{1,2}})(?:[:.](?P<mi>[0-5]\d))?(?:\s*(?P<ap>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)|"
            r"\s+(?:o'clock\s+)?in\s+the\s+(?P<dp>morning|afternoon|evening)|(?P<oc>\s+o['’]clock))"
            r"(?:\s+(?P<tz>[ECMP][SD]?T|GMT|UTC))?|(?P<nm>noon|midday|midnight))"
        ) + _CLOCK_TAIL,
        _clock,
        anchor=r"noon|midday|midnight|\d(?=\s*[ap]\.?m)|\d(?=\s+(?:o'clock\s+)?in\s+the\s+(?:morning|afternoon|evening))|\d(?=\s+o['’]clock)",
    ),
    # A 24-hour clock: "14:30 GMT", "0800 local time", "at 21:15"
    rule(
        "clock24",
        rf"(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d)|(?<=\d\d)(?P<mi2>[0-5]\d)(?=\s+(?:{_WIRE_ZONE})\b))(?:\s+(?P<tz>{_ZONE}))?{_CLOCK_TAIL}",
        _clock24,
        anchor=r":(?=[0-5]\d)|gmt|utc|local time",
    ),
    rule(
        "shifted",
        (
            rf"{_QUANT_MOD}?{_NUM}(?P<half>\s+and\s+a\s+half)?(?:\s+|-)(?:more\s+)?{_UNIT}(?P<half2>\s+and\s+a\s+half)?"
            r"(?P<so>\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|before|after)"
        ),
        _shifted,
        anchor=_UNIT_ANCHOR,
        confirm=rf"(?:{_UNIT_ANCHOR})[a-z]*\s+(?:(?:and\s+a\s+half|or\s+so)\s+)*(?:ago|earlier|later|from|hence|before|after)",
    ),
    rule("vague-ago", r"(?P<vunit>years|months|weeks|days|hours|minutes|decades|centuries)\s+ago", lambda m, ctx: ("DATE", "PAST_REF", ""),
         anchor="ago"),
    rule("year-adjective", r"(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:quarter|period))?|year-(?:earlier|ago)", _year_adjective,
         anchor="year-"),
    rule(
        "anaphoric",
        (
            # TimeML keeps "earlier"/"later" in the span: "[later that year]"
            r"(?:the\s+(?P<arel>next|following|previous|prior|preceding|same)|(?:(?:earlier|later)\s+)?that(?:\s+same)?)\s+"
            r"(?P<aunit>day|week|month|year|morning|night|evening|afternoon)"
            # "He had arrived the day before.": followed by a noun ("the day before the vote") it
            # counts from an event, which only the events layer knows
            r"|the\s+(?P<aday>day) (?P<aside>before|after)(?=\s*(?:[.,;:!?)\"']|''|$)|\s+(?:and|but|or|when|as|to)\b)"
        ),
        _anaphoric,
        anchor="next|following|previous|prior|preceding|same|that|day before|day after",
        confirm=r"(?:next|following|previous|prior|preceding|same|that)\s+(?:day|week|month|year|morning|night|evening|afternoon)|day ",
    ),
    rule(
        "duration",
        (
            rf"{_QUANT_MOD}?(?:the\s+(?:(?:past|last|next|first|previous|coming|following|latest|final|remaining|initial|other)\s+|{_NOT_PRENOMINAL}))?"
            rf"{_NUM}(?P<half>\s+and\s+a\s+half)?(?:\s+|-)(?:more\s+|additional\s+|full\s+|straight\s+|consecutive\s+|long\s+)?"
            # "five trading days", "30 business days": days counted on a working calendar
            r"(?:(?:trading|business|working)\s+(?=days?\b))?"
            rf"{_UNIT}(?:-old|-long)?(?P<half2>\s+and\s+a\s+half)?(?:\s+or\s+so)?"
        ),
        _duration,
        anchor=_UNIT_ANCHOR,
        confirm=r"(?<=[\s-])",
    ),
    # "a day-long meeting", "a weeklong visit": one unit's length, like "a two-week visit"
    rule("unit-long", r"(?P<unit>hour|day|week|month|year|decade|century)-?long",
         lambda m, ctx: ("DURATION", _duration_value(1, _unit_of(m)), ""),
         anchor="long"),
    rule("the-past-unit", rf"{_QUANT_MOD}?the\s+(?:past|last|next|coming|previous)\s+{_UNIT}", _one_unit,
         anchor="past|last|next|coming|previous", confirm=rf"(?:past|last|next|coming|previous)\s+(?:{_UNIT_ANCHOR})"),
    rule(
        "vague-plural",
        (
            r"(?:(?P<vrel>recent|coming|future|past|the\s+past|the\s+coming|the\s+next|the\s+last)\s+"
            r"|the\s+(?=(?:hours|days|weeks|months|years)\s+ahead\b))?"  # "the weeks ahead"
            r"(?P<unit>minutes|hours|days|weeks|months|quarters|years|decades|centuries)(?:-long|\s+(?P<ahead>ahead)(?!\s+of\b))?"
            # "weeks or months", "days and weeks": one vague stretch, counted in its first unit
            r"(?:\s+(?:or|and)\s+(?:minutes|hours|days|weeks|months|years|decades))?"
        ),
        _vague_plural,
        anchor="minutes|hours|days|weeks|months|quarters|years|decades|centuries",
    ),
    rule(
        "every",
        (
            r"(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<sn>\d+|two|three|four|five|six)\s+)?"
            rf"(?P<sunit>days?|weeks?|weekend|months?|years?|quarters?|hours?|minutes?|morning|night|evening|afternoon|"
            rf"spring|summer|fall|autumn|winter|{_WD}|"
            r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December))"
        ),
        lambda m, ctx: _every_singular(m, ctx),
        anchor="every|each",
    ),
    rule("set-adverb", rf"(?P<adv>{alternation(SET_ADVERBS)})", _set_adverb,
         anchor="daily|nightly|weekly|monthly|annually|yearly|hourly"),
    rule(
        "rate",
        r"(?:(?P<freq>once|twice|\w+\s+times)\s+)?(?P<art>a|an|per)\s+(?P<runit>day|week|month|year|quarter|hour|minute)",
        _rate,
        anchor=r"(?:a|an|per)\s+(?:day|week|month|year|quarter|hour|minute)",
    ),
    # "Sundays", "Tuesday nights" (a plural part of the day recurs), and the first of
    # "Monday and Tuesday nights", whose plural part distributes over both days
    rule(
        "plural-weekday",
        (
            rf"(?-i:(?P<wd>{_WD})(?:s|\s+(?P<parts>mornings|afternoons|evenings|nights)|"
            rf"(?=\s+(?:and|or)\s+(?:{_WD})\s+(?P<cparts>mornings|afternoons|evenings|nights)\b)))"
        ),
        _plural_weekday,
        anchor=_WEEKDAY_ANCHOR, cased=True,
    ),
    rule("weekends", r"weekends", _weekends, anchor="weekends"),
    rule("fuzzy", rf"(?P<fz>{alternation(_FUZZY)})", _fuzzy,
         anchor="now|current|present|recent|lately|formerly|past|future|soon|days|term|later"),
    rule("holiday", rf"(?-i:(?P<hol>{_HOLIDAY_RE}))(?:\s+(?P<hy>1\d{{3}}|20\d{{2}})|\s+(?P<hweek>week(?:end)?)\b)?", _holiday,
         anchor=_HOLIDAY_ANCHOR, cased=True),
    rule("year-end", r"year-end|year\s+end|year's\s+end", _year_end, anchor="year"),
]
