"""Recognizers for clock times: "10:30 a.m.", "3 p.m. GMT", "at 14:30", "noon".

A time comes back on an unknown day ("XXXX-XX-XXT15:00"); `extract_dates` then
places it on the date it is written with, or the article's day.
"""

from __future__ import annotations

import re

from service import lexicon
from service.core.document import Document
from service.core.types import Timex, TimexType
from service.extractors.dates.patterns import DAY_PART
from service.normalize.timex import time_value

UNKNOWN_DAY = "XXXX-XX-XX"

_ZONE = r"(?:\s+(?:GMT|UTC|BST|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT|[Ll]ocal\s+time)\b)?"
_TWELVE_HOUR = re.compile(
    rf"\b(?P<hour>1[0-2]|0?[1-9])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<meridiem>[AaPp]\.?\s?[Mm]\b\.?){_ZONE}"
)
_TWENTY_FOUR_HOUR = re.compile(rf"\b(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?![\d:])(?P<zone>{_ZONE})")
# "14:30" alone may be a score or a verse; it is a time after these words or before a zone.
_CLOCK_CUE = re.compile(r"\b(?i:at|from|until|till|by|before|after|around|about)\s+$")
_HOUR_WORDS = {word: n for word, n in lexicon.number_words().cardinals.items() if 1 <= n <= 12}
_OCLOCK = re.compile(
    rf"\b(?P<hour>1[0-2]|[1-9]|(?i:{'|'.join(_HOUR_WORDS)}))"
    rf"(?:\s+o['\u2019]\s?clock(?:\s+in\s+the\s+(?P<part>{DAY_PART}))?"
    rf"|\s+in\s+the\s+(?P<part_only>{DAY_PART}))\b"
)
_NAMED_TIME = re.compile(r"\b(?P<word>[Nn]oon|[Mm]idday|[Mm]idnight)\b")
_CUE_WINDOW = 12


def _time(match: re.Match[str], hour: int, minute: int) -> Timex:
    value = time_value(None, hour, minute)
    return Timex(start=match.start(), end=match.end(), type=TimexType.TIME, value=value, anchored=False)


def build_twelve_hour(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the TIME of "10:30 a.m." (T10:30) or "3 p.m." (T15:00) on an unknown day."""
    hour = int(match["hour"]) % 12
    if match["meridiem"][0] in "Pp":
        hour += 12
    return _time(match, hour, int(match["minute"] or 0))


def build_twenty_four_hour(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the TIME of "at 14:30" or "14:30 GMT"; None for a bare "3:16"."""
    start = match.start()
    if not match["zone"] and _CLOCK_CUE.search(doc.text[max(0, start - _CUE_WINDOW) : start]) is None:
        return None
    return _time(match, int(match["hour"]), int(match["minute"]))


def build_named_time(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the TIME of "noon" (T12:00) or "midnight" (T24:00, the end of its day)."""
    hour = 24 if match["word"].lower() == "midnight" else 12
    return _time(match, hour, 0)


def build_oclock(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the TIME of "4 o'clock", "four o'clock in the afternoon" (T16:00), "4 in the morning"."""
    word = match["hour"].lower()
    if match["part_only"] and not word.isdigit():
        return None  # "three in the morning papers" is too often not a time
    hour = _HOUR_WORDS[word] if word in _HOUR_WORDS else int(word)
    part = match["part"] or match["part_only"]
    if part in ("afternoon", "evening") and hour < 12:
        hour += 12
    elif part == "morning" and hour == 12:
        hour = 0
    return _time(match, hour, 0)


TIME_RECOGNIZERS = (
    (_OCLOCK, build_oclock),
    (_TWELVE_HOUR, build_twelve_hour),
    (_TWENTY_FOUR_HOUR, build_twenty_four_hour),
    (_NAMED_TIME, build_named_time),
)
