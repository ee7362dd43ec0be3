"""Jobs through the pipeline into responses: what a consumer thread, the CLI and the golden
tests run, blocking (call it off the event loop)."""

from __future__ import annotations

import time

from service.api.render import render_extraction
from service.api.requests import Job
from service.api.schemas import ExtractResponse, ModelInfo, Timing
from service.pipeline import Pipeline


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
