"""Word tables and regex fragments shared by the date recognizers.

Month and weekday names are matched case-sensitively (capitalized), so the verbs
"march" and "may" never start a date; the recognizers add context checks on top.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from service.normalize.timex import DurationUnit, PartOfDay

MONTHS = MappingProxyType(
    {
        name: number
        for number, names in enumerate(
            (
                ("January", "Jan"),
                ("February", "Feb"),
                ("March", "Mar"),
                ("April", "Apr"),
                ("May",),
                ("June", "Jun"),
                ("July", "Jul"),
                ("August", "Aug"),
                ("September", "Sep", "Sept"),
                ("October", "Oct"),
                ("November", "Nov"),
                ("December", "Dec"),
            ),
            start=1,
        )
        for name in names
    }
)
WEEKDAYS = MappingProxyType(
    {name: index for index, name in enumerate("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())}
)
PARTS_OF_DAY = MappingProxyType(
    {
        "morning": PartOfDay.MORNING,
        "afternoon": PartOfDay.AFTERNOON,
        "evening": PartOfDay.EVENING,
        "night": PartOfDay.NIGHT,
    }
)
DURATION_UNITS = MappingProxyType(
    {
        "year": DurationUnit.YEAR,
        "decade": DurationUnit.DECADE,
        "century": DurationUnit.CENTURY,
        "centurie": DurationUnit.CENTURY,  # "centuries" minus the plural "s"
        "month": DurationUnit.MONTH,
        "week": DurationUnit.WEEK,
        "day": DurationUnit.DAY,
        "hour": DurationUnit.HOUR,
        "minute": DurationUnit.MINUTE,
        "second": DurationUnit.SECOND,
    }
)
_UNITS_DIGITS = MappingProxyType(
    {w: n for n, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())}
)
NUMBER_WORDS = MappingProxyType(
    {
        **_UNITS_DIGITS,
        "a": 1,
        "an": 1,
        "thirteen": 13,
        "fourteen": 14,
        "fifteen": 15,
        "sixteen": 16,
        "seventeen": 17,
        "eighteen": 18,
        "nineteen": 19,
        "twenty": 20,
        "thirty": 30,
        "forty": 40,
        "fifty": 50,
        "sixty": 60,
        "seventy": 70,
        "eighty": 80,
        "ninety": 90,
        "hundred": 100,
    }
)
# Quantifiers that say "some number of": TIMEX3 writes the amount as X ("PXY").
VAGUE_AMOUNTS = frozenset({"several", "a few", "few", "many", "a couple of", "couple of", "dozens of", "hundreds of"})
SEASONS = MappingProxyType({"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"})
SEASON_FIRST_MONTH = MappingProxyType({"SP": 3, "SU": 6, "FA": 9, "WI": 12})

MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
MONTH_ABBREVIATED = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)"
# Abbreviations count only with their period, except right before a day number.
MONTH_NAME = rf"(?:{MONTH_FULL}|{MONTH_ABBREVIATED}\.)"
MONTH_BEFORE_DAY = rf"(?:{MONTH_FULL}|{MONTH_ABBREVIATED}\.?)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
DAY_NUMBER = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?:1[5-9][0-9]{2}|20[0-9]{2})(?![\d])"
_NUMBER_WORD = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("a", "an")), key=len, reverse=True))
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_VAGUE = "|".join(sorted((v.replace(" ", r"\s+") for v in VAGUE_AMOUNTS), key=len, reverse=True))
AMOUNT = (
    rf"(?:\d{{1,4}}(?:,\d{{3}})?(?:\.\d+)?|(?:{_TENS})-(?:one|two|three|four|five|six|seven|eight|nine)"
    rf"|half\s+an?|{_VAGUE}|{_NUMBER_WORD}|an?)"
)
UNIT = r"(?:year|decade|century|centurie|month|week|day|hour|minute|second|fortnight)"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"


def month_number(name: str) -> int:
    """Return the month number (1-12) of a month name or abbreviation, period or not."""
    return MONTHS[name.rstrip(".")]


def amount_value(words: str) -> float | None:
    """Return the number an amount phrase writes ("30", "six", "twenty-five", "half an"), None if vague."""
    key = re.sub(r"\s+", " ", words.lower())
    if key in VAGUE_AMOUNTS:
        return None
    if key.startswith("half"):
        return 0.5
    if "-" in key:
        tens, _, unit = key.partition("-")
        return float(NUMBER_WORDS[tens] + NUMBER_WORDS[unit])
    if key in NUMBER_WORDS:
        return float(NUMBER_WORDS[key])
    return float(key.replace(",", ""))
