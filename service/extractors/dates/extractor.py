"""Date and time expressions of a document, with TIMEX3 values anchored on the article's date.

`anchored` says whether the value is complete: True for dates that spell out their
year, for durations and sets, and for relative expressions resolved on `doc.anchor`;
False for relative expressions when the document has no anchor, whose value then
keeps only what the text says ("XXXX-WXX-4", "XXXX-06") or is None ("yesterday").
"""

from __future__ import annotations

import bisect
import re

from msgspec.structs import replace as _replace

from service.core.document import Document
from service.core.spans import filter_spans
from service.core.types import Timex, TimexType
from service.extractors.base import Extractor
from service.extractors.dates.absolute import ABSOLUTE_RECOGNIZERS
from service.extractors.dates.durations import DURATION_RECOGNIZERS
from service.extractors.dates.mods import timex_mod
from service.extractors.dates.numeric import NUMERIC_RECOGNIZERS
from service.extractors.dates.patterns import PART_OF_DAY, PARTS_OF_DAY
from service.extractors.dates.quarters import QUARTER_RECOGNIZERS
from service.extractors.dates.relative import RELATIVE_RECOGNIZERS
from service.extractors.dates.times import TIME_RECOGNIZERS, UNKNOWN_DAY
from service.normalize.timex import date_value, part_of_day_value

_RECOGNIZERS = (
    *ABSOLUTE_RECOGNIZERS,
    *RELATIVE_RECOGNIZERS,
    *DURATION_RECOGNIZERS,
    *TIME_RECOGNIZERS,
    *QUARTER_RECOGNIZERS,
    *NUMERIC_RECOGNIZERS,
)

# Words that narrow a date without changing its TIMEX3 value belong to its extent.
_MODIFIER_BEFORE = re.compile(
    r"(?:\b(?i:early|late|earlier|later)\s+|\b(?i:mid)-\s*|\b(?i:the)\s+(?:start|beginning|middle|end|turn)\s+of\s+)$"
)
_PART_OF_DAY_AFTER = re.compile(rf"\s+(?P<part>{PART_OF_DAY})\b")
# What may stand between a date and its clock time: "Tuesday at 3 p.m.", "3 p.m. on May 4".
_DATE_TIME_GAP = re.compile(r"\s*,?\s*(?:(?:at|on|around|about)\s+)?")
_DAY_VALUE = re.compile(r"(?:\d{4}-\d{2}-\d{2}|XXXX-WXX-\d|XXXX-\d{2}-\d{2})")
_MODIFIER_WINDOW = 32


def _candidates(doc: Document) -> list[Timex]:
    """Every recognizer's matches; a match whose arithmetic fails (a year 9999 anchor) is dropped."""
    found = []
    for pattern, build in _RECOGNIZERS:
        for match in pattern.finditer(doc.text):
            try:
                timex = build(match, doc)
            except (ValueError, OverflowError):
                continue
            if timex is not None:
                found.append(timex)
    return found


def _is_day(timex: Timex) -> bool:
    return timex.type is TimexType.DATE and timex.value is not None and _DAY_VALUE.fullmatch(timex.value) is not None


def _widen(doc: Document, timexes: list[Timex]) -> list[Timex]:
    """Take "early"/"late"/"the end of" into a date's extent, and a part of day into a day's value."""
    widened: list[Timex] = []
    for index, timex in enumerate(timexes):
        floor = widened[-1].end if widened else 0
        ceiling = timexes[index + 1].start if index + 1 < len(timexes) else len(doc.text)
        if timex.type is TimexType.DATE:
            window_start = max(floor, timex.start - _MODIFIER_WINDOW)
            modifier = _MODIFIER_BEFORE.search(doc.text, window_start, timex.start)
            if modifier is not None:
                timex = _replace(timex, start=modifier.start())
        takes_part = _is_day(timex) or (timex.type is TimexType.DATE and timex.value is None)
        part = _PART_OF_DAY_AFTER.match(doc.text, timex.end, ceiling) if takes_part else None
        if part is not None:
            value = None if timex.value is None else part_of_day_value(timex.value, PARTS_OF_DAY[part["part"]])
            # TIMEX3 types a day with its part of day as a TIME ("Friday morning": 2022-03-11TMO).
            timex = _replace(timex, end=part.end(), value=value, type=TimexType.TIME)
        widened.append(timex)
    return widened


def _is_unplaced_time(timex: Timex) -> bool:
    return timex.type is TimexType.TIME and timex.value is not None and timex.value.startswith(UNKNOWN_DAY)


def _merge_dates_with_times(doc: Document, timexes: list[Timex]) -> list[Timex]:
    """Join a day and its clock time written together ("Tuesday at 3 p.m.") into one TIME."""
    merged: list[Timex] = []
    for timex in timexes:
        previous = merged[-1] if merged else None
        pair = (previous, timex)
        if previous is not None and _DATE_TIME_GAP.fullmatch(doc.text, previous.end, timex.start):
            day = next((t for t in pair if _is_day(t) or (t.type is TimexType.DATE and t.value is None)), None)
            clock = next((t for t in pair if _is_unplaced_time(t)), None)
            if day is not None and clock is not None:
                clock_part = (clock.value or "")[len(UNKNOWN_DAY) :]
                value = None if day.value is None else day.value + clock_part
                merged[-1] = Timex(
                    start=previous.start, end=timex.end, type=TimexType.TIME, value=value, anchored=day.anchored
                )
                continue
        merged.append(timex)
    return merged


def _place_times(doc: Document, timexes: list[Timex]) -> list[Timex]:
    """Put each lone clock time on the nearest calendar day in its sentence, else the article's day."""
    days = [t for t in timexes if _is_day(t) and t.anchored]
    day_starts = [t.start for t in days]
    placed = []
    for timex in timexes:
        if _is_unplaced_time(timex):
            day = _day_for(doc, timex, days, day_starts)
            if day is not None:
                clock_part = (timex.value or "")[len(UNKNOWN_DAY) :]
                timex = _replace(timex, value=day + clock_part, anchored=True)
        placed.append(timex)
    return placed


def _day_for(doc: Document, timex: Timex, days: list[Timex], day_starts: list[int]) -> str | None:
    sentence = doc.sentence_at(timex.start)
    index = bisect.bisect_left(day_starts, timex.start)
    neighbours = [days[i] for i in (index - 1, index) if 0 <= i < len(days)]
    if sentence is not None:
        near = [d for d in neighbours if sentence.start <= d.start and d.end <= sentence.end]
        if near:
            return min(near, key=lambda d: abs(d.start - timex.start)).value
    return None if doc.anchor is None else date_value(doc.anchor)


def extract_dates(doc: Document) -> list[Timex]:
    """Return the date, time, duration and set expressions of `doc`, non-overlapping, sorted by start."""
    timexes = filter_spans(_candidates(doc))
    timexes = _widen(doc, timexes)
    timexes = _merge_dates_with_times(doc, timexes)
    return [_with_mod(doc, timex) for timex in _place_times(doc, timexes)]


def _with_mod(doc: Document, timex: Timex) -> Timex:
    mod = timex_mod(doc.text[timex.start : timex.end])
    return timex if mod is None else _replace(timex, mod=mod)


EXTRACTOR = Extractor(name="dates", version="2", head="time", extract=extract_dates)
