"""Units read from the words nearby: a currency name several countries share, "pounds", bare "degrees".

- A family name ("1.5 dinars", "6 billion francs") is the currency of the country named
  nearest to it ("in Kuwait", "Swiss voters"); with none named it stays the family.
- "pounds" is sterling unless it weighs something: "pounds of cocaine", after "weighed",
  or restating a mass ("40 tonnes (88,000 pounds)").
- Bare "degrees" take the scale of a Celsius or Fahrenheit stated nearby ("28 degrees
  Celsius, two degrees above normal"); with none stated, a temperature word ("minus 18
  degrees" in a freezer) makes them a temperature of no stated scale, and nothing makes
  them a count ("two degrees in law", "turned 180 degrees").
Each reads a bounded window around the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from service.core.types import QuantityKind
from service.normalize.iso_currencies import CURRENCY_FAMILIES
from service.normalize.numbers import NUMBER
from service.normalize.unit_table import UnitSpec
from service.normalize.units import UNIT, lookup_unit

_WINDOW = 200
_NEAR = 48

_COUNTRY_RES = {
    name: re.compile(
        r"\b(" + "|".join(re.escape(c) for c in sorted({c for cs in family.countries.values() for c in cs},
                                                        key=len, reverse=True)) + r")\b"
    )
    for name, family in CURRENCY_FAMILIES.items()
}
_CODE_OF_COUNTRY = {
    name: {country: code for code, countries in family.countries.items() for country in countries}
    for name, family in CURRENCY_FAMILIES.items()
}

_OF_RE = re.compile(r"[ \t\u00a0]+of\b")
_WEIGHT_CUE_RE = re.compile(r"(?i:\b(?:weigh\w*|heav\w*|lift\w*|lost|gained|pounds?\s+of)\b)")
# "40 tonnes (88,000 pounds)", "40 tonnes, or 88,000 pounds"; and "88,000 pounds (40 tonnes)".
_UNIT_BEFORE_RE = re.compile(rf"({UNIT})[ \t\u00a0]*(?:[(\[]|,?[ \t\u00a0]+or|/)[ \t\u00a0]*$")
_UNIT_AFTER_RE = re.compile(rf"[ \t\u00a0]*(?:[(\[]|,?[ \t\u00a0]+or|/)[ \t\u00a0]*(?:{NUMBER})[ \t\u00a0]?({UNIT})")

_DEGREES_RE = re.compile(r"[ \t\u00a0]+degrees?\b(?![ \t\u00a0]+(?:in|of)\b)", re.IGNORECASE)
_SCALE_RE = re.compile(
    r"(?:\d[ \t\u00a0]?\u00b0[ \t\u00a0]?|\d|\b[Dd]egrees?[ \t\u00a0]+)([CF])\b|\b(Celsius|centigrade|Fahrenheit)\b"
)
_TEMPERATURE_CUE_RE = re.compile(
    r"(?i:\b(?:minus|temperatures?|freez\w*|thermometers?|mercury|heat|hot|hotter|cold|colder|warm\w*"
    r"|cool\w*|chill\w*|weather|(?:above|below)[ \t\u00a0]+(?:zero|freezing))\b)"
)
_DIFFERENCE_RE = re.compile(
    r"(?i:[ \t\u00a0]+(?:above|below|warmer|colder|cooler|hotter|higher|lower|more|less)\b)"
)


@dataclass(frozen=True, slots=True)
class Degrees:
    """Bare "degrees" read as a temperature: the scale (None: none stated) and where it ends."""

    unit: UnitSpec | None
    end: int
    difference: bool


def _nearest(pattern: re.Pattern[str], text: str, start: int, end: int) -> str | None:
    """Return the first group matched of `pattern`'s match nearest to [start, end) in the window
    around it, outside it; None if none."""
    low, high = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    found = [
        (min(abs(m.start() - end), abs(start - m.end())), next(g for g in m.groups() if g))
        for m in pattern.finditer(text, low, high)
        if not start <= m.start() < end
    ]
    return min(found)[1] if found else None


def family_currency(text: str, start: int, end: int, family: UnitSpec) -> UnitSpec:
    """Return the currency of the country named nearest to [start, end), or the family itself."""
    pattern = _COUNTRY_RES.get(family.symbol)
    if pattern is None:
        return family
    country = _nearest(pattern, text, start, end)
    return family if country is None else lookup_unit(_CODE_OF_COUNTRY[family.symbol][country]) or family


def pounds_are_money(text: str, number_start: int, number_end: int, unit_end: int) -> bool:
    """Return whether "pounds" is sterling: not "pounds of cocaine", not after "weighed", not a mass restated."""
    if _OF_RE.match(text, unit_end) or _WEIGHT_CUE_RE.search(text, max(0, number_end - _NEAR), number_end):
        return False
    before = _UNIT_BEFORE_RE.search(text, max(0, number_start - _NEAR), number_start)
    after = _UNIT_AFTER_RE.match(text, unit_end)
    return not any(
        m is not None and (spec := lookup_unit(m.group(1))) is not None and spec.kind is QuantityKind.MASS
        for m in (before, after)
    )


def read_degrees(text: str, start: int, end: int) -> Degrees | None:
    """Return bare "degrees" after the number [start, end) read as a temperature, or None if they are not one."""
    match = _DEGREES_RE.match(text, end)
    if match is None:
        return None
    difference = _DIFFERENCE_RE.match(text, match.end()) is not None
    scale = _nearest(_SCALE_RE, text, start, match.end())
    if scale is not None:
        return Degrees(lookup_unit("°C" if scale[0].upper() == "C" else "°F"), match.end(), difference)
    if _TEMPERATURE_CUE_RE.search(text, max(0, start - _NEAR), min(len(text), match.end() + _NEAR)):
        return Degrees(None, match.end(), difference)
    return None
