from hypothesis import given
from hypothesis import strategies as st

from service.core.spans import Span, filter_spans


def test_longest_first_then_earliest():
    spans = [Span(start=0, end=3), Span(start=2, end=8), Span(start=7, end=10), Span(start=9, end=12)]
    assert filter_spans(spans) == [Span(start=2, end=8), Span(start=9, end=12)]


def test_equal_length_keeps_the_earliest_and_drops_empty():
    spans = [Span(start=4, end=6), Span(start=3, end=5), Span(start=8, end=8)]
    assert filter_spans(spans) == [Span(start=3, end=5)]


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 20)), max_size=40))
def test_result_never_overlaps_and_every_dropped_span_collides_with_a_kept_one(raw):
    spans = [Span(start=s, end=s + n) for s, n in raw]
    kept = filter_spans(spans)
    for a, b in zip(kept, kept[1:]):
        assert a.end <= b.start
    for span in spans:
        if span.length > 0 and span not in kept:
            assert any(span.overlaps(k) and k.length >= span.length for k in kept)
