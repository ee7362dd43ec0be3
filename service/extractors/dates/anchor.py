"""The date an article states about itself: its dateline or publication line."""

from __future__ import annotations

import datetime as dt
import re

from service.core.document import Document
from service.extractors.dates.patterns import DAY_NUMBER, MONTH_BEFORE_DAY, MONTH_NAME, WEEKDAY, YEAR, month_number

# Only the head of an article carries its own date; a pasted page may start with a few
# navigation lines, so look a little further than the title and the byline.
_HEAD_BLOCKS = 6
# A date line is short; reading at most this much of a block keeps a huge block cheap.
_BLOCK_PREFIX = 300

_DATE = (
    rf"(?:(?P<iso>{YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01]))(?!\d)"
    rf"|(?:{WEEKDAY},?\s+)?(?P<md_month>{MONTH_BEFORE_DAY})\s+(?P<md_day>{DAY_NUMBER}),?\s+(?P<md_year>{YEAR})"
    rf"|(?:{WEEKDAY},?\s+)?(?P<dm_day>{DAY_NUMBER})\s+(?P<dm_month>{MONTH_NAME}),?\s+(?P<dm_year>{YEAR}))"
)
# What may follow the date on its line: a clock time and a zone ("10:32 a.m. ET").
_TRAILER = r"(?:\s*(?:,|at|\||-|\u2013|\u2014)?\s*\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?:\s+[A-Z]{2,5})?)?\s*"
_DATE_LINE = re.compile(rf"\s*{_DATE}{_TRAILER}")
# A block that opens with a weekday and a full date ("Thursday, May 7, 2015 On Tuesday, ...")
# or with a wire dateline ("WASHINGTON, May 4, 2021 - ...") is dated by it.
_OPENING_DATE = re.compile(
    rf"\s*(?:(?={WEEKDAY})|[A-Z][A-Z .'-]{{1,40}},\s+(?=.{{6,30}}?\s*[-\u2013\u2014(]))(?:{_DATE})"
)
_KEYWORD = (
    r"(?i:date(?:line)?|published(?:\s+on)?|first\s+published|posted(?:\s+on)?|"
    r"(?P<updated>(?:last\s+)?updated(?:\s+on)?))"
)
_LABELLED_DATE = re.compile(rf"\b{_KEYWORD}\s*:?\s*(?:on\s+)?{_DATE}")


def _match_date(match: re.Match[str]) -> dt.date | None:
    try:
        if match["iso"]:
            return dt.date.fromisoformat(match["iso"])
        if match["md_month"]:
            day = int(match["md_day"].rstrip("stndrh"))
            return dt.date(int(match["md_year"]), month_number(match["md_month"]), day)
        day = int(match["dm_day"].rstrip("stndrh"))
        return dt.date(int(match["dm_year"]), month_number(match["dm_month"]), day)
    except ValueError:  # "February 30, 2021"
        return None


def _block_dates(text: str) -> list[tuple[int, dt.date]]:
    """(rank, date) for each date a block states about the article; publication ranks before update."""
    found = []
    line = _DATE_LINE.fullmatch(text)
    if line is not None:
        found.append((0, line))
    elif (opening := _OPENING_DATE.match(text)) is not None:
        found.append((0, opening))
    for match in _LABELLED_DATE.finditer(text):
        found.append((1 if match["updated"] else 0, match))
    return [(rank, date) for rank, match in found if (date := _match_date(match)) is not None]


def find_publication_date(doc: Document) -> dt.date | None:
    """Return the date the article states about itself in its first blocks, or None.

    A block that is only a date ("Saturday, October 9, 2010"), or a labelled date
    ("Date: 2021-05-04", "Published 4 May 2021"), counts; an "Updated" date is used
    only when no publication date is given.
    """
    candidates = []
    for position, block in enumerate(doc.paragraphs[:_HEAD_BLOCKS]):
        text = doc.text[block.start : min(block.end, block.start + _BLOCK_PREFIX)]
        candidates.extend((rank, position, date) for rank, date in _block_dates(text))
    if not candidates:
        return None
    return min(candidates, key=lambda candidate: candidate[:2])[2]
