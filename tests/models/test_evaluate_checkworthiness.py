"""models.evaluate_checkworthiness: figures and rankings on hand-made scores; one run on the real dev part."""

import json
from types import SimpleNamespace

import pytest

from models.evaluate_checkworthiness import best_claim_score, checkworthy_figures, precision_at, ranking
from models.train_checkworthiness import load_claimbuster
from service.inference.artifact import CONFIG_FILE
from service.pipeline import Pipeline
from service.settings import DEFAULT_MODEL_PATH


def test_figures_count_the_checkworthy_class_at_the_threshold():
    scores = [0.9, 0.6, 0.5, 0.4, 0.1]
    labels = [1, 0, 1, 1, 0]
    # Predicted: 0.9, 0.6, 0.5 (>= 0.5); 2 of 3 right, 2 of 3 check-worthy found.
    assert checkworthy_figures(scores, labels) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert checkworthy_figures(scores, labels, threshold=0.95) == (0.0, 0.0, 0.0)


def test_unscored_sentences_rank_last_and_ties_keep_their_order():
    assert ranking([0.2, None, 0.9, 0.2, None, 0.0]) == [2, 0, 3, 5, 1, 4]


def test_precision_at_k_reads_the_top_of_the_ranking():
    scores = [0.1, None, 0.8, 0.7, 0.3]
    labels = [1, 1, 1, 0, 0]
    assert precision_at(scores, labels, 1) == 1.0
    assert precision_at(scores, labels, 2) == 0.5
    assert precision_at(scores, labels, 4) == 0.5  # 0.8, 0.7, 0.3, 0.1
    assert precision_at(scores, labels, 10) == 3 / 5  # all five, the unscored one last
    assert precision_at([], [], 10) == 0.0


def test_best_claim_score_is_the_highest_claim_or_none():
    assert best_claim_score(SimpleNamespace(claims=[SimpleNamespace(score=0.4), SimpleNamespace(score=0.7)])) == 0.7
    assert best_claim_score(SimpleNamespace(claims=[])) is None


@pytest.mark.model
def test_shipped_classifier_reproduces_its_dev_figures(shared_data):
    _, dev = load_claimbuster(shared_data)
    pipeline = Pipeline.load(DEFAULT_MODEL_PATH)
    stored = json.loads((DEFAULT_MODEL_PATH / "checkworthiness" / CONFIG_FILE).read_text())["dev_checkworthy_class"]
    precision, recall, f1 = checkworthy_figures(pipeline.score_sentences([r["text"] for r in dev]),
                                                [int(r["label"]) for r in dev])
    # bf16 states vary slightly with batch composition and thread count; a handful of sentences may flip.
    assert f1 == pytest.approx(stored["f1"], abs=0.01)
    assert precision == pytest.approx(stored["precision"], abs=0.01)
    assert recall == pytest.approx(stored["recall"], abs=0.01)
