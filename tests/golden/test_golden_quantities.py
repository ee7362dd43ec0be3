"""Golden quantities: real news sentences (Wikinews, and sentences written for the bullets of
issue 3) with every quantity's exact span and values; sentences with none are the negatives."""

import json
from pathlib import Path

import pytest

from service.core.document import build_document
from service.extractors.quantities.extractor import extract_quantities

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden_quantities.jsonl"
_OPTIONAL = (
    "value_max", "unit", "qualifier", "normalized_value", "normalized_value_max", "normalized_unit",
    "equivalent_to", "conversion_agrees", "change", "from_value", "normalized_from_value", "per",
)


def _cases():
    with GOLDEN.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _as_record(doc, q):
    record = {"text": doc.text[q.start : q.end], "start": q.start, "value": q.value, "kind": q.kind.value}
    for name in _OPTIONAL:
        value = getattr(q, name)
        if value is not None:
            record[name] = getattr(value, "value", value)
    return record


@pytest.mark.parametrize("case", _cases(), ids=lambda case: case["text"][:48])
def test_golden_sentence(case):
    doc = build_document(case["text"])
    found = [_as_record(doc, q) for q in extract_quantities(doc)]
    expected = [
        {key: pytest.approx(value) if isinstance(value, float) else value for key, value in q.items()}
        for q in case["quantities"]
    ]
    assert found == expected


def test_golden_file_covers_negatives_and_every_kind():
    cases = _cases()
    kinds = {q["kind"] for case in cases for q in case["quantities"]}
    assert sum(not case["quantities"] for case in cases) >= 8
    assert kinds >= {
        "count", "money", "percent", "percentage_points", "distance", "speed", "mass", "area",
        "volume", "temperature", "energy", "age",
    }
    assert {"increase", "decrease"} <= {q.get("change") for case in cases for q in case["quantities"]}
    assert {True, False} <= {q.get("conversion_agrees") for case in cases for q in case["quantities"]}
