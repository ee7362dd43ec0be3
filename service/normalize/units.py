"""Unit aliases to canonical symbols and kinds, and values normalized with pint.

Normalized units: metres, m/s, kg, m2, m3, kelvin, J, W, Pa, Hz, years ("a") for
ages, ISO 4217 codes for money, "percent" and "pp" (percentage points). A unit the
lexicon does not list is looked up in pint (pint_units).
"""

from __future__ import annotations

import math
import re
from types import MappingProxyType

from service.core.types import QuantityKind
from service.normalize.numbers import SCALE_ABBREVIATIONS, SCALES
from service.normalize.pint_units import UNIT_REGISTRY, conversion_factor, pint_unit, powered_unit
from service.normalize.unit_table import (
    CURRENCY_PREFIXES,
    GLUED_ALIASES,
    MINOR_FACTORS,
    MONEY_CODES,
    SPACED_ALIASES,
    SYMBOL_ALIASES,
    UNITS,
    WORD_ALIASES,
    UnitSpec,
)

# Multiplicative units convert by a constant factor, computed once here so the
# extractor never calls into pint per quantity; only offset units (°F) do.
_FACTORS = MappingProxyType(
    {
        symbol: conversion_factor(spec.pint_unit, spec.pint_target)
        for symbol, spec in UNITS.items()
        if spec.pint_unit and spec.kind is not QuantityKind.TEMPERATURE
    }
    | MINOR_FACTORS
)

_MONEY_SUFFIX_CODES = MONEY_CODES


def _alternation(aliases) -> str:
    return "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in sorted(aliases, key=len, reverse=True))


# Units written after a number. Symbols are case-sensitive; words are not.
# Bare "C"/"F" (GLUED_ALIASES) count only when glued to the digits ("30C"), never "30 C";
# a bare "K" (SPACED_ALIASES) only after a space ("450 K"), never glued ("10K").
UNIT = (
    rf"(?:(?:{_alternation(SYMBOL_ALIASES)}|{_alternation(_MONEY_SUFFIX_CODES)}"
    rf"|(?<=\d)[{''.join(map(re.escape, GLUED_ALIASES))}]|(?<=\d[ \u00a0])[{''.join(map(re.escape, SPACED_ALIASES))}]"
    rf"|(?i:{_alternation(WORD_ALIASES)}))(?![^\W\d_]))"
)
# Currency written before a number, with an optional space: "US$ 20,000", "USD 5m".
CURRENCY_PREFIX = rf"(?:(?<![^\W\d_])(?:{_alternation(CURRENCY_PREFIXES)}))"

_SCALE_WORD_RE = re.compile(
    rf"\b({'|'.join(SCALES)}|{'|'.join(SCALE_ABBREVIATIONS)})\b", re.IGNORECASE
)


def lookup_unit(alias: str) -> UnitSpec | None:
    """Return the canonical unit an alias ("kilometres", "km", "£", "per cent") names, or None."""
    text = " ".join(alias.split())
    symbol = (
        SYMBOL_ALIASES.get(text)
        or CURRENCY_PREFIXES.get(text)
        or WORD_ALIASES.get(text.lower())
        or GLUED_ALIASES.get(text)
        or SPACED_ALIASES.get(text)
        or text
    )
    return UNITS.get(symbol) or pint_unit(text) or _powered(text)


def _powered(text: str) -> UnitSpec | None:
    """Return the unit of a product of powers ("km s−1"), the table's where it lists the symbol."""
    spec = powered_unit(text)
    return UNITS.get(spec.symbol, spec) if spec is not None else None


def unit_of_symbol(symbol: str) -> UnitSpec | None:
    """Return the canonical unit a symbol this module returned names ("km", "GHz", "cp")."""
    return lookup_unit(symbol) or pint_unit(symbol, written=False)


def normalize_unit(value: float, unit: str) -> tuple[float, str]:
    """Return `value` in the normalized unit of `unit`: (350000.0, "m") for (350, "km").

    Money applies any scale word in `unit` ("million USD", "£bn") and returns the
    ISO code; an unknown unit (a counted noun) comes back unchanged.
    """
    factor, spec = 1.0, unit_of_symbol(unit)
    if spec is None:
        factor, alias = _split_scale(unit)
        spec = unit_of_symbol(alias)
        # "5 m" is metres: an abbreviated scale only ever multiplies money.
        if spec is None or (spec.kind is not QuantityKind.MONEY and _is_abbreviated(unit)):
            return value, unit
    scaled = value * factor
    if spec.symbol in _FACTORS:
        return _rounded(scaled * _FACTORS[spec.symbol]), spec.normalized_symbol
    if spec.kind is QuantityKind.TEMPERATURE:
        converted = UNIT_REGISTRY.Quantity(scaled, spec.pint_unit).to(spec.pint_target).magnitude
        return _rounded(float(converted)), spec.normalized_symbol
    if spec.pint_unit and spec.pint_target:  # a unit pint found beyond the table
        return _rounded(scaled * conversion_factor(spec.pint_unit, spec.pint_target)), spec.normalized_symbol
    return _rounded(scaled), spec.normalized_symbol


def _rounded(value: float) -> float:
    # Ten significant digits hide conversion noise (86 °F -> 30.000000000000057 °C).
    return float(f"{value:.10g}")


def _split_scale(unit: str) -> tuple[float, str]:
    """Return the scale factor named in `unit` and the unit without it."""
    factor = 1.0
    match = _SCALE_WORD_RE.search(unit)
    if match:
        word = match.group(1).lower()
        factor = SCALES.get(word) or SCALE_ABBREVIATIONS.get(word, 1.0)
        unit = (unit[: match.start()] + unit[match.end() :]).strip()
    return (factor if math.isfinite(factor) else 1.0), unit


def _is_abbreviated(unit: str) -> bool:
    match = _SCALE_WORD_RE.search(unit)
    return bool(match) and match.group(1).lower() not in SCALES
