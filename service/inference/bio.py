"""BIO tags over word pieces -> character spans, through the tokenizer's offsets.

Text is never rebuilt from word pieces: a span is the character range from its
first piece's start to its last piece's end, sliced from the text by the caller.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

OUTSIDE = "O"


def bio_labels(span_labels: Sequence[str]) -> list[str]:
    """Return the BIO label list for span labels, 'O' first: O, B-x, I-x, B-y, I-y, ..."""
    return [OUTSIDE] + [f"{prefix}-{label}" for label in span_labels for prefix in ("B", "I")]


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
