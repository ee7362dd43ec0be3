"""models.train's loop on a few tiny windows: an interrupted run resumed from its checkpoint
ends exactly where an uninterrupted one does; early stopping keeps the best epoch."""

import pytest
import torch

from safetensors.torch import save_file

import models.train as training
from models.sentence_task import SENTENCE_TASK, SentenceHead, sentence_f1, sentence_windows
from models.tagger_data import GoldText, windows_of

pytestmark = pytest.mark.model

TEXTS = [
    GoldText("attribution", "a", '"We will rebuild," the mayor said on Tuesday.',
             [(1, 16, "content"), (18, 27, "source"), (28, 32, "cue")]),
    GoldText("time", "b", "The talks resume next week.", [(17, 26, "date")]),
    GoldText("quantity", "c", "The bridge is 350 metres long.", [(14, 24, "quantity")]),
]
MIX = {"attribution": None, "time": 1, "quantity": 1}


def fresh():
    torch.manual_seed(training.SEED)
    network, tokenizer = training.build_network()
    windows = [w for text in TEXTS for w in windows_of(tokenizer, text, training.WINDOW, training.STRIDE)]
    return network, tokenizer, windows


class Interrupted(Exception):
    pass


def test_a_resumed_run_ends_where_an_uninterrupted_one_does(tmp_path, monkeypatch):
    torch.set_num_threads(1)
    network, _, windows = fresh()
    training.train(network, windows, epochs=3, batch_size=2, mix=MIX)
    uninterrupted = training.trainable_state(network)

    saved = training._save

    def save_then_crash(*args, **kwargs):
        saved(*args, **kwargs)
        if args[4]["epoch"] == 2:
            raise Interrupted

    monkeypatch.setattr(training, "_save", save_then_crash)
    network, _, windows = fresh()
    with pytest.raises(Interrupted):
        training.train(network, windows, epochs=3, batch_size=2, mix=MIX, checkpoint=tmp_path)
    monkeypatch.setattr(training, "_save", saved)
    network, _, windows = fresh()
    steps = []
    step = training._step
    monkeypatch.setattr(training, "_step", lambda *args: steps.append(1) or step(*args))
    training.train(network, windows, epochs=3, batch_size=2, mix=MIX, checkpoint=tmp_path, resume=True)
    resumed = training.trainable_state(network)
    # Only the third epoch ran again: one batch per head here.
    assert len(steps) == 3
    assert uninterrupted.keys() == resumed.keys()
    assert all(torch.equal(uninterrupted[k], resumed[k]) for k in uninterrupted)


def test_early_stopping_keeps_the_best_epochs_weights(monkeypatch):
    torch.set_num_threads(1)
    network, tokenizer, windows = fresh()
    means = iter([10.0, 30.0, 20.0, 25.0, 40.0])
    states = []

    def fake_dev(net, tok, dev):
        states.append({k: v.clone() for k, v in training.trainable_state(net).items()})
        value = next(means)
        return {"attribution": value, "time": value, "quantity": value}

    monkeypatch.setattr(training, "dev_figures", fake_dev)
    curve = training.train(network, windows, epochs=5, batch_size=2, mix=MIX, dev={"attribution": []},
                           patience=2, tokenizer=tokenizer)
    # Epoch 2 was best; epochs 3 and 4 did not beat it, so epoch 5 never ran.
    assert [r["mean"] for r in curve] == [10.0, 30.0, 20.0, 25.0]
    final = training.trainable_state(network)
    assert all(torch.equal(final[k], states[1][k]) for k in final)


def test_dev_figures_score_the_network_being_trained_per_head():
    torch.set_num_threads(1)
    network, tokenizer, _ = fresh()
    dev = {text.head: [text] for text in TEXTS}
    figures = training.dev_figures(network, tokenizer, dev)
    assert set(figures) == {"attribution", "time", "quantity"}
    assert all(0.0 <= f <= 100.0 for f in figures.values())
    assert network.training


SENTENCES = [{"text": "Unemployment fell to 4.1 percent last year.", "label": 1},
             {"text": "Thank you all for coming tonight.", "label": 0}]


def test_a_sentence_window_carries_its_label_at_cls_only():
    _, tokenizer, _ = fresh()
    window = sentence_windows(tokenizer, SENTENCES, training.WINDOW)[0]
    assert window.head == SENTENCE_TASK
    assert window.input_ids[0] == tokenizer.cls_token_id and window.input_ids[-1] == tokenizer.sep_token_id
    assert window.labels[0] == 1 and set(window.labels[1:]) == {-100}
    assert len(window.labels) == len(window.input_ids) == len(window.casing)


def test_claimbuster_batches_train_the_shared_encoder_and_resume_with_their_head(tmp_path, monkeypatch):
    torch.set_num_threads(1)
    network, tokenizer, windows = fresh()
    sentences = sentence_windows(tokenizer, SENTENCES, training.WINDOW)
    before = {k: v.clone() for k, v in training.trainable_state(network).items()}
    torch.manual_seed(training.SEED)
    head = SentenceHead(network.encoder.config.hidden_size)
    training.train(network, windows + sentences, epochs=2, batch_size=2, mix=MIX, sentence_head=head)
    after = {k: v.clone() for k, v in training.trainable_state(network).items()}
    # The adapters moved (every task's loss reaches them); the sentence head is a separate module.
    assert any(not torch.equal(before[k], after[k]) for k in before if "lora" in k)
    assert 0.0 <= sentence_f1(network, head, sentences) <= 100.0

    saved = training._save

    def save_then_crash(*args, **kwargs):
        saved(*args, **kwargs)
        if args[4]["epoch"] == 1:
            raise Interrupted

    monkeypatch.setattr(training, "_save", save_then_crash)
    network, _, windows = fresh()
    torch.manual_seed(training.SEED)
    head = SentenceHead(network.encoder.config.hidden_size)
    with pytest.raises(Interrupted):
        training.train(network, windows + sentences, epochs=2, batch_size=2, mix=MIX, sentence_head=head,
                       checkpoint=tmp_path)
    monkeypatch.setattr(training, "_save", saved)
    network, _, windows = fresh()
    head = SentenceHead(network.encoder.config.hidden_size)
    training.train(network, windows + sentences, epochs=2, batch_size=2, mix=MIX, sentence_head=head,
                   checkpoint=tmp_path, resume=True)
    resumed = training.trainable_state(network)
    assert all(torch.equal(after[k], resumed[k]) for k in after)


def test_a_further_stage_starts_from_an_artifacts_weights_and_refuses_a_mismatch(tmp_path):
    network, _, _ = fresh()
    state = {k: v + 0.5 for k, v in training.trainable_state(network).items()}
    save_file(state, tmp_path / "adapter.safetensors")
    other, _, _ = fresh()
    training.init_from(other, tmp_path)
    loaded = training.trainable_state(other)
    assert all(torch.equal(state[k], loaded[k]) for k in state)
    save_file({"heads.attribution.weight": torch.zeros(7, 384)}, tmp_path / "adapter.safetensors")
    with pytest.raises(ValueError, match="does not match"):
        training.init_from(other, tmp_path)


def test_the_rank_ablation_sizes_the_adapters_and_keeps_their_scale():
    network, _ = training.build_network(rank=4)
    state = training.trainable_state(network)
    ranks = {tensor.shape[0] for name, tensor in state.items() if name.endswith("lora_a")}
    assert ranks == {4}
    scales = {module.scale for module in network.modules() if hasattr(module, "lora_a")}
    assert scales == {training.LORA_ALPHA / training.LORA_RANK}
