"""TIMEX3 `mod` from the words that open a timex's extent: "early 2009" -> START.

The qualifier stays in the extent (TimeBank writes "more than five years", "early
next week") and `mod` says how it narrows or bounds the value.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from service import lexicon

# Opening words -> TIMEX3 mod (en/qualifiers.toml); the values are those TimeBank annotators
# chose most often.
_MODS = MappingProxyType(
    {words: sense.timex_mod for words, sense in lexicon.qualifiers().qualifiers.items() if sense.timex_mod is not None}
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
