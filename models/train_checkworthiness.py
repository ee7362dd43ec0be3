"""Train the check-worthiness head on ClaimBuster and write models/checkworthiness/.

    python -m models.train_checkworthiness [--data ../shared/data] [--tagger models/claim-tagger]
                                           [--out models/checkworthiness]

The claim tagger stays frozen: each sentence goes through it as the service sends a
document, and its vector is the mean of its pieces' hidden states (`TaggerOutput.pooled`),
so the service scores claims from the tagger's own pass. Only a small MLP head (384 -> 256
GELU -> 1, dropout) is fit, with a fixed seed, on the standardized vectors of the training
part (the standardization is folded into the first layer when saved). The decision threshold
and the calibration slope are chosen on out-of-fold scores of the training part
(6 folds by sentence_id % 7), never on dev. Sentences in the held-out dev part (sentence_id % 7 == 0) are never
trained on; the dev figures printed and stored are at the chosen threshold.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch
from safetensors.torch import save_file

from models.scoring.figures import precision_recall_f1
from service.inference.artifact import CONFIG_FILE
from service.inference.checkworthiness import HEAD_FILE, CheckworthinessHead, calibrated, threshold_logit
from service.inference.encoder import BASE_PACKAGE, base_model_version
from service.inference.tagger import ClaimTagger
from service.settings import DEFAULT_MODEL_PATH

SEED = 13
DEV_MODULUS = 7
NAME = "claimex-checkworthiness"
VERSION = "0.3.0"
# Chosen by out-of-fold F1 on the training part among logistic heads (L2 1e-6..1e-1,
# with and without class weights, mean / mean+[CLS] / mean+max pooling) and MLPs
# (hidden 128-512, 15-50 epochs); see models/checkworthiness/MODEL_CARD.md.
HIDDEN = 256
INPUT_DROPOUT = 0.1
HIDDEN_DROPOUT = 0.5
EPOCHS = 15
BATCH_SIZE = 64
LEARNING_RATE = 1e-3
WEIGHT_DECAY = 1e-4
THRESHOLDS = tuple(round(0.05 + 0.01 * i, 2) for i in range(91))


def load_claimbuster(data_dir: Path) -> tuple[list[dict], list[dict]]:
    """Return (train, dev) rows of ClaimBuster split by sentence_id."""
    rows = json.loads((data_dir / "claimbuster" / "train.json").read_text(encoding="utf-8"))
    dev = [r for r in rows if int(r["sentence_id"]) % DEV_MODULUS == 0]
    train = [r for r in rows if int(r["sentence_id"]) % DEV_MODULUS != 0]
    return train, dev


def sentence_vectors(tagger: ClaimTagger, sentences: list[str]) -> torch.Tensor:
    """Return one pooled tagger vector per sentence, each sentence read as a document."""
    passes = tagger.run_many(sentences)
    return torch.stack([output.pooled(0, len(text)) for output, text in zip(passes, sentences, strict=True)])


def fit_head(features: torch.Tensor, labels: torch.Tensor) -> CheckworthinessHead:
    """Return the head fit on `features` (raw embeddings), in eval mode; it takes raw embeddings too."""
    torch.manual_seed(SEED)
    shuffle = torch.Generator().manual_seed(SEED)
    mean, std = features.mean(dim=0), features.std(dim=0).clamp(min=1e-6)
    standardized = (features - mean) / std
    head = CheckworthinessHead(features.shape[1], HIDDEN, INPUT_DROPOUT, HIDDEN_DROPOUT)
    optimizer = torch.optim.AdamW(head.parameters(), lr=LEARNING_RATE, weight_decay=WEIGHT_DECAY)
    head.train()
    for _ in range(EPOCHS):
        for batch in torch.randperm(len(labels), generator=shuffle).split(BATCH_SIZE):
            optimizer.zero_grad()
            loss = torch.nn.functional.binary_cross_entropy_with_logits(head(standardized[batch]), labels[batch])
            loss.backward()
            optimizer.step()
    fold_standardization(head, mean, std)
    return head.eval()


@torch.no_grad()
def fold_standardization(head: CheckworthinessHead, mean: torch.Tensor, std: torch.Tensor) -> None:
    """Make `head` take raw embeddings: W((x - mean) / std) + b == (W / std) x + (b - (W / std) mean)."""
    weight = head.hidden.weight / std
    head.hidden.bias -= weight @ mean
    head.hidden.weight.copy_(weight)


@torch.no_grad()
def raw_logits(head: CheckworthinessHead, features: torch.Tensor) -> torch.Tensor:
    """Return the head's uncalibrated logits for `features`."""
    return head(features)


def out_of_fold_logits(features: torch.Tensor, labels: torch.Tensor, folds: torch.Tensor) -> torch.Tensor:
    """Return, for each row, the raw logit of a head fit on the other folds."""
    logits = torch.empty(len(labels))
    for fold in folds.unique().tolist():
        held = folds == fold
        logits[held] = raw_logits(fit_head(features[~held], labels[~held]), features[held])
    return logits


def fit_slope(logits: torch.Tensor, labels: torch.Tensor, threshold: float) -> float:
    """Return the slope a minimizing the log loss of sigmoid(a * (logit - logit(threshold))),
    rounded to 4 places (below 1 where the head is overconfident)."""
    slope = torch.ones(1, requires_grad=True)
    optimizer = torch.optim.LBFGS([slope], max_iter=200, line_search_fn="strong_wolfe")
    shifted = logits - threshold_logit(threshold)

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(slope * shifted, labels)
        loss.backward()
        return loss

    optimizer.step(closure)
    return round(slope.item(), 4)


def evaluate(scores: torch.Tensor, labels: torch.Tensor, threshold: float = 0.5) -> dict[str, float]:
    """Return precision, recall and F1 of the check-worthy class at `threshold`."""
    predicted = scores >= threshold
    tp = (predicted & (labels == 1)).sum().item()
    fp = (predicted & (labels == 0)).sum().item()
    fn = (~predicted & (labels == 1)).sum().item()
    precision, recall, f1 = precision_recall_f1(tp, tp + fp, tp, tp + fn)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def choose_threshold(scores: torch.Tensor, labels: torch.Tensor) -> float:
    """Return the threshold in THRESHOLDS with the best F1 (the lowest such on ties)."""
    return max(THRESHOLDS, key=lambda t: (evaluate(scores, labels, t)["f1"], -t))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--tagger", type=Path, default=DEFAULT_MODEL_PATH / "claim-tagger")
    parser.add_argument("--out", type=Path, default=Path("models/checkworthiness"))
    args = parser.parse_args(argv)
    started = time.perf_counter()
    # One thread: on a shared 2-core machine two torch threads run many times slower
    # (measured 62.8 s against 4.7 s for 200 sentences beside other jobs), and the
    # head's arithmetic stays independent of the core count.
    torch.set_num_threads(1)
    train, dev = load_claimbuster(args.data)
    tagger = ClaimTagger.load(args.tagger)
    train_x = sentence_vectors(tagger, [r["text"] for r in train])
    dev_x = sentence_vectors(tagger, [r["text"] for r in dev])
    train_y = torch.tensor([float(r["label"]) for r in train])
    dev_y = torch.tensor([float(r["label"]) for r in dev])
    folds = torch.tensor([int(r["sentence_id"]) % DEV_MODULUS for r in train])
    oof = out_of_fold_logits(train_x, train_y, folds)
    threshold = choose_threshold(torch.sigmoid(oof), train_y)
    slope = fit_slope(oof, train_y, threshold)
    head = fit_head(train_x, train_y)
    dev_figures = evaluate(calibrated(raw_logits(head, dev_x), threshold, slope), dev_y)
    args.out.mkdir(parents=True, exist_ok=True)
    save_file({k: v.contiguous() for k, v in head.state_dict().items()}, args.out / HEAD_FILE)
    config = {
        "name": NAME, "version": VERSION, "base_package": BASE_PACKAGE,
        "base_version": base_model_version(), "seed": SEED,
        "head": {"kind": "mlp", "dims": train_x.shape[1], "hidden": HIDDEN, "activation": "gelu"},
        "features": {"tagger": tagger.name, "tagger_version": tagger.version,
                     "pooling": "mean of the sentence's word-piece states from the tagger's pass, L2-normalized"},
        "training": {"input_dropout": INPUT_DROPOUT, "hidden_dropout": HIDDEN_DROPOUT, "epochs": EPOCHS,
                     "batch_size": BATCH_SIZE, "learning_rate": LEARNING_RATE, "weight_decay": WEIGHT_DECAY,
                     "optimizer": "AdamW", "standardized_inputs": "folded into the hidden layer"},
        "threshold": threshold,
        "slope": slope,
        "calibration_fit_on": f"out-of-fold scores of the training part, folds sentence_id % {DEV_MODULUS}",
        "score": "sigmoid(slope * (logit - logit(threshold))): 0.5 is the decision point",
        "data": f"claimbuster/train.json, dev part sentence_id % {DEV_MODULUS} == 0",
        "train_sentences": len(train), "dev_sentences": len(dev),
        "train_out_of_fold_checkworthy_class": evaluate(torch.sigmoid(oof), train_y, threshold),
        "dev_checkworthy_class": dev_figures,
    }
    (args.out / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(config, indent=2))
    print(f"trained in {time.perf_counter() - started:.1f} s ({tagger.precision} on {tagger.device})")


if __name__ == "__main__":
    main()
