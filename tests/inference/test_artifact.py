"""The one artifact reader: every way an artifact can be unusable is one ModelArtifactError."""

import json
import shutil

import pytest

from service.inference.artifact import CONFIG_FILE, ModelArtifactError, read_artifact
from service.settings import DEFAULT_MODEL_PATH

ARTIFACT = DEFAULT_MODEL_PATH / "checkworthiness"
WEIGHTS = "head.safetensors"


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "artifact"
    shutil.copytree(ARTIFACT, target)
    return target


def write_config(directory, **changes):
    config = json.loads((directory / CONFIG_FILE).read_text())
    config.update(changes)
    (directory / CONFIG_FILE).write_text(json.dumps(config))


def test_the_shipped_artifact_reads_with_its_name_and_version():
    artifact = read_artifact(ARTIFACT, WEIGHTS, "check-worthiness")
    assert (artifact.name, artifact.version) == ("claimex-checkworthiness", artifact.config["version"])
    assert artifact.weights()


@pytest.mark.parametrize("changes, message", [
    ({"base_package": "gt-bge-small"}, "gt-bge-small"),
    ({"base_version": "0.0.1"}, "0.0.1"),
    ({"name": None}, "lacks a name"),
])
def test_a_config_for_another_base_or_without_a_name_is_refused(copy, changes, message):
    write_config(copy, **changes)
    with pytest.raises(ModelArtifactError, match=message):
        read_artifact(copy, WEIGHTS, "check-worthiness")


def test_unreadable_config_or_weights_are_refused(copy):
    (copy / WEIGHTS).write_bytes(b"not safetensors")
    with pytest.raises(ModelArtifactError, match="unreadable"):
        read_artifact(copy, WEIGHTS, "check-worthiness").weights()
    (copy / CONFIG_FILE).write_text("{not json")
    with pytest.raises(ModelArtifactError, match="unreadable"):
        read_artifact(copy, WEIGHTS, "check-worthiness")
    (copy / CONFIG_FILE).unlink()
    with pytest.raises(ModelArtifactError, match="no check-worthiness artifact"):
        read_artifact(copy, WEIGHTS, "check-worthiness")
