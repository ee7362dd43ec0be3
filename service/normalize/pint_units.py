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
    token = token.replace("\u03bc", "\u00b5")  # papers typeset the Greek mu for pint's micro sign
    if written and _CAPITALISED_RE.fullmatch(token):
        token = token.lower()  # "86 Fahrenheit", but only as a name (checked below)
    try:
        readings = UNIT_REGISTRY.parse_unit_name(token, case_sensitive=True)
    except (pint.errors.PintError, ValueError):
        return None
    for prefix, name, _ in sorted(readings, key=lambda reading: reading[0] != ""):
        if name not in _NOT_UNITS and (_reads_as_name(token, prefix, name) or _reads_as_symbol(token, prefix, name)):
            return _spec(prefix, name)
        # A unit never read bare ("bar") is still one with a prefix symbol: "μbar", "nbar".
        if prefix and name in _NOT_UNITS and _reads_as_symbol(token, prefix, name):
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


# Units written as products of powers, as papers write them: "km s−1", "W m−2", "cm−1".
_POWER = "(?:[\u2212\u207b-]?[1-4]|\u207b?[\u00b9\u00b2\u00b3\u2074])"
_FACTOR = rf"[A-Za-z\u00b5\u03bc\u03a9]{{1,3}}{_POWER}?"
POWERED_UNIT = rf"{_FACTOR}(?:[ \u00b7\u22c5]{_FACTOR})*"
_FACTOR_RE = re.compile(rf"([A-Za-z\u00b5\u03bc\u03a9]{{1,3}})({_POWER})?")
_SEPARATOR_RE = re.compile("[ \u00b7\u22c5]")
_POWER_DIGITS = str.maketrans("\u2212\u207b\u00b9\u00b2\u00b3\u2074", "--1234")


@functools.lru_cache(maxsize=1024)
def powered_unit(written: str) -> UnitSpec | None:
    """Return the unit a product of unit symbols with powers names ("km s−1" -> km/s), or None.

    One power at least must be negative ("m2" alone is the table's); each factor must be a
    pint symbol exactly ("s", "km", "μbar"). Canonical symbols this returned ("km/s",
    "1/cm", "W/m**2") are read back too.
    """
    if "/" in written:
        return _composed(written) if all(_symbol_name(t) for t in re.findall(r"[^\W\d_]+", written)) else None
    terms = []
    for part in _SEPARATOR_RE.split(written):
        factor = _FACTOR_RE.fullmatch(part)
        name = _symbol_name(factor.group(1)) if factor else None
        if name is None:
            return None
        terms.append((name, int((factor.group(2) or "1").translate(_POWER_DIGITS))))
    if all(power > 0 for _, power in terms):
        return None
    return _composed(" * ".join(f"{name} ** {power}" for name, power in terms))


def _symbol_name(symbol: str) -> str | None:
    """Return pint's name of a unit written as its symbol exactly ("km" -> kilometer), or None."""
    if symbol in _NOT_WORDS:  # "at" is atto-tonnes to pint
        return None
    symbol = symbol.replace("\u03bc", "\u00b5")
    try:
        readings = UNIT_REGISTRY.parse_unit_name(symbol, case_sensitive=True)
    except (pint.errors.PintError, ValueError):
        return None
    for prefix, name, _ in readings:
        if name not in _NOT_UNITS and _reads_as_symbol(symbol, prefix, name):
            return prefix + name
    return None


def _composed(expression: str) -> UnitSpec | None:
    """Return the unit of a pint expression, its symbol as pint abbreviates it ("km/s")."""
    try:
        unit = UNIT_REGISTRY.parse_units(expression)
    except (pint.errors.PintError, ValueError, TypeError):
        return None
    symbol = f"{unit:~}".replace(" ", "")
    dimensionality = tuple(sorted(unit.dimensionality.items()))
    if dimensionality in _BY_DIMENSIONALITY:
        kind, normalized = _BY_DIMENSIONALITY[dimensionality]
        return UnitSpec(symbol, kind, str(unit), _UNITS.normalized[normalized], normalized)
    base = UNIT_REGISTRY.Quantity(1, unit).to_base_units().units
    return UnitSpec(symbol, QuantityKind.OTHER, str(unit), str(base), f"{base:~}".replace(" ", "") or "1")
