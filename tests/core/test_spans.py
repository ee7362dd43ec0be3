from hypothesis import given
from hypothesis import strategies as st

from service.core.spans import Span, SpanIndex, admit, filter_spans, outside


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


spans_strategy = st.lists(st.tuples(st.integers(0, 50), st.integers(1, 12)), max_size=30).map(
    lambda raw: [Span(start=s, end=s + n) for s, n in raw])


@given(spans_strategy, spans_strategy)
def test_the_index_answers_as_a_scan_of_every_span_would(taken, queries):
    index = SpanIndex(taken)
    for query in queries:
        assert index.overlaps(query) == any(query.overlaps(t) for t in taken)


@given(spans_strategy, spans_strategy)
def test_outside_keeps_exactly_the_candidates_that_overlap_nothing_taken(candidates, taken):
    assert outside(candidates, taken) == [c for c in candidates if not any(c.overlaps(t) for t in taken)]


@given(spans_strategy, spans_strategy)
def test_admit_is_greedy_in_the_given_order(candidates, taken):
    admitted = []
    for c in candidates:
        if not any(c.overlaps(t) for t in [*taken, *admitted]):
            admitted.append(c)
    assert admit(candidates, taken) == admitted


def test_touching_spans_do_not_overlap():
    index = SpanIndex([Span(start=0, end=5), Span(start=5, end=9)])
    assert not index.overlaps(Span(start=9, end=12))
    assert index.overlaps(Span(start=4, end=6))
