"""Print check-worthiness figures on the held-out ClaimBuster dev part (sentence_id % 7 == 0).

    python -m models.evaluate_checkworthiness [--data ../shared/data] [--model models]

For the classifier alone: precision, recall and F1 of the check-worthy class at its
decision point (calibrated score >= 0.5). Then the precision of the top 10, 50 and
100 dev sentences ranked by the classifier's score, and ranked by the service's
final claim score: each dev sentence goes through the real pipeline as a document
of its own, its best claim's `score` ranks it, and a sentence with no claim ranks last.
Last, the service as a classifier: a sentence counts as check-worthy when it yields a claim
(any claim, then a claim scoring at least each of SERVICE_THRESHOLDS): precision, recall, F1.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

from models.scoring.figures import precision_recall_f1
from models.train_checkworthiness import load_claimbuster
from service.pipeline import Extraction, Pipeline
from service.settings import DEFAULT_MODEL_PATH

TOP_K = (10, 50, 100)
SERVICE_THRESHOLDS = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
DOCUMENTS_PER_BATCH = 32


def checkworthy_figures(
    scores: Sequence[float], labels: Sequence[int], threshold: float = 0.5
) -> tuple[float, float, float]:
    """Return (precision, recall, F1) of the check-worthy class (label 1) for scores >= `threshold`."""
    predicted = [s >= threshold for s in scores]
    tp = sum(p and y == 1 for p, y in zip(predicted, labels, strict=True))
    gold = sum(y == 1 for y in labels)
    return precision_recall_f1(tp, sum(predicted), tp, gold)


def ranking(scores: Sequence[float | None]) -> list[int]:
    """Return indices by descending score; None (no score) ranks last; ties keep input order."""
    return sorted(range(len(scores)), key=lambda i: (scores[i] is None, -(scores[i] or 0.0)))


def precision_at(scores: Sequence[float | None], labels: Sequence[int], k: int) -> float:
    """Return the fraction of check-worthy sentences among the `k` ranked first (of all, if fewer)."""
    top = ranking(scores)[:k]
    return sum(labels[i] == 1 for i in top) / len(top) if top else 0.0


def best_claim_score(extraction: Extraction) -> float | None:
    """Return the highest claim score of `extraction`, or None when it found no claim."""
    return max((claim.score for claim in extraction.claims), default=None)


def service_scores(pipeline: Pipeline, sentences: Sequence[str]) -> list[float | None]:
    """Return each sentence's best claim score from the pipeline, each sentence one document."""
    scores: list[float | None] = []
    for start in range(0, len(sentences), DOCUMENTS_PER_BATCH):
        batch = [(text, None) for text in sentences[start : start + DOCUMENTS_PER_BATCH]]
        scores += [best_claim_score(e) for e in pipeline.extract_many(batch)]
    return scores


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--model", type=Path, default=DEFAULT_MODEL_PATH, help="directory of both model artifacts")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    _, dev = load_claimbuster(args.data)
    sentences, labels = [r["text"] for r in dev], [int(r["label"]) for r in dev]
    pipeline = Pipeline.load(args.model)
    classifier = pipeline.score_sentences(sentences)
    service = service_scores(pipeline, sentences)
    precision, recall, f1 = checkworthy_figures(classifier, labels)
    with_claim = [i for i, s in enumerate(service) if s is not None]
    print(f"ClaimBuster dev: {len(labels)} sentences, {sum(labels)} check-worthy "
          f"({pipeline.checkworthiness.name} {pipeline.checkworthiness.version})")
    print(f"classifier alone, check-worthy class at score >= 0.5: "
          f"precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    print(f"service: {len(with_claim)} sentences with a claim, "
          f"{sum(labels[i] for i in with_claim)} of them check-worthy")
    print(f"{'ranked by':<26}" + "".join(f"{f'P@{k}':>8}" for k in TOP_K))
    for name, scores in (("classifier score", classifier), ("service best claim score", service)):
        print(f"{name:<26}" + "".join(f"{precision_at(scores, labels, k):>8.2f}" for k in TOP_K))
    any_claim = [0.0 if s is None else 1.0 for s in service]
    print(f"{'service: yields':<26}{'P':>8}{'R':>8}{'F1':>8}")
    print(f"{'  any claim':<26}" + "".join(f"{x:>8.3f}" for x in checkworthy_figures(any_claim, labels)))
    for threshold in SERVICE_THRESHOLDS:
        figures = checkworthy_figures([-1.0 if s is None else s for s in service], labels, threshold)
        print(f"{f'  a claim >= {threshold}':<26}" + "".join(f"{x:>8.3f}" for x in figures))
    print(f"evaluated in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
