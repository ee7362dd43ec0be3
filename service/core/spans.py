"""Internal span types shared by every extractor, and the one overlap resolver."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

import msgspec


class Span(msgspec.Struct, frozen=True, kw_only=True):
    """A half-open character range [start, end) of the text it was found in."""

    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    """A span a model found (the tagger's output, read by fusion without torch): character offsets, label and mean label probability."""

    start: int
    end: int
    label: str
    confidence: float


class HasExtent(Protocol):
    start: int
    end: int


T = TypeVar("T", bound=HasExtent)


def filter_spans(spans: Iterable[T]) -> list[T]:
    """Return non-overlapping spans, longest first then earliest, sorted by start.

    The same rule as spaCy's `util.filter_spans`; every extractor resolves its
    own overlaps through this function only.
    """
    ordered = sorted(spans, key=lambda s: (-(s.end - s.start), s.start))
    kept: list[T] = []
    starts: list[int] = []
    ends: list[int] = []
    for span in ordered:
        if span.end <= span.start:
            continue
        # Kept spans never overlap, so only the last one starting before
        # this span's end can collide with it.
        i = bisect.bisect_left(starts, span.end)
        if i and ends[i - 1] > span.start:
            continue
        starts.insert(i, span.start)
        ends.insert(i, span.end)
        kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.end))
