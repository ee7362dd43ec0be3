"""Golden attributions: real-news-style sentences with exact expected parts, negatives included.

Each line of tests/data/golden_quotes.jsonl: `case` (what it covers), `text`, and the
exact `attributions` (type, content, speaker mention, resolved name, cue) in order;
an empty list is a negative (titles, nicknames, scare quotes, `found` without "that").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from service.core.document import build_document
from service.extractors.attribution.extractor import extract_quotes

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden_quotes.jsonl"
CASES = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line]


def _found(text: str) -> list[dict]:
    doc = build_document(text)
    t = doc.text
    return [
        {
            "type": a.type.value,
            "content": t[a.content.start : a.content.end],
            "speaker": t[a.speaker.start : a.speaker.end] if a.speaker else None,
            "name": a.speaker.name if a.speaker else None,
            "cue": t[a.cue.start : a.cue.end] if a.cue else None,
        }
        for a in extract_quotes(doc)
    ]


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_golden_attribution(case):
    assert _found(case["text"]) == case["attributions"]


def test_golden_file_covers_negatives_and_every_type():
    types = {a["type"] for c in CASES for a in c["attributions"]}
    assert types == {"direct", "partial", "indirect", "according_to"}
    assert sum(not c["attributions"] for c in CASES) >= 5
