"""Combining rule spans with tagger spans (no model needed)."""

import pytest

from service.fusion.policy import Strategy, combine_spans, confidence_floor

RULES = [(0, 10, "date"), (20, 25, "duration")]
MODEL = [(2, 8, "date"), (30, 40, "date"), (32, 36, "time"), (45, 50, "set")]


@pytest.mark.parametrize(("strategy", "expected"), [
    (Strategy.RULES, RULES),
    (Strategy.MODEL, sorted(MODEL)),
    (Strategy.RULES_THEN_MODEL, [(0, 10, "date"), (20, 25, "duration"), (30, 40, "date"), (45, 50, "set")]),
    (Strategy.MODEL_THEN_RULES, [(2, 8, "date"), (20, 25, "duration"), (30, 40, "date"), (32, 36, "time"),
                                 (45, 50, "set")]),
    (Strategy.RULES_RETYPED, RULES),
])
def test_each_strategy(strategy, expected):
    assert combine_spans("time", RULES, MODEL, strategy) == expected


def test_every_head_has_a_shipped_strategy():
    for head in ("attribution", "time", "quantity"):
        assert combine_spans(head, [], []) == []


def test_retyping_takes_the_tagger_label_of_the_same_extent_only():
    rules = [(0, 14, "time"), (20, 25, "duration")]
    model = [(0, 14, "date"), (19, 25, "date")]
    assert combine_spans("time", rules, model, Strategy.RULES_RETYPED) == [(0, 14, "date"), (20, 25, "duration")]


def test_retyping_asks_for_more_confidence_than_adding():
    assert confidence_floor(Strategy.RULES_RETYPED) > confidence_floor(Strategy.RULES_THEN_MODEL)
