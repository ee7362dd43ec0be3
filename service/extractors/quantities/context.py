"""What around a number says it is not a quantity: phones, times, dates, years, names.

Every check reads a bounded window around the number, so the extractor stays linear.
"""

from __future__ import annotations

import re

from service import lexicon
from service.core.spans import Span, SpanIndex

_MONTHS = "|".join(
    [month.name for month in lexicon.months().month]
    + [a for month in lexicon.months().month for a in sorted(month.abbreviations, key=len, reverse=True)]
)

# Digit runs that are never quantities, found once per document.
_BLOCKED_RE = re.compile(
    r"(?:\+\d{1,3}[\s.-]?)?\(?\d{2,5}\)?(?:[\s.-]\d{2,5}){2,}(?!\d)"  # 020 7946 0958, 555-123-4567
    r"|\+\d{1,3}[\s.-]?\(?\d{2,5}\)?[\s.-]?\d{3,}"  # +44 20 79460958
    r"|(?<!\d)\d+/\d+(?:/\d+)?"  # 9/11, 10/9/2010
    r"|\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?i:[ap]\.?m\.?))?"  # 10:30, 10:30 p.m.
    r"|\b\d{1,2}(?:\.\d{2})?\s*(?i:[ap]\.m\.|[ap]m\b)"  # 3 p.m., 10.30pm
    r"|(?m:^[ \t]*\d{1,3}[.)](?=[ \t]))"  # list numbering at the start of a line
    # Times of day on a clock with its zone: "0830 UTC", "(2321 GMT)", "1400 hours", "0600Z".
    r"|\b[0-2]\d[0-5]\d\s?(?:UTC|GMT|Z\b|(?i:hours|hrs)\b)"
    # Counters on page furniture, not amounts: "Comments (0)", "Shares (12)".
    r"|(?i:\b(?:comments?|replies|shares|likes|views|reviews)\s*\(\d+\))"
)

# Labels of figures, tables and references in pasted reports and papers: "Fig. 4", "Table 2".
_REFERENCE_LABELS = (
    "fig", "figs", "figure", "figures", "table", "tables", "eq", "eqs", "equation", "equations",
    "ref", "refs", "note", "notes",
)
# A name or label just before the number makes it an identifier: "Route 66".
_LABEL_BEFORE_RE = re.compile(r"(?<![\w.])([A-Za-z]+)(\.?)[ \u00a0]$")
_LABEL_NOUNS = frozenset(
    {
        "route", "highway", "interstate", "section", "article", "chapter", "amendment",
        "clause", "paragraph", "room", "flight", "no", "number", "page", "platform", "gate",
        "phase", "stage", "version", "model", "track", "episode", "season", "level",
        "line", "ward", "district", "precinct", "exit", "pier", "block", "category", "part",
        "item", "grade", "channel", "terminal", "appendix", "p", "pp", "vol", *_REFERENCE_LABELS,
    }
)
# Labels that open a list of numbers: "Figs. 3 and 7", "Tables 2, 4 and 5".
_REFERENCE_LIST_RE = re.compile(
    rf"(?i:\b(?:{'|'.join(_REFERENCE_LABELS)})\.?\s+\d+[a-z]?"
    r"(?:\s*(?:,|and|&)\s*\d+[a-z]?)*\s*(?:,|and|&)\s*$)"
)
# Capitalised words that may open a sentence before a real quantity ("About 300 ...").
_FUNCTION_WORDS = frozenset(
    {
        "a", "about", "above", "after", "aged", "all", "almost", "also", "and", "another",
        "approximately", "around", "as", "at", "before", "below", "between", "but", "by",
        "each", "estimated", "exactly", "fewer", "for", "from", "just", "killing", "least",
        "less", "more", "most", "nearly", "of", "only", "or", "over", "roughly", "since", "so",
        "some", "than", "the", "then", "to", "under", "until", "up", "when", "while", "with",
        "within", "without", "yet", "if", "in", "on", "once", "than", "that", "these", "those",
        "what", "where", "whereas", "which", "who", "during", "across", "against", "among",
    }
)
_MONTH_BEFORE_RE = re.compile(rf"\b(?:{_MONTHS})\.?\s+$")
_MONTH_AFTER_RE = re.compile(rf"(?:\s+of)?\s+(?:{_MONTHS})\b")
# Words before a four-digit number that make it a year even before a plural noun:
# "the 2010 elections", "in 2010 protests".
_YEAR_LEAD_RE = re.compile(
    r"(?i:\b(?:the|in|of|since|by|until|till|from|for|its|their|his|her|our|during|before"
    r"|after|between|and|to|this|that|a|an|mid|late|early)[\s-]+$)|['’]s\s+$|\d,\s+$"
)
_YEAR_RE = re.compile(r"(?:1[5-9]|20)\d\d")
# "a survey of 1709 schoolchildren", "seats for 2000 fans": a group of people counted after
# "of" or "for" is no year ("the 2010 voters" and "in 2010 voters" stay years).
_PEOPLE = frozenset(lexicon.organizations().groups)
_COUNT_OF_RE = re.compile(r"(?i:\b(?:of|for)[ \u00a0]+$)")
_RANGE_DIGIT_BEFORE_RE = re.compile(r"\d\s?[-\u2013\u2014]\s?$")
_NAME_COMMA_BEFORE_RE = re.compile(r"\b[A-Z][a-z]+,[ \u00a0]$")
# Nouns a number in words labels, like _LABEL_NOUNS: "day five", "round two".
_ORDINAL_LABELS = frozenset({"day", "week", "round", "game", "match", "leg", "act", "book", "race", "heat", "test"})
# A house number: "10 Downing Street", "1600 Pennsylvania Avenue".
_ADDRESS_AFTER_RE = re.compile(
    r"(?:[ \u00a0]+[A-Z][a-z]+){1,3}[ \u00a0]+(?:Street|St|Road|Rd|Avenue|Ave|Lane|Boulevard|Blvd|Drive"
    r"|Place|Square|Way|Court|Terrace|Crescent|Close|Parkway|Row|Gardens|Mews)\b"
)
# A model's name goes on in capitals after its number: "The 737 MAX", "Galaxy S24 FE".
_MODEL_AFTER_RE = re.compile(r"[ \u00a0]+[A-Z]{2,}(?![\w'’])")
# "Eleven of the 23 passengers": a share of a group named after it.
_PARTITIVE_AFTER_RE = re.compile(
    r"(?i:[ \u00a0]+of[ \u00a0]+(?:the|them|those|these|us|whom|which|its|their|his|her|our)\b)"
)
_WINDOW = 24


def blocked_spans(text: str) -> SpanIndex:
    """Return the index of phone numbers, times, numeric dates and list markers in `text`."""
    return SpanIndex(Span(start=m.start(), end=m.end()) for m in _BLOCKED_RE.finditer(text))


def is_blocked(blocked: SpanIndex, start: int, end: int) -> bool:
    """Return whether [start, end) overlaps a blocked span."""
    return blocked.overlaps(Span(start=start, end=end))


def is_identifier(text: str, start: int) -> bool:
    """Return whether the number at `start` labels something: "F-35", "Route 66", "No. 10"."""
    if start >= 1 and text[start - 1] == "#":
        return True
    if start >= 2 and text[start - 1] in "-\u2010\u2011" and text[start - 2].isalpha():
        return True
    match = _LABEL_BEFORE_RE.search(text, max(0, start - _WINDOW), start)
    if match is None:
        return False
    word = match.group(1)
    if word.lower() in _LABEL_NOUNS:
        return True
    if word[0].islower() and not word.islower():
        return True  # a camel-cased name: "iPhone 15", "iOS 17"
    # "Paris. 300 people" ends a sentence; only label nouns take a dot ("No. 10").
    return not match.group(2) and word[0].isupper() and word.lower() not in _FUNCTION_WORDS


def is_address(text: str, end: int) -> bool:
    """Return whether the number ending at `end` is a house number: "10 Downing Street"."""
    return _ADDRESS_AFTER_RE.match(text, end) is not None


def names_model(text: str, end: int) -> bool:
    """Return whether a word in capitals follows the number, naming a model with it: "737 MAX"."""
    return _MODEL_AFTER_RE.match(text, end) is not None


def is_partitive(text: str, start: int, end: int) -> bool:
    """Return whether "of the", "of them" follows the number: "Eleven of the 23 passengers";
    not after a label ("day five of the tournament")."""
    if _PARTITIVE_AFTER_RE.match(text, end) is None:
        return False
    label = _LABEL_BEFORE_RE.search(text, max(0, start - _WINDOW), start)
    return label is None or label.group(1).lower() not in _LABEL_NOUNS | _ORDINAL_LABELS


def is_reference(text: str, start: int, end: int) -> bool:
    """Return whether the number is a citation mark or in a list of labels: "[14]", "Figs. 3 and 7"."""
    if text[start - 1 : start] == "[" and text[end : end + 1] == "]":
        return True
    return _REFERENCE_LIST_RE.search(text, max(0, start - 2 * _WINDOW), start) is not None


def is_date_part(text: str, start: int, end: int) -> bool:
    """Return whether the number is a day of a written date: "October 9", "9 October"."""
    return bool(
        _MONTH_BEFORE_RE.search(text, max(0, start - _WINDOW), start)
        or _MONTH_AFTER_RE.match(text, end)
    )


def is_year(number_text: str) -> bool:
    """Return whether a number is written like a year (four digits, 1500-2099)."""
    return _YEAR_RE.fullmatch(number_text) is not None


def follows_year_lead(text: str, start: int) -> bool:
    """Return whether the words before `start` make a four-digit number a year."""
    return _YEAR_LEAD_RE.search(text, max(0, start - _WINDOW), start) is not None


def counts_people(text: str, start: int, noun: str) -> bool:
    """Return whether a four-digit number counts people: a group noun after "of" or "for"."""
    return noun.split()[-1] in _PEOPLE and _COUNT_OF_RE.search(text, max(0, start - 5), start) is not None


def follows_range_digit(text: str, start: int) -> bool:
    """Return whether the number is the tail of a hyphenated pair such as "3-5" or "3-1"."""
    return _RANGE_DIGIT_BEFORE_RE.search(text, max(0, start - 4), start) is not None


def is_apposed_age(text: str, start: int, end: int) -> bool:
    """Return whether the number is an age set off by commas after a name: "Daniel Montalvo, 19,"."""
    return (
        _NAME_COMMA_BEFORE_RE.search(text, max(0, start - _WINDOW), start) is not None
        and text[end : end + 1] == ","
    )
