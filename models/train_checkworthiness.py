"""Train the check-worthiness head on ClaimBuster and write models/checkworthiness/.

    python -m models.train_checkworthiness [--data ../shared/data] [--out models/checkworthiness]

The base encoder stays frozen; only a logistic head (384 weights + 1 bias) is fit,
with a fixed seed, on the embeddings of the training part. Sentences whose
sentence_id falls in the held-out dev part (every id with id % 7 == 0) are never
trained on; the figures printed and stored are on that dev part.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch
from safetensors.torch import save_file

from models.scoring.figures import precision_recall_f1
from service.model.checkworthiness import CONFIG_FILE, HEAD_FILE
from service.model.encoder import BASE_PACKAGE, SentenceEncoder, base_model_version

SEED = 13
DEV_MODULUS = 7
L2 = 1e-3
NAME = "claimex-checkworthiness"
VERSION = "0.1.0"


def load_claimbuster(data_dir: Path) -> tuple[list[dict], list[dict]]:
    """Return (train, dev) rows of ClaimBuster split by sentence_id."""
    rows = json.loads((data_dir / "claimbuster" / "train.json").read_text(encoding="utf-8"))
    dev = [r for r in rows if int(r["sentence_id"]) % DEV_MODULUS == 0]
    train = [r for r in rows if int(r["sentence_id"]) % DEV_MODULUS != 0]
    return train, dev


def fit_head(features: torch.Tensor, labels: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Return (weight, bias) of an L2-regularized logistic regression fit by L-BFGS."""
    torch.manual_seed(SEED)
    weight = torch.zeros(features.shape[1], requires_grad=True)
    bias = torch.zeros(1, requires_grad=True)
    positive_weight = (labels == 0).sum() / labels.sum().clamp(min=1)
    optimizer = torch.optim.LBFGS([weight, bias], max_iter=500, line_search_fn="strong_wolfe")

    def closure() -> torch.Tensor:
        optimizer.zero_grad()
        logits = features @ weight + bias
        loss = torch.nn.functional.binary_cross_entropy_with_logits(
            logits, labels, pos_weight=positive_weight
        ) + L2 * weight.pow(2).sum()
        loss.backward()
        return loss

    optimizer.step(closure)
    return weight.detach(), bias.detach()


def evaluate(scores: torch.Tensor, labels: torch.Tensor, threshold: float = 0.5) -> dict[str, float]:
    """Return precision, recall and F1 of the check-worthy class at `threshold`."""
    predicted = scores >= threshold
    tp = (predicted & (labels == 1)).sum().item()
    fp = (predicted & (labels == 0)).sum().item()
    fn = (~predicted & (labels == 1)).sum().item()
    precision, recall, f1 = precision_recall_f1(tp, tp + fp, tp, tp + fn)
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("models/checkworthiness"))
    args = parser.parse_args(argv)
    torch.manual_seed(SEED)
    started = time.perf_counter()
    train, dev = load_claimbuster(args.data)
    encoder = SentenceEncoder.load()
    train_x = encoder.embed([r["text"] for r in train])
    dev_x = encoder.embed([r["text"] for r in dev])
    train_y = torch.tensor([float(r["label"]) for r in train])
    dev_y = torch.tensor([float(r["label"]) for r in dev])
    weight, bias = fit_head(train_x, train_y)
    dev_figures = evaluate(torch.sigmoid(dev_x @ weight + bias), dev_y)
    args.out.mkdir(parents=True, exist_ok=True)
    save_file({"weight": weight.contiguous(), "bias": bias.contiguous()}, args.out / HEAD_FILE)
    config = {
        "name": NAME, "version": VERSION, "base_package": BASE_PACKAGE,
        "base_version": base_model_version(), "seed": SEED,
        "data": f"claimbuster/train.json, dev part sentence_id % {DEV_MODULUS} == 0",
        "train_sentences": len(train), "dev_sentences": len(dev),
        "dev_checkworthy_class": dev_figures,
    }
    (args.out / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(config, indent=2))
    print(f"trained in {time.perf_counter() - started:.1f} s ({encoder.precision} on {encoder.device})")


if __name__ == "__main__":
    main()
