"""How rules and the tagger are combined, per head: one strategy each, chosen on dev.

`python -m models.evaluate` prints every strategy's dev figures; SHIPPED names the
one the service uses for each head and why.
"""

from __future__ import annotations

import enum

from service.spans import Span, filter_spans

LabelledSpan = tuple[int, int, str]


class Strategy(enum.StrEnum):
    RULES = "rules"  # rules alone
    MODEL = "model"  # tagger alone
    RULES_THEN_MODEL = "rules_then_model"  # rules, plus tagger spans that overlap no rule span
    MODEL_THEN_RULES = "model_then_rules"  # tagger, plus rule spans that overlap no tagger span


# Chosen on dev with `python -m models.evaluate` (figures in models/claim-tagger/MODEL_CARD.md).
# The rules come first everywhere because their results carry parsed values, resolved
# dates and named speakers; MODEL_THEN_RULES scores higher at span level on attribution
# and quantity, but the service cannot yet build full results from tagger spans alone.
# Time stays on the rules: adding tagger spans never beat them on dev at any confidence
# floor from 0.6 to 0.98 (a tie at best).
SHIPPED: dict[str, Strategy] = {
    "attribution": Strategy.RULES_THEN_MODEL,
    "time": Strategy.RULES,
    "quantity": Strategy.RULES_THEN_MODEL,
}
# A tagger span takes part in a combination only with at least this mean label
# probability (0.6 scored best on dev for attribution, sweeping 0 to 0.98; quantity
# is within 0.6 exact F1 of its best there).
MIN_CONFIDENCE = 0.6


def combine_spans(head: str, rules: list[LabelledSpan], model: list[LabelledSpan],
                  strategy: Strategy | None = None) -> list[LabelledSpan]:
    """Return the combined spans of one head, sorted by start (SHIPPED strategy by default)."""
    strategy = strategy or SHIPPED[head]
    if strategy is Strategy.RULES:
        return sorted(rules)
    if strategy is Strategy.MODEL:
        return sorted(model)
    first, second = (rules, model) if strategy is Strategy.RULES_THEN_MODEL else (model, rules)
    return sorted(first + additions(first, second))


def additions(taken: list[LabelledSpan], candidates: list[LabelledSpan]) -> list[LabelledSpan]:
    """Return the candidates (overlaps among them resolved) that overlap none of `taken`."""
    kept = filter_spans(Span(start=s, end=e) for s, e, _ in candidates)
    labels = {(s, e): label for s, e, label in candidates}
    taken_spans = [Span(start=s, end=e) for s, e, _ in taken]
    return [
        (span.start, span.end, labels[(span.start, span.end)])
        for span in kept if not any(span.overlaps(t) for t in taken_spans)
    ]
