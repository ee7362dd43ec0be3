"""Model-free parts of the tagger: windows, BIO decoding, casing."""

from hypothesis import given
from hypothesis import strategies as st

from service.inference.bio import bio_labels, decode_bio, encode_bio
from service.inference.casing import Casing, casing_ids, casing_of
from service.inference.windows import owned_ranges, plan_windows


def test_short_sequences_are_one_window():
    assert plan_windows(10, size=512, stride=384) == [(0, 10)]


def test_long_sequences_are_covered_with_overlap_and_end_exactly():
    assert plan_windows(1000, size=512, stride=384) == [(0, 512), (384, 896), (488, 1000)]


@given(st.integers(1, 3000), st.integers(8, 600), st.data())
def test_owned_ranges_tile_the_tokens_inside_their_windows(n_tokens, size, data):
    stride = data.draw(st.integers(1, size))
    windows = plan_windows(n_tokens, size, stride)
    ranges = owned_ranges(windows)
    assert ranges[0][0] == 0 and ranges[-1][1] == n_tokens
    for (first, last), (start, end), following in zip(ranges, windows, ranges[1:] + [None]):
        assert start <= first <= last <= end and end - start <= size
        if following is not None:
            assert last == following[0]


def test_overlaps_are_split_in_the_middle():
    windows = plan_windows(1000, size=512, stride=384)
    assert owned_ranges(windows) == [(0, 448), (448, 692), (692, 1000)]


def test_bio_round_trip_on_word_pieces():
    text = "Daniel Montalvo, 19, said"
    offsets = [(0, 0), (0, 6), (7, 11), (11, 13), (13, 15), (15, 16), (17, 19), (19, 20), (21, 25), (0, 0)]
    gold = [(0, 15, "source"), (17, 19, "quantity"), (21, 25, "cue")]
    pieces = offsets[1:-1]
    tags = encode_bio(gold, pieces)
    assert tags == ["B-source", "I-source", "I-source", "I-source", "O", "B-quantity", "O", "B-cue"]
    assert decode_bio(["O", *tags, "O"], offsets) == gold
    tags = ["O", *tags, "O"]
    assert [text[s:e] for s, e, _ in decode_bio(tags, offsets)] == ["Daniel Montalvo", "19", "said"]


def test_nested_gold_spans_give_the_inner_span_its_pieces():
    offsets = [(0, 3), (4, 7), (8, 11), (12, 15)]
    assert encode_bio([(0, 15, "content"), (4, 7, "source")], offsets) == [
        "B-content", "B-source", "I-content", "I-content"]


def test_lenient_decoding_of_stray_inside_tags():
    offsets = [(0, 2), (3, 5), (6, 8)]
    assert decode_bio(["I-cue", "I-source", "I-source"], offsets) == [(0, 2, "cue"), (3, 8, "source")]


def test_label_list_puts_outside_first():
    assert bio_labels(["date", "time"]) == ["O", "B-date", "I-date", "B-time", "I-time"]


def test_casing_classes_of_whole_words():
    assert [casing_of(w) for w in ("said", "Montalvo", "NASA", "iPhone", "19", "A")] == [
        Casing.LOWER, Casing.TITLE, Casing.UPPER, Casing.MIXED, Casing.NONE, Casing.TITLE]
    text = "Montalvo said"
    assert casing_ids(text, [(0, 0), (0, 4), (4, 6), (6, 8), (9, 13)]) == [0, 2, 2, 2, 1]
