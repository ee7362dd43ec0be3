"""Units of measure and currencies, and how pint's own unit names are read."""

from __future__ import annotations

from collections.abc import Mapping

from service.core.types import QuantityKind
from service.lexicon.schema.base import Part, checked_words, unique


class Unit(Part, frozen=True):
    kind: QuantityKind
    normalized: str
    pint: str | None = None
    symbols: tuple[str, ...] = ()
    words: tuple[str, ...] = ()


class PintReading(Part, frozen=True):
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


class Units(Part, frozen=True):
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
        checked_words("words", (w for unit in self.units.values() for w in unit.words))
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
        checked_words("scales_before", self.scales_before)
        self._freeze("units", "normalized", "glued", "spaced", "scales_before")


class Currency(Part, frozen=True):
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


class Currencies(Part, frozen=True):
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
        checked_words("families", self.families)
        unique("minor_glued", (g for c in self.currencies.values() for g in c.minor_glued))
        for code in (*self.currencies, *self.not_codes):
            if not (len(code) == 3 and code.isalpha() and code.isupper()):
                raise ValueError(f"currencies: {code!r} is not an ISO 4217 code")
        unique("prefixes", (p for c in self.currencies.values() for p in c.prefixes))
        checked_words("words", (w for c in self.currencies.values() for w in (*c.words, *c.minor_words)))
        self._freeze("currencies")
