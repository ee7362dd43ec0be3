"""Check-worthiness of sentences: a small MLP head over the claim tagger's hidden states.

The head reads the same forward pass as the tagger's span heads (one encoder pass per
window, one copy of the weights): a sentence's vector is the mean of its word pieces'
states, L2-normalized (`TaggerOutput.pooled`). It is trained by
`python -m models.train_checkworthiness` on ClaimBuster over the shipped tagger's states
and stored in `models/checkworthiness/` (the head only), which names the tagger it reads. Scores are
calibrated so that 0.5 is the decision point: the raw logit is shifted by the logit
of the threshold chosen in training and scaled by a slope fit in training
(`config.json`: `threshold`, `slope`), since the service blends them as probabilities.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch

from service.inference.artifact import ModelArtifactError, read_artifact

HEAD_FILE = "head.safetensors"


class CheckworthinessHead(torch.nn.Module):
    """Embedding -> hidden (GELU) -> one raw logit; dropout acts in training only."""

    def __init__(self, dims: int, hidden: int, input_dropout: float = 0.0, hidden_dropout: float = 0.0) -> None:
        super().__init__()
        self.input_dropout = torch.nn.Dropout(input_dropout)
        self.hidden = torch.nn.Linear(dims, hidden)
        self.hidden_dropout = torch.nn.Dropout(hidden_dropout)
        self.output = torch.nn.Linear(hidden, 1)

    def forward(self, embeddings: torch.Tensor) -> torch.Tensor:
        """Return one raw (uncalibrated) logit per embedding row."""
        hidden = torch.nn.functional.gelu(self.hidden(self.input_dropout(embeddings)))
        return self.output(self.hidden_dropout(hidden)).squeeze(-1)


def threshold_logit(threshold: float) -> float:
    """Return the logit of a decision threshold in (0, 1)."""
    return math.log(threshold / (1.0 - threshold))


def calibrated(logits: torch.Tensor, threshold: float, slope: float = 1.0) -> torch.Tensor:
    """Return probabilities in [0, 1], sigmoid(slope * (logit - logit(threshold))):
    0.5 falls on the raw-score `threshold`; a slope below 1 tempers an overconfident head."""
    return torch.sigmoid(slope * (logits - threshold_logit(threshold)))


@dataclass(frozen=True, slots=True)
class CheckworthinessModel:
    """Scores sentence vectors in [0, 1]; higher means more worth checking, 0.5 is the decision point."""

    head: CheckworthinessHead
    threshold: float
    slope: float
    # The (name, version) of the tagger whose hidden states the head was trained on.
    features: tuple[str, str]
    name: str
    version: str

    @classmethod
    def load(cls, artifact_dir: Path) -> CheckworthinessModel:
        """Return the model from `artifact_dir`; raise ModelArtifactError if unusable."""
        artifact = read_artifact(artifact_dir, HEAD_FILE, "check-worthiness")
        config = artifact.config
        threshold, slope = float(config["threshold"]), float(config["slope"])
        if not 0.0 < threshold < 1.0 or not slope > 0.0:
            raise ModelArtifactError(f"threshold {threshold} or slope {slope} in {artifact_dir} out of range")
        try:
            head = CheckworthinessHead(config["head"]["dims"], config["head"]["hidden"])
            head.load_state_dict(artifact.weights())
            features = (config["features"]["tagger"], config["features"]["tagger_version"])
        except (KeyError, TypeError, RuntimeError) as error:
            raise ModelArtifactError(f"head in {artifact_dir} does not match its config: {error}") from error
        return cls(head.eval(), threshold, slope, features, artifact.name, artifact.version)

    def check_reads(self, tagger_name: str, tagger_version: str) -> None:
        """Raise ModelArtifactError unless the head was trained on this tagger's states."""
        if self.features != (tagger_name, tagger_version):
            raise ModelArtifactError(f"check-worthiness head trained on {self.features[0]} {self.features[1]}, "
                                     f"loaded tagger is {tagger_name} {tagger_version}")

    def score(self, vectors: Sequence[torch.Tensor]) -> list[float]:
        """Return one calibrated check-worthiness probability per sentence vector
        (`TaggerOutput.pooled`)."""
        if not vectors:
            return []
        with torch.inference_mode():
            return calibrated(self.head(torch.stack(list(vectors))), self.threshold, self.slope).tolist()
