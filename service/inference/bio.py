"""BIO tags over word pieces -> character spans, through the tokenizer's offsets.

Text is never rebuilt from word pieces: a span is the character range from its
first piece's start to its last piece's end, sliced from the text by the caller.
"""

from __future__ import annotations

import bisect
import enum
from collections.abc import Sequence

import numpy as np
import torch

OUTSIDE = "O"


class Decoding(enum.StrEnum):
    """How per-piece label probabilities become tags."""

    GREEDY = "greedy"  # each piece its most probable label; a stray I- tag starts a span
    CONSTRAINED = "constrained"  # the most probable valid BIO path, in whole words (constrained_tags, whole_words)


def bio_labels(span_labels: Sequence[str]) -> list[str]:
    """Return the BIO label list for span labels, 'O' first: O, B-x, I-x, B-y, I-y, ..."""
    return [OUTSIDE] + [f"{prefix}-{label}" for label in span_labels for prefix in ("B", "I")]


def constrained_tags(probs: torch.Tensor) -> torch.Tensor:
    """Return the label index of each piece on a most probable valid BIO path.

    `probs` is (pieces, labels) in `bio_labels` order. A valid path never has I-x except
    right after B-x or I-x. Where the per-piece argmax is already valid it is that path
    (nothing can score higher). Otherwise the text splits where the path need not carry a
    span through: at a piece where no I-x is likelier than its B-x, some best path has no
    I- label (swap an I-x there for B-x: still valid, no less probable), and since O and
    B-y may follow anything, what comes before is then the best path of its own part.
    Each part whose argmax is invalid gets a Viterbi search over log probabilities; the
    rest keep their argmax. The parts are short, so the search costs little.
    """
    ids = probs.argmax(dim=-1)
    if ids.numel() == 0 or _valid(ids):
        return ids
    values = probs.double().numpy()
    cuts = np.flatnonzero((values[1:, 1::2] >= values[1:, 2::2]).all(axis=1)) + 1
    starts = np.concatenate(([0], cuts))
    ends = np.concatenate((cuts, [len(values)]))
    tags = ids.numpy().copy()
    for part in np.unique(np.searchsorted(starts, _invalid_positions(tags, starts), side="right") - 1):
        first, last = int(starts[part]), int(ends[part])
        tags[first:last] = _viterbi(np.log(values[first:last] + 1e-12))
    return torch.from_numpy(tags)


def _invalid_positions(tags: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Return where an I-x tag follows neither B-x nor I-x (a part's first piece follows nothing)."""
    inside = (tags % 2 == 0) & (tags > 0)
    previous = np.concatenate(([0], tags[:-1]))
    previous[starts] = 0
    return np.flatnonzero(inside & (previous != tags) & (previous != tags - 1))


def _viterbi(scores: np.ndarray) -> np.ndarray:
    """Return the most probable valid BIO path through (pieces, labels) log probabilities."""
    width = scores.shape[1]
    penalty = np.where(_allowed(width), 0.0, -np.inf)
    inside = np.arange(width) % 2 == 0
    inside[0] = False
    best = np.where(inside, -np.inf, scores[0])
    back = np.zeros(scores.shape, dtype=np.int64)
    columns = np.arange(width)
    for t in range(1, len(scores)):
        candidates = best[:, None] + penalty
        back[t] = candidates.argmax(axis=0)
        best = candidates[back[t], columns] + scores[t]
    path = [int(best.argmax())]
    for t in range(len(scores) - 1, 0, -1):
        path.append(int(back[t, path[-1]]))
    return np.array(path[::-1], dtype=np.int64)


def whole_words(ids: torch.Tensor, continues: Sequence[bool]) -> torch.Tensor:
    """Return the tags with every piece that continues a word ("##d" after "analyse")
    tagged as its word's first piece says: outside stays outside, B-x and I-x go on as I-x.
    A span then never starts or ends inside a word. The path stays valid."""
    tags = ids.tolist()
    for i in range(1, len(tags)):
        previous = tags[i - 1]
        if continues[i]:
            tags[i] = previous if previous == 0 or previous % 2 == 0 else previous + 1
        elif tags[i] > 0 and tags[i] % 2 == 0 and previous not in (tags[i] - 1, tags[i]):
            tags[i] -= 1  # an I-y whose span the word before took over now begins one: B-y
    return torch.tensor(tags, dtype=ids.dtype)


def _valid(ids: torch.Tensor) -> bool:
    """Return whether every I-x tag (even index > 0) follows B-x or I-x."""
    inside = (ids % 2 == 0) & (ids > 0)
    if bool(inside[0]):
        return False
    previous = ids[:-1]
    current = ids[1:]
    ok = (previous == current) | (previous == current - 1)
    return bool((ok | ~inside[1:]).all())


def _allowed(width: int) -> np.ndarray:
    """Return the (previous, next) label pairs a BIO path may take."""
    allowed = np.ones((width, width), dtype=bool)
    for inside in range(2, width, 2):
        allowed[:, inside] = False
        allowed[inside - 1, inside] = allowed[inside, inside] = True
    return allowed


def decode_bio(
    tags: Sequence[str], offsets: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """Return (start, end, label) character spans from per-piece BIO tags.

    Pieces with empty offsets (special tokens) are skipped and close no span; an
    I- tag that does not continue a span of its label starts one (lenient decoding).
    """
    spans: list[tuple[int, int, str]] = []
    current: list | None = None
    for tag, (start, end) in zip(tags, offsets, strict=True):
        if end <= start:
            continue
        if tag == OUTSIDE:
            current = _close(spans, current)
            continue
        prefix, _, label = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == label:
            current[1] = end
            continue
        _close(spans, current)
        current = [start, end, label]
    _close(spans, current)
    return spans


def _close(spans: list[tuple[int, int, str]], current: list | None) -> None:
    if current is not None:
        spans.append((current[0], current[1], current[2]))


def encode_bio(
    spans: Sequence[tuple[int, int, str]], offsets: Sequence[tuple[int, int]]
) -> list[str]:
    """Return per-piece BIO tags for gold character spans (training targets).

    `offsets` must be in text order (pieces without special tokens). A piece
    belongs to a span when it overlaps it; the first such piece is B-. Where gold
    spans nest, the shorter (inner) span wins its pieces.
    """
    ends = [end for _, end in offsets]
    tags = [OUTSIDE] * len(offsets)
    for start, end, label in sorted(spans, key=lambda s: s[0] - s[1]):
        first = True
        i = bisect.bisect_right(ends, start)
        while i < len(offsets) and offsets[i][0] < end:
            if offsets[i][1] > offsets[i][0]:
                tags[i] = f"{'B' if first else 'I'}-{label}"
                first = False
            i += 1
    return tags
