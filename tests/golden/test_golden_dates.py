"""Golden sentences for dates (written for this project): exact extents, values, mods, negatives."""

import datetime as dt
import json
from pathlib import Path

import pytest

from service.core.document import build_document
from service.extractors.dates.extractor import extract_dates

_GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden_dates.jsonl"
_ROWS = [json.loads(line) for line in _GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("row", _ROWS, ids=[row["text"][:50] for row in _ROWS])
def test_golden_sentence(row):
    anchor = None if row["anchor"] is None else dt.date.fromisoformat(row["anchor"])
    doc = build_document(row["text"], anchor=anchor)
    found = [
        {
            "text": row["text"][t.start : t.end],
            "start": t.start,
            "end": t.end,
            "type": t.type.value,
            "value": t.value,
            "anchored": t.anchored,
            "mod": t.mod,
        }
        for t in extract_dates(doc)
    ]
    assert found == row["dates"]
