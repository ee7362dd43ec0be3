"""Runs extraction off the event loop: admission, readiness, deadlines and supervised consumers.

Requests join one schedule (service.serving.schedule). Each consumer owns one inference
thread; it takes the next batch of pieces and runs it there as one pipeline call, so
concurrent small requests share the model's forward passes (the way
text-embeddings-inference batches), while a large request runs piece by piece, taking
turns with the others, on all but one of the threads.
"""

from __future__ import annotations

import asyncio
import enum
import functools
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from service.api.errors import DeadlineExceeded, ExtractionFailed, NotReady, Overloaded
from service.api.metrics import Metrics
from service.api.requests import Job
from service.api.schemas import ExtractResponse
from service.pipeline import Pipeline
from service.serving.memory import HeapTrimmer, cap_kernel_caches
from service.serving.jobs import run_jobs
from service.serving.schedule import CHARS_PER_TOKEN, Call, Piece, Schedule

__all__ = ["CHARS_PER_TOKEN", "ExtractionRunner", "Readiness", "load_in_background"]

log = logging.getLogger("claimex.runner")
# A consumer that fails this often within CRASH_WINDOW_S is not restarted: readiness and
# liveness fail instead, and the orchestrator replaces the pod.
MAX_CRASHES = 3
CRASH_WINDOW_S = 60.0


class Readiness(enum.StrEnum):
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"


class ExtractionRunner:
    """Owns the pipeline: loads and warms it, admits calls, schedules and runs them."""

    def __init__(self, metrics: Metrics, max_queue: int, threads: int, token_budget: int, *,
                 deadline_s: float | None = None) -> None:
        self.metrics = metrics
        self.max_queue = max_queue
        self.threads = threads
        self.token_budget = token_budget
        self.deadline_s = deadline_s
        self.pipeline: Pipeline | None = None
        self.state = Readiness.LOADING
        self._admitted = 0
        self._schedule = Schedule(token_budget)
        # Large pieces may use all threads but one, which stays free for small calls.
        self._large_lanes = max(1, threads - 1)
        self._large_running = 0
        self._changed: asyncio.Event | None = None
        self._consumers: dict[int, asyncio.Task] = {}
        self._executors: dict[int, ThreadPoolExecutor] = {}
        self._in_hand: dict[int, list[Piece]] = {}
        self._crashes: deque[float] = deque()
        self._closing = False
        self._trimmer = HeapTrimmer()

    def load(self, load_pipeline: Callable[[Path], Pipeline], model_path: Path) -> None:
        """Load and warm the pipeline (blocking; run in a thread), then flip to ready."""
        cap_kernel_caches()  # before the first forward pass compiles a kernel
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
        """Return the responses of `jobs` in order.

        Raise NotReady or Overloaded before queueing, DeadlineExceeded past the deadline,
        ExtractionFailed if a document failed. If the awaiting task is cancelled (the
        client left), the pieces of the call not yet started are dropped.
        """
        self._admit()
        call = self._enqueue(jobs, self.deadline_s)
        self._admitted += 1
        try:
            return await call.answer
        finally:
            self._admitted -= 1

    def submit_each(self, jobs: list[Job]) -> list[asyncio.Future]:
        """Queue each job as its own call under one admission; return their futures in order.

        Each future resolves to a one-response list as soon as its piece is done, so a
        caller can stream results in order; raise NotReady or Overloaded before queueing
        any. Cancelling a future drops its job if it has not started. No deadline: a stream
        sends each result as it is done, and closing it cancels the rest.
        """
        self._admit()
        if not jobs:
            return []
        calls = [self._enqueue([job], None) for job in jobs]
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
        return [call.answer for call in calls]

    def is_full(self) -> bool:
        """Return whether a new extraction call would be refused as Overloaded now (reads nothing else)."""
        return self._admitted >= self.max_queue

    async def close(self) -> None:
        """Stop the consumers and answer the calls still waiting (at shutdown)."""
        self._closing = True
        for task in self._consumers.values():
            task.cancel()
        await asyncio.gather(*self._consumers.values(), return_exceptions=True)
        self._consumers.clear()
        for executor in self._executors.values():
            executor.shutdown(wait=False, cancel_futures=True)
        self._executors.clear()
        self._fail(self._schedule.drain(), NotReady("the server is shutting down; retry shortly"))
        for pieces in self._in_hand.values():
            self._fail([piece.call for piece in pieces], NotReady("the server is shutting down; retry shortly"))
        self._in_hand.clear()
        self._large_running = 0

    def _admit(self) -> None:
        if self.state is Readiness.FAILED:
            raise NotReady("the extraction workers failed; the server is being replaced")
        if self.pipeline is None:
            raise NotReady("the model is loading; retry shortly")
        if self._admitted >= self.max_queue:
            self.metrics.rejected.inc()
            raise Overloaded(f"{self._admitted} extraction calls are queued; retry shortly")
        self._start_consumers()

    def _enqueue(self, jobs: list[Job], deadline_s: float | None) -> Call:
        loop = asyncio.get_running_loop()
        call = Call(jobs, loop.create_future(), self.token_budget)
        if not jobs:
            call.answer.set_result([])
            return call
        if deadline_s is not None:
            timer = loop.call_later(deadline_s, self._expire, call)
            call.answer.add_done_callback(lambda _: timer.cancel())
        self._schedule.add(call)
        self._changed.set()
        return call

    def _expire(self, call: Call) -> None:
        if not call.answer.done():
            call.answer.set_exception(DeadlineExceeded(
                f"extraction did not finish within the {self.deadline_s:g} s deadline; retry later"))

    def _start_consumers(self) -> None:
        if self._consumers:
            return
        self._closing = False
        self._changed = asyncio.Event()
        for lane in range(self.threads):
            self._executors[lane] = ThreadPoolExecutor(1, thread_name_prefix=f"claimex-inference-{lane}")
            self._start_consumer(lane)

    def _start_consumer(self, lane: int) -> None:
        task = asyncio.get_running_loop().create_task(self._consume(lane), name=f"claimex-consumer-{lane}")
        task.add_done_callback(functools.partial(self._consumer_exited, lane))
        self._consumers[lane] = task

    def _consumer_exited(self, lane: int, task: asyncio.Task) -> None:
        """Supervise a consumer: fail what it held, then restart it, or fail readiness if it keeps failing."""
        if task.cancelled() or self._closing:
            return
        log.error("extraction consumer %d failed; restarting it", lane, exc_info=task.exception())
        self._fail([piece.call for piece in self._in_hand.pop(lane, [])], ExtractionFailed("internal error"))
        now = time.monotonic()
        self._crashes.append(now)
        while self._crashes and self._crashes[0] < now - CRASH_WINDOW_S:
            self._crashes.popleft()
        if len(self._crashes) >= MAX_CRASHES:
            log.critical("extraction consumers failed %d times in %.0f s; readiness and liveness now fail",
                         len(self._crashes), CRASH_WINDOW_S)
            self.state = Readiness.FAILED
            self._fail(self._schedule.drain(), NotReady("the extraction workers failed; retry shortly"))
            return
        self._start_consumer(lane)

    async def _consume(self, lane: int) -> None:
        loop = asyncio.get_running_loop()
        while True:
            batch = await self._next_batch()
            self._in_hand[lane] = batch
            large = batch[0].call.large
            self._large_running += large
            try:
                outcomes = await loop.run_in_executor(self._executors[lane], self._run_pieces, batch)
            finally:
                self._large_running -= large
            self._finish(batch, outcomes)
            del self._in_hand[lane]
            self._changed.set()

    async def _next_batch(self) -> list[Piece]:
        while not (batch := self._schedule.take(large_allowed=self._large_running < self._large_lanes)):
            self._changed.clear()
            await self._changed.wait()
        started = time.perf_counter()
        for piece in batch:
            if piece.call.started is None:
                piece.call.started = started
                self.metrics.queue_duration.observe(started - piece.call.queued)
        self.metrics.batch_size.observe(sum(len(piece.indices) for piece in batch))
        return batch

    def _run_pieces(self, batch: list[Piece]) -> list[list[ExtractResponse | None]]:
        """Return each piece's responses, None for a document that failed (runs on an inference thread)."""
        started = time.perf_counter()
        jobs = [job for piece in batch for job in piece.jobs]
        waits = [started - piece.call.queued for piece in batch for _ in piece.indices]
        if len(jobs) == 1:
            responses = [self._run_alone(jobs[0], waits[0])]
        else:
            try:
                responses: list[ExtractResponse | None] = run_jobs(self.pipeline, jobs, waits)
            except Exception:
                # One bad document must not fail the others: each runs alone, to find it.
                log.warning("a batch of %d documents failed; running them one at a time", len(jobs))
                responses = []
            if not responses:
                responses = [self._run_alone(job, wait) for job, wait in zip(jobs, waits, strict=True)]
        self.metrics.inference_duration.observe(time.perf_counter() - started)
        self._trimmer.extracted(sum(len(job.text) for job in jobs))
        outcomes, cursor = [], 0
        for piece in batch:
            outcomes.append(responses[cursor : cursor + len(piece.indices)])
            cursor += len(piece.indices)
        return outcomes

    def _run_alone(self, job: Job, wait: float) -> ExtractResponse | None:
        try:
            (response,) = run_jobs(self.pipeline, [job], [wait])
        except Exception:
            log.exception("extraction failed on a document of %d characters", len(job.text))
            return None
        return response

    def _finish(self, batch: list[Piece], outcomes: list[list[ExtractResponse | None]]) -> None:
        for piece, responses in zip(batch, outcomes, strict=True):
            call = piece.call
            call.running -= 1
            if call.answer.done():  # the client left, the deadline passed, or another piece failed
                continue
            if any(response is None for response in responses):
                call.answer.set_exception(ExtractionFailed("internal error"))
                continue
            for index, response in zip(piece.indices, responses, strict=True):
                call.responses[index] = response
            if call.finished:
                call.answer.set_result(call.responses)

    @staticmethod
    def _fail(calls: list[Call], error: Exception) -> None:
        for call in calls:
            if not call.answer.done():
                call.answer.set_exception(error)


def load_in_background(runner: ExtractionRunner, load_pipeline: Callable[[Path], Pipeline],
                       model_path: Path) -> threading.Thread:
    """Start loading the pipeline in a daemon thread and return it."""
    thread = threading.Thread(target=runner.load, args=(load_pipeline, model_path),
                              name="claimex-load", daemon=True)
    thread.start()
    return thread
