"""Frozen tables of units: canonical symbols, their kinds, and the aliases news text uses.

Built from the lexicon (en/units.toml, en/currencies.toml), where the words are edited.

Symbols (case-sensitive: "MW" is not "mW") and words (matched case-insensitively)
are kept apart so "m" never swallows "M" and "Miles" still reads as miles.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from service import lexicon
from service.core.types import QuantityKind as K
from service.lexicon import LexiconError


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

UNITS = MappingProxyType(
    {
        **{
            symbol: UnitSpec(
                symbol, unit.kind, unit.pint, _UNITS.normalized[unit.normalized] if unit.pint else None, unit.normalized
            )
            for symbol, unit in _UNITS.units.items()
        },
        **{code: UnitSpec(code, K.MONEY, None, None, code) for code in _CURRENCIES.currencies},
    }
)

# Written exactly so; the extractor allows them attached to the digits ("5km").
SYMBOL_ALIASES = MappingProxyType({alias: symbol for symbol, unit in _UNITS.units.items() for alias in unit.symbols})

# Lowercase, single spaces; plural and British/American spellings listed out.
_UNIT_WORDS = {word: symbol for symbol, unit in _UNITS.units.items() for word in unit.words}
_CURRENCY_WORDS = {word: code for code, currency in _CURRENCIES.currencies.items() for word in currency.words}
if _both := sorted(_UNIT_WORDS.keys() & _CURRENCY_WORDS.keys()):
    raise LexiconError(f"units.toml and currencies.toml both list {_both}")
WORD_ALIASES = MappingProxyType({**_UNIT_WORDS, **_CURRENCY_WORDS})

# Written before the number: "$2.4bn", "US$ 20,000", "£5 million", "USD 5m".
CURRENCY_PREFIXES = MappingProxyType(
    {
        **{prefix: code for code, currency in _CURRENCIES.currencies.items() for prefix in currency.prefixes},
        **{code: code for code in _CURRENCIES.currencies},
    }
)

# Letters that name a unit only glued to the digits: "30C", never "30 C".
GLUED_ALIASES = _UNITS.glued
