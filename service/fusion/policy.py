"""How rules and the tagger are combined, per head: one strategy each, chosen on dev.

`python -m models.evaluate` prints every strategy's dev figures; SHIPPED names the
one the service uses for each head and why.
"""

from __future__ import annotations

import enum

from service.core.spans import LabelledSpan, Span, filter_spans, outside


class Strategy(enum.StrEnum):
    RULES = "rules"  # rules alone
    MODEL = "model"  # tagger alone
    RULES_THEN_MODEL = "rules_then_model"  # rules, plus tagger spans that overlap no rule span
    MODEL_THEN_RULES = "model_then_rules"  # tagger, plus rule spans that overlap no tagger span
    RULES_RETYPED = "rules_retyped"  # rule spans, labelled as the tagger labels the same extent


# Chosen on dev with `python -m models.evaluate` and, for attribution, the service's own
# scorer `python -m models.scoring.attribution` (figures in models/claim-tagger/MODEL_CARD.md).
# Attribution: the rules' attributions, then every whole attribution the tagger's spans
# form (service.fusion.assembled) that overlaps none of them. On PolNeAR dev, model first
# (the tagger's, then the rules') scores higher still (exact F1 source 71.2 against 69.2,
# cue 63.9 / 60.8, content 31.8 / 24.3), but on the golden Wikinews claims it made 20
# expected speakers and cues wrong against 10 with the rules first: the rules' speakers
# and bare-verb cues are this service's conventions, PolNeAR's are not.
# Quantity keeps the rules first: their results carry parsed values and units, which the
# tagger's spans do not.
# Time keeps the rules' extents and values and takes the tagger's type where it tags the
# very same extent with confidence >= RETYPE_CONFIDENCE: the tagger learned the corpus's
# typing ("Wednesday night" is a DATE there, the rules say TIME). Adding tagger spans to
# the rules, or widening rule spans to the tagger's, never beat the rules on dev.
SHIPPED: dict[str, Strategy] = {
    "attribution": Strategy.RULES_THEN_MODEL,
    "time": Strategy.RULES_RETYPED,
    "quantity": Strategy.RULES_THEN_MODEL,
}
# A tagger span takes part in a combination only with at least this mean label
# probability (0.6 scored best on dev for attribution, sweeping 0 to 0.98; quantity
# is within 0.6 exact F1 of its best there).
MIN_CONFIDENCE = 0.6
# Attributions built model first take the tagger's spans from this confidence up
# (swept on PolNeAR dev with `python -m models.scoring.attribution --floor F`).
ASSEMBLY_CONFIDENCE = 0.3
# Retyping a rule span takes more: 0.7 scored best on time dev, sweeping 0.6 to 0.95.
RETYPE_CONFIDENCE = 0.7


def combine_spans(head: str, rules: list[LabelledSpan], model: list[LabelledSpan],
                  strategy: Strategy | None = None) -> list[LabelledSpan]:
    """Return the combined spans of one head, sorted by start (SHIPPED strategy by default)."""
    strategy = strategy or SHIPPED[head]
    if strategy is Strategy.RULES:
        return sorted(rules)
    if strategy is Strategy.MODEL:
        return sorted(model)
    if strategy is Strategy.RULES_RETYPED:
        return sorted(retyped(rules, model))
    first, second = (rules, model) if strategy is Strategy.RULES_THEN_MODEL else (model, rules)
    return sorted(first + additions(first, second))


def additions(taken: list[LabelledSpan], candidates: list[LabelledSpan]) -> list[LabelledSpan]:
    """Return the candidates (overlaps among them resolved) that overlap none of `taken`."""
    kept = filter_spans(Span(start=s, end=e) for s, e, _ in candidates)
    labels = {(s, e): label for s, e, label in candidates}
    return [(span.start, span.end, labels[(span.start, span.end)])
            for span in outside(kept, [Span(start=s, end=e) for s, e, _ in taken])]


def retyped(rules: list[LabelledSpan], confident: list[LabelledSpan]) -> list[LabelledSpan]:
    """Return the rule spans, each with the label of a `confident` span of the same extent
    (callers pass spans with confidence >= RETYPE_CONFIDENCE)."""
    labels = {(s, e): label for s, e, label in confident}
    return [(s, e, labels.get((s, e), label)) for s, e, label in rules]


def confidence_floor(strategy: Strategy) -> float:
    """Return the confidence a tagger span needs to take part in `strategy`."""
    return RETYPE_CONFIDENCE if strategy is Strategy.RULES_RETYPED else MIN_CONFIDENCE
