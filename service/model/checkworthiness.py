"""Check-worthiness of sentences: a logistic head over the base encoder's embeddings.

The head is trained by `python -m models.train_checkworthiness` on ClaimBuster and
stored in `models/checkworthiness/` (a few KB: the head only, never the base).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import torch
from safetensors.torch import load_file

from service.model.encoder import SentenceEncoder, base_model_version

HEAD_FILE = "head.safetensors"
CONFIG_FILE = "config.json"


class ModelArtifactError(RuntimeError):
    """The model artifact is missing, or was trained on another base."""


@dataclass(frozen=True, slots=True)
class CheckworthinessModel:
    """Scores sentences in [0, 1]; higher means more worth checking."""

    encoder: SentenceEncoder
    weight: torch.Tensor
    bias: torch.Tensor
    name: str
    version: str

    @classmethod
    def load(cls, artifact_dir: Path, encoder: SentenceEncoder | None = None) -> CheckworthinessModel:
        """Return the model from `artifact_dir`; raise ModelArtifactError if unusable."""
        config_path, head_path = artifact_dir / CONFIG_FILE, artifact_dir / HEAD_FILE
        if not config_path.is_file() or not head_path.is_file():
            raise ModelArtifactError(f"no check-worthiness artifact in {artifact_dir}")
        config = json.loads(config_path.read_text(encoding="utf-8"))
        installed = base_model_version()
        if config["base_version"] != installed:
            raise ModelArtifactError(
                f"artifact trained on {config['base_package']}=={config['base_version']}, installed {installed}"
            )
        tensors = load_file(head_path)
        return cls(encoder or SentenceEncoder.load(), tensors["weight"], tensors["bias"],
                   config["name"], config["version"])

    def score(self, sentences: list[str]) -> list[float]:
        """Return one check-worthiness probability per sentence."""
        if not sentences:
            return []
        embeddings = self.encoder.embed(sentences)
        return torch.sigmoid(embeddings @ self.weight + self.bias).tolist()
