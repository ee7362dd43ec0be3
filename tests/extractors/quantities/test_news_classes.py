"""The news classes of issue 14: pint units, currencies, rates, moves, scales and non-quantities."""

import pytest

from service.core.document import build_document
from service.extractors.quantities.extractor import extract_quantities


def _found(text):
    doc = build_document(text)
    return [
        (text[q.start : q.end], q.value, q.unit, q.kind.value, q.normalized_value, q.normalized_unit)
        for q in extract_quantities(doc)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It has a 300 horsepower engine.", ("300 horsepower", 300.0, "hp", "other", 223709.9615, "W")),
        ("The chip runs at 3.2GHz.", ("3.2GHz", 3.2, "GHz", "other", 3.2e9, "Hz")),
        ("A 4,000 mAh battery.", ("4,000 mAh", 4000.0, "mAh", "other", 14400.0, "C")),
        ("It weighs 16 ounces.", ("16 ounces", 16.0, "oz", "mass", 0.45359237, "kg")),
        ("Levels of 5 ppb were found.", ("5 ppb", 5.0, "ppb", "other", 0.005, "ppm")),
        ("Steel rated at 60 ksi.", ("60 ksi", 60.0, "ksi", "other", 413685437.6, "Pa")),
        ("The engine idles at 800 rpm.", ("800 rpm", 800.0, "rpm", "other", 800.0, "rpm")),
        ("It hit 86 Fahrenheit.", ("86 Fahrenheit", 86.0, "°F", "temperature", 303.15, "K")),
        ("It cost 45 cents.", ("45 cents", 45.0, "cent", "money", 0.45, "USD")),
        ("The fine was HK$2 million.", ("HK$2 million", 2e6, "HKD", "money", 2e6, "HKD")),
        ("It rose to $US50 today.", ("$US50", 50.0, "USD", "money", 50.0, "USD")),
        ("He paid 500 Danish kroner.", ("500 Danish kroner", 500.0, "DKK", "money", 500.0, "DKK")),
        ("A stamp costs 40 sen.", ("40 sen", 40.0, "sen", "money", 0.4, "MYR")),
        ("Oil hit $80 a barrel.", ("$80 a barrel", 80.0, "USD/bbl", "money", 80.0, "USD/bbl")),
        ("He scored 27 points per game.", ("27 points per game", 27.0, "points/game", "count", 27.0, "points/game")),
        ("The car does 40 miles per gallon.", ("40 miles per gallon", 40.0, "mpg", "other", 17.0057483, "km/L")),
        ("Homes sell for $300 per square foot.", ("$300 per square foot", 300.0, "USD/ft2", "money", 300.0, "USD/ft2")),
        ("The bank cut rates by 50 basis points.", ("50 basis points", 50.0, "bp", "percentage_points", 0.5, "pp")),
        ("A magnitude 6.1 earthquake struck.", ("magnitude 6.1", 6.1, "magnitude", "magnitude", 6.1, "magnitude")),
        ("A 7.8-magnitude quake hit.", ("7.8-magnitude", 7.8, "magnitude", "magnitude", 7.8, "magnitude")),
        ("It was a 3.8M earthquake.", ("3.8M", 3.8, "magnitude", "magnitude", 3.8, "magnitude")),
        ("The jet flew at Mach 5.", ("Mach 5", 5.0, "mach", "mach", 5.0, "mach")),
        ("A 4,000-strong force arrived.", ("4,000-strong force", 4000.0, "force", "count", 4000.0, None)),
        ("There are three newer versions.", ("three newer versions", 3.0, "versions", "count", 3.0, None)),
    ],
)
def test_news_class(text, expected):
    found = _found(text)
    assert len(found) == 1
    span, value, unit, kind, normalized, normalized_unit = found[0]
    assert (span, unit, kind, normalized_unit) == (expected[0], expected[2], expected[3], expected[5])
    assert value == pytest.approx(expected[1])
    assert normalized == pytest.approx(expected[4])


@pytest.mark.parametrize(
    "text",
    [
        "The blast happened at 0830 UTC.",
        "It was reported (2321 GMT) by police.",
        "Comments (0)",
        "United won 3-1.",
        "They were 5 at the camp.",
        "A cat, 3 hats and 2 Edens.",
    ],
)
def test_not_a_quantity(text):
    assert [q for q in _found(text) if q[3] != "count" or q[0] in ("0830", "2321", "0", "3-1")] == []


def test_move_between_levels_has_from_to_and_direction():
    doc = build_document("Inflation fell from 3.25% to 3.0% in May.")
    (quantity,) = extract_quantities(doc)
    assert (quantity.value, quantity.from_value, quantity.change.value) == (3.0, 3.25, "decrease")
    assert quantity.value_max is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The quake measured 5.4 on the Richter scale.", ("5.4 on the Richter scale", 5.4, "magnitude")),
        ("A magnitude-7.0 aftershock followed.", ("magnitude-7.0", 7.0, "magnitude")),
        ("The 6.4 magnitude tremor was felt.", ("6.4 magnitude", 6.4, "magnitude")),
        ("The quake had a preliminary magnitude of 6.", ("magnitude of 6", 6.0, "magnitude")),
        ("The damage was put at 3 billion rand.", ("3 billion rand", 3e9, "ZAR")),
        ("A loaf now costs 10 lira.", ("10 lira", 10.0, "TRY")),
        ("A room costs 1,500 baht a night.", ("1,500 baht a night", 1500.0, "THB/night")),
        ("It cost 500 billion shekels.", ("500 billion shekels", 5e11, "ILS")),
        ("The loan totals 200 million Brazilian reais.", ("200 million Brazilian reais", 2e8, "BRL")),
        ("The naira fell to 1,400 naira.", ("1,400 naira", 1400.0, "NGN")),
    ],
)
def test_more_magnitudes_and_currencies(text, expected):
    found = _found(text)
    assert len(found) == 1
    assert (found[0][0], found[0][2]) == (expected[0], expected[2])
    assert found[0][1] == pytest.approx(expected[1])
