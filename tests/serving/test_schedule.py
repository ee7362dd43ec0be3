"""The schedule: pieces within the budget, small calls batched, large calls taking turns."""

import asyncio

import pytest

from service.api.requests import Job
from service.serving.schedule import Call, Schedule, job_tokens, plan_pieces


def test_pieces_are_consecutive_runs_within_the_budget_and_a_long_item_is_alone():
    assert plan_pieces([3, 3, 3, 20, 1, 1], budget=7) == [[0, 1], [2], [3], [4, 5]]
    assert plan_pieces([], budget=7) == []


def text_of(tokens: int) -> str:
    # job_tokens reckons len // 4 + 1 pieces.
    return "x" * (4 * (tokens - 1))


@pytest.fixture()
def loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def call_of(loop, *tokens: int, budget: int = 10) -> Call:
    jobs = [Job(text_of(t), None, str(i)) for i, t in enumerate(tokens)]
    assert [job_tokens(job) for job in jobs] == list(tokens)
    return Call(jobs, loop.create_future(), budget)


def taken(batch) -> list[tuple[Call, list[int]]]:
    return [(piece.call, piece.indices) for piece in batch]


def test_small_calls_share_a_batch_up_to_the_budget(loop):
    schedule = Schedule(token_budget=10)
    a, b, c = call_of(loop, 4), call_of(loop, 5), call_of(loop, 3)
    for call in (a, b, c):
        schedule.add(call)
    assert taken(schedule.take(large_allowed=True)) == [(a, [0]), (b, [0])]
    assert taken(schedule.take(large_allowed=True)) == [(c, [0])]
    assert schedule.take(large_allowed=True) == []


def test_a_large_call_runs_piece_by_piece_taking_turns_with_the_calls_behind_it(loop):
    schedule = Schedule(token_budget=10)
    large, small = call_of(loop, 8, 8, 8), call_of(loop, 2)
    schedule.add(large)
    schedule.add(small)
    assert large.large and not small.large
    assert taken(schedule.take(large_allowed=True)) == [(large, [0])]
    # The large call went to the back of the line: the small one is next.
    assert taken(schedule.take(large_allowed=True)) == [(small, [0])]
    assert taken(schedule.take(large_allowed=True)) == [(large, [1])]
    assert taken(schedule.take(large_allowed=True)) == [(large, [2])]
    assert large.running == 3 and not large.pieces and not large.finished


def test_when_large_pieces_are_not_allowed_small_calls_pass_them(loop):
    schedule = Schedule(token_budget=10)
    large, small = call_of(loop, 30), call_of(loop, 2)
    schedule.add(large)
    schedule.add(small)
    assert taken(schedule.take(large_allowed=False)) == [(small, [0])]
    assert schedule.take(large_allowed=False) == []
    assert taken(schedule.take(large_allowed=True)) == [(large, [0])]


def test_a_call_whose_answer_is_set_is_dropped_before_it_starts(loop):
    schedule = Schedule(token_budget=10)
    left, stays = call_of(loop, 8, 8, 8), call_of(loop, 2)
    schedule.add(left)
    schedule.add(stays)
    assert taken(schedule.take(large_allowed=True)) == [(left, [0])]
    left.answer.cancel()  # the client went away after its first piece started
    assert taken(schedule.take(large_allowed=True)) == [(stays, [0])]
    assert schedule.take(large_allowed=True) == [] and len(schedule) == 0
