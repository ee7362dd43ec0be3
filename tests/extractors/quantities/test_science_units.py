"""Units of science papers (MeasEval): kelvin after a space, the degree sign, latitudes and longitudes."""

import pytest

from service.core.document import build_document
from service.extractors.quantities.extractor import extract_quantities


def _found(text):
    return [(text[q.start : q.end], q.value, q.unit, q.kind.value, q.normalized_value, q.normalized_unit)
            for q in extract_quantities(build_document(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The gas is at around 450 K.", [("around 450 K", 450.0, "K", "temperature", 450.0, "K")]),
        ("It cooled to 11,000 kelvin.", [("11,000 kelvin", 11000.0, "K", "temperature", 11000.0, "K")]),
        ("The axis tilts by 77.45°.", [("77.45°", 77.45, "°", "other", 77.45, "°")]),
        ("The site lies at 40°N, 74°W.", [("40°N", 40.0, "°N", "other", 40.0, "°N"), ("74°W", 74.0, "°W", "other", 74.0, "°W")]),
        ("It was 30°C at noon.", [("30°C", 30.0, "°C", "temperature", 303.15, "K")]),
    ],
)
def test_science_unit(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize("text", ["A 10K race drew crowds.", "The 5K run starts at nine."])
def test_a_glued_k_is_no_kelvin(text):
    assert all(unit != "K" for _, _, unit, *_ in _found(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Winds blow at about 5 km s−1 and beyond.", [("about 5 km s−1", 5.0, "km/s", "speed", 5000.0, "m/s")]),
        ("The band at 1540 cm−1 is weak.", [("1540 cm−1", 1540.0, "1/cm", "other", 154000.0, "1/m")]),
        ("A density of 1 g cm−3 was used.", [("1 g cm−3", 1.0, "g/cm**3", "other", 1000.0, "kg/m3")]),
        ("The 2 m long pole.", [("2 m", 2.0, "m", "distance", 2.0, "m")]),
        ("The pressure is 1 μbar at the top.", [("1 μbar", 1.0, "µbar", "other", 0.1, "Pa")]),
        ("Cells took 10 μM of the drug.", [("10 μM", 10.0, "µM", "other", 10.0 / 1000, "mol / m ** 3")]),
    ],
)
def test_units_with_powers_and_prefixes(text, expected):
    found = _found(text)
    assert [(f[0], f[2], f[3], f[5]) for f in found] == [(e[0], e[2], e[3], e[5]) for e in expected]
    assert [f[4] for f in found] == pytest.approx([e[4] for e in expected])


def test_a_bare_bar_is_still_no_unit():
    assert all(unit is None for _, _, unit, *_ in _found("He stood at 3 bar tables."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Levels of 0, 1000 and 2000 ppm were used.", [("0", "ppm"), ("1000", "ppm"), ("2000 ppm", "ppm")]),
        ("Masses of 4.5, 6 and 13 kg.", [("4.5", "kg"), ("6", "kg"), ("13 kg", "kg")]),
        ("He has 3 and 4 children.", [("3", None), ("4 children", "children")]),
        ("It cost 5 and 6 dollars.", [("5", None), ("6 dollars", "USD")]),
    ],
)
def test_a_list_shares_the_unit_written_after_its_last_number(text, expected):
    assert [(span, unit) for span, _, unit, *_ in _found(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The pulse lasted 86 s, then 5.65 s.", [("86 s", "s", 86.0), ("5.65 s", "s", 5.65)]),
        ("A 5 ms delay and a 1 μs gap.", [("5 ms", "ms", 0.005), ("1 μs", "µs", 1e-6)]),
        ("It was 420 ± 30 K.", [("420", "K", 420.0), ("30 K", "K", 30.0)]),
        ("Songs of the 1980s and singers in their 40s.", []),
        ("He waited three seconds.", []),
    ],
)
def test_seconds_by_symbol_and_tolerances(text, expected):
    found = [(span, unit, normalized) for span, _, unit, _, normalized, _ in _found(text)]
    assert [(s, u) for s, u, _ in found] == [(s, u) for s, u, _ in expected]
    assert [n for *_, n in found] == pytest.approx([n for *_, n in expected])
