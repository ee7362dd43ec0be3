"""The claim tagger at inference: preprocess -> forward -> postprocess.

Preprocess tokenizes the whole text once (offsets from the tokenizer) and plans
sliding windows; forward is the only step that touches torch; postprocess turns
per-piece labels into character spans. Nothing is cut at 512 tokens.
"""

from __future__ import annotations

import bisect
import copy
import threading
from dataclasses import dataclass, field
from pathlib import Path

import torch
from transformers import AutoModel, AutoTokenizer

from service.core.spans import TaggedSpan
from service.inference.artifact import ModelArtifactError, read_artifact
from service.inference.bio import Decoding, bio_labels, constrained_tags, decode_bio, whole_words
from service.inference.casing import casing_ids
from service.inference.encoder import Precision, base_model_dir, device_precision, inference_device
from service.inference.lora import add_adapters, merge_adapters
from service.inference.network import TaggerNetwork
from service.inference.windows import owned_ranges, plan_windows, token_budget_batches

WEIGHTS_FILE = "adapter.safetensors"
# Padded word pieces per forward pass: 8 full windows of 256, or many short texts' windows.
TOKEN_BUDGET = 2048


@dataclass(frozen=True, slots=True)
class Encoded:
    """A text's word pieces (no special tokens), their offsets and casing classes."""

    input_ids: list[int]
    offsets: list[tuple[int, int]]
    casing: list[int]
    # Per piece: whether it continues the word of the piece before it ("analyse" "##d").
    continues: list[bool] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TaggerOutput:
    """One text's pass through the tagger: its spans per head, and the encoder's hidden
    state of every word piece (from the window that owns it), which the sentence heads
    pool instead of running an encoder of their own."""

    spans: dict[str, list[TaggedSpan]]
    # (pieces, hidden) float32.
    hidden: torch.Tensor
    piece_starts: list[int]

    def pooled(self, start: int, end: int) -> torch.Tensor:
        """Return the L2-normalized mean hidden state of the pieces starting in [start, end)
        (zeros where none does)."""
        first, last = bisect.bisect_left(self.piece_starts, start), bisect.bisect_left(self.piece_starts, end)
        if last <= first:
            return torch.zeros(self.hidden.shape[1])
        return torch.nn.functional.normalize(self.hidden[first:last].mean(dim=0), dim=0)


@dataclass(frozen=True)
class ClaimTagger:
    """The trained tagger, adapters merged, in eval mode."""

    network: TaggerNetwork
    tokenizer: object
    heads: dict[str, tuple[str, ...]]
    window: int
    stride: int
    precision: Precision
    device: torch.device
    name: str
    version: str
    decoding: Decoding = Decoding.CONSTRAINED
    # Each thread tokenizes with a copy of its own: a fast tokenizer used from several
    # threads at once can raise "Already borrowed" (its Rust state is borrowed per call).
    _per_thread: threading.local = field(default_factory=threading.local, init=False, repr=False, compare=False)

    @classmethod
    def load(cls, artifact_dir: Path, precision: Precision | None = None) -> ClaimTagger:
        """Return the tagger from `artifact_dir` merged into the installed base, run in
        `precision` (default: the device's, bf16 where it has it);
        raise ModelArtifactError if unusable."""
        artifact = read_artifact(artifact_dir, WEIGHTS_FILE, "tagger")
        config = artifact.config
        try:
            decoding = Decoding(config.get("decoding", Decoding.CONSTRAINED))
        except ValueError as error:
            raise ModelArtifactError(f"unknown decoding in {artifact_dir}: {error}") from error
        heads = {name: tuple(labels) for name, labels in config["heads"].items()}
        encoder = AutoModel.from_pretrained(base_model_dir(), local_files_only=True)
        network = TaggerNetwork(encoder, heads)
        add_adapters(network.encoder, config["lora_rank"], config["lora_alpha"])
        missing, unexpected = network.load_state_dict(artifact.weights(), strict=False)
        trained = {k for k, p in network.named_parameters() if p.requires_grad and "lora_" in k}
        if unexpected or trained & set(missing):
            raise ModelArtifactError(f"artifact does not fit the network: {unexpected or missing}")
        merge_adapters(network.encoder)
        device = inference_device()
        precision = precision or device_precision(device)
        network.to(device).eval()
        if precision is Precision.BF16:
            _store_linear_in_bf16(network)
        tokenizer = AutoTokenizer.from_pretrained(base_model_dir(), local_files_only=True)
        return cls(network, tokenizer, heads, config["window"], config["stride"], precision, device,
                   artifact.name, artifact.version, decoding)

    def encode(self, text: str) -> Encoded:
        """Return the word pieces of `text` with their character offsets and casing."""
        encoded = self._own_tokenizer()(text, add_special_tokens=False, return_offsets_mapping=True,
                                             truncation=False, verbose=False)
        offsets = [tuple(o) for o in encoded["offset_mapping"]]
        words = encoded.word_ids()
        continues = [i > 0 and words[i] is not None and words[i] == words[i - 1] for i in range(len(words))]
        return Encoded(encoded["input_ids"], offsets, casing_ids(text, offsets), continues)

    def _own_tokenizer(self):
        """Return this thread's copy of the tokenizer."""
        tokenizer = getattr(self._per_thread, "tokenizer", None)
        if tokenizer is None:
            tokenizer = self._per_thread.tokenizer = copy.deepcopy(self.tokenizer)
        return tokenizer

    def tag(self, text: str) -> dict[str, list[TaggedSpan]]:
        """Return, per head, the spans the tagger finds in `text`."""
        return self.tag_many([text])[0]

    def tag_many(self, texts: list[str]) -> list[dict[str, list[TaggedSpan]]]:
        """Return, for each text, the spans per head; all texts' windows share forward passes."""
        return [output.spans for output in self.run_many(texts)]

    def run_many(self, texts: list[str]) -> list[TaggerOutput]:
        """Return each text's spans and piece hidden states; all texts' windows share forward passes."""
        encoded = [self.encode(text) for text in texts]
        plans = [plan_windows(len(e.input_ids), self.window - 2, self.stride) if e.input_ids else []
                 for e in encoded]
        jobs = [(i, window) for i, plan in enumerate(plans) for window in plan]
        # Windows of like length run together (little padding), up to the token budget.
        outputs: list = [None] * len(jobs)
        for batch in token_budget_batches([end - start + 2 for _, (start, end) in jobs], TOKEN_BUDGET):
            for index, output in zip(batch, self._forward(encoded, [jobs[i] for i in batch]), strict=True):
                outputs[index] = output
        results, cursor = [], 0
        for e, plan in zip(encoded, plans, strict=True):
            results.append(self._decode(e, plan, outputs[cursor : cursor + len(plan)]))
            cursor += len(plan)
        return results

    def _decode(self, encoded: Encoded, windows: list[tuple[int, int]],
                window_outputs: list[tuple[dict[str, torch.Tensor], torch.Tensor]]) -> TaggerOutput:
        """Return one text's spans per head and piece hidden states from its windows' outputs."""
        piece_starts = [start for start, _ in encoded.offsets]
        if not windows:
            return TaggerOutput({name: [] for name in self.heads},
                                torch.zeros((0, self.network.encoder.config.hidden_size)), piece_starts)
        ranges = owned_ranges(windows)

        def owned(values: list[torch.Tensor]) -> torch.Tensor:
            return torch.cat([value[first - start : last - start]
                              for value, (start, _), (first, last) in zip(values, windows, ranges)])

        spans = {}
        for name, labels in self.heads.items():
            names = bio_labels(labels)
            probs = owned([probs[name] for probs, _ in window_outputs])
            ids = constrained_tags(probs) if self.decoding is Decoding.CONSTRAINED else probs.argmax(dim=-1)
            if self.decoding is Decoding.CONSTRAINED:
                ids = whole_words(ids, encoded.continues)
            best = probs.gather(1, ids[:, None]).squeeze(1)
            tags = [names[i] for i in ids.tolist()]
            spans[name] = [
                TaggedSpan(start, end, label, _mean_over(best, piece_starts, start, end))
                for start, end, label in decode_bio(tags, encoded.offsets)
            ]
        return TaggerOutput(spans, owned([hidden for _, hidden in window_outputs]), piece_starts)

    @torch.inference_mode()
    def _forward(self, encoded: list[Encoded], jobs: list[tuple[int, tuple[int, int]]]
                 ) -> list[tuple[dict[str, torch.Tensor], torch.Tensor]]:
        """Return per-piece label probabilities and hidden states of each (text index,
        window) job, special tokens stripped; the windows run as one padded batch."""
        cls, sep = self.tokenizer.cls_token_id, self.tokenizer.sep_token_id
        windows = [window for _, window in jobs]
        width = max(end - start for start, end in windows) + 2
        ids = torch.zeros((len(jobs), width), dtype=torch.long)
        casing = torch.zeros_like(ids)
        mask = torch.zeros_like(ids)
        for row, (text, (start, end)) in enumerate(jobs):
            length = end - start + 2
            ids[row, :length] = torch.tensor([cls, *encoded[text].input_ids[start:end], sep])
            casing[row, 1 : length - 1] = torch.tensor(encoded[text].casing[start:end])
            mask[row, :length] = 1
        ids, mask, casing = ids.to(self.device), mask.to(self.device), casing.to(self.device)
        with torch.autocast(self.device.type, dtype=torch.bfloat16, enabled=self.precision is Precision.BF16):
            hidden = self.network.hidden_states(ids, mask, casing)
            logits = self.network.label_logits(hidden)
        hidden = hidden.float().cpu()
        probs = {name: torch.softmax(value.float(), dim=-1).cpu() for name, value in logits.items()}
        return [
            ({name: value[row, 1 : end - start + 1] for name, value in probs.items()},
             hidden[row, 1 : end - start + 1])
            for row, (start, end) in enumerate(windows)
        ]


def _store_linear_in_bf16(network: TaggerNetwork) -> None:
    """Keep the linear layers' weights in bf16, the precision autocast runs them in anyway:
    the same outputs, without a bf16 copy of every weight made per forward pass (the worker's
    resident memory measured the same: the freed fp32 pages stay in the heap). Layer norms and
    embeddings stay fp32, as autocast computes them."""
    for module in network.modules():
        if isinstance(module, torch.nn.Linear):
            module.to(torch.bfloat16)


def _mean_over(best: torch.Tensor, piece_starts: list[int], start: int, end: int) -> float:
    """Return the mean top-label probability of the pieces of the span [start, end)."""
    first, last = bisect.bisect_left(piece_starts, start), bisect.bisect_left(piece_starts, end)
    return round(float(best[first:last].mean()), 4) if last > first else 0.0
