"""Recognizers for all-digit dates: "04/05/2021", "2021/05/04", "12.31.2020".

Day and month order follows US news (month first) unless the first number cannot be a
month ("31/12/2020"). A two-part "4/5" is left alone: it is as often a score or a ratio.
"""

from __future__ import annotations

import datetime as dt
import re

from service.core.document import Document
from service.core.types import Timex, TimexType
from service.normalize.timex import date_value

_SLASHED = re.compile(
    r"(?<![\d/.])(?P<first>\d{1,2})(?P<sep>[/.])(?P<second>\d{1,2})(?P=sep)(?P<year>(?:19|20)\d\d)(?![\d/])"
)
_YEAR_FIRST = re.compile(r"(?<![\d/])(?P<year>(?:19|20)\d\d)/(?P<month>\d{1,2})/(?P<day>\d{1,2})(?![\d/])")


def _day(match: re.Match[str], year: int, month: int, day: int) -> Timex:
    value = date_value(dt.date(year, month, day))  # raises on 02/30 (caught by the caller)
    return Timex(start=match.start(), end=match.end(), type=TimexType.DATE, value=value, anchored=True)


def build_slashed(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "04/05/2021" (2021-04-05, month first) or "31/12/2020" (day first)."""
    first, second = int(match["first"]), int(match["second"])
    month, day = (first, second) if first <= 12 else (second, first)
    return _day(match, int(match["year"]), month, day)


def build_year_first(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "2021/05/04"."""
    return _day(match, int(match["year"]), int(match["month"]), int(match["day"]))


NUMERIC_RECOGNIZERS = (
    (_SLASHED, build_slashed),
    (_YEAR_FIRST, build_year_first),
)
