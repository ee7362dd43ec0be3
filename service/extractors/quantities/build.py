"""Quantity records from what the readers found: a level, a move between levels, a rate, a difference.

Each normalizes its values (pint for physical units, the ISO code for money) and states
the change written around the span; the extractor decides which one a number is.
"""

from __future__ import annotations

import msgspec

from service.core.types import Change, Quantity, QuantityKind
from service.extractors.quantities.change import read_change
from service.extractors.quantities.rates import normalize_rate, rate_unit
from service.normalize.units import lookup_unit, normalize_unit

_FAHRENHEIT_DEGREE = 5 / 9


def as_difference(quantity: Quantity) -> Quantity:
    """Return a temperature difference ("two degrees above normal") normalized as one, in kelvin."""
    if quantity.unit is None:
        return quantity
    degree = _FAHRENHEIT_DEGREE if quantity.unit == "°F" else 1.0
    return msgspec.structs.replace(
        quantity,
        normalized_value=quantity.value * degree,
        normalized_value_max=None if quantity.value_max is None else quantity.value_max * degree,
        normalized_unit="K",
    )


def moved(text, start, end, from_value, to_value, unit, kind, qualifier) -> Quantity:
    """Return the level a change reached, with the level it started from and its direction."""
    reached = level_quantity(text, start, end, (to_value, None), unit, kind, qualifier)
    normalized_from = from_value if kind is QuantityKind.COUNT else normalize_unit(from_value, unit)[0]
    return msgspec.structs.replace(
        reached,
        from_value=from_value,
        normalized_from_value=normalized_from,
        change=Change.INCREASE if to_value > from_value else Change.DECREASE,
    )


def rate_quantity(text, start, end, values, unit, per, kind, qualifier) -> Quantity:
    """Return a rate ("$80 a barrel"): the unit is the quotient, normalized where pint can."""
    amount = level_quantity(text, start, end, values, unit, kind, qualifier)
    spec = lookup_unit(unit) if unit and kind is not QuantityKind.COUNT else None
    physical = normalize_rate(values[0], spec, per)
    if physical is not None:
        normalized, normalized_unit = physical
        normalized_max = normalize_rate(values[1], spec, per)[0] if values[1] is not None else None
    else:
        normalized, normalized_max = amount.normalized_value, amount.normalized_value_max
        normalized_unit = rate_unit(amount.normalized_unit if kind is not QuantityKind.COUNT else unit, per)
    return msgspec.structs.replace(
        amount,
        unit=rate_unit(unit, per),
        per=per,
        normalized_value=normalized,
        normalized_value_max=normalized_max,
        normalized_unit=normalized_unit,
    )


def level_quantity(text, start, end, values, unit, kind, qualifier) -> Quantity:
    """Return the quantity with its normalized values and the change stated around it."""
    value, value_max = values
    if kind is QuantityKind.COUNT or unit is None:
        normalized, normalized_max = (value, None), (value_max, None)
    else:
        normalized = normalize_unit(value, unit)
        normalized_max = normalize_unit(value_max, unit) if value_max is not None else (None, None)
    return Quantity(
        start=start,
        end=end,
        value=value,
        value_max=value_max,
        unit=unit,
        kind=kind,
        qualifier=qualifier,
        normalized_value=normalized[0],
        normalized_value_max=normalized_max[0],
        normalized_unit=normalized[1],
        change=read_change(text, start, end, kind, unit),
    )
