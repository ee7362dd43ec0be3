"""Units beyond the lexicon's table, parsed by pint: "GHz", "horsepower", "mAh", "ounces".

A written token is a unit when pint parses it and it reads as the unit's name (with a
prefix name and a plural: "gigahertz", "ounces") or as its symbol (with a prefix
symbol: "GHz", "mAh"); pint's own loose parse ("cat" as centi-technical-atmospheres)
is not enough. The lexicon (en/units.toml, [pint]) lists the pint units and tokens never
read this way, the dimensionless units that still count, and what each dimensionality
measures and is normalized to. Time units are left to the dates extractor.
"""

from __future__ import annotations

import functools
import re

import pint

from service import lexicon
from service.core.types import QuantityKind
from service.normalize.unit_table import UnitSpec

# One registry for the process: building it parses pint's definitions (~0.15 s).
UNIT_REGISTRY = pint.UnitRegistry()

_UNITS = lexicon.units()
_READING = _UNITS.pint
_NOT_UNITS = frozenset(_READING.not_units)
_NOT_WORDS = frozenset(_READING.not_words)
_DIMENSIONLESS = frozenset(_READING.dimensionless)
# Dimensionality (as pint writes it) -> (kind, normalized unit), from the lexicon's kinds.
def _dimensionality(expression) -> tuple[tuple[str, float], ...]:
    # pint writes one dimensionality in more than one order: compare the sorted items.
    return tuple(sorted(UNIT_REGISTRY.parse_expression(str(expression)).dimensionality.items()))


_BY_DIMENSIONALITY = {
    _dimensionality(_UNITS.normalized[normalized]): (kind, normalized) for normalized, kind in _READING.kinds.items()
}
# A capitalised word ("Eden", "Kim") is a name, not exa-denier or kibi-metres.
_CAPITALISED_RE = re.compile(r"[A-Z][a-z]{2,}")


@functools.lru_cache(maxsize=4096)
def pint_unit(token: str, written: bool = True) -> UnitSpec | None:
    """Return the unit pint reads `token` as ("GHz" -> gigahertz), or None if it is no unit.

    `written`: the token is from the text, so the lexicon's not_words are no units; a
    canonical symbol this module returned ("cp", a cup) is read with `written=False`.
    """
    if written and (len(token) < 2 or token in _NOT_WORDS):
        return None
    if written and _CAPITALISED_RE.fullmatch(token):
        token = token.lower()  # "86 Fahrenheit", but only as a name (checked below)
    try:
        readings = UNIT_REGISTRY.parse_unit_name(token, case_sensitive=True)
    except (pint.errors.PintError, ValueError):
        return None
    for prefix, name, _ in sorted(readings, key=lambda reading: reading[0] != ""):
        if name not in _NOT_UNITS and (_reads_as_name(token, prefix, name) or _reads_as_symbol(token, prefix, name)):
            return _spec(prefix, name)
    return None


def _reads_as_name(token: str, prefix: str, name: str) -> bool:
    """Return whether `token` is the unit's name or an alias, with the prefix's name: "kilowatts"."""
    if not token.islower():
        return False
    definition = UNIT_REGISTRY._units[name]
    for written in (name, *definition.aliases):
        stem = (prefix + written).lower()
        if token in (stem, stem + "s", stem + "es"):
            return True
    return False


def _reads_as_symbol(token: str, prefix: str, name: str) -> bool:
    """Return whether `token` is the prefix's symbol and the unit's, exactly: "GHz", "mAh"."""
    definition = UNIT_REGISTRY._units[name]
    prefix_symbol = UNIT_REGISTRY._prefixes[prefix].symbol if prefix else ""
    # Aliases count as symbols only when not a lowercase word ("BTU" yes, "amp" in "camp" no).
    symbols = [definition.symbol, *(a for a in definition.aliases if not a.islower())]
    return any(symbol and token == prefix_symbol + symbol for symbol in symbols)


def _spec(prefix: str, name: str) -> UnitSpec | None:
    """Return the canonical unit of a pint unit: its symbol, kind and normalized unit."""
    unit = UNIT_REGISTRY.Unit(prefix + name)
    dimensionality = _dimensionality(prefix + name)
    symbol = f"{unit:~}"
    if dimensionality == (("[time]", 1),) or (dimensionality == (("[time]", -1),) and name != "hertz"):
        return None  # durations ("three days") are the dates extractor's
    if not dimensionality:
        if name not in _DIMENSIONLESS:
            return None
        return UnitSpec(symbol, QuantityKind.OTHER, prefix + name, name, f"{UNIT_REGISTRY.Unit(name):~}")
    if dimensionality not in _BY_DIMENSIONALITY:
        base = UNIT_REGISTRY.Quantity(1, unit).to_base_units().units
        return UnitSpec(symbol, QuantityKind.OTHER, prefix + name, str(base), f"{base:~}")
    kind, normalized = _BY_DIMENSIONALITY[dimensionality]
    return UnitSpec(symbol, kind, prefix + name, _UNITS.normalized[normalized], normalized)


@functools.lru_cache(maxsize=4096)
def conversion_factor(pint_unit_name: str, pint_target: str) -> float:
    """Return the factor that converts one `pint_unit_name` into `pint_target` (multiplicative units).

    Either may be an expression with a number in it: "0.01 * percent" (a basis point).
    """
    return float(UNIT_REGISTRY.parse_expression(pint_unit_name).to(pint_target).magnitude)
