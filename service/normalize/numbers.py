"""Numbers written in digits and in words, parsed to floats.

The regex fragments here have no capturing groups so the extractor can embed
them in its own patterns; `parse_number` turns any text they match into a value.
Vague plurals ("thousands", "hundreds of thousands") parse to their lower bound.
"""

from __future__ import annotations

import math
import re

from service import lexicon

_WORDS = lexicon.number_words()
SMALL_NUMBERS = _WORDS.cardinals  # zero to nineteen
TENS = _WORDS.tens
MULTIPLIERS = _WORDS.multipliers  # "hundred", "dozen"
SCALES = _WORDS.scales
# Abbreviations as newsrooms write them after digits: "5k", "3m", "2.4bn", "1.1tn".
SCALE_ABBREVIATIONS = _WORDS.scale_abbreviations
# Lower bounds: "thousands of" is at least a thousand.
VAGUE_PLURALS = _WORDS.vague_plurals
FRACTION_DENOMINATORS = _WORDS.fractions
_UNITS = tuple(word for word, value in SMALL_NUMBERS.items() if 1 <= value <= 9)
# One-letter abbreviations count only glued to the digits ("5k"); longer ones after a space too.
_ABBREVIATED = tuple(a for a in SCALE_ABBREVIATIONS if len(a) > 1)
_LETTERS = "".join(a for a in SCALE_ABBREVIATIONS if len(a) == 1)
# The vague plurals of a scale, which follow another: "hundreds of thousands".
_SCALE_PLURALS = "|".join(word for word, value in VAGUE_PLURALS.items() if value in SCALES.values())


def _alternation(words) -> str:
    # Longest first so "seventeen" is tried before "seven".
    return "|".join(sorted(words, key=len, reverse=True))


_SMALL_W = (
    rf"(?:(?:{_alternation(TENS)})(?:[\s-](?:{_alternation(_UNITS)}))?"
    rf"|{_alternation(SMALL_NUMBERS)})\b"
)
_SCALE_W = rf"(?:{_alternation(SCALES)})\b"
_HUNDREDS_W = rf"(?:(?:{_SMALL_W}|an?)\s+hundred\b(?:\s+(?:and\s+)?{_SMALL_W})?|{_SMALL_W})"
_VAGUE_W = (
    rf"(?:{_alternation(VAGUE_PLURALS)})\b"
    rf"(?:\s+of\s+(?:{_SCALE_PLURALS})\b)?"
)

# Currency prefixes ending in a letter or dot that news glues to the digits: "$US50", "RM1.2".
_GLUED_PREFIXES = sorted(
    {p for c in lexicon.currencies().currencies.values() for p in c.prefixes if p[-1].isalpha() or p[-1] == "."}
)
# Digits with optional thousands separators and decimals; never the tail of a
# longer token ("G20", "1.2.3", "12,3456"), except after a glued currency prefix.
# (The one-character class first keeps the prefixes off every position inside a word.)
DIGITS = (
    r"(?:(?<![\w.,])|(?<=[" + re.escape("".join(sorted({p[-1] for p in _GLUED_PREFIXES}))) + "])(?:"
    + "|".join(rf"(?<=(?<![^\W\d_]){re.escape(p)})" for p in _GLUED_PREFIXES) + "))"
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d]|[.,]\d)"
)
DIGIT_NUMBER = (
    DIGITS
    + rf"(?:\s?(?i:{'|'.join(SCALES)})\b|\s?(?:{'|'.join(_ABBREVIATED)})\b|[{_LETTERS}]\b)?"
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
    rf"(?<![a-z])({'|'.join((*SCALES, *_ABBREVIATED, *_LETTERS))})\s*$", re.IGNORECASE
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
        elif token in MULTIPLIERS:
            current = (current or 1.0) * MULTIPLIERS[token]
        elif token in VAGUE_PLURALS:
            current = (current or 1.0) * VAGUE_PLURALS[token]
        elif token in SCALES:
            total += (current or 1.0) * SCALES[token]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None
