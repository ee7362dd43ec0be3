"""Numbers written in digits and in words, parsed to floats.

The regex fragments here have no capturing groups so the extractor can embed
them in its own patterns; `parse_number` turns any text they match into a value.
Vague plurals ("thousands", "hundreds of thousands") parse to their lower bound.
"""

from __future__ import annotations

import math
import re
from types import MappingProxyType

_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = (
    "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
)
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

SMALL_NUMBERS = MappingProxyType(
    {"zero": 0, **{w: i + 1 for i, w in enumerate(_UNITS)}, **{w: i + 10 for i, w in enumerate(_TEENS)}}
)
TENS = MappingProxyType({w: (i + 2) * 10 for i, w in enumerate(_TENS)})
SCALES = MappingProxyType(
    {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
)
# Abbreviations as newsrooms write them after digits: "5k", "3m", "2.4bn", "1.1tn".
SCALE_ABBREVIATIONS = MappingProxyType(
    {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12}
)
# Lower bounds: "thousands of" is at least a thousand.
VAGUE_PLURALS = MappingProxyType(
    {"tens": 10, "dozens": 12, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
)
FRACTION_DENOMINATORS = MappingProxyType(
    {
        "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
        "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
        "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
    }
)


def _alternation(words) -> str:
    # Longest first so "seventeen" is tried before "seven".
    return "|".join(sorted(words, key=len, reverse=True))


_SMALL_W = (
    rf"(?:(?:{_alternation(_TENS)})(?:[\s-](?:{_alternation(_UNITS)}))?"
    rf"|{_alternation(SMALL_NUMBERS)})\b"
)
_SCALE_W = rf"(?:{_alternation(SCALES)})\b"
_HUNDREDS_W = rf"(?:(?:{_SMALL_W}|an?)\s+hundred\b(?:\s+(?:and\s+)?{_SMALL_W})?|{_SMALL_W})"
_VAGUE_W = (
    rf"(?:{_alternation(VAGUE_PLURALS)})\b"
    r"(?:\s+of\s+(?:thousands|millions|billions)\b)?"
)

# Digits with optional thousands separators and decimals; never the tail of a
# longer token ("G20", "1.2.3", "12,3456").
DIGITS = r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d]|[.,]\d)"
DIGIT_NUMBER = (
    DIGITS
    + r"(?:\s?(?i:thousand|million|billion|trillion)\b|\s?(?:bn|mn|mln|tn|trn)\b|[kmb]\b)?"
)
WORD_NUMBER = (
    r"(?i:\b(?:"
    + rf"(?:an?|half\s+an?|{_SMALL_W})\s+dozen\b"
    + rf"|an?\s+couple\s+of\b(?:\s+(?:hundred\b|dozen\b|{_SCALE_W}))?"
    + rf"|half\s+an?\s+(?:hundred\b|{_SCALE_W})"
    + rf"|an?\s+{_SCALE_W}"
    + rf"|{_HUNDREDS_W}(?:\s+and\s+a\s+half\b)?(?:[\s-]+{_SCALE_W})?"
    + rf"|{_VAGUE_W}"
    + "))"
)
NUMBER = rf"(?:{DIGIT_NUMBER}|{WORD_NUMBER})"
# "a third of", "two-thirds of", "half of": the span stops before "of".
FRACTION = (
    rf"(?i:\b(?:(?:an?|{_SMALL_W})[\s-](?:{_alternation(FRACTION_DENOMINATORS)})|half)\b(?=\s+of\b))"
)
# "one in five", "1 in 4".
RATIO = rf"(?i:(?:\b{_SMALL_W}|{DIGITS})\s+in\s+(?:{_SMALL_W}|{DIGITS}))"

_DIGIT_NUMBER_RE = re.compile(
    r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?([a-z]*)", re.IGNORECASE
)
_TOKEN_RE = re.compile(r"[a-z]+")
_TRAILING_SCALE_RE = re.compile(
    r"(?<![a-z])(thousand|million|billion|trillion|bn|mn|mln|tn|trn|k|m|b)\s*$", re.IGNORECASE
)
_CURRENCY_PREFIX_RE = re.compile(r"^(?:[A-Z]{0,3}\$|[£€¥₹])\s?")
_FILLER = frozenset({"and", "of"})


def parse_number(text: str) -> float | None:
    """Return the value of a number written in digits and/or words, or None.

    Understands "12,500", "1.2 million", "$2.4bn" (the number part), "5k",
    "twenty-five", "two and a half", "half a million", "a dozen", fractions
    ("a third of" -> 1/3) and ratios ("one in five" -> 0.2).
    """
    cleaned = _CURRENCY_PREFIX_RE.sub("", text.strip())
    for parse in (_parse_digits, _parse_ratio, _parse_fraction, _parse_words):
        value = parse(cleaned)
        if value is not None:
            return value if math.isfinite(value) else None
    return None


def scale_factor(text: str) -> float:
    """Return the multiplier a trailing scale word gives `text` ("5 million" -> 1e6), else 1.0."""
    match = _TRAILING_SCALE_RE.search(text)
    if match is None:
        return 1.0
    word = match.group(1).lower()
    return SCALES.get(word) or SCALE_ABBREVIATIONS[word]


def _parse_digits(text: str) -> float | None:
    match = _DIGIT_NUMBER_RE.fullmatch(text)
    if match is None:
        return None
    value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
    scale = match.group(3).lower()
    if not scale:
        return value
    factor = SCALES.get(scale) or SCALE_ABBREVIATIONS.get(scale)
    return value * factor if factor else None


def _parse_ratio(text: str) -> float | None:
    parts = re.split(r"\s+in\s+", text.lower(), maxsplit=1)
    if len(parts) != 2:
        return None
    numerator, denominator = (_parse_digits(p) if p[:1].isdigit() else _parse_words(p) for p in parts)
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _parse_fraction(text: str) -> float | None:
    tokens = _TOKEN_RE.findall(text.lower())
    if tokens and tokens[-1] == "of":
        tokens.pop()
    if not tokens or tokens[-1] not in FRACTION_DENOMINATORS:
        return None
    denominator = FRACTION_DENOMINATORS[tokens[-1]]
    if len(tokens) == 1:
        # A bare "half" (of) is the only fraction without a numerator.
        return 0.5 if denominator == 2 else None
    if len(tokens) != 2:
        return None
    numerator = 1 if tokens[0] in ("a", "an") else SMALL_NUMBERS.get(tokens[0])
    return numerator / denominator if numerator is not None else None


def _parse_words(text: str) -> float | None:
    tokens = _TOKEN_RE.findall(text.lower())
    if not tokens or "".join(tokens) != re.sub(r"[\s-]", "", text.lower()):
        return None
    total, current, seen = 0.0, 0.0, False
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token in _FILLER:
            continue
        if token in ("a", "an"):
            # "a million" counts one; the "a" in "half a million" or "and a half" does not.
            if current == 0 and following not in FRACTION_DENOMINATORS:
                current = 1.0
            continue
        if token in SMALL_NUMBERS or token in TENS:
            current += SMALL_NUMBERS.get(token, 0) + TENS.get(token, 0)
        elif token == "couple":
            current = 2.0
        elif token == "half":
            current = current + 0.5 if current else 0.5
        elif token == "hundred":
            current = (current or 1.0) * 100
        elif token == "dozen":
            current = (current or 1.0) * 12
        elif token in VAGUE_PLURALS:
            current = (current or 1.0) * VAGUE_PLURALS[token]
        elif token in SCALES:
            total += (current or 1.0) * SCALES[token]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None
