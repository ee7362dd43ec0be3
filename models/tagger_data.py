"""Training and evaluation data for the claim tagger: gold spans per head, as windows.

Each corpus feeds one head: PolNeAR the attribution head (source, cue, content),
TempEval-3 the time head (date, time, duration, set), MeasEval the quantity head
(quantity, entity, property). Splits: PolNeAR train / dev; TempEval-3 TimeBank
(train) / AQUAINT (dev); MeasEval train / trial (dev).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import torch

from models.corpora import measeval, polnear, tempeval
from service.inference.bio import bio_labels, encode_bio
from service.inference.casing import casing_ids
from service.inference.network import HEADS
from service.inference.windows import plan_windows

GoldSpans = list[tuple[int, int, str]]


@dataclass(frozen=True, slots=True)
class GoldText:
    """One text with the gold spans of one head."""

    head: str
    name: str
    text: str
    spans: GoldSpans


@dataclass(frozen=True, slots=True)
class Window:
    """A training window: word pieces with CLS/SEP, casing, and BIO label ids of one head."""

    head: str
    input_ids: list[int]
    casing: list[int]
    labels: list[int]


def polnear_texts(root: Path, split: str) -> list[GoldText]:
    """Return PolNeAR texts with source/cue/content spans; one annotator per article.

    Where several annotators annotated an article, the first annotator file (by
    name) is used, so no article is counted twice.
    """
    seen: set[str] = set()
    texts = []
    for doc in polnear.read_split(root / "polnear", split):
        if doc.article in seen:
            continue
        seen.add(doc.article)
        spans = [
            (piece.start, piece.end, role)
            for attribution in doc.attributions
            for role in ("source", "cue", "content")
            for piece in getattr(attribution, role)
        ]
        texts.append(GoldText("attribution", doc.article, doc.text, spans))
    return texts


def tempeval_texts(root: Path, part: str) -> list[GoldText]:
    """Return TempEval-3 texts with TIMEX3 spans labelled by type."""
    return [
        GoldText("time", doc.name, doc.text, [(t.start, t.end, t.type.lower()) for t in doc.timexes])
        for doc in tempeval.read_part(part, root / "tempeval3" / "TBAQ-cleaned")
    ]


def measeval_texts(root: Path, split: str) -> list[GoldText]:
    """Return MeasEval paragraphs with quantity (and measured entity/property) spans."""
    texts = []
    for doc in measeval.read_split(split, root / "measeval"):
        spans = [(q.start, q.end, "quantity") for q in doc.quantities]
        spans += [(s.start, s.end, "entity") for s in doc.entities]
        spans += [(s.start, s.end, "property") for s in doc.properties]
        texts.append(GoldText("quantity", doc.doc_id, doc.text, spans))
    return texts


def training_texts(root: Path) -> list[GoldText]:
    """Return the training texts of all three heads."""
    return polnear_texts(root, "train") + tempeval_texts(root, "TimeBank") + measeval_texts(root, "train")


def dev_texts(root: Path) -> dict[str, list[GoldText]]:
    """Return the dev texts of each head."""
    return {
        "attribution": polnear_texts(root, "dev"),
        "time": tempeval_texts(root, "AQUAINT"),
        "quantity": measeval_texts(root, "trial"),
    }


def windows_of(tokenizer, gold: GoldText, size: int, stride: int) -> list[Window]:
    """Return the training windows of one gold text (size counts CLS and SEP)."""
    encoded = tokenizer(gold.text, add_special_tokens=False, return_offsets_mapping=True, verbose=False)
    offsets = [tuple(o) for o in encoded["offset_mapping"]]
    label_ids = {name: i for i, name in enumerate(bio_labels(HEADS[gold.head]))}
    tags = [label_ids[tag] for tag in encode_bio(gold.spans, offsets)]
    casing = casing_ids(gold.text, offsets)
    ids = encoded["input_ids"]
    windows = []
    for start, end in plan_windows(len(ids), size - 2, stride) if ids else []:
        windows.append(Window(
            gold.head,
            [tokenizer.cls_token_id, *ids[start:end], tokenizer.sep_token_id],
            [0, *casing[start:end], 0],
            [-100, *tags[start:end], -100],
        ))
    return windows


def head_batches(windows: Iterable[Window], batch_size: int, seed: int) -> list[list[Window]]:
    """Return shuffled batches, each of one head and of windows of similar length."""
    rng = random.Random(seed)
    by_head: dict[str, list[Window]] = {}
    for window in windows:
        by_head.setdefault(window.head, []).append(window)
    batches = []
    for head_windows in by_head.values():
        rng.shuffle(head_windows)
        head_windows.sort(key=lambda w: len(w.input_ids) // 32)
        batches += [head_windows[i : i + batch_size] for i in range(0, len(head_windows), batch_size)]
    rng.shuffle(batches)
    return batches


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
