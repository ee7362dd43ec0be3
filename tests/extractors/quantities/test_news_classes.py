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
        ("The bulb was replaced by a 9 W LED.", ("9 W", 9.0, "W", "other", 9.0, "W")),
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


def _spans(text):
    return [(span, unit) for span, _, unit, *_ in _found(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Glued seconds after a word that times something; decades, centuries and plurals stay out.
        ("The rocket's first stage burned for 240s.", [("240s", "s")]),
        ("It was a flight of 240s.", [("240s", "s")]),
        ("He won in 9.58s.", [("9.58s", "s")]),
        ("Songs of the 1990s, singers in their 40s, houses of the 1800s.", []),
        ("The airline bought two 747s and a fleet of 737s.", []),
        ("It lasted for 30s of the decade.", []),
        # Pence glued to the digits; video line counts are not money.
        ("A loaf costs 95p.", [("95p", "penny")]),
        ("The video streams in 1080p and 720p.", []),
        # Ringgit glued, lakh and crore.
        ("The bridge cost RM1.2 billion.", [("RM1.2 billion", "MYR")]),
        ("Chips by ARM64 designs.", []),
        ("The state spent Rs 5 crore on roads.", [("Rs 5 crore", "INR")]),
        ("About 1.5 lakh people attended.", [("About 1.5 lakh people", "people")]),
        # A currency family: the country named nearby, else the family itself.
        ("Petrol costs 1.5 dinars in Kuwait.", [("1.5 dinars", "KWD")]),
        ("Swiss voters rejected a plan costing 6 billion francs.", [("6 billion francs", "CHF")]),
        ("Bread costs 1,000 dinars.", [("1,000 dinars", "dinar")]),
        # Rates with an "of" phrase, any noun after "per", money per money.
        ("The country imports 3 million tonnes of wheat a year.", [("3 million tonnes of wheat a year", "t/year")]),
        ("The plant emits 400 grams of CO2 per kilowatt-hour.", [("400 grams of CO2 per kilowatt-hour", "g/kWh")]),
        ("He was paid $50,000 per speech.", [("$50,000 per speech", "USD/speech")]),
        ("Electricity costs 30 cents per kilowatt-hour.", [("30 cents per kilowatt-hour", "cent/kWh")]),
        ("The naira fell to 1,400 naira per dollar.", [("1,400 naira per dollar", "NGN/USD")]),
        ("About 1.3 million tonnes of waste are produced each year.", [("About 1.3 million tonnes", "t")]),
        ("Inflation is 4.1%, down from 4.6% a month earlier.", [("4.1%", "%"), ("4.6%", "%")]),
        ("The council charges $5 per the agreement.", [("$5", "USD")]),
        # Fractions of a unit; a fraction word before "of" is no count of quarters.
        ("The bank lifted rates by three-quarters of a percentage point.",
         [("three-quarters of a percentage point", "pp")]),
        ("Three quarters of households own a car.", [("Three quarters", "fraction")]),
        ("In the first three quarters of 2024 profit rose.", [("three quarters", "quarters")]),
        # Magnitudes written M6.8; roads are not.
        ("The M6.8 earthquake destroyed the town.", [("M6.8", "magnitude")]),
        ("An M6.2 quake hit Japan; the M6 motorway was closed.", [("M6.2", "magnitude")]),
        ("The M25 is busy.", []),
        # Force sizes and counted nouns with their modifiers.
        ("A 1,500-strong peacekeeping force will be deployed.", [("1,500-strong peacekeeping force", "force")]),
        ("A 3,000-strong crowd gathered.", [("3,000-strong crowd", "crowd")]),
        ("Police arrested 14 suspected gang members.", [("14 suspected gang members", "members")]),
        ("The airline ordered 50 wide-body jets.", [("50 wide-body jets", "jets")]),
        ("The league has 20 professional clubs.", [("20 professional clubs", "clubs")]),
        ("One theory suggests otherwise.", []),
        ("Over 900 asylum seekers arrived.", [("Over 900", None)]),
        ("The actor died at the age of 82.", [("age of 82", "year")]),
        ("Eleven of the 23 passengers survived.", [("Eleven", None), ("23 passengers", "passengers")]),
        ("One of the best players.", []),
        ("It was day five of the tournament.", []),
        # Addresses and model names.
        ("He lives at 10 Downing Street.", []),
        ("The 737 MAX returned to service.", []),
        ("The iPhone 15 goes on sale on Friday.", []),
        ("3 NATO soldiers died.", [("3 NATO soldiers", "soldiers")]),
    ],
)
def test_remaining_news_classes_and_their_negatives(text, expected):
    assert _spans(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The limit was raised from 70 mph to 80 mph.", ("from 70 mph to 80 mph", 80.0, 70.0, "increase")),
        ("The death toll climbed from 12 to 31 overnight.", ("from 12 to 31", 31.0, 12.0, "increase")),
        ("The price of a stamp went up from 85p to 95p.", ("from 85p to 95p", 95.0, 85.0, "increase")),
    ],
)
def test_moves_from_a_level_to_another(text, expected):
    (quantity,) = extract_quantities(build_document(text))
    got = (text[quantity.start : quantity.end], quantity.value, quantity.from_value, quantity.change.value)
    assert got == expected and quantity.value_max is None


@pytest.mark.parametrize(
    "text",
    [
        "W rose from 0.06 to 0.42 to 0.74 ppm.",  # a chain of levels, the unit after the last
        "Shares fell 12p to 345p.",  # the change and the level, not a range
    ],
)
def test_no_bare_move_where_levels_chain_nor_range_after_a_change_verb(text):
    found = extract_quantities(build_document(text))
    assert all(q.from_value is None for q in found)
    assert all(q.value_max is None for q in found if q.unit == "penny")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The scale of a Celsius stated nearby; a difference is normalized as one.
        ("The sea was 28 degrees Celsius, two degrees above normal.",
         [("28 degrees Celsius", "°C", 301.15, "K"), ("two degrees", "°C", 2.0, "K")]),
        ("It was 30C on Monday and 25 degrees on Tuesday.", [("30C", "°C", 303.15, "K"), ("25 degrees", "°C", 298.15, "K")]),
        # No scale stated: a temperature of no unit, signed.
        ("The freezer runs at minus 18 degrees.", [("minus 18 degrees", None, -18.0, None)]),
        # No temperature at all.
        ("He turned 180 degrees.", [("180 degrees", "degrees", 180.0, None)]),
        ("She holds two degrees in law.", [("two degrees", "degrees", 2.0, None)]),
    ],
)
def test_bare_degrees(text, expected):
    assert [(f[0], f[2], f[4], f[5]) for f in _found(text)] == [
        (span, unit, pytest.approx(value), normalized) for span, unit, value, normalized in expected
    ]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The lorry was carrying 40 tonnes (88,000 pounds) of steel.", "lb"),
        ("It carried 88,000 pounds (40 tonnes) of steel.", "lb"),
        ("The car weighs 4,000 pounds.", "lb"),
        ("He won 5,000 pounds in the lottery.", "GBP"),
        ("It cost 40 euros (35 pounds).", "GBP"),
    ],
)
def test_pounds_restating_a_mass_are_mass(text, unit):
    assert [u for span, u in _spans(text) if "pounds" in span] == [unit]
