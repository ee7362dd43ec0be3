"""Word tables and regex fragments shared by the date recognizers, built from the lexicon.

Month and weekday names are matched case-sensitively (capitalized), so the verbs
"march" and "may" never start a date; the recognizers add context checks on top.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from service import lexicon
from service.normalize.timex import DurationUnit, PartOfDay

_MONTHS = lexicon.months().month
_NUMBERS = lexicon.number_words()

MONTHS = MappingProxyType(
    {name: number for number, month in enumerate(_MONTHS, start=1) for name in (month.name, *month.abbreviations)}
)
WEEKDAYS = MappingProxyType({day.name: index for index, day in enumerate(lexicon.weekdays().weekday)})
PARTS_OF_DAY = lexicon.parts_of_day().parts_of_day
DURATION_UNITS = MappingProxyType({word: DurationUnit[unit] for word, unit in lexicon.time_units().units.items()})
# "working", "business": which days count, between an amount and its unit ("twenty working days").
DAY_KINDS = rf"(?:{'|'.join(lexicon.time_units().day_kinds)})"
# "a year", "an hour" count one; "hundred" is the one multiplier an amount takes ("a hundred years").
NUMBER_WORDS = MappingProxyType(
    {**_NUMBERS.cardinals, "a": 1, "an": 1, **_NUMBERS.tens, "hundred": _NUMBERS.multipliers["hundred"]}
)
# Quantifiers that say "some number of": TIMEX3 writes the amount as X ("PXY").
VAGUE_AMOUNTS = frozenset(_NUMBERS.vague_amounts)
SEASONS = lexicon.seasons().seasons
SEASON_FIRST_MONTH = lexicon.seasons().first_month

MONTH_FULL = rf"(?:{'|'.join(month.name for month in _MONTHS)})"
MONTH_ABBREVIATED = (
    rf"(?:{'|'.join(a for month in _MONTHS for a in sorted(month.abbreviations, key=len, reverse=True))})"
)
# Abbreviations count only with their period, except right before a day number.
MONTH_NAME = rf"(?:{MONTH_FULL}|{MONTH_ABBREVIATED}\.)"
MONTH_BEFORE_DAY = rf"(?:{MONTH_FULL}|{MONTH_ABBREVIATED}\.?)"
WEEKDAY = rf"(?:{'|'.join(WEEKDAYS)})"
DAY_NUMBER = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR = r"(?:1[5-9][0-9]{2}|20[0-9]{2})(?![\d])"
_NUMBER_WORD = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("a", "an")), key=len, reverse=True))
_TENS = "|".join(_NUMBERS.tens)
_DIGIT_WORDS = "|".join(word for word, value in _NUMBERS.cardinals.items() if 1 <= value <= 9)
_VAGUE = "|".join(sorted((v.replace(" ", r"\s+") for v in _NUMBERS.vague_amounts), key=len, reverse=True))
AMOUNT = (
    rf"(?:\d{{1,4}}(?:,\d{{3}})?(?:\.\d+)?|(?:{_TENS})-(?:{_DIGIT_WORDS})"
    rf"|half\s+an?|{_VAGUE}|{_NUMBER_WORD}|an?)"
)
# A fortnight is two weeks: the recognizers double its amount.
UNIT = rf"(?:{'|'.join(DURATION_UNITS)}|fortnight)"
PART_OF_DAY = rf"(?:{'|'.join(PARTS_OF_DAY)})"
# The parts of a day before its night, the ones "this" and a clock hour take ("this evening",
# "four in the afternoon"); the night is "tonight".
DAY_PART = rf"(?:{'|'.join(word for word, part in PARTS_OF_DAY.items() if part is not PartOfDay.NIGHT)})"
# Season words as a name or a sentence's first word writes them: "summer", "Summer".
SEASON = rf"(?:{'|'.join(f'[{word[0].upper()}{word[0]}]{word[1:]}' for word in SEASONS)})"


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
