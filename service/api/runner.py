"""Runs extraction jobs off the event loop, with admission control and readiness."""

from __future__ import annotations

import enum
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

import anyio
import anyio.to_thread

from service.api.errors import NotReady, Overloaded
from service.api.metrics import Metrics
from service.api.render import render_extraction
from service.api.requests import Job
from service.api.schemas import ExtractResponse, ModelInfo, Timing
from service.pipeline import Pipeline

log = logging.getLogger("claimex.runner")


class Readiness(enum.StrEnum):
    LOADING = "loading"
    READY = "ready"
    FAILED = "failed"


class ExtractionRunner:
    """Owns the pipeline: loads and warms it, admits jobs, runs them in worker threads."""

    def __init__(self, metrics: Metrics, max_queue: int, threads: int) -> None:
        self.metrics = metrics
        self.max_queue = max_queue
        self.threads = threads
        self.pipeline: Pipeline | None = None
        self.state = Readiness.LOADING
        self._admitted = 0
        self._limiter: anyio.CapacityLimiter | None = None

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
        if self.pipeline is None:
            raise NotReady("the model is loading; retry shortly")
        if self._admitted >= self.max_queue:
            self.metrics.rejected.inc()
            raise Overloaded(f"{self._admitted} extraction calls are queued; retry shortly")
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.threads)
        self._admitted += 1
        try:
            queued = time.perf_counter()
            return await anyio.to_thread.run_sync(
                self._extract_all, self.pipeline, jobs, queued, limiter=self._limiter
            )
        finally:
            self._admitted -= 1

    def _extract_all(self, pipeline: Pipeline, jobs: list[Job], queued: float) -> list[ExtractResponse]:
        queue_seconds = time.perf_counter() - queued
        self.metrics.queue_duration.observe(queue_seconds)
        self.metrics.batch_size.observe(len(jobs))
        responses = []
        for job in jobs:
            response = run_job(pipeline, job, queue_seconds)
            self.metrics.inference_duration.observe(response.meta.timing.extraction_ms / 1000)
            responses.append(response)
        return responses


def run_job(pipeline: Pipeline, job: Job, queue_seconds: float = 0.0) -> ExtractResponse:
    """Return the response for one job, timed (blocking: call it off the event loop)."""
    started = time.perf_counter()
    extraction = pipeline.extract(job.text, job.published_at)
    seconds = time.perf_counter() - started
    models = [ModelInfo(name=m.name, version=m.version) for m in (pipeline.tagger, pipeline.checkworthiness)]
    timing = Timing(queue_ms=round(queue_seconds * 1000, 3), extraction_ms=round(seconds * 1000, 3))
    return render_extraction(extraction, job.id, models, timing)


def load_in_background(runner: ExtractionRunner, load_pipeline: Callable[[Path], Pipeline],
                       model_path: Path) -> threading.Thread:
    """Start loading the pipeline in a daemon thread and return it."""
    thread = threading.Thread(target=runner.load, args=(load_pipeline, model_path),
                              name="claimex-load", daemon=True)
    thread.start()
    return thread
