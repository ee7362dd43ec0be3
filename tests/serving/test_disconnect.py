"""A client that leaves while its extraction waits: the work is cancelled, not done."""

import asyncio
import threading

import anyio
import pytest

from service.api.errors import ClientDisconnected
from service.api.metrics import Metrics
from service.api.requests import Job
from service.serving.batcher import ExtractionRunner, Readiness
from service.serving.disconnect import cancelled_if_client_leaves


def ready_runner(pipeline) -> ExtractionRunner:
    runner = ExtractionRunner(Metrics(), max_queue=10, threads=1, token_budget=8192)
    runner.pipeline, runner.state = pipeline, Readiness.READY
    return runner


def test_a_client_that_leaves_cancels_its_queued_extraction(fake_pipeline):
    gate = threading.Event()
    pipeline = fake_pipeline(gates={"first": gate})
    runner = ready_runner(pipeline)
    left = asyncio.Event()

    async def receive():
        await left.wait()
        return {"type": "http.disconnect"}

    async def scenario():
        first = asyncio.ensure_future(runner.extract([Job("first", None, "first")]))
        await anyio.to_thread.run_sync(pipeline.wait_for, "first")
        waiting = asyncio.ensure_future(
            cancelled_if_client_leaves(receive, runner.extract([Job("gone", None, "gone")])))
        await asyncio.sleep(0)
        left.set()
        with pytest.raises(ClientDisconnected):
            await asyncio.wait_for(waiting, 30)
        gate.set()
        await asyncio.wait_for(first, 30)
        after = await asyncio.wait_for(runner.extract([Job("after", None, "after")]), 30)
        await runner.close()
        return after

    after = anyio.run(scenario)
    assert after[0].id == "after"
    assert pipeline.texts == ["first", "after"]


def test_a_client_that_stays_gets_its_answer(fake_pipeline):
    runner = ready_runner(fake_pipeline())

    async def receive():
        await asyncio.Event().wait()  # the client never leaves

    async def scenario():
        answer = await asyncio.wait_for(
            cancelled_if_client_leaves(receive, runner.extract([Job("stays", None, "stays")])), 30)
        await runner.close()
        return answer

    assert anyio.run(scenario)[0].id == "stays"
