"""Detection of repeated blocks: teaser headlines and sentences a page repeats."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict

from service.core.spans import Span

_NON_WORD = re.compile(r"[\W_]+")
# Shorter keys ("Share", "Menu") are boilerplate, not claims worth grouping.
_MIN_KEY_CHARS = 12


def repeat_key(text: str) -> str:
    """Return the comparison key of a block: casefolded words, punctuation dropped."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _NON_WORD.sub(" ", folded).strip()


def repeat_groups(text: str, spans: list[Span]) -> dict[int, list[int]]:
    """Map the index of each first occurrence to the indices of its later repeats.

    Two spans repeat each other when their keys are equal and long enough to be
    more than a label. Spans are indices into `spans`.
    """
    by_key: dict[str, list[int]] = defaultdict(list)
    for index, span in enumerate(spans):
        key = repeat_key(text[span.start : span.end])
        if len(key) >= _MIN_KEY_CHARS:
            by_key[key].append(index)
    return {group[0]: group[1:] for group in by_key.values() if len(group) > 1}
