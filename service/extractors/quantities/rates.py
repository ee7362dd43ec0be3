"""Rates and scales around a quantity: "$80 a barrel", "27 points per game", "magnitude 6.1".

A rate is a quantity followed by "a", "an", "per", "each" or "/" and what it is per: a
unit ("per gallon", "a square foot") or a noun ("per share", "a game"); "X per Y per Z"
chains. The unit is the quotient ("USD/bbl"); where both parts are physical, pint
normalizes it ("40 miles per gallon" in km/L). A scale is a word before the number that
makes it a reading on that scale: "magnitude 6.1", "a 7.8-magnitude quake", "Mach 5".
"""

from __future__ import annotations

import re

from service import lexicon
from service.core.types import QuantityKind
from service.normalize.pint_units import UNIT_REGISTRY
from service.normalize.units import lookup_unit

_PER_RE = re.compile(
    r"(?i:[ \t\u00a0]+(?:an?|per|each|every)[ \t\u00a0]+|[ \t\u00a0]?/[ \t\u00a0]?)"
    r"((?:square|cubic)[ \t\u00a0]+[a-z]+|[A-Za-z]+(?:[-\u2010][a-z]+)?)\b"
)
# Nouns a rate is per that are neither units nor counted plurals.
_PER_NOUNS = frozenset(
    {
        "share", "game", "match", "barrel", "month", "year", "day", "week", "hour", "minute",
        "second", "person", "head", "capita", "household", "family", "student", "passenger",
        "ounce", "tonne", "ton", "unit", "vehicle", "car", "night", "visit", "kilo", "pound",
        "litre", "liter", "gallon", "seat", "ticket", "employee", "worker", "resident", "bottle",
        "pack", "kilowatt-hour", "megawatt-hour", "dose", "season", "lap", "mile", "foot", "metre",
    }
)
_SCALES = lexicon.units().scales_before
# "magnitude 6.1", "magnitude-7.0", "a magnitude of 6", "Mach 5".
_SCALE_BEFORE_RE = re.compile(r"(?i:\b(" + "|".join(_SCALES) + r")(?:[ \t\u00a0]+of)?(?:[ \t\u00a0]+|[-\u2010])$)")
# "7.8-magnitude", "a 6.4 magnitude tremor", "5.4 on the Richter scale".
_SCALE_AFTER_RE = re.compile(r"(?i:[-\u2010](" + "|".join(_SCALES) + r")\b|[ \t\u00a0]+(magnitude)\b)")
_RICHTER_RE = re.compile(r"[ \t\u00a0]+on[ \t\u00a0]+the[ \t\u00a0]+Richter[ \t\u00a0]+scale\b", re.IGNORECASE)
# "a 3.8M earthquake": a glued M names a magnitude only before a quake word.
_GLUED_MAGNITUDE_RE = re.compile(r"M(?=[ \t\u00a0]+(?i:earthquake|quake|tremor|aftershock)s?\b)")
_STRONG_RE = re.compile(r"-strong[ \t\u00a0]+([a-z]+)\b")


def read_per(text: str, end: int) -> tuple[str | None, int]:
    """Return what a rate ending at `end` is per ("bbl", "share", "m2") and where that ends."""
    match = _PER_RE.match(text, end)
    if match is None:
        return None, end
    word = " ".join(match.group(1).split())
    spec = lookup_unit(word)
    if spec is not None and spec.kind is not QuantityKind.MONEY:
        return spec.symbol, match.end()
    if word.lower() in _PER_NOUNS:
        return word.lower(), match.end()
    return None, end


def rate_unit(unit: str | None, per: str) -> str:
    """Return the quotient unit: "USD/bbl", "pts/game"; `unit` None is a count per `per`."""
    return f"{unit}/{per}" if unit else f"/{per}"


def normalize_rate(value: float, unit_spec, per: str) -> tuple[float, str] | None:
    """Return the rate in normalized units when both parts are physical ("mi/gal" in km/L), else None."""
    per_spec = lookup_unit(per)
    if unit_spec is None or per_spec is None or not unit_spec.pint_unit or not per_spec.pint_unit:
        return None
    if unit_spec.kind is QuantityKind.TEMPERATURE:
        return None
    quantity = UNIT_REGISTRY.Quantity(value, UNIT_REGISTRY.parse_expression(unit_spec.pint_unit).units)
    quantity = quantity / UNIT_REGISTRY.parse_expression(per_spec.pint_unit)
    base = quantity.to_base_units()
    return float(f"{base.magnitude:.10g}"), f"{base.units:~}".replace(" ", "")


def read_scale(text: str, start: int, end: int) -> tuple[QuantityKind | None, int, int]:
    """Return the scale a number is read on ("magnitude 6.1", "7.8-magnitude", "Mach 5") and the new span."""
    before = _SCALE_BEFORE_RE.search(text, max(0, start - 16), start)
    if before is not None:
        return QuantityKind(_SCALES[before.group(1).lower()]), before.start(), end
    after = _SCALE_AFTER_RE.match(text, end)
    if after is not None:
        return QuantityKind(_SCALES[(after.group(1) or after.group(2)).lower()]), start, after.end()
    richter = _RICHTER_RE.match(text, end)
    if richter is not None:
        return QuantityKind.MAGNITUDE, start, richter.end()
    glued = _GLUED_MAGNITUDE_RE.match(text, end)
    if glued is not None:
        return QuantityKind.MAGNITUDE, start, glued.end()
    return None, start, end


def read_strength(text: str, end: int) -> tuple[str | None, int]:
    """Return the noun of a force size ("a 4,000-strong force": "force") and where it ends."""
    match = _STRONG_RE.match(text, end)
    return (match.group(1), match.end()) if match else (None, end)
