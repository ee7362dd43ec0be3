"""The date an article states about itself: its dateline or publication line."""

from __future__ import annotations

import datetime as dt
import enum
import re

from service.core.document import Document
from service.extractors.dates.patterns import DAY_NUMBER, MONTH_BEFORE_DAY, MONTH_NAME, WEEKDAY, YEAR, month_number
from service.text.sections import is_chrome as _is_chrome

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


class DateSource(enum.StrEnum):
    """Where on the page the article's date was read."""

    DATELINE = "dateline"  # a date line under the headline, or a wire dateline opening the text
    STAMP = "stamp"  # a labelled stamp: "Published 4 May 2021", " date 2024-08-28 "
    SITE_HEADER = "site_header"  # a date beside the site's navigation, above the headline


# Preference among the dates found: the article's own before the site header's; an
# "Updated" stamp only when nothing else says when the article was published.
_RANK = {DateSource.DATELINE: 0, DateSource.STAMP: 0, DateSource.SITE_HEADER: 1}
_UPDATED_RANK = 2


def _block_dates(text: str) -> list[tuple[int, DateSource, dt.date]]:
    """(rank, source, date) for each date a block states about the article."""
    found = []
    line = _DATE_LINE.fullmatch(text)
    if line is not None:
        found.append((0, DateSource.DATELINE, line))
    elif (opening := _OPENING_DATE.match(text)) is not None:
        found.append((0, DateSource.DATELINE, opening))
    for match in _LABELLED_DATE.finditer(text):
        found.append((_UPDATED_RANK if match["updated"] else 0, DateSource.STAMP, match))
    return [(rank, source, date) for rank, source, match in found if (date := _match_date(match)) is not None]


def find_publication_date(doc: Document) -> dt.date | None:
    """Return the date the article states about itself in its first blocks, or None (see
    `find_publication`)."""
    found = find_publication(doc)
    return found[0] if found is not None else None


def find_publication(doc: Document) -> tuple[dt.date, DateSource] | None:
    """Return the date the article states about itself in its first blocks, and where it was
    read, or None.

    A block that is only a date ("Saturday, October 9, 2010"), a wire dateline, or a labelled
    date ("Date: 2021-05-04", "Published 4 May 2021") counts; a date line beside the site's
    navigation, before the headline, is the crawl date of the page and counts only when the
    article states none; an "Updated" date only when no publication date is given.
    """
    blocks = doc.paragraphs[:_HEAD_BLOCKS]
    texts = [doc.text[b.start : min(b.end, b.start + _BLOCK_PREFIX)] for b in blocks]
    chrome = [_is_chrome(text) for text in texts]
    candidates = []
    headline_seen = False
    for position, text in enumerate(texts):
        for rank, source, date in _block_dates(text):
            beside_chrome = any(chrome[j] for j in (position - 1, position + 1) if 0 <= j < len(texts))
            if source is DateSource.DATELINE and not headline_seen and beside_chrome:
                source = DateSource.SITE_HEADER
            candidates.append((rank if rank == _UPDATED_RANK else _RANK[source], position, source, date))
        if not chrome[position] and _DATE_LINE.fullmatch(text) is None and len(text.split()) >= 3:
            headline_seen = True
    if not candidates:
        return None
    _, _, source, date = min(candidates, key=lambda candidate: candidate[:2])
    return date, source
