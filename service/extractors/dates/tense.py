"""The tense of the clause around a date expression, from cue words in its sentence."""

from __future__ import annotations

import re

from service.core.document import Document
from service.normalize.timex import Tense

# Future cues come first in the alternation so that "is expected to" wins over the
# past-looking "expected" at the same position.
_FUTURE = (
    r"will|shall|won't|wo\s+n't|'ll|\u2019ll|would|"
    r"(?:is|are|was|were)\s+(?:expected|due|scheduled|set|slated|poised|planning|going|likely)\s+to|"
    r"(?:set|slated|poised)\s+to|"
    r"expected\s+to|due\s+to\s+(?!the\b|a\b)|plans?\s+to|planning\s+to|planned|scheduled|"
    r"upcoming|forthcoming|next(?!\s+to\b)|later\s+this|to\s+be\s+held|intends?\s+to|(?:is|are)\s+to|"
    # A commitment points forward whatever its own tense: "vowed to conduct a third attempt in October".
    r"(?:vow|pledge|promise|threaten|agree|decide|resolve|hope|aim|want|seek|prepare|"
    r"undertake|commit|intend)(?:s|e?d)?\s+to\s+(?!the\b|an?\b|his\b|her\b|their\b|its\b)"
)
_IRREGULAR_PAST = (
    r"was|were|had|did|been|said|told|met|went|came|took|gave|made|left|held|won|lost|"
    r"began|fell|rose|saw|found|sent|spent|paid|led|fled|fought|brought|bought|caught|"
    r"thought|struck|hit|shot|ran|sat|stood|spoke|wrote|broke|chose|drove|flew|grew|knew|"
    r"threw|wore|became|got|kept|felt|heard|built|meant|sold|stole|swore|taught|understood|"
    r"ago|earlier|yesterday"
)
_TENSE_CUE = re.compile(
    rf"\b(?:(?P<future>{_FUTURE})|(?P<past>{_IRREGULAR_PAST})|(?P<regular>[a-z]{{2,}}ed))\b"
)
# Lowercase words ending in -ed that are not past verbs.
_NOT_PAST = frozenset(
    """need speed bed red feed seed shed proceed exceed succeed indeed hundred breed bleed
    weed greed creed deed heed steed tweed embed wed sled shred naked wicked sacred kindred""".split()
)
# Look at most this far either side of the expression, within its sentence.
_WINDOW = 200


def _cue_tense(match: re.Match[str]) -> Tense | None:
    if match.group("future"):
        return Tense.FUTURE
    if match.group("past"):
        return Tense.PAST
    return None if match.group("regular") in _NOT_PAST else Tense.PAST


def clause_tense(doc: Document, start: int, end: int) -> Tense:
    """Return the tense of the nearest tense cue before [start, end) in its sentence, else after it."""
    sentence = doc.sentence_at(start)
    # The window bounds the work per expression, so a text with no sentence breaks stays linear.
    lo = max(sentence.start if sentence is not None else 0, start - _WINDOW)
    hi = min(sentence.end if sentence is not None else len(doc.text), end + _WINDOW)
    before = None
    for match in _TENSE_CUE.finditer(doc.text, lo, start):
        before = _cue_tense(match) or before
    if before is not None:
        return before
    for match in _TENSE_CUE.finditer(doc.text, end, max(end, hi)):
        tense = _cue_tense(match)
        if tense is not None:
            return tense
    return Tense.UNKNOWN
