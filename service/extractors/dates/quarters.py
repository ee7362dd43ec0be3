"""Recognizers for quarters, halves and fiscal years: "the third quarter", "Q3 2021", "fiscal 1989".

A quarter without its year is, as in earnings news, the latest one with that number that
has begun by the anchor ("third-quarter profit" written in October is this year's Q3);
in a future-tense clause, the one in progress or next. "the quarter" or "the latest
quarter" is the last completed one. Without an anchor the year stays "XXXX".
"""

from __future__ import annotations

import re

from service import lexicon
from service.core.document import Document
from service.core.types import Timex, TimexType
from service.extractors.dates.patterns import YEAR
from service.extractors.dates.tense import clause_tense
from service.normalize.timex import Tense

# A year has four quarters and two halves: the ordinals up to the fourth.
_ORDINALS = {word: n for word, n in lexicon.number_words().ordinals.items() if n <= 4}
_ORDINAL = rf"(?i:{'|'.join(_ORDINALS)})"
_REL_YEAR = r"(?i:this|last|next)\s+year['\u2019]s"
_QUARTER = re.compile(
    rf"(?:\b(?i:the)\s+)?(?:(?P<lead_year>{YEAR})\s+|(?P<rel_year>{_REL_YEAR})\s+)?(?:(?i:fiscal)[\s-]+)?"
    rf"\b(?P<ordinal>{_ORDINAL})[\s-]+(?P<unit>(?i:quarter|half))(?!ly)\b"
    rf"(?:\s+of\s+(?:(?i:fiscal)\s+)?(?P<year>{YEAR}))?"
)
_Q_CODE = re.compile(rf"\b(?:Q(?P<q>[1-4])|(?P<q_lead>[1-4])Q)\b(?:\s+(?:(?i:fiscal|FY)\s*)?(?P<year>{YEAR}))?")
_NAMED_QUARTER = re.compile(
    r"\b(?i:the)\s+(?P<which>(?i:latest|most\s+recent|current|previous|next|year-ago|year-earlier|"
    r"comparable\s+year-ago|comparable\s+year-earlier)\s+)?(?P<unit>(?i:quarter|period))\b(?!\s+of\b)"
    r"|\b(?P<rel>[Tt]his|[Ll]ast|[Nn]ext)\s+quarter\b"
)
_FISCAL_YEAR = re.compile(rf"\b(?:(?i:fiscal)(?:\s+year)?\s+|FY\s?)(?P<year>{YEAR})")
_YEAR_AGO = re.compile(r"\b(?i:year-ago|year-earlier)\b(?!\s+(?:quarter|period|nine|six|three))")

_REL_STEP = {"this": 0, "last": -1, "next": 1}
# Words that make "the second half" a half of a match, not of a year.
_MATCH_WORDS = re.compile(
    r"\b(?i:goals?|scored?|scoring|match(?:es)?|games?|minutes?|kick-?off|half-?time|penalty|penalties|"
    r"striker|goalkeeper|referee|equali[sz]er|league|cup|innings|quarterback|touchdowns?|points)\b"
)


# How far around "the first half" its paragraph is read for a game's words.
_MATCH_CONTEXT = 600


def _timex(match: re.Match[str], value: str, anchored: bool) -> Timex:
    return Timex(start=match.start(), end=match.end(), type=TimexType.DATE, value=value, anchored=anchored)


def _anchor_quarter(doc: Document) -> int:
    """The anchor's quarter as a running index: year * 4 + (quarter - 1)."""
    assert doc.anchor is not None
    return doc.anchor.year * 4 + (doc.anchor.month - 1) // 3


def _quarter_value(index: int) -> str:
    return f"{index // 4:04d}-Q{index % 4 + 1}"


def _latest_with_number(doc: Document, number: int, per_year: int, start: int, end: int) -> int:
    """The year of the latest quarter/half `number` begun by the anchor; the current or next if future."""
    assert doc.anchor is not None
    current = (doc.anchor.month - 1) * per_year // 12 + 1
    year = doc.anchor.year if number <= current else doc.anchor.year - 1
    if clause_tense(doc, start, end) is Tense.FUTURE and number < current:
        year += 1
    return year


def build_quarter(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "the third quarter" (1989-Q3), "the first half of 2021" (2021-H1)."""
    number = _ORDINALS[match["ordinal"].lower()]
    half = match["unit"].lower() == "half"
    if half and number > 2:
        return None
    letter = "H" if half else "Q"
    year_text = match["year"] or match["lead_year"]
    if half and year_text is None and not match["rel_year"] and _in_a_match(doc, match.start()):
        return None
    if year_text is not None:
        return _timex(match, f"{year_text}-{letter}{number}", True)
    if doc.anchor is None:
        return _timex(match, f"XXXX-{letter}{number}", False)
    if match["rel_year"]:
        year = doc.anchor.year + _REL_STEP[match["rel_year"].split()[0].lower()]
    else:
        year = _latest_with_number(doc, number, 2 if half else 4, match.start(), match.end())
    return _timex(match, f"{year:04d}-{letter}{number}", True)


def _in_a_match(doc: Document, position: int) -> bool:
    """Whether the paragraph at `position` is about a game ("scored in the second half"; "The first
    half ended with 0 - 0" in a match report's paragraph)."""
    sentence = doc.sentence_at(position)
    if sentence is None:
        start, end = max(0, position - 200), position + 200
    else:
        paragraph = doc.paragraphs[sentence.paragraph]
        start, end = max(paragraph.start, position - _MATCH_CONTEXT), min(paragraph.end, position + _MATCH_CONTEXT)
    return _MATCH_WORDS.search(doc.text, start, end) is not None


def build_quarter_code(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "Q3 2021" (2021-Q3) or "Q3" resolved like "the third quarter"."""
    number = int(match["q"] or match["q_lead"])
    if match["year"]:
        return _timex(match, f"{match['year']}-Q{number}", True)
    if doc.anchor is None:
        return _timex(match, f"XXXX-Q{number}", False)
    return _timex(match, f"{_latest_with_number(doc, number, 4, match.start(), match.end()):04d}-Q{number}", True)


def build_named_quarter(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "the latest quarter", "this quarter", "the year-ago quarter"; None for "the period"."""
    which = " ".join((match["which"] or match["rel"] or "").lower().split())
    unit = (match["unit"] or "quarter").lower()
    if unit == "period" and which in ("", "current", "previous", "next"):
        return None  # "the period" alone is not a quarter
    if doc.anchor is None:
        return _timex(match, "XXXX-QX", False)
    current = _anchor_quarter(doc)
    offsets = {"this": 0, "current": 0, "last": -1, "previous": -1, "next": 1}
    # "the quarter", "the latest quarter": the one just reported, i.e. the last completed.
    index = current + offsets.get(which, -1)
    if "year-" in which:
        index -= 4
    return _timex(match, _quarter_value(index), True)


def build_fiscal_year(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "fiscal 1989", "fiscal year 2021", "FY2021": the year as written."""
    return _timex(match, match["year"], True)


def build_year_ago(match: re.Match[str], doc: Document) -> Timex | None:
    """Return the DATE of "year-ago"/"year-earlier" as an adjective ("year-earlier profit"): the year before."""
    if doc.anchor is None:
        return _timex(match, "XXXX", False)
    return _timex(match, f"{doc.anchor.year - 1:04d}", True)


QUARTER_RECOGNIZERS = (
    (_QUARTER, build_quarter),
    (_Q_CODE, build_quarter_code),
    (_NAMED_QUARTER, build_named_quarter),
    (_FISCAL_YEAR, build_fiscal_year),
    (_YEAR_AGO, build_year_ago),
)
