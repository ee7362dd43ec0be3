"""Recognizers for dates relative to the article's date: "yesterday", "last week", "on Thursday", "in June".

With an anchor they resolve to calendar values (news conventions: a bare weekday
or month takes the occurrence the clause's tense points to). Without one they keep
only what the text says ("XXXX-WXX-4", "XXXX-06", or None) and are not anchored.
"""

from __future__ import annotations

import datetime as dt
import re

from service import lexicon
from service.core.document import Document
from service.core.types import Timex, TimexType
from service.extractors.dates.patterns import (
    AMOUNT,
    DAY_PART,
    DURATION_UNITS,
    MONTH_NAME,
    PARTS_OF_DAY,
    SEASON,
    SEASON_FIRST_MONTH,
    SEASONS,
    UNIT,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    amount_value,
    month_number,
)
from service.extractors.dates.tense import clause_tense
from service.normalize.timex import (
    FUTURE_REF,
    PAST_REF,
    PRESENT_REF,
    Direction,
    DurationUnit,
    calendar_direction,
    date_value,
    month_value,
    part_of_day_value,
    resolve_month,
    resolve_weekday,
    shift_months,
    unanchored_month,
    unanchored_weekday,
    week_value,
    weekday_direction,
    weekend_value,
    year_value,
)

_DEICTIC = re.compile(
    r"\b(?P<word>[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow|[Ll]ast\s+night|"
    rf"[Tt]his\s+{DAY_PART})\b"
)
# "by the end of the year" is this year's end: "the year" after a part of it is "this year"
# ("at the end of the month on April 29" names its day; the golden claims keep the day alone).
_RELATIVE_UNIT = re.compile(
    r"\b(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)|(?:(?<=end of )|(?<=start of )|(?<=beginning of )|(?<=middle of ))"
    r"the(?=\s+year\b))\s+(?P<unit>week|weekend|month|year)\b"
)
_WEEKDAY = re.compile(
    rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Tt]his\s+coming)\s+)?(?P<weekday>{WEEKDAY})\b(?!s\b)"
)
_MONTH = re.compile(rf"\b(?:(?P<rel>[Ll]ast|[Nn]ext|[Tt]his)\s+)?(?P<month>{MONTH_NAME})(?![\w-])")
# A bare month name is a date only after a word that introduces a time: this keeps
# "May I" and a song called "March" out, and lets "in May" and "mid-March" in.
_MONTH_CUE = re.compile(
    rf"(?:\b(?i:in|on|since|until|till|by|before|after|during|from|through|throughout|early|late|"
    rf"between|(?:end|start|beginning|middle|half|part|weeks?|days?)\s+of)\s+|(?i:mid)-\s*|"
    rf"\b{MONTH_NAME}\s*(?:and|or|to|through|until|-|\u2013)\s*)$"
)
# The qualifier belongs to the extent so that "nearly a decade ago" outweighs the duration inside it.
_AGO_QUALIFIER = "|".join(
    sorted((w.replace(" ", r"\s+") for w, sense in lexicon.qualifiers().qualifiers.items() if sense.ago),
           key=len, reverse=True)
)
_AGO = re.compile(
    rf"(?:\b(?i:{_AGO_QUALIFIER})\s+)?"
    rf"\b(?P<amount>(?i:{AMOUNT}))[\s-]+(?P<unit>{UNIT})s?\s+ago\b"
)
_SEASON = re.compile(
    rf"\b(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<season>{SEASON})\b"
    rf"(?:\s+(?:of\s+)?(?P<year>{YEAR}))?"
)
_REFERENCE = re.compile(
    r"\b(?:(?P<present>[Nn]ow|[Cc]urrently|[Nn]owadays|[Pp]resently|at\s+present|at\s+the\s+moment)"
    r"|(?P<past>[Rr]ecently|[Ll]ately|recent\s+(?:days|weeks|months|years|decades))"
    r"|[Ii]n\s+(?P<past_phrase>the\s+past)|[Ii]n\s+(?P<future>the\s+(?:near\s+|distant\s+)?future))\b"
)
_CUE_WINDOW = 40
# "May" is a person where the article names one (Theresa May, Mrs May, Brian May): then a
# bare "May" is the month only after a cue no name takes ("in May", "early May"), and never
# as a possessive ("in May's cabinet").
_PERSON_MAY = re.compile(
    r"\b(?:Theresa|Brian|Mrs\.?|Ms\.?|Mr\.?|Prime\s+Minister|PM|Premier|Minister|Secretary)\s+May\b"
)
_MONTH_ONLY_CUE = re.compile(r"(?:\b(?i:in|since|during|early|late|until|till)\s+|(?i:mid)-\s*)$")
_PERSON_WINDOW = 5000

_STEP = {"last": -1, "this": 0, "next": 1}


def _timex(match: re.Match[str], value: str | None, anchored: bool) -> Timex:
    return Timex(start=match.start(), end=match.end(), type=TimexType.DATE, value=value, anchored=anchored)


def _relation(match: re.Match[str]) -> str | None:
    rel = match["rel"]
    return None if rel is None else rel.split()[0].lower()


def build_deictic(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "today", "yesterday", "tomorrow", "tonight", "last night", "this morning"."""
    if doc.anchor is None:
        return _timex(match, None, False)
    word = " ".join(match["word"].lower().split())
    offset = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
    value = date_value(doc.anchor + dt.timedelta(days=offset))
    if word in ("tonight", "last night"):
        value = part_of_day_value(value, PARTS_OF_DAY["night"])
    elif word.startswith("this "):
        value = part_of_day_value(value, PARTS_OF_DAY[word.split()[1]])
    else:
        return _timex(match, value, True)
    # TIMEX3 types a day with its part of day as a TIME.
    return Timex(start=match.start(), end=match.end(), type=TimexType.TIME, value=value, anchored=True)


def build_relative_unit(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "last week" ("2022-W09"), "this weekend", "next month", "last year"."""
    if doc.anchor is None:
        return _timex(match, None, False)
    step = _STEP[_relation(match) or "this"]
    unit = match["unit"]
    if unit == "year":
        value = year_value(doc.anchor.year + step)
    elif unit == "month":
        value = month_value(*shift_months(doc.anchor, step))
    else:
        day = doc.anchor + dt.timedelta(weeks=step)
        value = week_value(day) if unit == "week" else weekend_value(day)
    return _timex(match, value, True)


def build_weekday(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "Thursday", "last Wednesday", "next Tuesday", by tense around the anchor."""
    weekday = WEEKDAYS[match["weekday"]]
    if doc.anchor is None:
        return _timex(match, unanchored_weekday(weekday), False)
    rel = _relation(match)
    if rel == "last":
        direction = Direction.BEFORE
    elif rel in ("next", "coming"):
        direction = Direction.AFTER
    else:
        direction = weekday_direction(clause_tense(doc, match.start(), match.end()))
    return _timex(match, date_value(resolve_weekday(doc.anchor, weekday, direction)), True)


def build_month(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "in June", "last June", "mid-March"; None for a month name without a cue."""
    rel = _relation(match)
    start = match.start()
    if rel is None and _MONTH_CUE.search(doc.text[max(0, start - _CUE_WINDOW) : start]) is None:
        return None
    if match["month"] == "May" and rel is None and _names_person_may(doc, match):
        return None
    month = month_number(match["month"])
    if doc.anchor is None:
        return _timex(match, unanchored_month(month), False)
    if rel == "this":
        year = doc.anchor.year
    else:
        direction = {"last": Direction.BEFORE, "next": Direction.AFTER}.get(rel or "")
        if direction is None:
            direction = calendar_direction(clause_tense(doc, start, match.end()))
        year, month = resolve_month(doc.anchor, month, direction)
    return _timex(match, month_value(year, month), True)


def _names_person_may(doc: Document, match: re.Match[str]) -> bool:
    """Whether this bare "May" reads as the person the article names rather than the month."""
    start = match.start()
    # A bounded window keeps a text full of "May" linear.
    if _PERSON_MAY.search(doc.text, max(0, start - _PERSON_WINDOW), min(len(doc.text), start + 40)) is None:
        return False
    if doc.text.startswith(("'s", "\u2019s"), match.end()):
        return True
    return _MONTH_ONLY_CUE.search(doc.text[max(0, start - _CUE_WINDOW) : start]) is None


def build_ago(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "three years ago" ("2019"), at the unit's granularity; PAST_REF if vague."""
    amount = amount_value(match["amount"])
    if doc.anchor is None:
        return _timex(match, None, False)
    unit = DURATION_UNITS.get(match["unit"].lower(), DurationUnit.WEEK)  # "fortnight" counts in weeks
    if match["unit"].lower() == "fortnight" and amount is not None:
        amount *= 2
    if amount is None or not float(amount).is_integer():
        return _timex(match, PAST_REF, True)
    count = int(amount) * unit.factor
    if unit in (DurationUnit.YEAR, DurationUnit.DECADE, DurationUnit.CENTURY):
        value = year_value(doc.anchor.year - count)
    elif unit is DurationUnit.MONTH:
        value = month_value(*shift_months(doc.anchor, -count))
    elif unit is DurationUnit.WEEK:
        value = week_value(doc.anchor - dt.timedelta(weeks=count))
    elif unit is DurationUnit.DAY:
        value = date_value(doc.anchor - dt.timedelta(days=count))
    else:
        value = date_value(doc.anchor)  # hours or minutes ago: the article's day
    return _timex(match, value, True)


def build_season(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "summer 2010" ("2010-SU"), "last winter"; None for a bare season word."""
    season = SEASONS[match["season"].lower()]
    rel = _relation(match)
    if match["year"]:
        return _timex(match, f"{match['year']}-{season}", True)
    if rel is None:
        return None
    if doc.anchor is None:
        return _timex(match, None, False)
    direction = {"last": Direction.BEFORE, "next": Direction.AFTER}.get(rel, Direction.NEAREST)
    year, _ = resolve_month(doc.anchor, SEASON_FIRST_MONTH[season], direction)
    return _timex(match, f"{year:04d}-{season}", True)


def build_reference(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "now" (PRESENT_REF), "recently", "in recent months" (PAST_REF), "in the future"."""
    groups = (("present", PRESENT_REF), ("past", PAST_REF), ("past_phrase", PAST_REF), ("future", FUTURE_REF))
    for group, value in groups:
        if match[group]:
            start, end = match.span(group)
            # The value needs no anchor, but only an anchor says which present it is.
            return Timex(start=start, end=end, type=TimexType.DATE, value=value, anchored=doc.anchor is not None)
    return None


RELATIVE_RECOGNIZERS = (
    (_DEICTIC, build_deictic),
    (_RELATIVE_UNIT, build_relative_unit),
    (_WEEKDAY, build_weekday),
    (_MONTH, build_month),
    (_AGO, build_ago),
    (_SEASON, build_season),
    (_REFERENCE, build_reference),
)
