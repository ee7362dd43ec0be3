"""ClaimBuster as a training task of the claim tagger: a sentence head over mean-pooled pieces.

The head exists to train the shared encoder on check-worthiness (models.train
--checkworthiness); it is not saved. The served head is refit on the finished tagger's
pooled states by models.train_checkworthiness, so the service keeps one pooling.
"""

from __future__ import annotations

import torch

from models.tagger_data import Window, collate
from service.inference.network import TaggerNetwork
from service.inference.casing import casing_ids

# The task's name among the heads; its windows carry the sentence's label at the CLS
# position and -100 elsewhere.
SENTENCE_TASK = "checkworthiness"


def sentence_windows(tokenizer, rows: list[dict], size: int) -> list[Window]:
    """Return one window per ClaimBuster sentence: its pieces, casing, and its label at CLS."""
    windows = []
    for row in rows:
        encoded = tokenizer(row["text"], add_special_tokens=False, return_offsets_mapping=True, verbose=False)
        ids = encoded["input_ids"][: size - 2]
        if not ids:
            continue
        casing = casing_ids(row["text"], [tuple(o) for o in encoded["offset_mapping"]])[: size - 2]
        windows.append(Window(SENTENCE_TASK, [tokenizer.cls_token_id, *ids, tokenizer.sep_token_id],
                              [0, *casing, 0], [int(row["label"]), *[-100] * (len(ids) + 1)]))
    return windows


class SentenceHead(torch.nn.Module):
    """A training-only check-worthiness head over a sentence's mean-pooled pieces."""

    def __init__(self, hidden: int) -> None:
        super().__init__()
        self.layers = torch.nn.Sequential(torch.nn.Dropout(0.1), torch.nn.Linear(hidden, 256), torch.nn.GELU(),
                                          torch.nn.Dropout(0.3), torch.nn.Linear(256, 1))

    def forward(self, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Return one logit per row: the head over the mean of the pieces between CLS and SEP."""
        inner = attention_mask.clone()
        inner[:, 0] = 0
        inner[torch.arange(len(inner)), attention_mask.sum(dim=1) - 1] = 0
        weights = inner.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1)
        return self.layers(torch.nn.functional.normalize(pooled.float(), dim=-1) * hidden.shape[-1] ** 0.5).squeeze(-1)


@torch.no_grad()
def sentence_f1(network: TaggerNetwork, sentence_head: SentenceHead, windows: list[Window]) -> float:
    """Return the sentence head's check-worthy F1 at probability 0.5 on `windows`."""
    network.eval()
    sentence_head.eval()
    device = next(network.parameters()).device
    tp = fp = fn = 0
    for start in range(0, len(windows), 64):
        batch = windows[start : start + 64]
        tensors = {name: tensor.to(device) for name, tensor in collate(batch).items()}
        with torch.autocast(device.type, dtype=torch.bfloat16):
            hidden = network.hidden_states(tensors["input_ids"], tensors["attention_mask"], tensors["casing_ids"])
            predicted = sentence_head(hidden, tensors["attention_mask"]).float() >= 0
        gold = tensors["labels"][:, 0] == 1
        tp += (predicted & gold).sum().item()
        fp += (predicted & ~gold).sum().item()
        fn += (~predicted & gold).sum().item()
    network.train()
    sentence_head.train()
    return round(200 * tp / max(1, 2 * tp + fp + fn), 1)


