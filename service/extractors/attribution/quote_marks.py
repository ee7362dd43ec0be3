"""Quoted passages: straight, curly, single and guillemet marks, robust to broken marks.

A passage never runs past its paragraph, except in the news convention where a
quote left open at a paragraph end reopens at the start of the next paragraph.
An opening mark that is never closed is dropped and the scan resumes after it,
so one stray mark cannot swallow the rest of an article.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Sequence
from typing import NamedTuple

from service.core.spans import Span
from service.extractors.attribution.cues import SPEECH_VERBS


class MarkKind(enum.Enum):
    DOUBLE = "double"
    SINGLE = "single"
    GUILLEMET = "guillemet"
    SINGLE_GUILLEMET = "single_guillemet"


class Quotation(Span, frozen=True, kw_only=True):
    """A quoted passage: [start, end) covers its marks, `content` what lies between them.

    `closed` is False for a continued quote whose last paragraph never closed;
    `paragraphs` counts the paragraphs it spans.
    """

    content: Span
    mark: str
    closed: bool = True
    paragraphs: int = 1


class _Mark(NamedTuple):
    pos: int
    char: str
    opens: MarkKind | None
    closes: MarkKind | None
    weak: bool  # a closer that may be a plural possessive ("countries’ leaders")


class _Open(NamedTuple):
    start: int
    char: str
    kind: MarkKind
    index: int  # index of the opening mark in its paragraph's mark list
    paragraphs: int


_MARK = re.compile("[\"'\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u2018\u2019]")
_OPENERS = {
    "\u201c": MarkKind.DOUBLE,
    "\u201e": MarkKind.DOUBLE,
    "\u00ab": MarkKind.GUILLEMET,
    "\u2039": MarkKind.SINGLE_GUILLEMET,
    "\u2018": MarkKind.SINGLE,
}
_CLOSERS = {
    "\u201d": MarkKind.DOUBLE,
    "\u00bb": MarkKind.GUILLEMET,
    "\u203a": MarkKind.SINGLE_GUILLEMET,
    "\u2019": MarkKind.SINGLE,
}
_STRAIGHT = {'"': MarkKind.DOUBLE, "'": MarkKind.SINGLE}
_SINGLES = "'\u2018\u2019"
# Elisions after an apostrophe that are not quotes: ’90s, ’em, ’til, rock ’n’ roll.
_ELISION = re.compile(r"(?:\d\d(?:s\b|\b)|(?:em|til|tis|twas|cause|n)\b)", re.IGNORECASE)
# After "countries’ " a plural possessive goes on with a noun; a closing quote
# is followed by its attribution.
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_ATTRIBUTION_WORDS = frozenset(
    "he she they i we it said says added told asked wrote according the a an".split()
)
_CLAUSE_END = ".!?\u2026"
# Typewriter doubles: two apostrophes (NYT style) or two backticks for an opening mark.
_DOUBLED = re.compile(r"(?<!['`])(?:''|``)(?!['`])")
_OPENS_BEFORE = "$(\u2026."
_CLAUSE_OPENERS = ":,;.!?\u2026\u2014\u2013-("


def _classify(text: str, i: int, lo: int, hi: int) -> _Mark:
    """Return what the mark at `i` can do inside the paragraph [lo, hi)."""
    char = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if char in _SINGLES:
        if prev.isalnum() and nxt.isalnum():
            return _Mark(i, char, None, None, False)  # don't, O’Brien
        if not prev.isalnum() and _ELISION.match(text, i + 1, hi):
            return _Mark(i, char, None, None, False)
    if char in _OPENERS:
        opens = _OPENERS[char] if not (char == "\u2018" and prev.isalnum()) else None
        return _Mark(i, char, opens, None, False)
    kind = _CLOSERS.get(char) or _STRAIGHT[char]
    opens = kind if char in _STRAIGHT and not prev.isalnum() and not nxt.isspace() else None
    closes = kind if not prev.isspace() and not nxt.isalnum() else None
    if char in "\u00bb\u203a":
        closes = kind  # French style puts a space inside guillemets
    elif char == "\u2019" and prev.isspace():
        closes = None
    return _Mark(i, char, opens, closes, closes is not None and _is_possessive(text, i, hi))


def _is_possessive(text: str, i: int, hi: int) -> bool:
    """Whether the single closer at `i` reads like a plural possessive."""
    if text[i] not in _SINGLES or i == 0 or text[i - 1] not in "sS":
        return False
    following = _NEXT_WORD.match(text, i + 1, hi)
    return following is not None and following.group(1).lower() not in _ATTRIBUTION_WORDS


def _marks(text: str, paragraph: Span) -> list[_Mark]:
    """Return the classified marks of one paragraph, in order."""
    lo, hi = paragraph.start, paragraph.end
    return [_classify(text, m.start(), lo, hi) for m in _MARK.finditer(text, lo, hi)]


def _strong_closer_positions(marks: Sequence[_Mark]) -> dict[MarkKind, int]:
    """Return, per kind, the position of the last closer that is not a possessive."""
    last: dict[MarkKind, int] = {}
    for mark in marks:
        if mark.closes is not None and not mark.weak:
            last[mark.closes] = mark.pos
    return last


def _closes(mark: _Mark, outer: _Open, last_strong: dict[MarkKind, int]) -> bool:
    """Whether `mark` closes the passage opened by `outer`."""
    if outer.char == "\u201e" and mark.char == "\u201c":
        return True  # German „…“
    if mark.closes is not outer.kind:
        return False
    # A possessive-looking closer only closes when no clear closer follows it.
    return not mark.weak or last_strong.get(outer.kind, -1) < mark.pos


def _quotation(text: str, outer: _Open, end: int, closed: bool) -> Quotation | None:
    """Return the passage from `outer` to the closer at `end` (or paragraph end)."""
    lo, hi = outer.start + 1, end
    while lo < hi and text[lo].isspace():
        lo += 1
    while hi > lo and text[hi - 1].isspace():
        hi -= 1
    if hi <= lo:
        return None
    stop = end + 1 if closed else end
    return Quotation(
        start=outer.start,
        end=stop,
        content=Span(start=lo, end=hi),
        mark=outer.char,
        closed=closed,
        paragraphs=outer.paragraphs,
    )


def _continues(text: str, paragraph: Span, outer: _Open, following: Span | None) -> bool:
    """Whether the open quote goes on in `following` (news convention)."""
    if following is None or not _MARK.match(text, following.start, following.end):
        return False
    reopen = _classify(text, following.start, following.start, following.end)
    if reopen.opens is not outer.kind or text[paragraph.end - 1] not in _CLAUSE_END:
        return False
    if (reopen.char in _STRAIGHT) != (outer.char in _STRAIGHT):
        return False  # a writer reopens in the style they opened: a stray `"` is no curly quote's start
    if outer.paragraphs > 1:
        return True
    before = text[paragraph.start : outer.start].rstrip()
    if not before or before[-1] in _CLAUSE_OPENERS:
        return True
    # "He said “we will…" opens a quote after a speech verb without a comma.
    return before[-24:].split()[-1] in SPEECH_VERBS


def _scan(
    text: str,
    paragraph: Span,
    following: Span | None,
    carried: _Open | None,
    found: list[Quotation],
) -> _Open | None:
    """Append the passages of `paragraph` to `found`; return the quote it leaves open."""
    marks = _marks(text, paragraph)
    last_strong = _strong_closer_positions(marks)
    dead: set[MarkKind] = set()  # kinds with no closer left in this paragraph
    outer, i = carried, (1 if carried else 0)
    while True:
        while i < len(marks):
            mark = marks[i]
            if outer is None:
                if mark.opens is not None and mark.opens not in dead:
                    outer = _Open(mark.pos, mark.char, mark.opens, i, 1)
            elif _closes(mark, outer, last_strong):
                quotation = _quotation(text, outer, mark.pos, closed=True)
                if quotation is not None:
                    found.append(quotation)
                outer = None
            elif mark.opens is outer.kind and mark.closes is None:
                # A clear opener of the same kind: the open mark was a stray one.
                outer = _Open(mark.pos, mark.char, mark.opens, i, 1)
            i += 1
        if outer is None:
            return None
        if _continues(text, paragraph, outer, following):
            return outer._replace(paragraphs=outer.paragraphs + 1)
        if outer.paragraphs > 1:
            quotation = _quotation(text, outer, paragraph.end, closed=False)
            if quotation is not None:
                found.append(quotation)
            return None
        # Unmatched: no closer of this kind remains, so later openers of the
        # same kind cannot close either; at most one rescan per kind.
        dead.add(outer.kind)
        outer, i = None, outer.index + 1


def _doubled_marks_as_double(text: str) -> str:
    """Return `text` with `''` and ``` `` ``` (typewriter doubles) read as one `"`, same length.

    The mark moves next to the quoted word and a blank takes the other place:
    `''Tell` -> ` "Tell`, `taxes,''` -> `taxes," `; offsets stay those of `text`.
    """
    def replace(match: re.Match[str]) -> str:
        after = text[match.end() : match.end() + 1]
        return ' "' if after.isalnum() or (after and after in _OPENS_BEFORE) else '" '

    return _DOUBLED.sub(replace, text)


def _widen(text: str, q: Quotation) -> Quotation:
    """Return `q` covering both characters of a doubled mark at either end."""
    start = q.start - 1 if q.start and text[q.start - 1] in "'`" and text[q.start] in "'`" else q.start
    end = q.end
    if q.closed and end < len(text) and text[end] in "'" and text[end - 1] == "'":
        end += 1
    return q if (start, end) == (q.start, q.end) else Quotation(
        start=start, end=end, content=q.content, mark=q.mark, closed=q.closed, paragraphs=q.paragraphs
    )


def find_quotations(text: str, paragraphs: Sequence[Span]) -> list[Quotation]:
    """Return the quoted passages of `text`, paragraph by paragraph, sorted by start."""
    shadow = _doubled_marks_as_double(text) if ("''" in text or "``" in text) else text
    found: list[Quotation] = []
    carried: _Open | None = None
    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        carried = _scan(shadow, paragraph, following, carried, found)
    return found if shadow is text else [_widen(text, q) for q in found]
