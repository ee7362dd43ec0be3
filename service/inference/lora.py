"""Low-rank adapters (LoRA) on the base encoder's linear layers, and merging them in.

Training adds a trainable B @ A next to each frozen weight; the artifact stores only
A and B; at start the service folds them into the weights (W + scale * B @ A), so
inference runs the plain encoder at full speed.
"""

from __future__ import annotations

import math

import torch
from torch import nn

# The linear layers of each BERT block that get an adapter.
TARGETS = ("query", "key", "value", "attention.output.dense", "intermediate.dense", "output.dense")


class LoRALinear(nn.Module):
    """A frozen linear layer plus a trainable low-rank update."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float, dropout: float = 0.0) -> None:
        super().__init__()
        self.base = base
        self.scale = alpha / rank
        self.lora_a = nn.Parameter(torch.empty(rank, base.in_features))
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))
        nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
        self.dropout = nn.Dropout(dropout)
        base.weight.requires_grad_(False)
        if base.bias is not None:
            base.bias.requires_grad_(False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (self.dropout(x) @ self.lora_a.T @ self.lora_b.T) * self.scale

    def merged(self) -> nn.Linear:
        """Return a plain linear layer with the update folded into its weight."""
        with torch.no_grad():
            self.base.weight += (self.lora_b @ self.lora_a) * self.scale
        return self.base


def adapter_names(model: nn.Module) -> list[str]:
    """Return the dotted names of the encoder's linear layers that take an adapter."""
    return [
        name for name, module in model.named_modules()
        if isinstance(module, nn.Linear) and ".layer." in name and name.endswith(TARGETS)
    ]


def add_adapters(model: nn.Module, rank: int, alpha: float, dropout: float = 0.0) -> list[str]:
    """Wrap the target layers of `model` in LoRALinear (in place); return their names."""
    names = adapter_names(model)
    for name in names:
        parent, _, child = name.rpartition(".")
        owner = model.get_submodule(parent)
        setattr(owner, child, LoRALinear(getattr(owner, child), rank, alpha, dropout))
    return names


def merge_adapters(model: nn.Module) -> None:
    """Replace every LoRALinear in `model` by its merged plain linear layer (in place)."""
    wrapped = [name for name, module in model.named_modules() if isinstance(module, LoRALinear)]
    for name in wrapped:
        parent, _, child = name.rpartition(".")
        owner = model.get_submodule(parent)
        setattr(owner, child, getattr(owner, child).merged())
