"""Casing features: the base encoder is uncased, so the case of each piece is given back.

Each word piece gets one of a few casing classes read from the original text at its
offsets; the tagger adds a learned embedding of that class to the input embeddings.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence


class Casing(enum.IntEnum):
    NONE = 0  # special tokens, punctuation, digits
    LOWER = 1
    TITLE = 2  # first letter upper, rest lower: "Montalvo"
    UPPER = 3  # "NASA", "US"
    MIXED = 4  # "iPhone", "McDonald"


def casing_of(piece: str) -> Casing:
    """Return the casing class of a piece of original text."""
    letters = [c for c in piece if c.isalpha()]
    if not letters:
        return Casing.NONE
    if all(c.islower() for c in letters):
        return Casing.LOWER
    if all(c.isupper() for c in letters):
        return Casing.UPPER if len(letters) > 1 else Casing.TITLE
    if letters[0].isupper() and all(c.islower() for c in letters[1:]):
        return Casing.TITLE
    return Casing.MIXED


def casing_ids(text: str, offsets: Sequence[tuple[int, int]]) -> list[int]:
    """Return the casing class of each word piece, read from `text` at its offsets.

    A continuation piece ("##al" of "Montalvo") takes the class of its whole word,
    so the model sees the word's case on every piece.
    """
    ids = []
    for start, end in offsets:
        if end <= start:
            ids.append(Casing.NONE)
            continue
        word_start, word_end = start, end
        while word_start > 0 and text[word_start - 1].isalnum():
            word_start -= 1
        while word_end < len(text) and text[word_end].isalnum():
            word_end += 1
        ids.append(casing_of(text[word_start:word_end]))
    return [int(i) for i in ids]
