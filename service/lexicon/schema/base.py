"""The base of every lexicon table and the checks the tables share."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

import msgspec


class Part(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """A table of a lexicon file: unknown keys are errors, nothing is mutable."""

    def _freeze(self, *names: str) -> None:
        # Decoded tables arrive as dicts; readers get them read-only.
        for name in names:
            msgspec.structs.force_setattr(self, name, MappingProxyType(dict(getattr(self, name))))


def unique(label: str, words: Iterable[str]) -> None:
    """Raise ValueError naming `label` if a word in `words` is blank, padded or repeated."""
    seen: set[str] = set()
    for word in words:
        if not word or word != " ".join(word.split()):
            raise ValueError(f"{label}: {word!r} is blank or has stray spaces")
        if word in seen:
            raise ValueError(f"{label}: {word!r} is listed twice")
        seen.add(word)


def lowercase(label: str, words: Iterable[str]) -> None:
    """Raise ValueError if a word of a list matched in any case is not written in lowercase."""
    for word in words:
        if word != word.lower():
            raise ValueError(f"{label}: {word!r} must be lowercase (it is matched in any case)")


def checked_words(label: str, words: Iterable[str]) -> None:
    """Raise ValueError if a word of a list matched in any case is blank, repeated or not lowercase."""
    words = list(words)
    unique(label, words)
    lowercase(label, words)


def disjoint(label: str, tables: Mapping[str, Iterable[str]]) -> None:
    """Raise ValueError if a word appears in two of `tables`, which one reader merges."""
    owner: dict[str, str] = {}
    for name, words in tables.items():
        for word in words:
            if word in owner:
                raise ValueError(f"{label}: {word!r} is in both {owner[word]} and {name}")
            owner[word] = name
