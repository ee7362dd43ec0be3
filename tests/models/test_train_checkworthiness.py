"""models.train_checkworthiness on tiny synthetic embeddings (no encoder, no data)."""

import pytest
import torch

from models.train_checkworthiness import (
    THRESHOLDS,
    choose_threshold,
    evaluate,
    fit_head,
    fit_slope,
    fold_standardization,
    out_of_fold_logits,
    raw_logits,
)
from service.inference.checkworthiness import CheckworthinessHead, calibrated


@pytest.fixture(autouse=True)
def one_thread():
    """Fit heads on one thread, as the training script does."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def separable(rows: int, dims: int = 8) -> tuple[torch.Tensor, torch.Tensor]:
    generator = torch.Generator().manual_seed(0)
    features = torch.randn(rows, dims, generator=generator)
    return features, (features[:, 0] > 0.3).float()


def test_standardization_folded_into_the_head_gives_the_same_logits():
    head = CheckworthinessHead(4, 3).eval()
    features = torch.randn(5, 4)
    mean, std = torch.tensor([0.1, -0.2, 0.3, 0.0]), torch.tensor([0.5, 2.0, 1.0, 0.25])
    with torch.no_grad():
        expected = head((features - mean) / std)
        fold_standardization(head, mean, std)
        assert torch.allclose(head(features), expected, atol=1e-5)


def test_head_fit_is_deterministic_and_learns_a_separable_class():
    features, labels = separable(1000)
    first, second = fit_head(features, labels), fit_head(features, labels)
    assert all(torch.equal(a, b) for a, b in zip(first.state_dict().values(), second.state_dict().values()))
    assert evaluate(torch.sigmoid(raw_logits(first, features)), labels)["f1"] > 0.9


def test_out_of_fold_logits_come_from_heads_that_never_saw_the_fold():
    features, labels = separable(150)
    folds = torch.arange(len(labels)) % 3
    logits = out_of_fold_logits(features, labels, folds)
    assert logits.shape == labels.shape
    held = folds == 0
    expected = raw_logits(fit_head(features[~held], labels[~held]), features[held])
    assert torch.equal(logits[held], expected)


def test_threshold_is_the_best_f1_on_the_grid_lowest_on_ties():
    scores = torch.tensor([0.9, 0.8, 0.3, 0.2, 0.1])
    labels = torch.tensor([1.0, 1.0, 1.0, 0.0, 0.0])
    # Any threshold in (0.2, 0.3] keeps all three positives and no negative.
    assert choose_threshold(scores, labels) == 0.21
    assert choose_threshold(scores, labels) in THRESHOLDS


def test_calibrated_score_is_one_half_at_the_threshold_and_keeps_the_order():
    raw = torch.tensor([0.1, 0.35, 0.8])
    for slope in (1.0, 0.5):
        scores = calibrated(torch.logit(raw), 0.35, slope)
        assert torch.allclose(scores[1], torch.tensor(0.5))
        assert scores[0] < 0.5 < scores[2] and ((scores >= 0) & (scores <= 1)).all()
    # A slope below 1 pulls scores towards one half.
    assert calibrated(torch.tensor([4.0]), 0.5, 0.5) < calibrated(torch.tensor([4.0]), 0.5, 1.0)


def test_slope_undoes_an_overconfident_head():
    generator = torch.Generator().manual_seed(0)
    true_logits = torch.randn(4000, generator=generator) * 2
    labels = torch.bernoulli(torch.sigmoid(true_logits), generator=generator)
    # A head three times too sure of itself, its decision point at 0.5.
    assert fit_slope(3 * true_logits, labels, 0.5) == pytest.approx(1 / 3, abs=0.05)
    assert fit_slope(true_logits, labels, 0.5) == pytest.approx(1.0, abs=0.1)
