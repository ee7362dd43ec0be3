"""Runs extraction off the event loop: admission, readiness, and batching by a token budget.

Requests join one queue; each consumer takes the oldest waiting call plus as many
others as fit the token budget and runs them as one pipeline call in a worker
thread, so concurrent requests share the model's forward passes (the way
text-embeddings-inference batches), instead of running one by one.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import anyio.to_thread

from service.api.errors import NotReady, Overloaded
from service.api.metrics import Metrics
from service.api.render import render_extraction
from service.api.requests import Job
from service.api.schemas import ExtractResponse, ModelInfo, Timing
from service.pipeline import Pipeline

log = logging.getLogger("claimex.runner")
# Word pieces a text of n characters is reckoned to hold, for the batch budget.
CHARS_PER_TOKEN = 4


class Readiness(enum.StrEnum):
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"


@dataclass
class _Call:
    """One request's jobs waiting for a batch, and where its answer goes."""

    jobs: list[Job]
    answer: asyncio.Future
    queued: float = field(default_factory=time.perf_counter)

    @property
    def tokens(self) -> int:
        return sum(len(job.text) // CHARS_PER_TOKEN + 1 for job in self.jobs)


class ExtractionRunner:
    """Owns the pipeline: loads and warms it, admits calls, batches and runs them."""

    def __init__(self, metrics: Metrics, max_queue: int, threads: int, token_budget: int) -> None:
        self.metrics = metrics
        self.max_queue = max_queue
        self.threads = threads
        self.token_budget = token_budget
        self.pipeline: Pipeline | None = None
        self.state = Readiness.LOADING
        self._admitted = 0
        self._queue: asyncio.Queue[_Call] | None = None
        self._consumers: list[asyncio.Task] = []

    def load(self, load_pipeline: Callable[[Path], Pipeline], model_path: Path) -> None:
        """Load and warm the pipeline (blocking; run in a thread), then flip to ready."""
        try:
            pipeline = load_pipeline(model_path)
            pipeline.warm_up()
        except Exception:
            # Not swallowed: liveness fails from here on, so the orchestrator restarts us.
            log.exception("pipeline failed to load from %s", model_path)
            self.state = Readiness.FAILED
            return
        self.pipeline = pipeline
        self.state = Readiness.READY
        log.info("pipeline loaded and warmed")

    async def extract(self, jobs: list[Job]) -> list[ExtractResponse]:
        """Return the responses of `jobs` in order; raise NotReady or Overloaded."""
        queue = self._admit()
        call = _Call(jobs, asyncio.get_running_loop().create_future())
        self._admitted += 1
        try:
            queue.put_nowait(call)
            return await call.answer
        finally:
            self._admitted -= 1

    def submit_each(self, jobs: list[Job]) -> list[asyncio.Future]:
        """Queue each job as its own call under one admission; return their futures in order.

        Each future resolves to a one-response list as soon as its batch is done, so a
        caller can stream results in order; raise NotReady or Overloaded before queueing any.
        """
        queue = self._admit()
        loop = asyncio.get_running_loop()
        calls = [_Call([job], loop.create_future()) for job in jobs]
        self._admitted += 1
        undone = len(calls)

        def release(_: asyncio.Future) -> None:
            # Run before any awaiting task resumes, so the admission is free once the last answer is.
            nonlocal undone
            undone -= 1
            if undone == 0:
                self._admitted -= 1

        for call in calls:
            call.answer.add_done_callback(release)
            queue.put_nowait(call)
        return [call.answer for call in calls]

    def _admit(self) -> asyncio.Queue[_Call]:
        if self.pipeline is None:
            raise NotReady("the model is loading; retry shortly")
        if self._admitted >= self.max_queue:
            self.metrics.rejected.inc()
            raise Overloaded(f"{self._admitted} extraction calls are queued; retry shortly")
        return self._start_consumers()

    def is_full(self) -> bool:
        """Return whether a new extraction call would be refused as Overloaded now (reads nothing else)."""
        return self._admitted >= self.max_queue

    async def close(self) -> None:
        """Stop the consumers (at shutdown)."""
        for task in self._consumers:
            task.cancel()
        await asyncio.gather(*self._consumers, return_exceptions=True)
        self._consumers.clear()

    def _start_consumers(self) -> asyncio.Queue[_Call]:
        if self._queue is None:
            self._queue = asyncio.Queue()
            self._consumers = [asyncio.create_task(self._consume(self._queue)) for _ in range(self.threads)]
        return self._queue

    async def _consume(self, queue: asyncio.Queue[_Call]) -> None:
        carried: _Call | None = None
        while True:
            batch = [carried or await queue.get()]
            carried = None
            tokens = batch[0].tokens
            while not queue.empty():
                call = queue.get_nowait()
                if tokens + call.tokens > self.token_budget:
                    carried = call
                    break
                batch.append(call)
                tokens += call.tokens
            await self._run_batch(batch)

    async def _run_batch(self, batch: list[_Call]) -> None:
        # A client that went away cancelled its future: its documents are not run.
        batch = [call for call in batch if not call.answer.done()]
        if not batch:
            return
        started = time.perf_counter()
        for call in batch:
            self.metrics.queue_duration.observe(started - call.queued)
        jobs = [job for call in batch for job in call.jobs]
        waits = [started - call.queued for call in batch for _ in call.jobs]
        self.metrics.batch_size.observe(len(jobs))
        try:
            responses = await anyio.to_thread.run_sync(self._run_jobs, jobs, waits)
        except Exception as exc:  # the handlers turn it into a problem response
            for call in batch:
                if not call.answer.done():
                    call.answer.set_exception(exc)
            return
        cursor = 0
        for call in batch:
            if not call.answer.done():  # a client that went away cancelled its future
                call.answer.set_result(responses[cursor : cursor + len(call.jobs)])
            cursor += len(call.jobs)

    def _run_jobs(self, jobs: list[Job], waits: list[float]) -> list[ExtractResponse]:
        started = time.perf_counter()
        responses = run_jobs(self.pipeline, jobs, waits)
        self.metrics.inference_duration.observe(time.perf_counter() - started)
        return responses


def run_jobs(pipeline: Pipeline, jobs: list[Job], waits: list[float] | None = None) -> list[ExtractResponse]:
    """Return the responses for `jobs`, extracted as one batch (blocking: call off the event loop).

    `waits` are the seconds each job queued; `extraction_ms` in each response is the
    whole batch's time, since its documents ran together.
    """
    started = time.perf_counter()
    extractions = pipeline.extract_many([(job.text, job.published_at) for job in jobs])
    extraction_ms = round((time.perf_counter() - started) * 1000, 3)
    models = [ModelInfo(name=m.name, version=m.version) for m in (pipeline.tagger, pipeline.checkworthiness)]
    return [
        render_extraction(e, job.id, models, Timing(queue_ms=round(wait * 1000, 3), extraction_ms=extraction_ms),
                          job.min_score)
        for e, job, wait in zip(extractions, jobs, waits or [0.0] * len(jobs), strict=True)
    ]


def load_in_background(runner: ExtractionRunner, load_pipeline: Callable[[Path], Pipeline],
                       model_path: Path) -> threading.Thread:
    """Start loading the pipeline in a daemon thread and return it."""
    thread = threading.Thread(target=runner.load, args=(load_pipeline, model_path),
                              name="claimex-load", daemon=True)
    thread.start()
    return thread
