"""Restatements of a measurement in other units, linked and checked: "350 kilometres (217 miles)".

A restatement follows right after what it restates, in brackets, after ", or" or a
slash, states the same kind of amount in another unit, and should agree within the
rounding of the numbers as written. One that disagrees is still linked, with
`conversion_agrees=False`: a wrong conversion is a factual slip worth reporting.
Money in two currencies is linked without a verdict (no exchange rates here).
"""

from __future__ import annotations

import re

import msgspec

from service.core.types import Quantity, QuantityKind

_GAP_RE = re.compile(r"\s*[(\[]\s*|\s*,?\s+or\s+|\s*/\s*")
# Converted figures are rounded: 5% apart still agree ("350 kilometres (217 miles)").
_TOLERANCE = 0.05
_FAHRENHEIT_DEGREE = 5 / 9
_UNLINKED_KINDS = frozenset({QuantityKind.COUNT, QuantityKind.AGE})


def link_restatements(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """Return `quantities` with each restatement pointing at what it restates (and a verdict)."""
    linked = list(quantities)
    for index in range(1, len(linked)):
        previous, current = linked[index - 1], linked[index]
        if previous.equivalent_to is None and is_restatement(text, previous, current):
            linked[index] = msgspec.structs.replace(
                current, equivalent_to=index - 1, conversion_agrees=conversion_agrees(previous, current)
            )
    return linked


def is_restatement(text: str, first: Quantity, second: Quantity) -> bool:
    """Return whether `second` restates `first` in another unit of the same kind."""
    return (
        first.kind is second.kind
        and first.kind not in _UNLINKED_KINDS
        and first.unit != second.unit
        and first.unit is not None
        and second.unit is not None
        and _GAP_RE.fullmatch(text, first.end, second.start) is not None
    )


def conversion_agrees(first: Quantity, second: Quantity) -> bool | None:
    """Return whether two amounts agree within rounding; None when they cannot be compared."""
    if first.normalized_unit is None or first.normalized_unit != second.normalized_unit:
        return None
    # The restatement is the converted, rounded figure: its last digit sets the slack.
    pairs = [(first.normalized_value, second.normalized_value, second.value)]
    if first.normalized_value_max is not None and second.normalized_value_max is not None:
        pairs.append((first.normalized_value_max, second.normalized_value_max, second.value_max))
    return all(
        a is not None
        and b is not None
        and abs(a - b) <= max(_TOLERANCE * max(abs(a), abs(b)), _rounding_slack(second, stated, b))
        for a, b, stated in pairs
    )


def _rounding_slack(quantity: Quantity, stated: float | None, normalized: float) -> float:
    """Return half the last written digit's place of `stated`, in normalized units."""
    if stated is None:
        return 0.0
    half_place = _last_place(stated) / 2
    if quantity.kind is QuantityKind.TEMPERATURE:
        return half_place * (_FAHRENHEIT_DEGREE if quantity.unit == "°F" else 1.0)
    return half_place * abs(normalized / stated) if stated else 0.0


def _last_place(value: float) -> float:
    """Return the place of the last significant digit: 217 -> 1, 1500 -> 100, 2.5 -> 0.1."""
    written = f"{abs(value):.6f}".rstrip("0")
    whole, _, decimals = written.partition(".")
    if decimals:
        return 10.0 ** -len(decimals)
    stripped = whole.rstrip("0")
    return 10.0 ** (len(whole) - len(stripped)) if stripped else 1.0
