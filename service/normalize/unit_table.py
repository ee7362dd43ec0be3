"""Frozen tables of units: canonical symbols, their kinds, and the aliases news text uses.

Built from the lexicon (en/units.toml, en/currencies.toml), where the words are edited,
and the ISO 4217 currencies of CLDR (iso_currencies), which the lexicon's entries override.

Symbols (case-sensitive: "MW" is not "mW") and words (matched case-insensitively)
are kept apart so "m" never swallows "M" and "Miles" still reads as miles.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from service import lexicon
from service.core.types import QuantityKind as K
from service.lexicon import LexiconError
from service.normalize.iso_currencies import CURRENCY_FAMILIES, ISO_CURRENCIES


@dataclass(frozen=True, slots=True)
class UnitSpec:
    """A canonical unit: its kind and how pint converts it to the normalized unit."""

    symbol: str
    kind: K
    pint_unit: str | None
    pint_target: str | None
    normalized_symbol: str


_UNITS = lexicon.units()
_CURRENCIES = lexicon.currencies()
_CODES = tuple(dict.fromkeys((*_CURRENCIES.currencies, *ISO_CURRENCIES)))

# Minor units ("cents" of USD): the first minor word is the canonical symbol; values in it
# are multiplied by MINOR_FACTORS to give the major unit.
_MINOR = {
    currency.minor_words[0]: code
    for code, currency in _CURRENCIES.currencies.items()
    if currency.minor_words
}
MINOR_FACTORS = MappingProxyType(
    {symbol: 10.0 ** -ISO_CURRENCIES[code].minor_digits if code in ISO_CURRENCIES else 0.01 for symbol, code in _MINOR.items()}
)

UNITS = MappingProxyType(
    {
        **{
            symbol: UnitSpec(
                symbol, unit.kind, unit.pint, _UNITS.normalized[unit.normalized] if unit.pint else None, unit.normalized
            )
            for symbol, unit in _UNITS.units.items()
        },
        **{code: UnitSpec(code, K.MONEY, None, None, code) for code in _CODES},
        **{symbol: UnitSpec(symbol, K.MONEY, None, None, code) for symbol, code in _MINOR.items()},
        # A family read without its country stays itself: unit and normalized unit "dinar".
        **{family: UnitSpec(family, K.MONEY, None, None, family) for family in CURRENCY_FAMILIES},
    }
)

# Written exactly so; the extractor allows them attached to the digits ("5km").
SYMBOL_ALIASES = MappingProxyType({alias: symbol for symbol, unit in _UNITS.units.items() for alias in unit.symbols})

# Lowercase, single spaces; plural and British/American spellings listed out.
_UNIT_WORDS = {word: symbol for symbol, unit in _UNITS.units.items() for word in unit.words}
_CURRENCY_WORDS = {
    **{word: code for code, iso in ISO_CURRENCIES.items() for word in iso.names},
    **{word: code for code, currency in _CURRENCIES.currencies.items() for word in currency.words},
    **{
        word: currency.minor_words[0]
        for currency in _CURRENCIES.currencies.values()
        for word in currency.minor_words
    },
    **{word: family.name for family in CURRENCY_FAMILIES.values() for word in family.words},
}
if _both := sorted(_UNIT_WORDS.keys() & _CURRENCY_WORDS.keys()):
    raise LexiconError(f"units.toml and currencies.toml (or CLDR's currency names) both list {_both}")
WORD_ALIASES = MappingProxyType({**_UNIT_WORDS, **_CURRENCY_WORDS})

# Written before the number: "$2.4bn", "US$ 20,000", "£5 million", "USD 5m".
_CURATED_PREFIXES = {
    prefix: code for code, currency in _CURRENCIES.currencies.items() for prefix in currency.prefixes
}
CURRENCY_PREFIXES = MappingProxyType(
    {
        **{symbol: code for code, iso in ISO_CURRENCIES.items() for symbol in iso.symbols},
        **_CURATED_PREFIXES,
        **{code: code for code in _CODES if code not in _CURRENCIES.not_codes},
    }
)
# The codes read after a number ("5m USD"), words like "ALL" left out.
MONEY_CODES = tuple(code for code in _CODES if code not in _CURRENCIES.not_codes)

# Letters that name a unit only glued to the digits: "30C", never "30 C"; "95p" (pence).
GLUED_ALIASES = MappingProxyType(
    {
        **_UNITS.glued,
        **{
            letter: currency.minor_words[0]
            for currency in _CURRENCIES.currencies.values()
            for letter in currency.minor_glued
        },
    }
)
# Whole numbers a glued minor letter leaves alone: "1080p" is a video's line count.
NOT_MINOR_GLUED = frozenset(_CURRENCIES.not_minor_glued)
# Letters that name a unit only after a space: "450 K", never "10K".
SPACED_ALIASES = _UNITS.spaced
