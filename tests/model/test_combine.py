"""Combining rule spans with tagger spans (no model needed)."""

import pytest

from service.model.combine import Strategy, combine_spans

RULES = [(0, 10, "date"), (20, 25, "duration")]
MODEL = [(2, 8, "date"), (30, 40, "date"), (32, 36, "time"), (45, 50, "set")]


@pytest.mark.parametrize(("strategy", "expected"), [
    (Strategy.RULES, RULES),
    (Strategy.MODEL, sorted(MODEL)),
    (Strategy.RULES_THEN_MODEL, [(0, 10, "date"), (20, 25, "duration"), (30, 40, "date"), (45, 50, "set")]),
    (Strategy.MODEL_THEN_RULES, [(2, 8, "date"), (20, 25, "duration"), (30, 40, "date"), (32, 36, "time"),
                                 (45, 50, "set")]),
])
def test_each_strategy(strategy, expected):
    assert combine_spans("time", RULES, MODEL, strategy) == expected


def test_every_head_has_a_shipped_strategy():
    for head in ("attribution", "time", "quantity"):
        assert combine_spans(head, [], []) == []
