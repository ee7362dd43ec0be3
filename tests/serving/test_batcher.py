"""The runner with a fake pipeline: batching, failure isolation, supervision, deadlines,
cancellation and turns. No model; the asyncio waits are hang guards, not speed checks."""

import asyncio
import logging
import threading

import anyio
import pytest

from service.api.errors import DeadlineExceeded, ExtractionFailed, NotReady, Overloaded
from service.api.metrics import Metrics
from service.api.requests import Job
from service.serving import batcher
from service.serving.batcher import ExtractionRunner, Readiness

HANG_GUARD_S = 30


def runner_of(pipeline, **options) -> ExtractionRunner:
    options = {"max_queue": 10, "threads": 1, "token_budget": 8192, **options}
    runner = ExtractionRunner(Metrics(), options.pop("max_queue"), options.pop("threads"),
                              options.pop("token_budget"), **options)
    runner.pipeline = pipeline
    runner.state = Readiness.READY
    return runner


def jobs(*texts: str) -> list[Job]:
    return [Job(text, None, text) for text in texts]


async def outcome(awaitable):
    """Return the result of `awaitable`, or the exception it raised."""
    try:
        return await asyncio.wait_for(awaitable, HANG_GUARD_S)
    except Exception as exc:  # noqa: BLE001 - the test inspects it
        return exc


async def started(pipeline, text: str) -> None:
    await anyio.to_thread.run_sync(pipeline.wait_for, text)


def test_calls_waiting_together_share_one_pipeline_call(fake_pipeline):
    gate = threading.Event()
    pipeline = fake_pipeline(gates={"first": gate})
    runner = runner_of(pipeline)

    async def scenario():
        first = asyncio.ensure_future(runner.extract(jobs("first")))
        await started(pipeline, "first")
        rest = [asyncio.ensure_future(runner.extract(jobs(text))) for text in ("a", "b", "c")]
        await asyncio.sleep(0)
        gate.set()
        answers = [await outcome(call) for call in (first, *rest)]
        await runner.close()
        return answers

    answers = anyio.run(scenario)
    assert [a[0].id for a in answers] == ["first", "a", "b", "c"]
    assert pipeline.calls == [["first"], ["a", "b", "c"]]


def test_the_token_budget_bounds_a_batch(fake_pipeline):
    gate = threading.Event()
    pipeline = fake_pipeline(gates={"first": gate})
    runner = runner_of(pipeline, token_budget=12)
    # Each text is reckoned at 5-6 pieces: two fit the budget of 12, three do not.
    texts = ["Two sentences here.", "Three sentences here.", "Four sentences, too."]

    async def scenario():
        first = asyncio.ensure_future(runner.extract(jobs("first")))
        await started(pipeline, "first")
        rest = [asyncio.ensure_future(runner.extract(jobs(text))) for text in texts]
        await asyncio.sleep(0)
        gate.set()
        for call in (first, *rest):
            await outcome(call)
        await runner.close()

    anyio.run(scenario)
    assert pipeline.calls == [["first"], texts[:2], texts[2:]]


def test_a_full_queue_refuses_with_overloaded(fake_pipeline):
    gate = threading.Event()
    pipeline = fake_pipeline(gates={"first": gate})
    runner = runner_of(pipeline, max_queue=1)

    async def scenario():
        first = asyncio.ensure_future(runner.extract(jobs("first")))
        await started(pipeline, "first")
        refused = await outcome(runner.extract(jobs("second")))
        gate.set()
        answer = await outcome(first)
        await runner.close()
        return answer, refused

    answer, refused = anyio.run(scenario)
    assert answer[0].id == "first" and isinstance(refused, Overloaded)


def test_one_failing_document_fails_only_its_own_call(fake_pipeline, caplog):
    gate = threading.Event()
    pipeline = fake_pipeline(failing=("broken",), gates={"first": gate})
    runner = runner_of(pipeline)

    async def scenario():
        first = asyncio.ensure_future(runner.extract(jobs("first")))
        await started(pipeline, "first")
        batched = [asyncio.ensure_future(runner.extract(jobs(text))) for text in ("a", "broken", "b")]
        await asyncio.sleep(0)
        gate.set()
        answers = [await outcome(call) for call in (first, *batched)]
        await runner.close()
        return answers

    held, good, failed, other = anyio.run(scenario)
    assert (held[0].id, good[0].id, other[0].id) == ("first", "a", "b")
    assert isinstance(failed, ExtractionFailed) and failed.detail == "internal error"
    # The batch failed once, then each of its documents ran alone.
    assert pipeline.calls[1:] == [["a", "broken", "b"], ["a"], ["broken"], ["b"]]
    assert caplog.text.count("RuntimeError: model failure") == 1  # the trace is logged once, for the bad document


def test_a_document_failing_in_a_batch_request_fails_that_request_only(fake_pipeline):
    pipeline = fake_pipeline(failing=("broken",))
    runner = runner_of(pipeline)

    async def scenario():
        both = [asyncio.ensure_future(runner.extract(jobs(*texts))) for texts in (("a", "broken"), ("b", "c"))]
        answers = [await outcome(call) for call in both]
        await runner.close()
        return answers

    failed, good = anyio.run(scenario)
    assert isinstance(failed, ExtractionFailed)
    assert [r.id for r in good] == ["b", "c"]


def test_a_consumer_that_fails_outside_its_batch_is_restarted(fake_pipeline, monkeypatch, caplog):
    pipeline = fake_pipeline()
    runner = runner_of(pipeline)
    finish = runner._finish
    failures = iter([True])

    def finish_once_broken(batch, outcomes):
        if next(failures, False):
            raise RuntimeError("bookkeeping bug")
        finish(batch, outcomes)

    monkeypatch.setattr(runner, "_finish", finish_once_broken)

    async def scenario():
        lost = await outcome(runner.extract(jobs("first")))
        later = await outcome(runner.extract(jobs("second")))
        await runner.close()
        return lost, later

    lost, later = anyio.run(scenario)
    # The call the consumer held is answered, not left hanging; the next one is served.
    assert isinstance(lost, ExtractionFailed)
    assert later[0].id == "second" and runner.state is Readiness.READY
    assert "extraction consumer 0 failed" in caplog.text and "bookkeeping bug" in caplog.text


def test_a_consumer_that_keeps_failing_fails_readiness_and_answers_every_call(fake_pipeline, monkeypatch):
    pipeline = fake_pipeline()
    runner = runner_of(pipeline, threads=2, token_budget=1)  # every call a batch of its own

    def broken(batch, outcomes):
        raise RuntimeError("bookkeeping bug")

    monkeypatch.setattr(runner, "_finish", broken)

    async def scenario():
        calls = [asyncio.ensure_future(runner.extract(jobs(f"doc {i}"))) for i in range(batcher.MAX_CRASHES + 3)]
        answers = [await outcome(call) for call in calls]
        after = await outcome(runner.extract(jobs("after")))
        await runner.close()
        return answers, after

    answers, after = anyio.run(scenario)
    assert runner.state is Readiness.FAILED
    assert all(isinstance(a, (ExtractionFailed, NotReady)) for a in answers)
    assert isinstance(after, NotReady)


def test_past_the_deadline_a_call_is_answered_and_its_work_is_dropped(fake_pipeline):
    gate = threading.Event()
    pipeline = fake_pipeline(gates={"first": gate})
    runner = runner_of(pipeline, deadline_s=0.05)

    async def scenario():
        first = asyncio.ensure_future(runner.extract(jobs("first")))
        await started(pipeline, "first")
        queued = await outcome(runner.extract(jobs("queued")))
        held = await outcome(first)
        gate.set()
        after = await outcome(runner.extract(jobs("after")))  # a hang guard: the consumer lives on
        await runner.close()
        return queued, held, after

    queued, held, after = anyio.run(scenario)
    assert isinstance(queued, DeadlineExceeded) and isinstance(held, DeadlineExceeded)
    assert "deadline" in queued.detail
    # The queued call timed out before it started: it never ran.
    assert pipeline.texts == ["first", "after"]


def test_an_abandoned_call_is_not_started_and_a_started_one_stops_between_pieces(fake_pipeline):
    gate = threading.Event()
    big = ["x" * 400 + str(i) for i in range(3)]  # each ~101 pieces: over the budget, one piece each
    pipeline = fake_pipeline(gates={big[0]: gate})
    runner = runner_of(pipeline, token_budget=150)

    async def scenario():
        large = asyncio.ensure_future(runner.extract(jobs(*big)))
        await started(pipeline, big[0])
        queued = asyncio.ensure_future(runner.extract(jobs("queued")))
        await asyncio.sleep(0)
        large.cancel()  # the clients went away
        queued.cancel()
        gate.set()
        after = await outcome(runner.extract(jobs("after")))
        await runner.close()
        return after

    after = anyio.run(scenario)
    assert after[0].id == "after"
    assert pipeline.texts == [big[0], "after"]


def test_small_calls_are_served_while_a_large_one_holds_a_thread(fake_pipeline):
    gate = threading.Event()
    big = ["x" * 400 + str(i) for i in range(2)]
    pipeline = fake_pipeline(gates={big[0]: gate})
    runner = runner_of(pipeline, threads=2, token_budget=150)

    async def scenario():
        large = asyncio.ensure_future(runner.extract(jobs(*big)))
        await started(pipeline, big[0])
        small = await outcome(runner.extract(jobs("small")))
        # The large call's first piece is still held at its gate.
        held = not large.done()
        gate.set()
        answer = await outcome(large)
        await runner.close()
        return small, held, answer

    small, held, answer = anyio.run(scenario)
    assert small[0].id == "small" and held
    assert [r.id for r in answer] == big
    # Each piece of the large call ran alone, never two at once (one thread stays for small calls).
    assert pipeline.calls == [[big[0]], ["small"], [big[1]]]


def test_streamed_jobs_are_answered_one_by_one_and_a_cancelled_one_is_not_run(fake_pipeline):
    gate = threading.Event()
    pipeline = fake_pipeline(gates={"first": gate})
    runner = runner_of(pipeline, token_budget=1)  # every document a call of its own

    async def scenario():
        pending = runner.submit_each(jobs("first", "second", "third"))
        await started(pipeline, "first")
        pending[1].cancel()
        gate.set()
        first, third = await outcome(pending[0]), await outcome(pending[2])
        await runner.close()
        return first, third

    first, third = anyio.run(scenario)
    assert (first[0].id, third[0].id) == ("first", "third")
    assert pipeline.texts == ["first", "third"]


def test_no_jobs_are_answered_at_once_and_hold_no_admission(fake_pipeline):
    pipeline = fake_pipeline()
    runner = runner_of(pipeline, max_queue=1)

    async def scenario():
        answers = (await outcome(runner.extract([])), runner.submit_each([]))
        after = await outcome(runner.extract(jobs("after")))
        await runner.close()
        return answers, after

    (none, no_futures), after = anyio.run(scenario)
    assert none == [] and no_futures == [] and after[0].id == "after"
    assert pipeline.calls == [["after"]]


def test_close_answers_the_calls_still_waiting(fake_pipeline):
    gate = threading.Event()
    pipeline = fake_pipeline(gates={"first": gate})
    runner = runner_of(pipeline)

    async def scenario():
        first = asyncio.ensure_future(runner.extract(jobs("first")))
        await started(pipeline, "first")
        waiting = asyncio.ensure_future(runner.extract(jobs("waiting")))
        await asyncio.sleep(0)
        await runner.close()
        gate.set()
        return await outcome(first), await outcome(waiting)

    first, waiting = anyio.run(scenario)
    assert isinstance(first, NotReady) and isinstance(waiting, NotReady)


@pytest.mark.parametrize("threads", [1, 2])
def test_every_call_of_a_mixed_load_is_answered_in_order(fake_pipeline, threads):
    pipeline = fake_pipeline()
    runner = runner_of(pipeline, threads=threads, token_budget=50)
    requests = [[f"{i}-{j} " + "y" * (37 * i % 300) for j in range(1 + i % 4)] for i in range(40)]

    async def scenario():
        calls = [asyncio.ensure_future(runner.extract(jobs(*texts))) for texts in requests]
        answers = [await outcome(call) for call in calls]
        await runner.close()
        return answers

    runner.max_queue = len(requests)
    answers = anyio.run(scenario)
    assert [[r.id for r in answer] for answer in answers] == requests
    assert sorted(pipeline.texts) == sorted(text for texts in requests for text in texts)


def test_logs_name_no_article_text(fake_pipeline, caplog):
    caplog.set_level(logging.DEBUG)
    pipeline = fake_pipeline(failing=("secret article text",))
    runner = runner_of(pipeline)

    async def scenario():
        await outcome(runner.extract(jobs("secret article text")))
        await runner.close()

    anyio.run(scenario)
    assert "extraction failed on a document of 19 characters" in caplog.text
    assert "secret article text" not in caplog.text
