"""Paragraphs and sentences with offsets into the working text."""

from __future__ import annotations

import re

from service import lexicon
from service.core.spans import Span

# Each non-empty line is a block: pasted web pages put one block per line, and
# news copy puts one paragraph per line or per blank-line-separated block.
_LINE = re.compile(r"[^\n\r\u2028\u2029]+")

# Abbreviations after which a period does not end a sentence (lowercased, no dot):
# en/abbreviations.toml and the month and weekday abbreviations.
_ABBREVIATIONS = frozenset(
    [*lexicon.abbreviations().sentence_internal,
     *(a.lower() for month in lexicon.months().month for a in month.abbreviations),
     *(a.lower() for day in lexicon.weekdays().weekday for a in day.abbreviations)]
)
# A sentence ends at . ! ? (or …) possibly followed by closing quotes/brackets,
# then whitespace and a plausible sentence opener.
_BOUNDARY = re.compile(
    r"""(?:[.!?\u2026]+)["'\u201d\u2019\u00bb)\]]*(?=\s+["'\u201c\u2018\u00ab(\[]*[A-Z0-9\u00c0-\u024f])"""
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]*)$")


def paragraphs(text: str) -> list[Span]:
    """Return the non-blank lines of `text`, stripped, as spans; a line broken after a comma
    and carried on in lowercase ("ORLANDO, Fla.,\non Tuesday") is one block with the next."""
    spans: list[Span] = []
    for match in _LINE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        if spans and text[spans[-1].end - 1] == "," and text[start].islower() \
                and text.count("\n", spans[-1].end, start) == 1:
            spans[-1] = Span(start=spans[-1].start, end=end)
        else:
            spans.append(Span(start=start, end=end))
    return spans


def _is_abbreviation(text: str, period: int, block_start: int) -> bool:
    """Whether the period at `period` closes an abbreviation or an initial."""
    match = _WORD_BEFORE.search(text, max(block_start, period - 12), period)
    if match is None:
        return False
    word = match.group(1).lower()
    if word in _ABBREVIATIONS:
        return True
    # Single initials ("L. Ron Hubbard") and dotted acronyms ("U.S.").
    return len(word) == 1 or ("." in word and len(word.replace(".", "")) <= 3)


def sentences(text: str, block: Span) -> list[Span]:
    """Return the sentences of one paragraph `block` of `text`."""
    spans = []
    start = block.start
    for match in _BOUNDARY.finditer(text, block.start, block.end):
        if text[match.start()] == "." and match.end() - match.start() == 1:
            if _is_abbreviation(text, match.start(), block.start):
                continue
        end = match.end()
        spans.append(Span(start=start, end=end))
        start = end
        while start < block.end and text[start].isspace():
            start += 1
    if start < block.end:
        spans.append(Span(start=start, end=block.end))
    return spans
