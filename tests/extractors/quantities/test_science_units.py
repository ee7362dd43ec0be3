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
