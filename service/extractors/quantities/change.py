"""Changes: the amount by which something rose or fell, "up 15 per cent", "a 3-point drop".

The verb or adverb sits just before the number (and its qualifier), the noun
just after it. Only shares and measurements of a level change this way: percent,
percentage points, index points and measured amounts. Counts of things ("lost
three children") and ages are never changes.
"""

from __future__ import annotations

import re

from service.core.types import Change, QuantityKind

_UP = (
    r"up|rose|rise|rises|rising|risen|increased?|increases|increasing|grew|grows?|growing|grown"
    r"|climbed|climbs?|climbing|jumped|jumps?|jumping|soared|soars?|soaring|surged?|surges|surging"
    r"|gained|gains?|gaining|higher|added|adds?|raised|raises|raising|lifted|lifts?|lifting|hiked|hikes?"
    r"|boosted|boosts?"
)
_DOWN = (
    r"down|fell|falls?|falling|fallen|dropped|drops?|dropping|declined?|declines|declining"
    r"|decreased?|decreases|decreasing|slipped|slips?|slid|plunged?|plunges|plummeted|plummets?"
    r"|shrank|shrunk|shrinks?|lost|loses|dipped|dips?|tumbled?|tumbles|lower|cut|slashed|sank|sinks?"
    r"|reduced|shed|sheds|lowered|lowers?|lowering"
)
# "up 15%" but not "up to 15%": the qualifier reader has taken "up to" before this runs.
_BEFORE_RE = re.compile(rf"(?i:\b(?:({_UP})|({_DOWN}))(?:\s+(?:by|of))?\s+$)")
_CLAUSE_BEFORE_RE = re.compile(rf"(?i:\b(?:{_UP}|{_DOWN})\b[^.;:!?,]{{0,60}},[ \t\u00a0]+$)")
_AFTER_RE = re.compile(
    r"(?i:[\s-]+(?:(increase|rise|jump|gain|growth|hike|surge|climb|boost)"
    r"|(drop|fall|decline|decrease|cut|reduction|loss|slump|dip|contraction|plunge))s?\b)"
)
_LEVEL_KINDS = frozenset({QuantityKind.PERCENT, QuantityKind.PERCENTAGE_POINTS})
_UNCHANGING_KINDS = frozenset({QuantityKind.AGE, QuantityKind.COUNT})
_POINTS = frozenset({"point", "points", "basis points"})
_WINDOW = 28


def read_change(text: str, start: int, end: int, kind: QuantityKind, unit: str | None) -> Change | None:
    """Return the direction of the change stated around [start, end), or None if it is a level."""
    if kind in _UNCHANGING_KINDS and unit not in _POINTS:
        return None
    # "rose from 5% to 7%" gives the two levels, not the size of the change.
    before = None if text[start : start + 5].lower() == "from " else _BEFORE_RE.search(
        text, max(0, start - _WINDOW), start
    )
    if before is not None and (kind in _LEVEL_KINDS or unit in _POINTS or _says_by(before.group(0))):
        return Change.INCREASE if before.group(1) else Change.DECREASE
    after = _AFTER_RE.match(text, end)
    if after is not None:
        return Change.INCREASE if after.group(1) else Change.DECREASE
    return None


def _says_by(words: str) -> bool:
    """Return whether a verb before a measured amount says "by" (or is up/down): "cut by £3bn"."""
    lowered = words.lower().split()
    return "by" in lowered or lowered[0] in ("up", "down")


def says_move(text: str, start: int) -> bool:
    """Return whether a change verb stands before the "from" at `start`: "rose from 3% to 3.25%",
    or opens its clause: "fell by half a point, from 5.5% to 5%"."""
    return (
        _BEFORE_RE.search(text, max(0, start - _WINDOW), start) is not None
        or _CLAUSE_BEFORE_RE.search(text, max(0, start - 3 * _WINDOW), start) is not None
    )
