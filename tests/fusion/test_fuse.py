"""Fusion: numbers inside dates are the dates', restatement links follow the kept list."""

from service.core.document import build_document
from service.core.spans import TaggedSpan
from service.core.types import Quantity, QuantityKind, Timex, TimexType
from service.fusion.fuse import fuse, without_dates


def quantity(start, end, kind=QuantityKind.COUNT, equivalent_to=None):
    return Quantity(start=start, end=end, value=1.0, kind=kind, equivalent_to=equivalent_to,
                    conversion_agrees=None if equivalent_to is None else True)


def test_quantities_inside_dates_go_and_links_are_renumbered():
    dates = [Timex(start=10, end=20, type=TimexType.DURATION, value="P3D", anchored=False)]
    quantities = [quantity(0, 5), quantity(12, 14), quantity(30, 35), quantity(40, 45, equivalent_to=2),
                  quantity(50, 55, equivalent_to=1)]
    kept = without_dates(quantities, dates)
    assert [(q.start, q.equivalent_to) for q in kept] == [(0, None), (30, None), (40, 1), (50, None)]
    assert kept[3].conversion_agrees is None


def test_an_age_inside_a_date_stays():
    dates = [Timex(start=0, end=12, type=TimexType.DURATION, value="P30Y", anchored=False)]
    assert len(without_dates([quantity(0, 2, kind=QuantityKind.AGE)], dates)) == 1


def test_confident_measured_spans_reach_the_claims():
    doc = build_document("The new missile has a range of 2,000 kilometres.")
    tagged = {"time": [], "attribution": [],
              "quantity": [TaggedSpan(0, 15, "entity", 0.9), TaggedSpan(22, 27, "property", 0.3)]}
    fused = fuse(doc, {"dates": [], "quantities": [], "quotes": []}, tagged)
    assert fused.measured == [(0, 15, "entity")]
