"""The news quantities golden set (issue 14): value F1 and value+unit F1 in the CQE sense, with floors.

The floors are the figures measured when the set was written (python -m models.scoring.news_quantities),
rounded down to a tenth: one more miss among its ~340 quantities takes about 0.3 off either F1, so
any regression fails. Raise them when the extractor gets better.
"""

import pytest

from models.scoring.news_quantities import figures, read_golden, score

VALUE_F1_FLOOR = 99.8
VALUE_UNIT_F1_FLOOR = 97.1
CLASSES = {
    "units", "currencies", "rates", "points", "changes", "magnitudes", "mach", "force_sizes",
    "temperatures", "counted_nouns", "plain", "not_quantities", "wikinews",
}


@pytest.fixture(scope="module")
def sentences():
    return read_golden()


def test_the_set_covers_every_class_with_exact_spans(sentences):
    assert len(sentences) >= 300
    assert {s["class"] for s in sentences} == CLASSES
    assert sum(not s["quantities"] for s in sentences) >= 50
    for s in sentences:
        for q in s["quantities"]:
            assert s["text"][q["start"] : q["start"] + len(q["text"])] == q["text"], s["text"]
            assert isinstance(q["value"], float) and q["kind"]
    kinds = {q["kind"] for s in sentences for q in s["quantities"]}
    assert {"magnitude", "mach", "money", "percentage_points", "temperature", "other"} <= kinds
    assert any(q.get("from_value") is not None for s in sentences for q in s["quantities"])
    assert any(q.get("per") for s in sentences for q in s["quantities"])


def test_value_and_value_unit_f1_do_not_fall(sentences):
    result = figures(score(sentences)["all"])
    assert result["value_f1"] >= VALUE_F1_FLOOR, result
    assert result["value_unit_f1"] >= VALUE_UNIT_F1_FLOOR, result
