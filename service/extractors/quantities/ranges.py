"""Ranges and changes read from a number onwards: "3-5 million", "between 6 kg and 13 kg",
"from 5% to 7%", "fell 12p to 345p"."""

from __future__ import annotations

from service.extractors.quantities.change import says_move
from service.extractors.quantities.context import is_blocked
from service.extractors.quantities.words import read_opener, read_range, read_unit
from service.normalize.numbers import parse_number, scale_factor


def read_number_range(text: str, first: str, end: int, left: int, blocked) -> tuple[str | None, int, int]:
    """Return the range's upper number (None if none), where the tail starts, and the new left."""
    found = read_range(text, end)
    opener, opener_start = read_opener(text, left)
    if found is None:
        # The unit written on both ends: "from 5% to 7%", "between 6 kg and 13 kg"; after a
        # change verb with no "from", the change and the level it reached: "fell 12p to 345p".
        unit, unit_end = read_unit(text, end)
        found = read_range(text, unit_end) if unit is not None else None
        if found is not None and (
            read_unit(text, found.end())[0] != unit
            or (range_values(first, found.group(3)) is None and move_values(first, found.group(3)) is None)
            or (opener is None and says_move(text, left))
        ):
            found = None
    if found is None or is_blocked(blocked, found.start(3), found.end(3)):
        return None, end, left
    separator = (found.group(1) or "-").lower()
    if separator == "and" and opener != "between":
        return None, end, left
    return found.group(3), found.end(), opener_start


def range_values(first: str, last: str | None) -> tuple[float, float | None] | None:
    """Return (value, value_max); a range's scale word carries back: "3-5 million"."""
    value = parse_number(first)
    if value is None or last is None:
        return (value, None) if value is not None else None
    value_max = parse_number(last)
    if value_max is None:
        return None
    scale = scale_factor(last)
    if scale_factor(first) == 1.0 and value < value_max / scale:
        value *= scale
    return (value, value_max) if value < value_max else None


def move_values(first: str, last: str) -> tuple[float, float] | None:
    """Return the two levels of a change written "from X to Y", in either order."""
    value, value_max = parse_number(first), parse_number(last)
    return None if value is None or value_max is None or value == value_max else (value, value_max)
