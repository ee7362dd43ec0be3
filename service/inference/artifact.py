"""The one reader of trained artifacts: a folder with `config.json` and a weights file.

Every artifact under `models/` stores only what differs from the pinned base encoder,
so each names the base it was trained on; an artifact trained on another base is
refused here, before any weights are read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from safetensors import SafetensorError
from safetensors.torch import load_file

from service.inference.encoder import BASE_PACKAGE, base_model_version

CONFIG_FILE = "config.json"


class ModelArtifactError(RuntimeError):
    """An artifact is missing, unreadable, or was trained on another base."""


@dataclass(frozen=True, slots=True)
class Artifact:
    """A trained artifact's folder, its parsed config and its weights file."""

    directory: Path
    config: dict
    weights_path: Path

    @property
    def name(self) -> str:
        return self.config["name"]

    @property
    def version(self) -> str:
        return self.config["version"]

    def weights(self) -> dict:
        """Return the artifact's tensors by name; raise ModelArtifactError if unreadable."""
        try:
            return load_file(self.weights_path)
        except (OSError, SafetensorError) as error:
            raise ModelArtifactError(f"weights {self.weights_path} unreadable: {error}") from error


def read_artifact(directory: Path, weights_file: str, kind: str) -> Artifact:
    """Return the `kind` artifact in `directory` (config read, base checked, weights not yet
    loaded); raise ModelArtifactError if it is missing, malformed or for another base."""
    config_path, weights_path = directory / CONFIG_FILE, directory / weights_file
    if not config_path.is_file() or not weights_path.is_file():
        raise ModelArtifactError(f"no {kind} artifact in {directory}")
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelArtifactError(f"{config_path} unreadable: {error}") from error
    if not isinstance(config, dict) or not all(isinstance(config.get(k), str) for k in ("name", "version")):
        raise ModelArtifactError(f"{config_path} lacks a name and a version")
    package, version, installed = config.get("base_package"), config.get("base_version"), base_model_version()
    if package != BASE_PACKAGE or version != installed:
        raise ModelArtifactError(f"{kind} artifact trained on {package}=={version}, installed {BASE_PACKAGE}=={installed}")
    return Artifact(directory, config, weights_path)
