"""The one place rule results and the tagger's spans are combined into what a
document's claims are built from, each head as `service.fusion.policy.SHIPPED` says.

Beside the rule-and-model combinations, one rule-and-rule policy lives here too:
a number inside a date ("three days", "in 2010") is the date's, not a quantity.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import msgspec

from service.core.document import Document
from service.core.spans import LabelledSpan, SpanIndex, TaggedSpan
from service.core.types import Attribution, Quantity, QuantityKind, Timex
from service.fusion.policy import MIN_CONFIDENCE, SHIPPED
from service.fusion.tagged import tagged_attributions, tagged_quantities, tagged_timexes

# The tagger's quantity-head labels that name what a quantity measures.
MEASURED_LABELS = ("entity", "property")


@dataclass(frozen=True, slots=True)
class Fused:
    """A document's results after fusion, each list sorted by start."""

    quantities: list[Quantity]
    dates: list[Timex]
    quotes: list[Attribution]
    # The tagger's confident measured entity and property spans, for claim subjects.
    measured: list[LabelledSpan]


def fuse(doc: Document, found: Mapping[str, Sequence], tagged: Mapping[str, list[TaggedSpan]]) -> Fused:
    """Return the fused results of `doc` from the extractors' results by name and the
    tagger's spans by head."""
    dates = tagged_timexes(SHIPPED["time"], found["dates"], tagged["time"])
    quantities = without_dates(
        tagged_quantities(SHIPPED["quantity"], doc.text, found["quantities"], tagged["quantity"]), dates
    )
    quotes = tagged_attributions(SHIPPED["attribution"], doc, found["quotes"], tagged["attribution"])
    measured = [(s.start, s.end, s.label) for s in tagged["quantity"]
                if s.label in MEASURED_LABELS and s.confidence >= MIN_CONFIDENCE]
    return Fused(quantities, dates, quotes, measured)


def without_dates(quantities: list[Quantity], dates: list[Timex]) -> list[Quantity]:
    """Return the quantities no date overlaps (durations and years are dates); ages stay.

    `equivalent_to` indices are renumbered to the kept list, or cleared where the
    quantity they pointed at was dropped.
    """
    in_dates = SpanIndex(dates)
    kept_index: dict[int, int] = {}
    kept: list[Quantity] = []
    for i, q in enumerate(quantities):
        if q.kind is QuantityKind.AGE or not in_dates.overlaps(q):
            kept_index[i] = len(kept)
            kept.append(q)
    return [q if q.equivalent_to is None else _renumbered(q, kept_index.get(q.equivalent_to)) for q in kept]


def _renumbered(q: Quantity, target: int | None) -> Quantity:
    """Return `q` restating quantity `target`, or restating nothing if that was dropped."""
    if target is None:
        return msgspec.structs.replace(q, equivalent_to=None, conversion_agrees=None)
    return msgspec.structs.replace(q, equivalent_to=target)
