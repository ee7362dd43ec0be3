"""Print per-head span F1 on dev for the tagger alone, the rules alone and the shipped combination.

    python -m models.evaluate [--data ../shared/data] [--model models/claim-tagger]
                              [--heads attribution time quantity] [--decoding greedy|constrained]

Heads and dev parts: attribution (PolNeAR dev, first annotator per article: source,
cue, content), time (TempEval-3 AQUAINT: date, time, duration, set), quantity
(MeasEval trial: quantity, measured entity, measured property). Exact: same start,
end and label; overlap: same label and any shared character (each gold and each
predicted span matched at most once).

The strategy table compares the labels the rules produce (the quantity head's
rules find quantities, not entities or properties); a second table gives the
model's and the shipped combination's figures per label.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable, Iterable
from pathlib import Path

from models.scoring.figures import precision_recall_f1
from models.tagger_data import GoldSpans, GoldText, dev_texts
from service.core.document import build_document
from service.extractors.attribution.extractor import extract_quotes
from service.extractors.dates.extractor import extract_dates
from service.extractors.quantities.extractor import extract_quantities
from service.fusion.policy import SHIPPED, Strategy, combine_spans, confidence_floor
from service.inference.bio import Decoding
from service.inference.network import HEADS
from service.inference.tagger import ClaimTagger

# The labels each head's rules produce: strategies are compared on these.
RULE_LABELS = {"attribution": HEADS["attribution"], "time": HEADS["time"], "quantity": ("quantity",)}


def rule_spans(gold: GoldText) -> GoldSpans:
    """Return the spans the service's rules find for `gold`'s head, in original offsets."""
    doc = build_document(gold.text)
    to_original = doc.offsets.to_original
    found: list[tuple[int, int, str]] = []
    if gold.head == "attribution":
        for a in extract_quotes(doc):
            parts = [(a.content, "content"), (a.cue, "cue"), (a.speaker, "source")]
            found += [(*to_original(span.start, span.end), label) for span, label in parts if span is not None]
    elif gold.head == "time":
        found = [(*to_original(t.start, t.end), t.type.value) for t in extract_dates(doc)]
    else:
        found = [(*to_original(q.start, q.end), "quantity") for q in extract_quantities(doc)]
    return found


def score(golds: Iterable[GoldSpans], predictions: Iterable[GoldSpans]) -> dict[str, float]:
    """Return exact and overlap precision, recall and F1 over all documents."""
    counts = {"exact": [0, 0, 0], "overlap": [0, 0, 0]}  # matched, predicted, gold
    for gold, predicted in zip(golds, predictions, strict=True):
        for mode, match in (("exact", _exact), ("overlap", _overlap)):
            counts[mode][0] += _matches(gold, predicted, match)
            counts[mode][1] += len(predicted)
            counts[mode][2] += len(gold)
    figures = {}
    for mode, (matched, predicted, gold) in counts.items():
        precision, recall, f1 = precision_recall_f1(matched, predicted, matched, gold)
        figures[mode] = round(100 * f1, 1)
        figures[f"{mode}_p"] = round(100 * precision, 1)
        figures[f"{mode}_r"] = round(100 * recall, 1)
    return figures


def _exact(g: tuple[int, int, str], p: tuple[int, int, str]) -> bool:
    return g == p


def _overlap(g: tuple[int, int, str], p: tuple[int, int, str]) -> bool:
    return g[2] == p[2] and g[0] < p[1] and p[0] < g[1]


def _matches(gold: GoldSpans, predicted: GoldSpans, match: Callable) -> int:
    """Return how many gold spans get a distinct matching prediction (greedy, in order)."""
    used = [False] * len(predicted)
    matched = 0
    for g in sorted(gold):
        for i, p in enumerate(predicted):
            if not used[i] and match(g, p):
                used[i] = True
                matched += 1
                break
    return matched


def model_spans(tagger: ClaimTagger, gold: GoldText) -> list[tuple[int, int, str, float]]:
    """Return the tagger's spans for `gold`'s head, each with its confidence."""
    return [(s.start, s.end, s.label, s.confidence) for s in tagger.tag(gold.text)[gold.head]]


def _confident(spans: list[tuple[int, int, str, float]], strategy: Strategy) -> GoldSpans:
    """Return the spans confident enough to take part in `strategy` (service.fusion.policy)."""
    return [(s, e, label) for s, e, label, confidence in spans if confidence >= confidence_floor(strategy)]


def evaluate(tagger: ClaimTagger, data: Path, heads: Iterable[str] = tuple(HEADS)
             ) -> tuple[dict[str, dict[Strategy, dict[str, float]]], dict[str, dict[str, dict[str, float]]]]:
    """Return ({head: {strategy: figures}} on the labels the rules produce, and
    {head: {label: figures}} for the model alone and the shipped combination)."""
    results, per_label = {}, {}
    for head, texts in dev_texts(data).items():
        if head not in heads:
            continue
        golds = [t.spans for t in texts]
        tagged = [model_spans(tagger, t) for t in texts]
        model = [[(s, e, label) for s, e, label, _ in spans] for spans in tagged]
        rules = [rule_spans(t) for t in texts]
        comparable = RULE_LABELS[head]
        results[head] = {
            strategy: score(_only(golds, comparable), _only(model, comparable)
                            if strategy is Strategy.MODEL else [
                combine_spans(head, r, _labelled(_confident(m, strategy), comparable), strategy)
                for r, m in zip(rules, tagged, strict=True)])
            for strategy in Strategy
        }
        shipped_strategy = SHIPPED[head]
        shipped = [combine_spans(head, r, _labelled(_confident(m, shipped_strategy), comparable))
                   + _labelled(_confident(m, Strategy.MODEL), _others(head))
                   for r, m in zip(rules, tagged, strict=True)]
        per_label[head] = {
            f"{label} {system}": score(_only(golds, (label,)), _only(predicted, (label,)))
            for label in HEADS[head]
            for system, predicted in (("model", list(model)), ("shipped", shipped))
        }
    return results, per_label


def _labelled(spans: GoldSpans, labels: Iterable[str]) -> GoldSpans:
    return [s for s in spans if s[2] in labels]


def _only(documents: Iterable[GoldSpans], labels: Iterable[str]) -> list[GoldSpans]:
    return [_labelled(spans, tuple(labels)) for spans in documents]


def _others(head: str) -> tuple[str, ...]:
    """Return the head's labels the rules never produce (the shipped service takes the tagger's)."""
    return tuple(label for label in HEADS[head] if label not in RULE_LABELS[head])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    parser.add_argument("--model", type=Path, default=Path(__file__).resolve().parent / "claim-tagger")
    parser.add_argument("--heads", nargs="+", choices=tuple(HEADS), default=tuple(HEADS))
    parser.add_argument("--decoding", choices=tuple(Decoding), help="override the artifact's decoding (ablation)")
    args = parser.parse_args(argv)
    tagger = ClaimTagger.load(args.model)
    if args.decoding is not None:
        tagger = dataclasses.replace(tagger, decoding=Decoding(args.decoding))
    results, per_label = evaluate(tagger, args.data, args.heads)
    header = f"{'exact F1':>9}{'P':>7}{'R':>7}{'overlap F1':>12}{'P':>7}{'R':>7}"
    print(f"{'head':<12}{'system (* shipped)':<20}{header}")
    for head, systems in results.items():
        for strategy, f in systems.items():
            _print_row(head, strategy.value + (" *" if SHIPPED[head] is strategy else ""), f)
    print(f"\n{'head':<12}{'label system':<20}{header}")
    for head, labels in per_label.items():
        for name, f in labels.items():
            _print_row(head, name, f)


def _print_row(head: str, name: str, f: dict[str, float]) -> None:
    print(f"{head:<12}{name:<20}{f['exact']:>9}{f['exact_p']:>7}{f['exact_r']:>7}"
          f"{f['overlap']:>12}{f['overlap_p']:>7}{f['overlap_r']:>7}")


if __name__ == "__main__":
    main()
