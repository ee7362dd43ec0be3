"""models.evaluate's scoring and label split, on hand-made spans (no model, no data)."""

from models.evaluate import RULE_LABELS, _only, _others, score


def test_exact_needs_same_extent_and_label_overlap_needs_a_shared_character():
    gold = [[(0, 5, "source"), (10, 20, "content")]]
    predicted = [[(0, 5, "source"), (12, 25, "content"), (30, 31, "cue")]]
    figures = score(gold, predicted)
    assert (figures["exact_p"], figures["exact_r"]) == (33.3, 50.0)
    assert (figures["overlap_p"], figures["overlap_r"]) == (66.7, 100.0)


def test_one_prediction_matches_one_gold_span_only():
    figures = score([[(0, 5, "date"), (6, 9, "date")]], [[(0, 9, "date")]])
    assert (figures["overlap_p"], figures["overlap_r"]) == (100.0, 50.0)


def test_strategies_are_compared_on_the_labels_the_rules_produce():
    assert RULE_LABELS["quantity"] == ("quantity",)
    assert _others("quantity") == ("entity", "property")
    assert _others("attribution") == ()
    spans = [[(0, 4, "quantity"), (5, 9, "entity")], [(1, 2, "property")]]
    assert _only(spans, RULE_LABELS["quantity"]) == [[(0, 4, "quantity")], []]
