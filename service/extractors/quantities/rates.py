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

_PER = (
    r"(?i:[ \t\u00a0]+(?:(an?)|per|each|every)[ \t\u00a0]+|[ \t\u00a0]?/[ \t\u00a0]?)"
    r"((?:square|cubic)[ \t\u00a0]+[a-z]+|[A-Za-z]+(?:[-\u2010][a-z]+)?)\b"
)
_PER_RE = re.compile(_PER)
# What the amount is of, between it and what it is per: "3 million tonnes of wheat a year".
_OF_PHRASE_RE = re.compile(
    r"[ \t\u00a0]+of(?:[ \t\u00a0]+(?!(?i:an?|the|per|each|every|this|that|its|their|and|or|which|who|is|are|was"
    r"|were|be|been|has|have|had|will|would|can|could|may|must)\b)[A-Za-z][\w\u2010-]*){1,2}?"
    rf"(?={_PER})"
)
# "a month earlier", "a year ago": a time before or after, not what a rate is per.
_TIME_AFTER_RE = re.compile(r"(?i:[ \t\u00a0]+(?:earlier|ago|later|before|after|previously|prior|back)\b)")
_TIME_NOUNS = frozenset({"second", "minute", "hour", "day", "night", "week", "month", "year", "decade", "season"})
# Words after "per", "each" or "every" that are not what a rate is per.
_NOT_PER_WORDS = frozenset({"the", "this", "that", "these", "those", "his", "her", "its", "their", "our", "one", "other"})
# Nouns a rate is per after "a"/"an" ("$80 a barrel") that are neither units nor counted plurals;
# after "per", "each" or "every" any noun is ("$50,000 per speech").
_PER_NOUNS = frozenset(
    {
        "share", "game", "match", "barrel", "month", "year", "day", "week", "hour", "minute",
        "second", "person", "head", "capita", "household", "family", "student", "passenger",
        "ounce", "tonne", "ton", "unit", "vehicle", "car", "night", "visit", "kilo", "pound",
        "litre", "liter", "gallon", "seat", "ticket", "employee", "worker", "resident", "bottle",
        "pack", "dose", "season", "lap", "mile", "foot", "metre",
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
# "a 4,000-strong force", "a 1,500-strong peacekeeping force": the noun after one modifier at most.
_STRONG_RE = re.compile(r"-strong[ \t\u00a0]+([a-z]+)\b(?:[ \t\u00a0]+([a-z]+)\b)?")
_MODIFIER_ENDINGS = ("ing", "al", "ary", "ed", "ian", "ese", "ish", "ic", "ive")
_MODIFIER_NOUNS = frozenset({"rebel", "police", "militia", "security", "army", "navy", "coalition", "volunteer"})
_NOT_FORCE_NOUNS = frozenset({"will", "was", "were", "has", "had", "is", "are", "would", "could", "and", "of"})
# "The M6.8 earthquake": a magnitude written with the letter M, next to a quake word.
_PREFIXED_MAGNITUDE_RE = re.compile(r"\bM[ \u00a0]?(\d(?:\.\d)?)(?![\w.])")
_QUAKE_RE = re.compile(r"(?i:\b(?:earthquakes?|quakes?|tremors?|aftershocks?|temblors?)\b)")
_QUAKE_AFTER_RE = re.compile(r"(?:[ \t\u00a0-]+[a-z]+)?[ \t\u00a0-]+" + _QUAKE_RE.pattern)


def read_per(text: str, end: int) -> tuple[str | None, int]:
    """Return what a rate ending at `end` is per ("bbl", "share", "m2") and where that ends;
    an "of" phrase may stand between ("400 grams of CO2 per kilowatt-hour")."""
    of = _OF_PHRASE_RE.match(text, end)
    match = _PER_RE.match(text, of.end() if of else end)
    if match is None:
        return None, end
    article, word = match.group(1), " ".join(match.group(2).split())
    if word.lower() in _TIME_NOUNS and article and _TIME_AFTER_RE.match(text, match.end()):
        return None, end  # "down from 4.6% a month earlier"
    spec = lookup_unit(word)
    if spec is not None and (spec.kind is not QuantityKind.MONEY or (not article and "/" not in match.group(0))):
        return spec.symbol, match.end()  # "1,400 naira per dollar" is money per money
    if word.lower() in _PER_NOUNS or (
        not article and "/" not in match.group(0) and word.islower() and len(word) > 2 and word not in _NOT_PER_WORDS
    ):
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
    if match is None:
        return None, end
    modifier, noun = match.group(1, 2)
    if noun and (modifier.endswith(_MODIFIER_ENDINGS) or modifier in _MODIFIER_NOUNS) and not (
        noun.endswith("ed") or noun in _NOT_FORCE_NOUNS
    ):
        return match.group(2), match.end(2)  # "peacekeeping force"
    return match.group(1), match.end(1)


def prefixed_magnitudes(text: str):
    """Yield (start, end, value) of each magnitude written "M6.8": before a quake word, or with
    a decimal near one ("the M6 motorway" is a road)."""
    for match in _PREFIXED_MAGNITUDE_RE.finditer(text):
        near = (max(0, match.start() - 60), match.end() + 30) if "." in match.group(1) else (match.end(), match.end())
        if _QUAKE_AFTER_RE.match(text, match.end()) or _QUAKE_RE.search(text, *near):
            yield match.start(), match.end(), float(match.group(1))
