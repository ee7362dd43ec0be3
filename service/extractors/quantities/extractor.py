"""Quantities in news text: a number with its qualifier, range and unit or counted noun.

Each number found by the shared number pattern is read outwards: currency, range
opener, qualifier and "aged" before it; range tail, age, unit or counted noun
after it. Numbers that label, date or time something are dropped, and durations
("three days") are left to the dates extractor. Overlaps go through filter_spans;
the records themselves (levels, moves, rates) are built in `build`.
"""

from __future__ import annotations

import re

from service.core.document import Document
from service.core.spans import filter_spans
from service.core.types import Quantity, QuantityKind
from service.extractors.base import Extractor
from service.extractors.quantities.build import as_difference, level_quantity, moved, rate_quantity
from service.extractors.quantities.change import says_move
from service.extractors.quantities.context import (
    blocked_spans,
    counts_people,
    follows_range_digit,
    follows_year_lead,
    is_address,
    is_apposed_age,
    is_blocked,
    is_date_part,
    is_identifier,
    is_partitive,
    is_reference,
    is_year,
    names_model,
)
from service.extractors.quantities.fractions import fraction_quantities
from service.extractors.quantities.links import link_restatements
from service.extractors.quantities.ranges import move_values, range_values, read_number_range
from service.extractors.quantities.rates import (
    prefixed_magnitudes,
    read_per,
    read_scale,
    read_strength,
)
from service.extractors.quantities.words import (
    Tail,
    is_compound,
    is_duration,
    is_fraction_of,
    read_currency,
    read_open_bound,
    read_opener,
    read_qualifier,
    read_hyphen_noun,
    read_tail,
    reads_glued_seconds,
)
from service.normalize.numbers import FRACTION_DENOMINATORS, NUMBER, parse_number
from service.normalize.units import lookup_unit

_NUMBER_RE = re.compile(NUMBER)
# "from 0.06 to 0.42 to 0.74 ppm": a chain of levels sharing the unit after its last.
_CHAINED_RE = re.compile(rf"\s*(?:[-\u2013]|\bto\b|\band\b|,)\s*{NUMBER}")
_ATTACHED_M_RE = re.compile(r"\dm$")
_WORD_SCALE_RE = re.compile(r"(?i:hundred|dozen|thousand|million|billion|trillion|tens\b)")
_VAGUE_RE = re.compile(r"(?i:(?:tens|dozens|hundreds|thousands|millions|billions)$)")
# A minus sign, not a range dash: nothing word-like just before it ("-5C", "~−1‰", "minus 3").
_MINUS_RE = re.compile(r"(?:(?<![\w.,)\]%])[-\u2212\u2013]|(?i:\bminus\s+))$")
# "Faure, 1986," is a citation, not a man aged 1986.
_OLDEST = 130


def extract_quantities(doc: Document) -> list[Quantity]:
    """Return the quantities in `doc.text`, sorted by start, restatements linked by index."""
    text = doc.text
    blocked = blocked_spans(text)
    candidates = [
        quantity
        for match in _NUMBER_RE.finditer(text)
        if (quantity := _number_quantity(text, match, blocked)) is not None
    ]
    candidates += fraction_quantities(text, blocked)
    candidates += [
        Quantity(
            start=start, end=end, value=value, unit="magnitude", kind=QuantityKind.MAGNITUDE,
            normalized_value=value, normalized_unit="magnitude",
        )
        for start, end, value in prefixed_magnitudes(text)
        if not is_blocked(blocked, start, end)
    ]
    return link_restatements(text, filter_spans(candidates))


def _number_quantity(text: str, match: re.Match[str], blocked) -> Quantity | None:
    """Return the quantity built around one number, or None when it is not one."""
    start, end = match.span()
    first = match.group()
    if is_blocked(blocked, start, end):
        return None
    scale, scale_start, scale_end = read_scale(text, start, end)
    if scale is not None:  # "magnitude 6.1", "a 7.8-magnitude quake", "Mach 5"
        value = parse_number(first)
        return None if value is None else Quantity(
            start=scale_start, end=scale_end, value=value, unit=scale.value, kind=scale,
            normalized_value=value, normalized_unit=scale.value,
        )
    currency, left = read_currency(text, start)
    if currency is None and _labels_or_dates(text, first, start, end):
        return None
    last, tail_start, left = read_number_range(text, first, end, left, blocked)
    tail = read_tail(text, start, tail_start, allow_of=_VAGUE_RE.search(last or first) is not None)
    if tail.noun in FRACTION_DENOMINATORS and is_fraction_of(text, start, tail.end):
        return None  # "Three quarters of households" is the fraction reader's
    strength, strength_end = read_strength(text, tail_start)
    if strength is not None and currency is None:  # "a 4,000-strong force"
        value = parse_number(first)
        return None if value is None else level_quantity(
            text, left, strength_end, (value, None), strength, QuantityKind.COUNT, None
        )
    if tail.end == tail_start and last is None and currency is None and reads_glued_seconds(text, start, tail_start):
        tail = Tail(end=tail_start + 1, unit=lookup_unit("s"))  # "burned for 240s"
    if tail.end == tail_start and last is None and currency is None and first.isdigit():
        tail = read_hyphen_noun(text, tail_start) or tail
    if tail.end == tail_start and _glued_to_word(text, tail_start):
        return None
    if currency is None and tail.unit is None and tail.noun is None and _ATTACHED_M_RE.search(last or first):
        # "the 100m sprint": a bare glued "m" is metres; "£3m" and "3m people" are millions.
        first, last = _drop_m(first), last and _drop_m(last)
        tail = Tail(end=tail.end, unit=lookup_unit("m"))
    values = range_values(first, last)
    if values is None and last is not None and text[left : left + 5].lower() == "from " and says_move(text, left):
        values = move_values(first, last)  # "fell from 7% to 5%": falling levels are no range
    if values is None:
        return None
    value, value_max = values
    moving = value_max is not None and text[left : left + 5].lower() == "from " and says_move(text, left)
    # Only measured amounts take a sign; "-" before a bare number or noun is a dash.
    signed = currency is not None or tail.kind is not None or (
        tail.unit is not None and tail.unit.kind is not QuantityKind.AGE
    )
    if signed and (minus := _MINUS_RE.search(text, max(0, left - 8), left)):
        value, value_max, left = -value, value_max and -value_max, minus.start()
    qualifier, left = read_qualifier(text, left)
    aged, left = read_opener(text, left, age=True)
    if tail.age_unit is None and not aged and is_duration(text, tail_start):
        return None  # "three days" is a duration, the dates extractor's
    bound, bound_is_age, bound_end = read_open_bound(text, tail.end)
    aged = aged or bound_is_age or (
        last is None and tail.end == tail_start and value <= _OLDEST and is_apposed_age(text, start, end)
    )
    kind, unit, end = _kind_and_unit(currency, tail, aged, tail_start)
    if kind is None or (
        kind is QuantityKind.COUNT and not _plausible_count(text, (first, last), tail, qualifier, (left, end), moving)
    ):
        return None
    if bound is not None and qualifier is None and end == tail.end:
        qualifier, end = bound, bound_end
    if moving:
        # "rose from 3.0% to 3.25%": two levels of a change, not a range.
        return moved(text, left, end, value, value_max, unit, kind, qualifier)
    per, per_end = read_per(text, end) if kind is not QuantityKind.AGE else (None, end)
    if per is not None:
        return rate_quantity(text, left, per_end, (value, value_max), unit, per, kind, qualifier)
    quantity = level_quantity(text, left, end, (value, value_max), unit, kind, qualifier)
    return as_difference(quantity) if tail.difference else quantity


def _labels_or_dates(text: str, number: str, start: int, end: int) -> bool:
    """Return whether a digit number names, dates or ends a pair: "Route 66", "9 October", "3-1"."""
    return number[0].isdigit() and (
        is_identifier(text, start)
        or is_reference(text, start, end)
        or is_date_part(text, start, end)
        or follows_range_digit(text, start)
        or is_address(text, end)
    )


def _glued_to_word(text: str, position: int) -> bool:
    """Return whether a word is glued on: "three-time", "1990s", "21st", "4G"."""
    return is_compound(text, position) or text[position : position + 1].isalpha()


def _kind_and_unit(
    currency: str | None, tail: Tail, aged: object, tail_start: int
) -> tuple[QuantityKind | None, str | None, int]:
    """Return the kind, unit and span end that the words around a number give it."""
    if tail.age_unit is not None or (aged and tail.end == tail_start):
        return QuantityKind.AGE, tail.age_unit or "year", tail.end
    if currency is not None:
        if tail.unit is not None and tail.unit.kind is QuantityKind.MONEY:
            return QuantityKind.MONEY, currency, tail.end
        return QuantityKind.MONEY, currency, tail_start
    if tail.kind is not None:  # "minus 18 degrees": a temperature, its scale stated nearby or not at all
        return tail.kind, tail.unit.symbol if tail.unit else None, tail.end
    if tail.unit is not None:
        if tail.unit.kind is QuantityKind.AGE:  # "aged 8-10 years"
            return (QuantityKind.AGE, tail.unit.symbol, tail.end) if aged else (None, None, tail_start)
        return tail.unit.kind, tail.unit.symbol, tail.end
    return QuantityKind.COUNT, tail.noun, tail.end


def _plausible_count(text: str, numbers, tail: Tail, qualifier, span, moving: bool) -> bool:
    """Return whether a count (with or without noun) is not a year, score, name or bare word."""
    first, last = numbers
    left, end = span
    if last is not None and tail.noun is None:
        # A bare "3-1" or "2010-2015" is a score or a span of years; "climbed from 12 to 31" moved.
        return moving and not (is_year(first) and is_year(last)) and _CHAINED_RE.match(text, end) is None
    if qualifier is not None:
        return True
    if tail.noun is None and names_model(text, end):
        return False  # "The 737 MAX"
    if tail.noun is None and not first[0].isdigit() and is_partitive(text, left, end):
        return (parse_number(first) or 0) >= 2  # "Eleven of the 23 passengers"
    if is_year(first) and (
        tail.noun is None or (follows_year_lead(text, left) and not counts_people(text, left, tail.noun))
    ):
        return False
    return tail.noun is not None or first[0].isdigit() or _WORD_SCALE_RE.search(first) is not None


def _drop_m(number_text: str) -> str:
    return number_text[:-1] if _ATTACHED_M_RE.search(number_text) else number_text


EXTRACTOR = Extractor(name="quantities", version="1", head="quantity", extract=extract_quantities)
