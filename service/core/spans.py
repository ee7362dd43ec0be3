"""Internal span types shared by every extractor, and the one overlap resolver
(SpanIndex, with filter_spans, outside and admit built on it)."""

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


LabelledSpan = tuple[int, int, str]


class SpanIndex:
    """The union of a set of spans, for overlap queries in O(log n): the one place an
    overlap between a span and others already taken is decided."""

    def __init__(self, spans: Iterable[HasExtent] = ()) -> None:
        # Disjoint components of the union, sorted; spans that touch share a component.
        self._starts: list[int] = []
        self._ends: list[int] = []
        for span in sorted(spans, key=lambda s: s.start):
            self.add(span)

    def overlaps(self, span: HasExtent) -> bool:
        """Return whether `span` overlaps any span of the index."""
        # Only the last component starting before the span's end can reach into it.
        i = bisect.bisect_left(self._starts, span.end)
        return bool(i) and self._ends[i - 1] > span.start

    def add(self, span: HasExtent) -> None:
        """Add `span` to the index, merging the components it overlaps or touches."""
        start, end = span.start, span.end
        first = bisect.bisect_left(self._ends, start)
        last = bisect.bisect_right(self._starts, end)
        if first < last:
            start, end = min(start, self._starts[first]), max(end, self._ends[last - 1])
            del self._starts[first:last], self._ends[first:last]
        self._starts.insert(first, start)
        self._ends.insert(first, end)


def filter_spans(spans: Iterable[T]) -> list[T]:
    """Return non-overlapping spans, longest first then earliest, sorted by start.

    The same rule as spaCy's `util.filter_spans`; every extractor resolves its
    own overlaps through this function only.
    """
    kept: list[T] = []
    index = SpanIndex()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if span.end > span.start and not index.overlaps(span):
            index.add(span)
            kept.append(span)
    return sorted(kept, key=lambda s: (s.start, s.end))


def outside(candidates: Iterable[T], taken: Iterable[HasExtent]) -> list[T]:
    """Return the candidates, in their order, that overlap no span of `taken`."""
    index = SpanIndex(taken)
    return [c for c in candidates if not index.overlaps(c)]


def admit(candidates: Iterable[T], taken: Iterable[HasExtent]) -> list[T]:
    """Return the candidates, in their order, that overlap neither a span of `taken`
    nor a candidate admitted before them."""
    index = SpanIndex(taken)
    admitted = []
    for candidate in candidates:
        if not index.overlaps(candidate):
            index.add(candidate)
            admitted.append(candidate)
    return admitted
