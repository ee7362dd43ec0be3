"""Recognizers for dates the text spells out: "2021-05-04", "May 4, 2021", "in 2010", "the 1990s".

A date with its year needs no anchor and is anchored. A day without its year
("Oct. 12") takes the year the clause's tense makes plausible around the anchor;
with no anchor its year stays "XXXX" and it is not anchored.
"""

from __future__ import annotations

import datetime as dt
import re

from service import lexicon
from service.core.document import Document
from service.core.types import Timex, TimexType
from service.extractors.dates.patterns import (
    DAY_NUMBER,
    MONTH_BEFORE_DAY,
    MONTH_NAME,
    SEASONS,
    WEEKDAY,
    YEAR,
    month_number,
)
from service.extractors.dates.tense import clause_tense
from service.normalize.timex import (
    TENSE_REACH_DAYS,
    calendar_direction,
    date_value,
    decade_value,
    month_value,
    resolve_month_day,
    unanchored_month_day,
    year_value,
)

_ISO_DATE = re.compile(rf"\b(?P<year>{YEAR})-(?P<month>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])(?!\d)")
_MONTH_DAY = re.compile(
    rf"\b(?:{WEEKDAY},?\s+)?(?P<month>{MONTH_BEFORE_DAY})\s+(?P<day>{DAY_NUMBER})(?:,?\s+(?P<year>{YEAR}))?"
)
_DAY_MONTH = re.compile(
    rf"\b(?:{WEEKDAY},?\s+)?(?:the\s+)?(?P<day>{DAY_NUMBER})\s+(?:of\s+)?(?P<month>{MONTH_NAME})"
    rf"(?:,?\s+(?P<year>{YEAR}))?"
)
_MONTH_YEAR = re.compile(rf"\b(?P<month>{MONTH_BEFORE_DAY})\s+(?:of\s+)?(?P<year>{YEAR})")
_YEAR = re.compile(rf"\b(?P<year>{YEAR})\b(?!-\d{{2}}-|[.,]\d)")
# A bare four-digit number is a year only after words that introduce a time, or a
# determiner or possessive before it used as a modifier ("the 1996 Olympic bombing").
_YEAR_CUE = re.compile(
    rf"(?:\b(?i:in|since|by|until|till|before|after|during|from|through|throughout|early|late|"
    rf"the|its|his|her|their|our|whose|of|to|post|pre|"
    rf"year|fiscal|between|of\s+(?:{MONTH_NAME}|{'|'.join(SEASONS)}))\s+|(?i:mid)-\s*|"
    rf"\b{YEAR}\s*(?:and|or|to|through|-|\u2013)\s*)$"
)
_DECADE = re.compile(
    r"(?P<the>\b(?i:the)\s+)?(?:(?i:early|late|mid)[\s-]+)?"
    r"(?:\b(?P<full>(?:1[5-9]|20)\d)0s|(?P<apostrophe>['\u2019])?\b(?P<short>\d)0s)\b"
)
_CUE_WINDOW = 40
# "a survey of 1709 schoolchildren": after "of", a number before a group of people counts them.
_PEOPLE_AFTER = re.compile(r"[ \u00a0]+(?P<noun>[a-z]+)\b")
_OF_BEFORE = re.compile(r"\b(?i:of)\s+$")
_PEOPLE = frozenset(lexicon.organizations().groups)


def _day_timex(doc: Document, match: re.Match[str], year: str | None, month: int, day: int) -> Timex | None:
    start, end = match.span()
    if year is not None:
        value, anchored = date_value(dt.date(int(year), month, day)), True
    elif doc.anchor is not None:
        direction = calendar_direction(clause_tense(doc, start, end))
        resolved = resolve_month_day(doc.anchor, month, day, direction, TENSE_REACH_DAYS)
        if resolved is None:
            return None
        value, anchored = date_value(resolved), True
    else:
        dt.date(2000, month, day)  # raises on a day no month has (caught by the caller)
        value, anchored = unanchored_month_day(month, day), False
    return Timex(start=start, end=end, type=TimexType.DATE, value=value, anchored=anchored)


def build_iso_date(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of an ISO "2021-05-04"."""
    return _day_timex(doc, match, match["year"], int(match["month"]), int(match["day"]))


def build_written_date(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "May 4, 2021", "4 May 2021", "Oct. 12", "the 4th of May"."""
    day = int(match["day"].rstrip("stndrh"))
    return _day_timex(doc, match, match["year"], month_number(match["month"]), day)


def build_month_year(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "March 2018"."""
    value = month_value(int(match["year"]), month_number(match["month"]))
    return Timex(start=match.start(), end=match.end(), type=TimexType.DATE, value=value, anchored=True)


def build_year(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of a year introduced by a time word ("in 2010" -> "2010"), else None."""
    start = match.start()
    if _YEAR_CUE.search(doc.text[max(0, start - _CUE_WINDOW) : start]) is None:
        return None
    after = _PEOPLE_AFTER.match(doc.text, match.end())
    if after is not None and after["noun"] in _PEOPLE and _OF_BEFORE.search(doc.text, max(0, start - 4), start):
        return None
    value = year_value(int(match["year"]))
    return Timex(start=start, end=match.end(), type=TimexType.DATE, value=value, anchored=True)


def build_decade(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "the 1990s" ("199"), "the '90s"; None for "60s" without "the" or "'"."""
    if match["full"]:
        first_year = int(match["full"]) * 10
    elif match["apostrophe"] or match["the"]:
        digit = int(match["short"])
        # Two-digit decades in news copy: the 30s-90s are the 1900s, the 00s-20s the 2000s.
        first_year = (1900 if digit >= 3 else 2000) + digit * 10
    else:
        return None
    return Timex(
        start=match.start(), end=match.end(), type=TimexType.DATE, value=decade_value(first_year), anchored=True
    )


ABSOLUTE_RECOGNIZERS = (
    (_ISO_DATE, build_iso_date),
    (_MONTH_DAY, build_written_date),
    (_DAY_MONTH, build_written_date),
    (_MONTH_YEAR, build_month_year),
    (_YEAR, build_year),
    (_DECADE, build_decade),
)
