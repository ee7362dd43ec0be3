"""Model-free parts of the tagger: windows, BIO decoding, casing."""

from hypothesis import given
from hypothesis import strategies as st

import itertools
import math

import numpy as np
import torch

from service.inference.bio import _viterbi, bio_labels, constrained_tags, decode_bio, encode_bio
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


LABELS = bio_labels(("source", "cue"))  # O, B-source, I-source, B-cue, I-cue


def _valid(path: list[int]) -> bool:
    names = [LABELS[i] for i in path]
    return all(
        not name.startswith("I-") or (i > 0 and names[i - 1][2:] == name[2:] and names[i - 1] != "O")
        for i, name in enumerate(names)
    )


def _log_probability(probs: torch.Tensor, path: list[int]) -> float:
    return sum(math.log(float(probs[t, label])) for t, label in enumerate(path))


@given(st.integers(1, 5), st.integers(0, 2**31 - 1))
def test_constrained_decoding_finds_the_most_probable_valid_path(length, seed):
    generator = torch.Generator().manual_seed(seed)
    probs = torch.softmax(torch.randn(length, len(LABELS), generator=generator) * 3, dim=-1)
    best = max((p for p in itertools.product(range(len(LABELS)), repeat=length) if _valid(list(p))),
               key=lambda p: _log_probability(probs, list(p)))
    found = constrained_tags(probs).tolist()
    assert _valid(found)
    assert math.isclose(_log_probability(probs, found), _log_probability(probs, list(best)), abs_tol=1e-6)


@given(st.integers(6, 80), st.integers(0, 2**31 - 1), st.floats(0.0, 4.0))
def test_decoding_by_parts_scores_as_one_search_over_the_whole_text(length, seed, outside_bias):
    # Long texts split into parts where no span need continue; the parts' paths together
    # must score as the one Viterbi search over every piece.
    generator = torch.Generator().manual_seed(seed)
    logits = torch.randn(length, len(LABELS), generator=generator) * 3
    logits[:, 0] += outside_bias
    probs = torch.softmax(logits, dim=-1)
    whole = _viterbi(np.log(probs.double().numpy() + 1e-12)).tolist()
    found = constrained_tags(probs).tolist()
    assert _valid(found)
    assert math.isclose(_log_probability(probs, found), _log_probability(probs, whole), abs_tol=1e-6)


def test_constrained_decoding_keeps_a_valid_argmax_and_mends_a_stray_inside_tag():
    # O  B-cue  I-cue : already valid, kept as is.
    valid = torch.tensor([[0.9, 0.02, 0.02, 0.03, 0.03], [0.1, 0.0, 0.0, 0.8, 0.1], [0.1, 0.0, 0.0, 0.1, 0.8]])
    assert constrained_tags(valid).tolist() == [0, 3, 4]
    # B-source then a piece whose argmax is I-cue: the valid path continues the source.
    stray = torch.tensor([[0.05, 0.8, 0.05, 0.05, 0.05], [0.05, 0.05, 0.4, 0.05, 0.45]])
    assert constrained_tags(stray).tolist() == [1, 2]


def test_pieces_that_continue_a_word_follow_its_first_piece():
    from service.inference.bio import whole_words

    # "has" "analyse" "##d" "effects": B-cue I-cue | B-source I-source  ->  the cut moves after "##d",
    # and "effects" begins the span it continued.
    ids = torch.tensor([3, 4, 1, 2])
    assert whole_words(ids, [False, False, True, False]).tolist() == [3, 4, 4, 1]
    assert whole_words(torch.tensor([0, 1, 3]), [False, False, True]).tolist() == [0, 1, 2]
    assert whole_words(torch.tensor([0, 0, 3]), [False, False, True]).tolist() == [0, 0, 0]
