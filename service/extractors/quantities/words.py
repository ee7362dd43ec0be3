"""The words around a number that make it a quantity: qualifier, currency, range, unit, noun.

Readers before the number search a short window ending at it; readers after it
match at a position. Both are bounded, so each number costs constant time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

from service import lexicon
from service.core.types import Qualifier, QuantityKind
from service.extractors.quantities.nearby import family_currency, pounds_are_money, read_degrees
from service.extractors.quantities.nouns import counted_noun, hyphen_noun
from service.normalize.iso_currencies import CURRENCY_FAMILIES
from service.normalize.numbers import NUMBER, SMALL_NUMBERS
from service.normalize.pint_units import POWERED_UNIT, pint_unit, powered_unit
from service.normalize.unit_table import CURRENCY_PREFIXES, GLUED_ALIASES, NOT_MINOR_GLUED, UnitSpec
from service.normalize.units import CURRENCY_PREFIX, UNIT, lookup_unit

# The qualifier phrases with a meaning before a number (en/qualifiers.toml), in file order.
QUALIFIERS = MappingProxyType(
    {words: sense.quantity for words, sense in lexicon.qualifiers().qualifiers.items() if sense.quantity is not None}
)
_QUALIFIER_RE = re.compile(
    r"(?i:\b(" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)).replace(" ", r"\s+") + r")\s+$)"
)
# Typeset qualifiers glued to (or a space before) the number: "~300", "<5%", "≥ 18".
_SYMBOL_QUALIFIERS = lexicon.qualifiers().symbols
_SYMBOL_QUALIFIER_RE = re.compile("([" + "".join(_SYMBOL_QUALIFIERS) + r"])[ \u00a0]?$")
# After the number: "65 and over", "18 or older", "children 12 and under".
_OPEN_BOUND_TAIL_RE = re.compile(
    r"(?i:[ \t\u00a0]+(?:and|or)[ \t\u00a0]+(?:(over|older|above|more)|(under|younger|below|less|fewer))\b)"
    # "5% and over 3,000 jobs": there "over" qualifies the next number.
    rf"(?![ \t\u00a0]+(?:[$£€]?\d|(?i:an?|half|{'|'.join(w for w, n in SMALL_NUMBERS.items() if 1 <= n <= 10)})\b))"
)
_CURRENCY_BEFORE_RE = re.compile(rf"({CURRENCY_PREFIX})\s?$")
_RANGE_OPENER_RE = re.compile(r"(?i:\b(between|from)\s+$)")
_AGE_OPENER_RE = re.compile(r"(?i:\b(?:aged|age(?:\s+of)?)\s+$)")
_RANGE_TAIL_RE = re.compile(
    rf"(?:\s*[-\u2013\u2014]\s*|\s+(to|and)\s+)(?:({CURRENCY_PREFIX})\s?)?({NUMBER})"
)
_AGE_TAIL_RE = re.compile(r"[ \t\u00a0-]{0,2}(year|month)s?[ \t\u00a0-]old\b", re.IGNORECASE)
_DAY_KINDS = "|".join(lexicon.time_units().day_kinds)
_DURATION_TAIL_RE = re.compile(
    rf"[\s-]{{0,2}}(?:(?i:{_DAY_KINDS})\s+(?=(?i:days?)\b))?"
    r"(?i:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?"
    r"|months?|years?|yrs?|decades?|century|centuries|millenni(?:um|a))\b"
)
# Tails stay on the number's line: a unit or noun never comes after a line break.
_UNIT_TAIL_RE = re.compile(rf"(?:[ \t\u00a0]{{0,2}}|-)({UNIT})")
# A word or symbol the table does not list, for pint to read: "300 horsepower", "3.2GHz".
_PINT_TAIL_RE = re.compile(r"(?:[ \t\u00a0]?|-)([A-Za-z\u00b5\u03bc\u03a9]{2,})(?![\w/])")
# Units with powers, as papers write them: "5 km s−1", "1540 cm−1", "0.45 W m−2".
_POWERED_TAIL_RE = re.compile(rf"[ \t\u00a0]{{0,2}}({POWERED_UNIT})")
# The numbers after one in a list: ", 6 and 13" in "4.5, 6 and 13 kg"; "0 and 2000" in "0 and 2000 ppm".
# A tolerance reads the same way: "420 ± 30 K".
_LIST_TAIL_RE = re.compile(
    rf"(?:[ \t]*,[ \t]*{NUMBER})*[ \t]*,?[ \t]+(?:and|or)[ \t]+{NUMBER}|(?:[ \t]*,[ \t]*{NUMBER})+"
    rf"|[ \t]*\u00b1[ \t]*{NUMBER}"
)
_OF_RE = re.compile(r"[ \t\u00a0]+of\b")
_COMPOUND_RE = re.compile(r"-[^\W\d_]")
# A glued "s" read as seconds, after a word that times something: "burned for 240s", "a flight of 240s".
_GLUED_SECONDS_RE = re.compile(r"s(?![\w'’])")
_SECONDS_CUE_RE = re.compile(
    r"(?i:\b(?:for|in|within|after|lasted|lasting|took|taking|takes|(?:flight|burn|delay|wait|lap|run|time|pause"
    r"|interval|duration|exposure)[ \u00a0]+of)[ \u00a0]+(?:(?:just|about|around|only|nearly|almost|some|roughly)"
    r"[ \u00a0]+)?$)"
)
# Decades and centuries written with a glued "s": "the 90s", "the 1990s", "the 1800s", "the 100s".
_DECADE_RE = re.compile(r"[1-9]0|[1-9]00|(?:1[0-9]|20)\d0")
_PERIODS_BEFORE_RE = re.compile(r"(?i:\b(?:first|last|past|next|previous|final|consecutive|straight|successive)[ \u00a0]+$)")

_WINDOW = 24
_GLUED_MINOR = frozenset(symbol for symbol in GLUED_ALIASES.values() if lookup_unit(symbol).kind is QuantityKind.MONEY)


@dataclass(frozen=True, slots=True)
class Tail:
    """What follows the number: a unit, an age, a counted noun, or nothing (end == start)."""

    end: int
    unit: UnitSpec | None = None
    noun: str | None = None
    age_unit: str | None = None
    # A measurement of no stated unit: "minus 18 degrees" in a freezer is a temperature.
    kind: QuantityKind | None = None
    # "two degrees above normal": a difference of temperatures, not a temperature.
    difference: bool = False


def read_qualifier(text: str, start: int) -> tuple[Qualifier | None, int]:
    """Return the qualifier written just before `start` and where it begins."""
    match = _QUALIFIER_RE.search(text, max(0, start - _WINDOW), start)
    if match is not None:
        return QUALIFIERS[" ".join(match.group(1).lower().split())], match.start()
    symbol = _SYMBOL_QUALIFIER_RE.search(text, max(0, start - 2), start)
    if symbol is not None:
        return _SYMBOL_QUALIFIERS[symbol.group(1)], symbol.start()
    return None, start


def read_open_bound(text: str, end: int) -> tuple[Qualifier | None, bool, int]:
    """Return the bound written after a number ("65 and over"), whether it names an age, and its end."""
    match = _OPEN_BOUND_TAIL_RE.match(text, end)
    if match is None:
        return None, False, end
    word = (match.group(1) or match.group(2)).lower()
    qualifier = Qualifier.AT_LEAST if match.group(1) else Qualifier.AT_MOST
    return qualifier, word in ("older", "younger"), match.end()


def read_currency(text: str, start: int) -> tuple[str | None, int]:
    """Return the ISO code of a currency written just before `start` and where it begins."""
    match = _CURRENCY_BEFORE_RE.search(text, max(0, start - 6), start)
    if match is None:
        return None, start
    return CURRENCY_PREFIXES[match.group(1)], match.start()


def read_opener(text: str, start: int, age: bool = False) -> tuple[str | None, int]:
    """Return "between"/"from" (or "aged" with `age`) written just before `start`, and where."""
    pattern = _AGE_OPENER_RE if age else _RANGE_OPENER_RE
    match = pattern.search(text, max(0, start - 12), start)
    if match is None:
        return None, start
    return match.group(0).split()[0].lower(), match.start()


def read_range(text: str, end: int) -> re.Match[str] | None:
    """Return the range tail after a number ("-5", " to $300", " and 5"), groups sep/currency/number."""
    return _RANGE_TAIL_RE.match(text, end)


def is_duration(text: str, end: int) -> bool:
    """Return whether a time unit follows: "three days", "10-year" (the dates extractor's)."""
    return _DURATION_TAIL_RE.match(text, end) is not None


def reads_glued_seconds(text: str, start: int, end: int) -> bool:
    """Return whether a glued "s" makes the number [start, end) seconds: "in 9.58s", "burned for 240s";
    never a decade or century ("the 1990s", "in his 40s", "the 1800s"), nor a plural ("two 747s")."""
    if _GLUED_SECONDS_RE.match(text, end) is None:
        return False
    number = text[start:end]
    if "." in number:
        return True
    return _DECADE_RE.fullmatch(number) is None and _SECONDS_CUE_RE.search(text, max(0, start - 40), start) is not None


def is_fraction_of(text: str, start: int, end: int) -> bool:
    """Return whether "three quarters" before "of" is a fraction, not a count of quarters of a year
    ("the first three quarters of 2024")."""
    return _OF_RE.match(text, end) is not None and _PERIODS_BEFORE_RE.search(text, max(0, start - 16), start) is None


def is_compound(text: str, end: int) -> bool:
    """Return whether the number opens a hyphenated modifier: "three-time", "20-member"."""
    return _COMPOUND_RE.match(text, end) is not None


def read_hyphen_noun(text: str, end: int) -> Tail | None:
    """Return the counted noun of a number written as a modifier ("131-page"), else None."""
    found = hyphen_noun(text, end)
    return None if found is None else Tail(end=found[1], noun=found[0])


def read_unit(text: str, end: int) -> tuple[UnitSpec | None, int]:
    """Return the unit written right after the number ending at `end` and where it ends."""
    unit = _UNIT_TAIL_RE.match(text, end) or _PINT_TAIL_RE.match(text, end)
    spec = lookup_unit(unit.group(1)) if unit else None
    return (spec, unit.end()) if spec is not None else (None, end)


def read_powered(text: str, end: int) -> tuple[UnitSpec | None, int]:
    """Return the unit with powers right after `end` ("km s−1") and where it ends, the longest
    run of factors that is one ("5 km s−1 and" stops before "and")."""
    match = _POWERED_TAIL_RE.match(text, end)
    if match is None:
        return None, end
    ends = [m.end() for m in re.finditer(r"[^ \u00b7\u22c5]+", match.group(1))]
    for factor_end in reversed(ends):
        spec = powered_unit(match.group(1)[:factor_end])
        if spec is not None:
            return lookup_unit(spec.symbol) or spec, match.start(1) + factor_end
    return None, end


def read_tail(text: str, start: int, end: int, allow_of: bool) -> Tail:
    """Return the age, unit or counted noun after the number [start, end)."""
    age = _AGE_TAIL_RE.match(text, end)
    if age:
        return Tail(end=age.end(), age_unit=age.group(1).lower())
    position = end
    of = _OF_RE.match(text, end) if allow_of else None
    if of:
        position = of.end()
    spec, powered_end = read_powered(text, position)
    if spec is not None:
        return Tail(end=powered_end, unit=spec)
    unit = _UNIT_TAIL_RE.match(text, position)
    if unit and (spec := lookup_unit(unit.group(1))) is not None:
        if unit.group(1).lower().startswith("pound") and pounds_are_money(text, start, end, unit.end()):
            spec = lookup_unit("GBP")
        elif spec.symbol in CURRENCY_FAMILIES:
            spec = family_currency(text, start, end, spec)
        elif spec.symbol in _GLUED_MINOR and _is_video_lines(text, start, end):
            return Tail(end=end)  # "1080p"
        return Tail(end=unit.end(), unit=spec)
    unit = _PINT_TAIL_RE.match(text, position)
    if unit and (spec := pint_unit(unit.group(1))) is not None:
        return Tail(end=unit.end(), unit=spec)
    degrees = read_degrees(text, start, end)
    if degrees is not None:
        return Tail(end=degrees.end, unit=degrees.unit, kind=QuantityKind.TEMPERATURE, difference=degrees.difference)
    counted = counted_noun(text, start, end, position)
    if counted is not None:
        return Tail(end=counted[1], noun=counted[0])
    listed = read_list_unit(text, end)
    return Tail(end=end, unit=listed) if listed is not None else Tail(end=end)


def read_list_unit(text: str, end: int) -> UnitSpec | None:
    """Return the unit a list of numbers shares, written once after the last: "4.5, 6 and 13 kg"
    gives 4.5 its kilograms, "420 ± 30 K" 420 its kelvin (the span stays the number); None if
    the list ends in no unit."""
    listed = _LIST_TAIL_RE.match(text, end)
    if listed is None:
        return None
    spec, _ = read_powered(text, listed.end())
    if spec is None:
        spec, _ = read_unit(text, listed.end())
    return spec if spec is not None and spec.kind not in (QuantityKind.MONEY, QuantityKind.AGE) else None


def _is_video_lines(text: str, start: int, end: int) -> bool:
    """Return whether a whole number glued to a minor letter is a video's line count: "720p"."""
    digits = text[start:end]
    return digits.isdigit() and int(digits) in NOT_MINOR_GLUED
