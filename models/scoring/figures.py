"""The one definition of precision, recall and F1 that every scorer uses."""

from __future__ import annotations


def precision_recall_f1(system_hit: float, system: float, gold_hit: float, gold: float) -> tuple[float, float, float]:
    """Return (precision, recall, F1) as fractions in [0, 1].

    `system_hit` of the `system` items matched gold; `gold_hit` of the `gold` items
    were matched (the two differ only where matching is not one-to-one or weighted).
    """
    precision = system_hit / system if system else 0.0
    recall = gold_hit / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
