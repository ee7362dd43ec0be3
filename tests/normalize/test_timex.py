import datetime as dt

import pytest

from service.normalize.timex import (
    Direction,
    DurationUnit,
    PartOfDay,
    Tense,
    calendar_direction,
    date_value,
    decade_value,
    duration_value,
    month_value,
    part_of_day_value,
    resolve_month,
    resolve_month_day,
    resolve_weekday,
    shift_months,
    time_value,
    unanchored_month,
    unanchored_weekday,
    week_value,
    weekday_direction,
    weekend_value,
)

SATURDAY = dt.date(2022, 3, 12)
THURSDAY, WEDNESDAY, TUESDAY, SAT = 3, 2, 1, 5


@pytest.mark.parametrize(
    ("weekday", "direction", "expected"),
    [
        (THURSDAY, Direction.ON_OR_BEFORE, dt.date(2022, 3, 10)),
        (THURSDAY, Direction.AFTER, dt.date(2022, 3, 17)),
        (WEDNESDAY, Direction.BEFORE, dt.date(2022, 3, 9)),
        (TUESDAY, Direction.AFTER, dt.date(2022, 3, 15)),
        (TUESDAY, Direction.NEAREST, dt.date(2022, 3, 15)),
        (THURSDAY, Direction.NEAREST, dt.date(2022, 3, 10)),
        (SAT, Direction.ON_OR_BEFORE, SATURDAY),
        (SAT, Direction.BEFORE, dt.date(2022, 3, 5)),
        (SAT, Direction.AFTER, dt.date(2022, 3, 19)),
        (SAT, Direction.ON_OR_AFTER, SATURDAY),
    ],
)
def test_resolve_weekday(weekday, direction, expected):
    assert resolve_weekday(SATURDAY, weekday, direction) == expected


@pytest.mark.parametrize(
    ("month", "direction", "expected"),
    [
        (11, Direction.ON_OR_AFTER, (2022, 11)),
        (6, Direction.ON_OR_AFTER, (2023, 6)),
        (8, Direction.ON_OR_AFTER, (2022, 8)),
        (6, Direction.ON_OR_BEFORE, (2022, 6)),
        (11, Direction.ON_OR_BEFORE, (2021, 11)),
        (8, Direction.BEFORE, (2021, 8)),
        (8, Direction.AFTER, (2023, 8)),
        (11, Direction.SAME_YEAR, (2022, 11)),
    ],
)
def test_resolve_month_by_direction(month, direction, expected):
    assert resolve_month(dt.date(2022, 8, 20), month, direction) == expected


def test_resolve_month_day_skips_missing_days():
    anchor = dt.date(2022, 3, 12)
    assert resolve_month_day(anchor, 2, 29, Direction.ON_OR_BEFORE) is None
    assert resolve_month_day(anchor, 2, 29, Direction.ON_OR_AFTER) is None
    assert resolve_month_day(dt.date(2024, 3, 1), 2, 29, Direction.ON_OR_BEFORE) == dt.date(2024, 2, 29)
    assert resolve_month_day(anchor, 10, 12, Direction.SAME_YEAR) == dt.date(2022, 10, 12)


def test_tense_picks_the_news_convention_direction():
    assert weekday_direction(Tense.PAST) is Direction.ON_OR_BEFORE
    assert weekday_direction(Tense.FUTURE) is Direction.ON_OR_AFTER
    assert weekday_direction(Tense.UNKNOWN) is Direction.ON_OR_BEFORE
    assert calendar_direction(Tense.PAST) is Direction.ON_OR_BEFORE
    assert calendar_direction(Tense.FUTURE) is Direction.ON_OR_AFTER
    assert calendar_direction(Tense.UNKNOWN) is Direction.NEAREST


def test_shift_months_crosses_years():
    assert shift_months(dt.date(2022, 1, 31), -1) == (2021, 12)
    assert shift_months(dt.date(2022, 12, 1), 1) == (2023, 1)
    assert shift_months(dt.date(2022, 3, 12), -27) == (2019, 12)


def test_calendar_values():
    assert date_value(dt.date(2022, 3, 10)) == "2022-03-10"
    assert month_value(2018, 3) == "2018-03"
    assert decade_value(1990) == "199"
    assert decade_value(2000) == "200"
    assert week_value(dt.date(2022, 3, 5)) == "2022-W09"
    assert week_value(dt.date(2010, 10, 9)) == "2010-W40"
    # ISO weeks belong to the year of their Thursday.
    assert week_value(dt.date(2021, 1, 1)) == "2020-W53"
    assert weekend_value(dt.date(2022, 3, 12)) == "2022-W10-WE"


def test_parts_of_day_and_times():
    assert part_of_day_value("2022-03-15", PartOfDay.EVENING) == "2022-03-15TEV"
    assert [p.value for p in PartOfDay] == ["MO", "AF", "EV", "NI"]
    assert time_value("2022-03-12", 15, 0) == "2022-03-12T15:00"
    assert time_value(None, 10, 30) == "XXXX-XX-XXT10:30"


def test_unanchored_values():
    assert unanchored_weekday(3) == "XXXX-WXX-4"
    assert unanchored_weekday(0) == "XXXX-WXX-1"
    assert unanchored_month(3) == "XXXX-03"


@pytest.mark.parametrize(
    ("amount", "unit", "expected"),
    [
        (3, DurationUnit.DAY, "P3D"),
        (30, DurationUnit.YEAR, "P30Y"),
        (6, DurationUnit.WEEK, "P6W"),
        (2, DurationUnit.HOUR, "PT2H"),
        (1, DurationUnit.DECADE, "P10Y"),
        (2, DurationUnit.CENTURY, "P200Y"),
        (18, DurationUnit.MONTH, "P18M"),
        (45, DurationUnit.MINUTE, "PT45M"),
        (1.5, DurationUnit.HOUR, "PT1.5H"),
        (None, DurationUnit.YEAR, "PXY"),
    ],
)
def test_duration_value(amount, unit, expected):
    assert duration_value(amount, unit) == expected
