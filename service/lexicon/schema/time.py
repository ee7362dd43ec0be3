"""Calendar and clock words: months, weekdays, seasons, parts of day, time units."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from service.lexicon.schema.base import Part, checked_words, unique
from service.normalize.timex import PartOfDay

# The TIMEX3 values of `mod` (TimeML 1.2.1) that qualifier words may carry.
TimexMod = Literal[
    "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
    "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX",
]
SeasonCode = Literal["SP", "SU", "FA", "WI"]
# The names of service.normalize.timex.DurationUnit.
TimeUnit = Literal["YEAR", "DECADE", "CENTURY", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND"]


class Month(Part, frozen=True):
    name: str
    abbreviations: tuple[str, ...] = ()


class Months(Part, frozen=True):
    month: tuple[Month, ...]

    def __post_init__(self) -> None:
        if len(self.month) != 12:
            raise ValueError(f"month: 12 months expected, got {len(self.month)}")
        unique("month", (w for m in self.month for w in (m.name, *m.abbreviations)))


class Weekday(Part, frozen=True):
    name: str
    abbreviations: tuple[str, ...] = ()


class Weekdays(Part, frozen=True):
    weekday: tuple[Weekday, ...]

    def __post_init__(self) -> None:
        if len(self.weekday) != 7:
            raise ValueError(f"weekday: 7 weekdays expected, got {len(self.weekday)}")
        unique("weekday", (w for d in self.weekday for w in (d.name, *d.abbreviations)))


class Seasons(Part, frozen=True):
    seasons: Mapping[str, SeasonCode]
    first_month: Mapping[SeasonCode, int]

    def __post_init__(self) -> None:
        checked_words("seasons", self.seasons)
        missing = set(self.seasons.values()) - set(self.first_month)
        if missing:
            raise ValueError(f"first_month: no month for {sorted(missing)}")
        if any(not 1 <= month <= 12 for month in self.first_month.values()):
            raise ValueError("first_month: months are 1-12")
        self._freeze("seasons", "first_month")


class PartsOfDay(Part, frozen=True):
    parts_of_day: Mapping[str, PartOfDay]

    def __post_init__(self) -> None:
        checked_words("parts_of_day", self.parts_of_day)
        self._freeze("parts_of_day")


class TimeUnits(Part, frozen=True):
    units: Mapping[str, TimeUnit]
    day_kinds: tuple[str, ...]

    def __post_init__(self) -> None:
        checked_words("units", self.units)
        checked_words("day_kinds", self.day_kinds)
        self._freeze("units")
