"""ISO 4217 currencies from CLDR (babel): codes, English names and plurals, symbols, minor units.

babel ships the Unicode CLDR data, maintained with each CLDR release: every code in
legal tender somewhere today, its English name and plural ("Danish krone", "Danish
kroner"), the symbols English-speaking locales write ("HK$", "A$", "US$", "CA$") and
its minor-unit digits. A name or symbol that two currencies share ("$", "dollars") is
left out here; the lexicon (en/currencies.toml) says which one news means.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass
from types import MappingProxyType

from babel import Locale
from babel.numbers import get_currency_name, get_currency_precision, get_territory_currencies

# English locales whose currency symbols news copies: US, UK, Canada, Australia, India, ...
_LOCALES = ("en", "en_GB", "en_CA", "en_AU", "en_NZ", "en_IN", "en_SG", "en_HK", "en_ZA", "en_IE")


@dataclass(frozen=True, slots=True)
class IsoCurrency:
    """One ISO 4217 currency: its English names (lowercase), its symbols and minor-unit digits."""

    code: str
    names: tuple[str, ...]
    symbols: tuple[str, ...]
    minor_digits: int


def _tender_codes() -> list[str]:
    english = Locale("en")
    codes: set[str] = set()
    for territory in english.territories:
        codes.update(get_territory_currencies(territory, tender=True))
    return sorted(codes)


def _read() -> dict[str, IsoCurrency]:
    codes = _tender_codes()
    names = {
        code: {
            get_currency_name(code, locale="en").lower(),
            get_currency_name(code, count=2, locale="en").lower(),
        }
        for code in codes
    }
    symbols = {
        code: {
            symbol
            for locale in _LOCALES
            if (symbol := Locale.parse(locale).currency_symbols.get(code)) and symbol != code
        }
        for code in codes
    }
    shared_names = _shared(names)
    shared_symbols = _shared(symbols)
    return {
        code: IsoCurrency(
            code,
            tuple(sorted(names[code] - shared_names - {code.lower()})),
            tuple(sorted(symbols[code] - shared_symbols)),
            get_currency_precision(code),
        )
        for code in codes
    }


def _shared(table: dict[str, set[str]]) -> set[str]:
    counts = collections.Counter(word for words in table.values() for word in words)
    return {word for word, count in counts.items() if count > 1}


ISO_CURRENCIES = MappingProxyType(_read())
