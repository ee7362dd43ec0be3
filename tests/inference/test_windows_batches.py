"""Token-budget batching of tagger windows (no model needed)."""

from hypothesis import given
from hypothesis import strategies as st

from service.inference.windows import token_budget_batches


def test_short_rows_share_a_batch_and_long_rows_go_alone():
    lengths = [100, 10, 12, 300, 11]
    assert token_budget_batches(lengths, budget=64) == [[1, 4, 2], [0], [3]]


@given(st.lists(st.integers(1, 200), max_size=60), st.integers(1, 600))
def test_every_row_once_and_budget_held_except_for_single_long_rows(lengths, budget):
    batches = token_budget_batches(lengths, budget)
    assert sorted(i for batch in batches for i in batch) == list(range(len(lengths)))
    for batch in batches:
        longest = max(lengths[i] for i in batch)
        assert len(batch) * longest <= budget or len(batch) == 1
