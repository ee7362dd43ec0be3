"""Unit aliases resolve to canonical symbols and kinds; values normalize with pint."""

import re

import pytest

from service.core.types import QuantityKind
from service.normalize.units import CURRENCY_PREFIX, UNIT, UNIT_REGISTRY, lookup_unit, normalize_unit


@pytest.mark.parametrize(
    ("alias", "symbol", "kind"),
    [
        ("km", "km", QuantityKind.DISTANCE),
        ("Kilometres", "km", QuantityKind.DISTANCE),
        ("kilometers", "km", QuantityKind.DISTANCE),
        ("miles", "mi", QuantityKind.DISTANCE),
        ("nautical  miles", "nmi", QuantityKind.DISTANCE),
        ("feet", "ft", QuantityKind.DISTANCE),
        ("kph", "km/h", QuantityKind.SPEED),
        ("knots", "kn", QuantityKind.SPEED),
        ("tonnes", "t", QuantityKind.MASS),
        ("pounds", "lb", QuantityKind.MASS),
        ("km²", "km2", QuantityKind.AREA),
        ("hectares", "ha", QuantityKind.AREA),
        ("barrels", "bbl", QuantityKind.VOLUME),
        ("degrees Celsius", "°C", QuantityKind.TEMPERATURE),
        ("degrees Fahrenheit", "°F", QuantityKind.TEMPERATURE),
        ("kilotons", "kt", QuantityKind.ENERGY),
        ("kWh", "kWh", QuantityKind.ENERGY),
        ("MW", "MW", QuantityKind.OTHER),
        ("£", "GBP", QuantityKind.MONEY),
        ("US$", "USD", QuantityKind.MONEY),
        ("euros", "EUR", QuantityKind.MONEY),
        ("per cent", "%", QuantityKind.PERCENT),
        ("percent", "%", QuantityKind.PERCENT),
        ("percentage points", "pp", QuantityKind.PERCENTAGE_POINTS),
    ],
)
def test_lookup_unit(alias, symbol, kind):
    spec = lookup_unit(alias)
    assert spec is not None
    assert (spec.symbol, spec.kind) == (symbol, kind)


@pytest.mark.parametrize("alias", ["migrants", "", "KM/H/S", "cat", "points", "Eden", "days"])
def test_lookup_unit_unknown(alias):
    assert lookup_unit(alias) is None


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (350, "km", (350_000.0, "m")),
        (217, "miles", (349_227.648, "m")),
        (1, "nautical miles", (1852.0, "m")),
        (100, "mph", (44.704, "m/s")),
        (36, "km/h", (10.0, "m/s")),
        (2, "tonnes", (2000.0, "kg")),
        (3, "km2", (3_000_000.0, "m2")),
        (1, "hectare", (10_000.0, "m2")),
        (5, "litres", (0.005, "m3")),
        (86, "°F", (303.15, "K")),
        (30, "C", (303.15, "K")),
        (50, "basis points", (0.5, "pp")),
        (2, "GHz", (2e9, "Hz")),
        (300, "horsepower", (223_709.96, "W")),
        (16, "ounces", (0.45359237, "kg")),
        (5, "ppb", (0.005, "ppm")),
        (60, "ksi", (413_685_437.6, "Pa")),
        (3000, "mAh", (10_800.0, "C")),
        (5, "kWh", (18_000_000.0, "J")),
        (500, "MW", (500_000_000.0, "W")),
        (61, "year", (61.0, "a")),
        (6, "month", (0.5, "a")),
        (15, "%", (15.0, "percent")),
        (15, "per cent", (15.0, "percent")),
        (3, "percentage points", (3.0, "pp")),
        (20_000, "dollars", (20_000.0, "USD")),
        (5, "£", (5.0, "GBP")),
    ],
)
def test_normalize_unit(value, unit, expected):
    normalized, symbol = normalize_unit(value, unit)
    assert symbol == expected[1]
    assert normalized == pytest.approx(expected[0])


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (5, "million USD", (5_000_000.0, "USD")),
        (2.4, "$bn", (2_400_000_000.0, "USD")),
        (5, "£m", (5_000_000.0, "GBP")),
        (300, "thousand euros", (300_000.0, "EUR")),
    ],
)
def test_normalize_money_applies_scale(value, unit, expected):
    assert normalize_unit(value, unit) == expected


def test_lone_m_is_metres_not_a_million():
    assert normalize_unit(5, "m") == (5.0, "m")
    assert normalize_unit(10, "m/s") == (10.0, "m/s")


def test_unknown_unit_comes_back_unchanged():
    assert normalize_unit(12_000, "migrants") == (12_000, "migrants")


def test_one_registry_for_the_module():
    from service.normalize import units

    assert units.UNIT_REGISTRY is UNIT_REGISTRY
    assert isinstance(UNIT_REGISTRY.Quantity(1, "km").magnitude, int)


def test_unit_pattern_is_case_sensitive_for_symbols_only():
    found = [m.group() for m in re.finditer(UNIT, "5 MW, 5 mW, 10 Kilometres, 3 mice, 30C, 30 C")]
    assert found == ["MW", "Kilometres", "C"]


def test_currency_prefix_pattern():
    found = [m.group() for m in re.finditer(CURRENCY_PREFIX, "$5, US$ 20, £5, €3, USD 5, ABCUSD 5")]
    assert found == ["$", "US$", "£", "€", "USD"]
