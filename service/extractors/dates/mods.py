"""TIMEX3 `mod` from the words that open a timex's extent: "early 2009" -> START.

The qualifier stays in the extent (TimeBank writes "more than five years", "early
next week") and `mod` says how it narrows or bounds the value.
"""

from __future__ import annotations

import re
from types import MappingProxyType

# Opening words -> TIMEX3 mod; the values are those TimeBank annotators chose most often.
_MODS = MappingProxyType(
    {
        "early": "START",
        "earlier": "START",
        "the start of": "START",
        "the beginning of": "START",
        "the early": "START",
        "mid": "MID",
        "the middle of": "MID",
        "the mid": "MID",
        "late": "END",
        "later": "END",
        "the end of": "END",
        "the late": "END",
        "about": "APPROX",
        "around": "APPROX",
        "roughly": "APPROX",
        "approximately": "APPROX",
        "some": "APPROX",
        "more than": "MORE_THAN",
        "over": "MORE_THAN",
        "just over": "MORE_THAN",
        "less than": "LESS_THAN",
        "fewer than": "LESS_THAN",
        "under": "LESS_THAN",
        "just under": "LESS_THAN",
        "nearly": "LESS_THAN",
        "almost": "LESS_THAN",
        "at least": "EQUAL_OR_MORE",
        "at most": "EQUAL_OR_LESS",
        "up to": "EQUAL_OR_LESS",
        "no more than": "EQUAL_OR_LESS",
    }
)
_OPENING = re.compile(
    r"(?i)(?P<words>"
    + "|".join(sorted((w.replace(" ", r"\s+") for w in _MODS), key=len, reverse=True))
    + r")(?:\s+|-\s*)"
)


def timex_mod(extent: str) -> str | None:
    """Return the TIMEX3 mod the opening words of `extent` carry ("nearly a decade" -> "LESS_THAN"), else None."""
    match = _OPENING.match(extent)
    if match is None:
        return None
    return _MODS.get(" ".join(match["words"].lower().split()))
