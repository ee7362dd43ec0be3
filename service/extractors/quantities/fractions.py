"""Fractions of a whole: "a third (of)", "three quarters of households", "one in five",
"half a percentage point"."""

from __future__ import annotations

import re

from service.core.types import Quantity, QuantityKind
from service.extractors.quantities.build import level_quantity
from service.extractors.quantities.context import is_blocked, is_year
from service.extractors.quantities.words import read_qualifier, read_unit
from service.normalize.numbers import FRACTION, RATIO, parse_number

# "half a percentage point": a bare "half" before a unit (the fraction reader checks the unit).
_FRACTION_RE = re.compile(rf"{FRACTION}|{RATIO}|(?i:\bhalf(?=[ \t\u00a0]+an?[ \t\u00a0]))")
_RATIO_DENOMINATOR_RE = re.compile(r"\s+in\s+(\S+)$", re.IGNORECASE)
_OF_A_RE = re.compile(r"(?i:[ \t\u00a0]+(of[ \t\u00a0]+)?an?(?=[ \t\u00a0]))")


def fraction_quantities(text: str, blocked) -> list[Quantity]:
    """Return the fractions of a whole in `text` outside the `blocked` spans, as percentages."""
    return [
        quantity
        for match in _FRACTION_RE.finditer(text)
        if (quantity := _fraction_quantity(text, match, blocked)) is not None
    ]


def _fraction_quantity(text: str, match: re.Match[str], blocked) -> Quantity | None:
    """Return "a third (of)" or "one in five" as a fraction of a whole, or None."""
    start, end = match.span()
    denominator = _RATIO_DENOMINATOR_RE.search(match.group())
    if is_blocked(blocked, start, end) or (denominator and is_year(denominator.group(1))):
        return None
    value = parse_number(match.group())
    if value is None or not 0 < value <= 1:
        return None
    qualifier, left = read_qualifier(text, start)
    of_a = _OF_A_RE.match(text, end)
    unit, unit_end = read_unit(text, of_a.end()) if of_a else (None, end)
    if unit is not None and unit.kind is not QuantityKind.AGE:  # "three-quarters of a percentage point"
        return level_quantity(text, left, unit_end, (value, None), unit.symbol, unit.kind, qualifier)
    if of_a is not None and of_a.group(1) is None:
        return None  # "half a million" is the number reader's
    return Quantity(
        start=left,
        end=end,
        value=value,
        unit="fraction",
        kind=QuantityKind.PERCENT,
        qualifier=qualifier,
        normalized_value=round(value * 100, 10),
        normalized_unit="percent",
    )
