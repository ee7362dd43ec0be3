"""Frozen tables of units: canonical symbols, their kinds, and the aliases news text uses.

Symbols (case-sensitive: "MW" is not "mW") and words (matched case-insensitively)
are kept apart so "m" never swallows "M" and "Miles" still reads as miles.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from service.core.types import QuantityKind as K


@dataclass(frozen=True, slots=True)
class UnitSpec:
    """A canonical unit: its kind and how pint converts it to the normalized unit."""

    symbol: str
    kind: K
    pint_unit: str | None
    pint_target: str | None
    normalized_symbol: str


def _spec(symbol: str, kind: K, pint_unit: str | None, target: tuple[str | None, str]) -> UnitSpec:
    return UnitSpec(symbol, kind, pint_unit, target[0], target[1])


_M, _MS, _KG, _M2, _M3 = ("meter", "m"), ("m/s", "m/s"), ("kg", "kg"), ("m**2", "m2"), ("m**3", "m3")
_J, _W, _C, _A = ("J", "J"), ("W", "W"), ("degC", "°C"), ("year", "a")

UNITS = MappingProxyType(
    {
        spec.symbol: spec
        for spec in (
            _spec("km", K.DISTANCE, "km", _M),
            _spec("m", K.DISTANCE, "m", _M),
            _spec("cm", K.DISTANCE, "cm", _M),
            _spec("mm", K.DISTANCE, "mm", _M),
            _spec("µm", K.DISTANCE, "micrometer", _M),
            _spec("mi", K.DISTANCE, "mile", _M),
            _spec("nmi", K.DISTANCE, "nautical_mile", _M),
            _spec("ft", K.DISTANCE, "ft", _M),
            _spec("yd", K.DISTANCE, "yard", _M),
            _spec("in", K.DISTANCE, "inch", _M),
            _spec("km/h", K.SPEED, "km/h", _MS),
            _spec("mph", K.SPEED, "mph", _MS),
            _spec("kn", K.SPEED, "knot", _MS),
            _spec("m/s", K.SPEED, "m/s", _MS),
            _spec("kg", K.MASS, "kg", _KG),
            _spec("g", K.MASS, "g", _KG),
            _spec("mg", K.MASS, "mg", _KG),
            _spec("µg", K.MASS, "microgram", _KG),
            _spec("t", K.MASS, "tonne", _KG),
            _spec("ton", K.MASS, "ton", _KG),
            _spec("lb", K.MASS, "lb", _KG),
            _spec("km2", K.AREA, "km**2", _M2),
            _spec("m2", K.AREA, "m**2", _M2),
            _spec("mi2", K.AREA, "mile**2", _M2),
            _spec("ha", K.AREA, "hectare", _M2),
            _spec("acre", K.AREA, "acre", _M2),
            _spec("L", K.VOLUME, "liter", _M3),
            _spec("mL", K.VOLUME, "milliliter", _M3),
            _spec("µL", K.VOLUME, "microliter", _M3),
            _spec("bbl", K.VOLUME, "oil_barrel", _M3),
            _spec("m3", K.VOLUME, "m**3", _M3),
            _spec("gal", K.VOLUME, "gallon", _M3),
            _spec("°C", K.TEMPERATURE, "degC", _C),
            _spec("°F", K.TEMPERATURE, "degF", _C),
            _spec("kt", K.ENERGY, "kiloton_TNT", _J),
            _spec("Mt", K.ENERGY, "megaton_TNT", _J),
            _spec("kWh", K.ENERGY, "kWh", _J),
            _spec("MWh", K.ENERGY, "MWh", _J),
            _spec("GWh", K.ENERGY, "GWh", _J),
            _spec("TWh", K.ENERGY, "TWh", _J),
            _spec("kW", K.OTHER, "kW", _W),
            _spec("MW", K.OTHER, "MW", _W),
            _spec("GW", K.OTHER, "GW", _W),
            _spec("%", K.PERCENT, None, (None, "percent")),
            _spec("‰", K.PERCENT, "permille", ("percent", "percent")),
            _spec("ppm", K.OTHER, "ppm", ("ppm", "ppm")),
            _spec("hPa", K.OTHER, "hPa", ("Pa", "Pa")),
            _spec("mbar", K.OTHER, "mbar", ("Pa", "Pa")),
            _spec("pp", K.PERCENTAGE_POINTS, None, (None, "pp")),
            _spec("year", K.AGE, "year", _A),
            _spec("month", K.AGE, "month", _A),
            *(
                _spec(code, K.MONEY, None, (None, code))
                for code in (
                    "USD", "GBP", "EUR", "JPY", "CNY", "INR", "AUD", "CAD", "CHF", "RUB",
                    "NZD", "HKD", "SGD", "ZAR", "BRL", "MXN", "KRW", "SEK", "NOK", "TRY",
                )
            ),
        )
    }
)

# Written exactly so; the extractor allows them attached to the digits ("5km").
SYMBOL_ALIASES = MappingProxyType(
    {
        **{s: s for s in ("km", "m", "cm", "ft", "yd", "mph", "km/h", "m/s", "kg", "lb", "ha")},
        **{s: s for s in ("kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW", "%", "‰", "ppm", "hPa", "mbar")},
        # Not "nm": news writes it for nautical miles as often as for nanometres.
        **{s: s for s in ("mm", "mg", "mL")},
        # Both micro signs: U+00B5 (keyboards) and U+03BC (Greek mu, in typeset papers).
        **dict.fromkeys(("µm", "μm"), "µm"), **dict.fromkeys(("µg", "μg", "mcg"), "µg"),
        **dict.fromkeys(("µL", "μL", "µl", "μl"), "µL"), "ml": "mL",
        "mi": "mi", "nmi": "nmi", "kph": "km/h", "kmh": "km/h", "kmph": "km/h", "kts": "kn",
        "lbs": "lb", "km2": "km2", "km²": "km2", "sq km": "km2", "m2": "m2", "m²": "m2",
        "sq m": "m2", "sq mi": "mi2", "mi2": "mi2", "mi²": "mi2", "bbl": "bbl", "m3": "m3",
        "m³": "m3", "°C": "°C", "ºC": "°C", "° C": "°C", "°F": "°F", "ºF": "°F", "° F": "°F",
    }
)

# Lowercase, single spaces; plural and British/American spellings listed out.
WORD_ALIASES = MappingProxyType(
    {
        **dict.fromkeys(("kilometre", "kilometres", "kilometer", "kilometers"), "km"),
        **dict.fromkeys(("metre", "metres", "meter", "meters"), "m"),
        **dict.fromkeys(("centimetre", "centimetres", "centimeter", "centimeters"), "cm"),
        **dict.fromkeys(("millimetre", "millimetres", "millimeter", "millimeters"), "mm"),
        **dict.fromkeys(("milligram", "milligrams", "milligramme", "milligrammes"), "mg"),
        **dict.fromkeys(("millilitre", "millilitres", "milliliter", "milliliters"), "mL"),
        **dict.fromkeys(("parts per million",), "ppm"),
        **dict.fromkeys(("hectopascal", "hectopascals"), "hPa"),
        **dict.fromkeys(("millibar", "millibars"), "mbar"),
        **dict.fromkeys(("mile", "miles"), "mi"),
        **dict.fromkeys(("nautical mile", "nautical miles"), "nmi"),
        **dict.fromkeys(("foot", "feet"), "ft"),
        **dict.fromkeys(("yard", "yards"), "yd"),
        **dict.fromkeys(("inch", "inches"), "in"),
        **dict.fromkeys(
            ("kilometres per hour", "kilometers per hour", "kilometres an hour", "kilometers an hour"),
            "km/h",
        ),
        **dict.fromkeys(("miles per hour", "miles an hour"), "mph"),
        **dict.fromkeys(("knot", "knots"), "kn"),
        **dict.fromkeys(("metres per second", "meters per second"), "m/s"),
        **dict.fromkeys(("kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos"), "kg"),
        **dict.fromkeys(("gram", "grams", "gramme", "grammes"), "g"),
        **dict.fromkeys(("tonne", "tonnes", "metric ton", "metric tons"), "t"),
        **dict.fromkeys(("ton", "tons"), "ton"),
        **dict.fromkeys(("pound", "pounds"), "lb"),
        **dict.fromkeys(
            ("square kilometre", "square kilometres", "square kilometer", "square kilometers"), "km2"
        ),
        **dict.fromkeys(("square metre", "square metres", "square meter", "square meters"), "m2"),
        **dict.fromkeys(("square mile", "square miles"), "mi2"),
        **dict.fromkeys(("hectare", "hectares"), "ha"),
        **dict.fromkeys(("acre", "acres"), "acre"),
        **dict.fromkeys(("litre", "litres", "liter", "liters"), "L"),
        **dict.fromkeys(("barrel", "barrels"), "bbl"),
        **dict.fromkeys(("cubic metre", "cubic metres", "cubic meter", "cubic meters"), "m3"),
        **dict.fromkeys(("gallon", "gallons"), "gal"),
        **dict.fromkeys(("degrees celsius", "degrees centigrade", "degrees c"), "°C"),
        **dict.fromkeys(("degrees fahrenheit", "degrees f"), "°F"),
        **dict.fromkeys(("kiloton", "kilotons", "kilotonne", "kilotonnes"), "kt"),
        **dict.fromkeys(("megaton", "megatons", "megatonne", "megatonnes"), "Mt"),
        **dict.fromkeys(("kilowatt hours", "kilowatt-hours", "kilowatt hour"), "kWh"),
        **dict.fromkeys(("megawatt hours", "megawatt-hours", "megawatt hour"), "MWh"),
        **dict.fromkeys(("kilowatt", "kilowatts"), "kW"),
        **dict.fromkeys(("megawatt", "megawatts"), "MW"),
        **dict.fromkeys(("gigawatt", "gigawatts"), "GW"),
        **dict.fromkeys(("per cent", "percent", "per-cent"), "%"),
        **dict.fromkeys(("percentage point", "percentage points"), "pp"),
        **dict.fromkeys(("year", "years"), "year"),
        **dict.fromkeys(("month", "months"), "month"),
        **dict.fromkeys(("dollar", "dollars", "us dollars", "u.s. dollars"), "USD"),
        **dict.fromkeys(("pounds sterling", "pound sterling", "sterling"), "GBP"),
        **dict.fromkeys(("euro", "euros"), "EUR"),
        **dict.fromkeys(("yen",), "JPY"),
        **dict.fromkeys(("yuan", "renminbi"), "CNY"),
        **dict.fromkeys(("rupee", "rupees"), "INR"),
        **dict.fromkeys(("rouble", "roubles", "ruble", "rubles"), "RUB"),
        **dict.fromkeys(("swiss franc", "swiss francs"), "CHF"),
    }
)

# Written before the number: "$2.4bn", "US$ 20,000", "£5 million", "USD 5m".
CURRENCY_PREFIXES = MappingProxyType(
    {
        "$": "USD", "US$": "USD", "US $": "USD", "U.S.$": "USD", "A$": "AUD", "A $": "AUD",
        "AU$": "AUD", "C$": "CAD", "NZ $": "NZD",
        "CA$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "R$": "BRL", "£": "GBP",
        "€": "EUR", "¥": "JPY", "₹": "INR", "Rs": "INR", "Rs.": "INR", "₽": "RUB",
        **{code: code for code, spec in UNITS.items() if spec.kind is K.MONEY},
    }
)
