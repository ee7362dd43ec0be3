"""The shape of each lexicon file, as a frozen msgspec Struct checked while it is decoded.

Decoding rejects unknown keys and values of the wrong type; `__post_init__` rejects
what a type cannot say: a word listed twice, a word in two tables that one reader
merges, a reference to a unit that is not defined. Lists stay tuples in file order
(the order some regexes are built in); tables become read-only mappings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Literal

import msgspec

from service.core.types import Qualifier, QuantityKind
from service.normalize.timex import PartOfDay

# The TIMEX3 values of `mod` (TimeML 1.2.1) that qualifier words may carry.
TimexMod = Literal[
    "BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
    "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX",
]
SeasonCode = Literal["SP", "SU", "FA", "WI"]
# The names of service.normalize.timex.DurationUnit.
TimeUnit = Literal["YEAR", "DECADE", "CENTURY", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND"]


class _Part(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
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


def _words(label: str, words: Iterable[str]) -> None:
    words = list(words)
    unique(label, words)
    lowercase(label, words)


def _disjoint(label: str, tables: Mapping[str, Iterable[str]]) -> None:
    """Raise ValueError if a word appears in two of `tables`, which one reader merges."""
    owner: dict[str, str] = {}
    for name, words in tables.items():
        for word in words:
            if word in owner:
                raise ValueError(f"{label}: {word!r} is in both {owner[word]} and {name}")
            owner[word] = name


class Month(_Part, frozen=True):
    name: str
    abbreviations: tuple[str, ...] = ()


class Months(_Part, frozen=True):
    month: tuple[Month, ...]

    def __post_init__(self) -> None:
        if len(self.month) != 12:
            raise ValueError(f"month: 12 months expected, got {len(self.month)}")
        unique("month", (w for m in self.month for w in (m.name, *m.abbreviations)))


class Weekday(_Part, frozen=True):
    name: str
    abbreviations: tuple[str, ...] = ()


class Weekdays(_Part, frozen=True):
    weekday: tuple[Weekday, ...]

    def __post_init__(self) -> None:
        if len(self.weekday) != 7:
            raise ValueError(f"weekday: 7 weekdays expected, got {len(self.weekday)}")
        unique("weekday", (w for d in self.weekday for w in (d.name, *d.abbreviations)))


class Seasons(_Part, frozen=True):
    seasons: Mapping[str, SeasonCode]
    first_month: Mapping[SeasonCode, int]

    def __post_init__(self) -> None:
        _words("seasons", self.seasons)
        missing = set(self.seasons.values()) - set(self.first_month)
        if missing:
            raise ValueError(f"first_month: no month for {sorted(missing)}")
        if any(not 1 <= month <= 12 for month in self.first_month.values()):
            raise ValueError("first_month: months are 1-12")
        self._freeze("seasons", "first_month")


class PartsOfDay(_Part, frozen=True):
    parts_of_day: Mapping[str, PartOfDay]

    def __post_init__(self) -> None:
        _words("parts_of_day", self.parts_of_day)
        self._freeze("parts_of_day")


class TimeUnits(_Part, frozen=True):
    units: Mapping[str, TimeUnit]
    day_kinds: tuple[str, ...]

    def __post_init__(self) -> None:
        _words("units", self.units)
        _words("day_kinds", self.day_kinds)
        self._freeze("units")


class NumberWords(_Part, frozen=True):
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
            _words(name, getattr(self, name))
            if any(value <= 0 and word != "zero" for word, value in getattr(self, name).items()):
                raise ValueError(f"{name}: values must be positive")
        _words("vague_amounts", self.vague_amounts)
        # parse_number reads these tables for the same token, so a word may be in one only.
        _disjoint("number words", {name: getattr(self, name) for name in tables[:4] + ("vague_plurals",)})
        self._freeze(*tables)


class QualifierSense(_Part, frozen=True):
    """What one qualifier phrase means before a number and before a date or duration."""

    quantity: Qualifier | None = None
    timex_mod: TimexMod | None = None
    duration: bool = False
    ago: bool = False

    def __post_init__(self) -> None:
        if self.quantity is None and self.timex_mod is None and not (self.duration or self.ago):
            raise ValueError("a qualifier needs quantity, timex_mod, duration or ago")


class Qualifiers(_Part, frozen=True):
    qualifiers: Mapping[str, QualifierSense]
    symbols: Mapping[str, Qualifier]

    def __post_init__(self) -> None:
        _words("qualifiers", self.qualifiers)
        if any(len(symbol) != 1 for symbol in self.symbols):
            raise ValueError("symbols: each symbol is one character")
        self._freeze("qualifiers", "symbols")


class SpeechCues(_Part, frozen=True):
    speech: tuple[str, ...]
    framing: tuple[str, ...]
    indirect: tuple[str, ...]
    that: tuple[str, ...]

    def __post_init__(self) -> None:
        for name in ("speech", "framing", "indirect", "that"):
            _words(name, getattr(self, name))
        # Every speech verb frames too: framing lists only the verbs added to them.
        _disjoint("speech cues", {"speech": self.speech, "framing": self.framing})


class Titles(_Part, frozen=True):
    titles: tuple[str, ...]
    roles: tuple[str, ...]

    def __post_init__(self) -> None:
        _words("titles", self.titles)
        _words("roles", self.roles)


class Organizations(_Part, frozen=True):
    groups: tuple[str, ...]
    organization_endings: tuple[str, ...]
    institutions: tuple[str, ...]
    known: tuple[str, ...]
    countries: tuple[str, ...]

    def __post_init__(self) -> None:
        for name in ("groups", "organization_endings", "institutions", "known", "countries"):
            _words(name, getattr(self, name))
        # A name ending in a group noun is an organization's too: the endings add to the groups.
        _disjoint("organizations", {"groups": self.groups, "organization_endings": self.organization_endings})


class Names(_Part, frozen=True):
    not_names: tuple[str, ...]
    particles: tuple[str, ...]

    def __post_init__(self) -> None:
        _words("not_names", self.not_names)
        _words("particles", self.particles)


class Abbreviations(_Part, frozen=True):
    sentence_internal: tuple[str, ...]

    def __post_init__(self) -> None:
        _words("sentence_internal", self.sentence_internal)


class Unit(_Part, frozen=True):
    kind: QuantityKind
    normalized: str
    pint: str | None = None
    symbols: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


class PintReading(_Part, frozen=True):
    """How words pint parses, beyond the units listed, are read after a number."""

    # pint unit names never read from a word: English words first ("point", "section").
    not_units: tuple[str, ...] = ()
    # Written tokens pint parses that are English words or clash in news ("am", "us").
    not_words: tuple[str, ...] = ()
    # Dimensionless pint units that are still units ("byte"); the others are counts.
    dimensionless: tuple[str, ...] = ()
    # Normalized unit -> what values of its dimensionality measure.
    kinds: Mapping[str, QuantityKind] = {}

    def __post_init__(self) -> None:
        unique("pint.not_units", self.not_units)
        unique("pint.not_words", self.not_words)
        unique("pint.dimensionless", self.dimensionless)
        self._freeze("kinds")


class Units(_Part, frozen=True):
    units: Mapping[str, Unit]
    normalized: Mapping[str, str]
    glued: Mapping[str, str]
    # Letters that name a unit only after a space: "450 K" is kelvin, "a 10K race" is not.
    spaced: Mapping[str, str] = {}
    pint: PintReading = PintReading()
    # The magnitude scales written before the number ("magnitude 6.1", "Mach 2"): word -> kind.
    scales_before: Mapping[str, QuantityKind] = {}

    def __post_init__(self) -> None:
        unique("symbols", (s for unit in self.units.values() for s in unit.symbols))
        _words("words", (w for unit in self.units.values() for w in unit.words))
        for symbol, unit in self.units.items():
            if unit.pint is not None and unit.normalized not in self.normalized:
                raise ValueError(f"units.{symbol}: normalized unit {unit.normalized!r} has no pint name")
        for normalized in self.pint.kinds:
            if normalized not in self.normalized:
                raise ValueError(f"pint.kinds: normalized unit {normalized!r} has no pint name")
        for table, letters in (("glued", self.glued), ("spaced", self.spaced)):
            for letter, symbol in letters.items():
                if symbol not in self.units or len(letter) != 1:
                    raise ValueError(f"{table}: {letter!r} must be one letter naming a unit, not {symbol!r}")
        _words("scales_before", self.scales_before)
        self._freeze("units", "normalized", "glued", "spaced", "scales_before")


class Currency(_Part, frozen=True):
    prefixes: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    # The minor unit's words ("cent", "cents"): an amount in them is 10**-digits of the major.
    minor_words: tuple[str, ...] = ()
    # Letters glued to the digits that name the minor unit: "95p" is 95 pence.
    minor_glued: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.minor_glued and not self.minor_words:
            raise ValueError(f"minor_glued {list(self.minor_glued)} needs minor_words to name the unit")
        for letter in self.minor_glued:
            if len(letter) != 1 or not letter.isalpha():
                raise ValueError(f"minor_glued: {letter!r} must be one letter")


class Currencies(_Part, frozen=True):
    currencies: Mapping[str, Currency]
    # ISO codes that are English words ("ALL", "CUP"): not read as a code before or after a number.
    not_codes: tuple[str, ...] = ()
    # Whole numbers a glued minor letter does not make money: "1080p" is a video's line count.
    not_minor_glued: tuple[int, ...] = ()
    # Bare currency names several currencies share ("dinar"): read by the country named nearby.
    families: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        unique("not_codes", self.not_codes)
        if len(set(self.not_minor_glued)) != len(self.not_minor_glued):
            raise ValueError("not_minor_glued: a number is listed twice")
        _words("families", self.families)
        unique("minor_glued", (g for c in self.currencies.values() for g in c.minor_glued))
        for code in (*self.currencies, *self.not_codes):
            if not (len(code) == 3 and code.isalpha() and code.isupper()):
                raise ValueError(f"currencies: {code!r} is not an ISO 4217 code")
        unique("prefixes", (p for c in self.currencies.values() for p in c.prefixes))
        _words("words", (w for c in self.currencies.values() for w in (*c.words, *c.minor_words)))
        self._freeze("currencies")


class PageLabels(_Part, frozen=True):
    related: tuple[str, ...]
    sections: tuple[str, ...]

    def __post_init__(self) -> None:
        _words("related", self.related)
        _words("sections", self.sections)
        _disjoint("page labels", {"related": self.related, "sections": self.sections})
