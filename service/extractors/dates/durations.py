"""Recognizers for durations ("three-day", "more than five years") and sets ("every Monday", "daily").

Durations and sets need no anchor: their values are complete as written, so they
are always anchored.
"""

from __future__ import annotations

import re

from service import lexicon
from service.core.document import Document
from service.core.types import Timex, TimexType
from service.extractors.dates.patterns import (
    AMOUNT,
    DAY_KINDS,
    DURATION_UNITS,
    UNIT,
    WEEKDAY,
    WEEKDAYS,
    amount_value,
)
from service.normalize.timex import DurationUnit, duration_value, unanchored_weekday

# The qualifiers a duration's extent takes (en/qualifiers.toml), longest first, and its frames.
_QUALIFIER = (
    "|".join(
        sorted((w.replace(" ", r"\s+") for w, sense in lexicon.qualifiers().qualifiers.items() if sense.duration),
               key=len, reverse=True)
    )
    + r"|the\s+(?:past|last|next|coming|previous|first|following)"
)
_DURATION = re.compile(
    rf"(?:\b(?P<qualifier>(?i:{_QUALIFIER}))\s+)?\b(?P<amount>(?i:{AMOUNT}))(?P<half>\s+and\s+a\s+half)?"
    # "twenty working days" lasts twenty days (TIMEX3 has no unit of working days).
    rf"(?P<joint>[\s-]+)(?:(?<=\s)(?i:{DAY_KINDS})\s+(?=days?\b))?(?P<unit>{UNIT})(?:s\b|\b)"
    # "35-year-old", "92 years old", "40 years of age" are ages, not durations.
    rf"(?![-\s]+olds?\b|\s+of\s+age\b)"
)
# A compound like "50-year" before these words is a comparison, not a length of time.
_COMPARISON_AFTER = re.compile(r"\s+(?:highs?|lows?|peak|best|worst)\b")
# "aged 8-10 years" is an age.
_AGE_BEFORE = re.compile(r"\b(?i:aged?|ages)\s+(?:\d+\s*(?:[-\u2013]|to)\s*)?$")
# "World Cup 2018 day five": a year before a singular unit is a name, not an amount.
_YEAR_LIKE = re.compile(r"(?:1[5-9]|20)\d\d")
_AGE_WINDOW = 20
_FRAME = re.compile(
    r"\b(?i:the)\s+(?:past|last|next|coming|previous|following)\s+(?P<unit>week|month|year|decade|century|fortnight)\b"
)
_EVERY = re.compile(
    rf"\b(?i:every|each)\s+(?:(?P<other>other)\s+|(?P<amount>{AMOUNT})\s+)?"
    rf"(?:(?P<unit>{UNIT}|weekend)|(?P<weekday>{WEEKDAY}))s?\b"
)
_TIMES_PER = re.compile(
    rf"\b(?i:once|twice|thrice|(?:{AMOUNT})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>{UNIT})\b"
)
_FREQUENCY_WORD = re.compile(r"\b(?P<word>daily|weekly|fortnightly|monthly|quarterly|yearly|annually|hourly|nightly)\b")
_PLURAL_WEEKDAY = re.compile(rf"\b(?P<weekday>{WEEKDAY})s\b")

_FREQUENCY_VALUES = {
    "daily": "P1D",
    "weekly": "P1W",
    "fortnightly": "P2W",
    "monthly": "P1M",
    "quarterly": "P3M",
    "yearly": "P1Y",
    "annually": "P1Y",
    "hourly": "PT1H",
    "nightly": "XXXX-XX-XXTNI",
}


def _unit_duration(amount: float | None, unit_word: str) -> str:
    word = unit_word.lower()
    if word == "fortnight":
        return duration_value(None if amount is None else amount * 2, DurationUnit.WEEK)
    return duration_value(amount, DURATION_UNITS[word])


def _timex(start: int, end: int, kind: TimexType, value: str) -> Timex:
    return Timex(start=start, end=end, type=kind, value=value, anchored=True)


def build_duration(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DURATION of "three-day" (P3D), "more than five years" (P5Y); None for "50-year high"."""
    unit = match["unit"].lower()
    compound = "-" in match["joint"]
    if compound and _COMPARISON_AFTER.match(doc.text, match.end()):
        return None
    start = match.start()
    if _AGE_BEFORE.search(doc.text[max(0, start - _AGE_WINDOW) : start]):
        return None
    amount_words = match["amount"].lower()
    if _YEAR_LIKE.fullmatch(amount_words) and not match.group(0).endswith("s"):
        return None
    if unit == "second" and amount_words in ("a", "an"):
        return None  # "a second term", "a second time"
    amount = amount_value(amount_words)
    if amount is not None and match["half"]:
        amount += 0.5
    return _timex(match.start(), match.end(), TimexType.DURATION, _unit_duration(amount, unit))


def build_frame(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DURATION of "the past week" (P1W), "the next year" (P1Y)."""
    return _timex(match.start(), match.end(), TimexType.DURATION, _unit_duration(1, match["unit"]))


def build_every(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the SET of "every year" (P1Y), "every two weeks" (P2W), "every Monday" (XXXX-WXX-1)."""
    if match["weekday"]:
        value = unanchored_weekday(WEEKDAYS[match["weekday"]])
    elif match["unit"].lower() == "weekend":
        value = "XXXX-WXX-WE"
    else:
        amount = 2.0 if match["other"] else amount_value(match["amount"]) if match["amount"] else 1.0
        value = _unit_duration(amount, match["unit"])
    return _timex(match.start(), match.end(), TimexType.SET, value)


def build_times_per(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the SET of "twice a year" (P1Y), "three times a week" (P1W)."""
    return _timex(match.start(), match.end(), TimexType.SET, _unit_duration(1, match["unit"]))


def build_frequency_word(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the SET of "daily" (P1D), "weekly" (P1W), "annually" (P1Y)."""
    return _timex(match.start(), match.end(), TimexType.SET, _FREQUENCY_VALUES[match["word"]])


def build_plural_weekday(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the SET of "Mondays" ("XXXX-WXX-1")."""
    value = unanchored_weekday(WEEKDAYS[match["weekday"]])
    return _timex(match.start(), match.end(), TimexType.SET, value)


DURATION_RECOGNIZERS = (
    (_DURATION, build_duration),
    (_FRAME, build_frame),
    (_EVERY, build_every),
    (_TIMES_PER, build_times_per),
    (_FREQUENCY_WORD, build_frequency_word),
    (_PLURAL_WEEKDAY, build_plural_weekday),
)
