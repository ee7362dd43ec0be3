"""TIMEX3 values and the calendar arithmetic that resolves relative dates on an anchor.

Values follow the TIMEX3 conventions of TimeML: "2022-03-10", "2022-03", "2022-W09",
"199" (a decade), "2022-03-15TEV" (a part of a day), "XXXX-WXX-4" (a Thursday of
unknown date), "P3D" / "PT2H" (durations), "PRESENT_REF" / "PAST_REF".
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

PRESENT_REF = "PRESENT_REF"
PAST_REF = "PAST_REF"
FUTURE_REF = "FUTURE_REF"


class Tense(enum.Enum):
    """The tense of the clause a date is written in, which decides its direction."""

    PAST = "past"
    FUTURE = "future"
    UNKNOWN = "unknown"


class Direction(enum.Enum):
    """Which occurrence of a recurring calendar name (a weekday, a month) is meant."""

    BEFORE = "before"  # strictly before the anchor: "last Wednesday"
    ON_OR_BEFORE = "on_or_before"  # past tense: "visited on Thursday"
    AFTER = "after"  # strictly after the anchor: "next Tuesday", "will arrive on Tuesday"
    ON_OR_AFTER = "on_or_after"  # future tense, coarse units: "will vote in August"
    NEAREST = "nearest"  # no tense cue, weekdays: the closest one, the past one on a tie
    SAME_YEAR = "same_year"  # no tense cue, months and days: the one in the anchor's year


# A tense picks a month or a day without its year only within about nine months of the
# anchor; farther away the nearest occurrence wins: "payable Dec. 15" written in November
# is next month, not eleven months back, whatever the verb's tense ("was set for Jan. 14").
TENSE_REACH_DAYS = 270


def weekday_direction(tense: Tense) -> Direction:
    """Return the occurrence a bare weekday names in a clause of `tense` (news convention)."""
    # Past: the most recent one, the anchor day included; future: the next one, the anchor
    # day included ("Friday" in a story dated Friday is that day); no cue: news reports
    # what happened, so the most recent one.
    return Direction.ON_OR_AFTER if tense is Tense.FUTURE else Direction.ON_OR_BEFORE


def calendar_direction(tense: Tense) -> Direction:
    """Return the occurrence a bare month, or a day without its year, names in a clause of `tense`."""
    # The anchor's own month counts for both tenses ("will vote in August" written in August).
    directions = {Tense.PAST: Direction.ON_OR_BEFORE, Tense.FUTURE: Direction.ON_OR_AFTER}
    return directions.get(tense, Direction.NEAREST)


class PartOfDay(enum.StrEnum):
    """TIMEX3 part-of-day codes."""

    MORNING = "MO"
    AFTERNOON = "AF"
    EVENING = "EV"
    NIGHT = "NI"


class DurationUnit(enum.Enum):
    """A calendar or clock unit: its TIMEX3 letter, whether it is a clock unit, its factor."""

    YEAR = ("Y", False, 1)
    DECADE = ("Y", False, 10)
    CENTURY = ("Y", False, 100)
    MONTH = ("M", False, 1)
    WEEK = ("W", False, 1)
    DAY = ("D", False, 1)
    HOUR = ("H", True, 1)
    MINUTE = ("M", True, 1)
    SECOND = ("S", True, 1)

    @property
    def letter(self) -> str:
        return self.value[0]

    @property
    def is_clock(self) -> bool:
        return self.value[1]

    @property
    def factor(self) -> int:
        return self.value[2]


def pick_occurrence(candidates: Iterable[dt.date], anchor: dt.date, direction: Direction) -> dt.date | None:
    """Return the candidate date that `direction` selects relative to `anchor`, if any."""
    dates = list(candidates)
    if direction is Direction.BEFORE:
        return max((d for d in dates if d < anchor), default=None)
    if direction is Direction.ON_OR_BEFORE:
        return max((d for d in dates if d <= anchor), default=None)
    if direction is Direction.AFTER:
        return min((d for d in dates if d > anchor), default=None)
    if direction is Direction.ON_OR_AFTER:
        return min((d for d in dates if d >= anchor), default=None)
    if direction is Direction.SAME_YEAR:
        return next((d for d in dates if d.year == anchor.year), None)
    return min(dates, key=lambda d: (abs((d - anchor).days), d > anchor), default=None)


def resolve_weekday(anchor: dt.date, weekday: int, direction: Direction) -> dt.date:
    """Return the date of `weekday` (Monday=0) that `direction` selects around `anchor`."""
    offsets = range(-7, 8)
    candidates = (anchor + dt.timedelta(days=k) for k in offsets if (anchor.weekday() + k) % 7 == weekday)
    chosen = pick_occurrence(candidates, anchor, direction)
    # Every direction has a candidate within a week either side, so this never falls back.
    return chosen if chosen is not None else anchor


def pick_plausible(
    candidates: Iterable[dt.date], anchor: dt.date, direction: Direction, reach_days: int | None
) -> dt.date | None:
    """Return the `direction` pick if it lies within `reach_days` of `anchor`, else the nearest candidate."""
    dates = list(candidates)
    chosen = pick_occurrence(dates, anchor, direction)
    if reach_days is None or (chosen is not None and abs((chosen - anchor).days) <= reach_days):
        return chosen
    return pick_occurrence(dates, anchor, Direction.NEAREST)


def resolve_month(
    anchor: dt.date, month: int, direction: Direction, reach_days: int | None = None
) -> tuple[int, int]:
    """Return (year, month) of the `month` that `direction` selects around `anchor`'s month.

    With `reach_days`, a pick farther than that from the anchor gives way to the nearest one.
    """
    this_month = anchor.replace(day=1)
    candidates = (dt.date(year, month, 1) for year in (anchor.year - 1, anchor.year, anchor.year + 1))
    chosen = pick_plausible(candidates, this_month, direction, reach_days) or dt.date(anchor.year, month, 1)
    return chosen.year, chosen.month


def resolve_month_day(
    anchor: dt.date, month: int, day: int, direction: Direction, reach_days: int | None = None
) -> dt.date | None:
    """Return the date `month`/`day` that `direction` selects around `anchor`; None if no such day.

    With `reach_days`, a pick farther than that from the anchor gives way to the nearest one.
    """
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:  # February 29 outside leap years, April 31
            continue
    return pick_plausible(candidates, anchor, direction, reach_days)


def shift_months(anchor: dt.date, months: int) -> tuple[int, int]:
    """Return (year, month) `months` months after `anchor`'s month (negative: before)."""
    index = anchor.year * 12 + anchor.month - 1 + months
    return index // 12, index % 12 + 1


def _checked_year(year: int) -> int:
    # Arithmetic past year 9999 (an extreme anchor) has no four-digit value.
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError(f"year {year} out of range")
    return year


def date_value(day: dt.date) -> str:
    """Return the TIMEX3 value of a calendar day: "2022-03-10"."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def month_value(year: int, month: int) -> str:
    """Return the TIMEX3 value of a month: "2022-03"; raises ValueError past year 9999."""
    return f"{_checked_year(year):04d}-{month:02d}"


def year_value(year: int) -> str:
    """Return the TIMEX3 value of a year: "2010"; raises ValueError past year 9999."""
    return f"{_checked_year(year):04d}"


def decade_value(first_year: int) -> str:
    """Return the TIMEX3 value of the decade starting in `first_year`: 1990 -> "199"."""
    return f"{first_year // 10:03d}"


def week_value(day: dt.date) -> str:
    """Return the TIMEX3 value of the ISO week containing `day`: "2022-W09"."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def weekend_value(day: dt.date) -> str:
    """Return the TIMEX3 value of the weekend of the ISO week containing `day`: "2022-W09-WE"."""
    return week_value(day) + "-WE"


def part_of_day_value(day_value: str, part: PartOfDay) -> str:
    """Return a day value with a part of day appended: "2022-03-15TEV"."""
    return f"{day_value}T{part}"


def time_value(day_value: str | None, hour: int, minute: int) -> str:
    """Return a clock time on a day, or on an unknown day: "2022-03-12T15:00", "XXXX-XX-XXT15:00"."""
    day = day_value if day_value is not None else "XXXX-XX-XX"
    return f"{day}T{hour:02d}:{minute:02d}"


def unanchored_weekday(weekday: int) -> str:
    """Return the value of a weekday of unknown week (Monday=0): "XXXX-WXX-1"."""
    return f"XXXX-WXX-{weekday + 1}"


def unanchored_month(month: int) -> str:
    """Return the value of a month of unknown year: "XXXX-03"."""
    return f"XXXX-{month:02d}"


def unanchored_month_day(month: int, day: int) -> str:
    """Return the value of a day of unknown year: "XXXX-10-12"."""
    return f"XXXX-{month:02d}-{day:02d}"


def _format_amount(amount: float | None) -> str:
    if amount is None:
        return "X"
    if float(amount).is_integer():
        return str(int(amount))
    return f"{amount:g}"


def duration_value(amount: float | None, unit: DurationUnit) -> str:
    """Return the TIMEX3 duration: (3, DAY) -> "P3D", (2, HOUR) -> "PT2H", (None, YEAR) -> "PXY"."""
    scaled = None if amount is None else amount * unit.factor
    clock = "T" if unit.is_clock else ""
    return f"P{clock}{_format_amount(scaled)}{unit.letter}"
