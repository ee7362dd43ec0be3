"""The claim tagger's network: the base encoder, a casing embedding and one BIO head per task."""

from __future__ import annotations

import torch
from torch import nn

from service.inference.bio import bio_labels
from service.inference.casing import Casing

# One encoder, three heads; the span labels of each, as the corpora name them.
HEADS: dict[str, tuple[str, ...]] = {
    "attribution": ("source", "cue", "content"),
    "time": ("date", "time", "duration", "set"),
    "quantity": ("quantity", "entity", "property"),
}


class TaggerNetwork(nn.Module):
    """Per-piece BIO logits for each head, from word pieces and their casing classes."""

    def __init__(self, encoder: nn.Module, heads: dict[str, tuple[str, ...]] = HEADS) -> None:
        super().__init__()
        hidden = encoder.config.hidden_size
        self.encoder = encoder
        # Zero-initialized: before training, the network sees exactly the uncased base.
        self.casing = nn.Embedding(len(Casing), hidden)
        nn.init.zeros_(self.casing.weight)
        self.heads = nn.ModuleDict({name: nn.Linear(hidden, len(bio_labels(labels)))
                                    for name, labels in heads.items()})

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                casing_ids: torch.Tensor) -> dict[str, torch.Tensor]:
        """Return per-piece BIO logits of each head."""
        return self.label_logits(self.hidden_states(input_ids, attention_mask, casing_ids))

    def hidden_states(self, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                      casing_ids: torch.Tensor) -> torch.Tensor:
        """Return the encoder's last hidden states, (batch, pieces, hidden): what every head reads."""
        embeddings = self.encoder.embeddings.word_embeddings(input_ids) + self.casing(casing_ids)
        return self.encoder(inputs_embeds=embeddings, attention_mask=attention_mask).last_hidden_state

    def label_logits(self, hidden: torch.Tensor) -> dict[str, torch.Tensor]:
        """Return per-piece BIO logits of each head from the hidden states."""
        return {name: head(hidden) for name, head in self.heads.items()}
