"""Number words, qualifiers, speech cues, titles, organization and name words, abbreviations
and page labels."""

from __future__ import annotations

from collections.abc import Mapping

from service.core.types import Qualifier
from service.lexicon.schema.base import Part, checked_words, disjoint
from service.lexicon.schema.time import TimexMod


class NumberWords(Part, frozen=True):
    cardinals: Mapping[str, int]
    tens: Mapping[str, int]
    multipliers: Mapping[str, int]
    scales: Mapping[str, float]
    scale_abbreviations: Mapping[str, float]
    vague_plurals: Mapping[str, int | float]
    fractions: Mapping[str, int]
    ordinals: Mapping[str, int]
    vague_amounts: tuple[str, ...]

    def __post_init__(self) -> None:
        tables = ("cardinals", "tens", "multipliers", "scales", "scale_abbreviations", "vague_plurals",
                  "fractions", "ordinals")
        for name in tables:
            checked_words(name, getattr(self, name))
            if any(value <= 0 and word != "zero" for word, value in getattr(self, name).items()):
                raise ValueError(f"{name}: values must be positive")
        checked_words("vague_amounts", self.vague_amounts)
        # parse_number reads these tables for the same token, so a word may be in one only.
        disjoint("number words", {name: getattr(self, name) for name in tables[:4] + ("vague_plurals",)})
        self._freeze(*tables)


class QualifierSense(Part, frozen=True):
    """What one qualifier phrase means before a number and before a date or duration."""

    quantity: Qualifier | None = None
    timex_mod: TimexMod | None = None
    duration: bool = False
    ago: bool = False

    def __post_init__(self) -> None:
        if self.quantity is None and self.timex_mod is None and not (self.duration or self.ago):
            raise ValueError("a qualifier needs quantity, timex_mod, duration or ago")


class Qualifiers(Part, frozen=True):
    qualifiers: Mapping[str, QualifierSense]
    symbols: Mapping[str, Qualifier]

    def __post_init__(self) -> None:
        checked_words("qualifiers", self.qualifiers)
        if any(len(symbol) != 1 for symbol in self.symbols):
            raise ValueError("symbols: each symbol is one character")
        self._freeze("qualifiers", "symbols")


class SpeechCues(Part, frozen=True):
    speech: tuple[str, ...]
    framing: tuple[str, ...]
    indirect: tuple[str, ...]
    that: tuple[str, ...]

    def __post_init__(self) -> None:
        for name in ("speech", "framing", "indirect", "that"):
            checked_words(name, getattr(self, name))
        # Every speech verb frames too: framing lists only the verbs added to them.
        disjoint("speech cues", {"speech": self.speech, "framing": self.framing})


class Titles(Part, frozen=True):
    titles: tuple[str, ...]
    roles: tuple[str, ...]

    def __post_init__(self) -> None:
        checked_words("titles", self.titles)
        checked_words("roles", self.roles)


class Organizations(Part, frozen=True):
    groups: tuple[str, ...]
    organization_endings: tuple[str, ...]
    institutions: tuple[str, ...]
    known: tuple[str, ...]
    countries: tuple[str, ...]

    def __post_init__(self) -> None:
        for name in ("groups", "organization_endings", "institutions", "known", "countries"):
            checked_words(name, getattr(self, name))
        # A name ending in a group noun is an organization's too: the endings add to the groups.
        disjoint("organizations", {"groups": self.groups, "organization_endings": self.organization_endings})


class Names(Part, frozen=True):
    not_names: tuple[str, ...]
    particles: tuple[str, ...]

    def __post_init__(self) -> None:
        checked_words("not_names", self.not_names)
        checked_words("particles", self.particles)


class Abbreviations(Part, frozen=True):
    sentence_internal: tuple[str, ...]

    def __post_init__(self) -> None:
        checked_words("sentence_internal", self.sentence_internal)


class PageLabels(Part, frozen=True):
    related: tuple[str, ...]
    sections: tuple[str, ...]

    def __post_init__(self) -> None:
        checked_words("related", self.related)
        checked_words("sections", self.sections)
        disjoint("page labels", {"related": self.related, "sections": self.sections})
