"""ISO 4217 currencies from CLDR (babel): codes, English names and plurals, symbols, minor units.

babel ships the Unicode CLDR data, maintained with each CLDR release: every code in
legal tender somewhere today, its English name and plural ("Danish krone", "Danish
kroner"), the symbols English-speaking locales write ("HK$", "A$", "US$", "CA$") and
its minor-unit digits. A name or symbol that two currencies share ("$", "dollars") is
left out here; the lexicon (en/currencies.toml) says which one news means, or names it a
family ("dinar"): CURRENCY_FAMILIES gives each family's currencies and the words that name
their countries (CLDR territory names and the adjective of the currency's name).
"""

from __future__ import annotations

import collections
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from babel import Locale
from babel.numbers import get_currency_name, get_currency_precision, get_territory_currencies

from service import lexicon

# English locales whose currency symbols news copies: US, UK, Canada, Australia, India, ...
_LOCALES = ("en", "en_GB", "en_CA", "en_AU", "en_NZ", "en_IN", "en_SG", "en_HK", "en_ZA", "en_IE")


@dataclass(frozen=True, slots=True)
class IsoCurrency:
    """One ISO 4217 currency: its English names (lowercase), its symbols and minor-unit digits."""

    code: str
    names: tuple[str, ...]
    symbols: tuple[str, ...]
    minor_digits: int


@dataclass(frozen=True, slots=True)
class CurrencyFamily:
    """Currencies sharing a bare name ("dinar"): its written forms and, per code, the words
    that name the country ("Kuwait", "Kuwaiti")."""

    name: str
    words: tuple[str, ...]
    countries: Mapping[str, tuple[str, ...]]


def _territories_by_code() -> dict[str, list[str]]:
    english = Locale("en")
    territories: dict[str, list[str]] = collections.defaultdict(list)
    for territory, name in english.territories.items():
        for code in get_territory_currencies(territory, tender=True):
            territories[code].append(name)
    return territories


_TERRITORIES = _territories_by_code()


def _tender_codes() -> list[str]:
    return sorted(_TERRITORIES)


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


def _family(name: str) -> CurrencyFamily:
    words: set[str] = set()
    countries: dict[str, tuple[str, ...]] = {}
    for code in ISO_CURRENCIES:
        singular, plural = (get_currency_name(code, count=count, locale="en") for count in (1, 2))
        if singular.lower().split()[-1] != name:
            continue
        words |= {name, plural.lower().split()[-1]}
        adjective = singular.rsplit(" ", 1)[0] if " " in singular else None
        countries[code] = tuple(sorted({*_TERRITORIES[code], *([adjective] if adjective else [])}))
    if len(countries) < 2:
        raise lexicon.LexiconError(f"currencies.toml: family {name!r} names {len(countries)} CLDR currencies, not two or more")
    return CurrencyFamily(name, tuple(sorted(words)), MappingProxyType(countries))


# Bare names several currencies share, as the lexicon lists them: "dinar" -> its currencies.
CURRENCY_FAMILIES = MappingProxyType({name: _family(name) for name in lexicon.currencies().families})
