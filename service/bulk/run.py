"""A bulk run: the shard's entries through the service's batcher, records written in input order.

Several documents are kept in flight (about two token budgets' worth per inference
thread), so the batcher always has a full batch waiting while results are written
strictly in input order as the head of the line finishes.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sys
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import anyio.to_thread

from service.api.errors import ClaimexError, NotReady
from service.api.metrics import Metrics
from service.bulk.output import LineWriter, Resumed, ResumeError, resume
from service.bulk.progress import Progress
from service.bulk.records import INTERNAL_ERROR, BulkRecord, encode_line, problem_of
from service.bulk.shards import Shard
from service.bulk.sources import Entry
from service.inference.encoder import set_intra_op_threads
from service.pipeline import Pipeline
from service.serving.batcher import CHARS_PER_TOKEN, ExtractionRunner, Readiness
from service.settings import Settings

log = logging.getLogger("claimex.bulk")
# Token budgets kept in flight per inference thread: one batch running, one waiting.
BUDGETS_IN_FLIGHT = 2


class BulkAborted(RuntimeError):
    """The model failed to load or the extraction workers stopped; a rerun resumes where it stopped."""


@dataclass(frozen=True, slots=True)
class BulkOutcome:
    """What a run wrote, and what the output held before it."""

    written: int
    problems: int
    resumed: Resumed

    @property
    def failed(self) -> int:
        """Problem records in the whole output, earlier runs' included."""
        return self.resumed.problems + self.problems


def run_bulk(entries: Iterator[Entry], total_lines: int | None, output: Path | None, shard: Shard,
             settings: Settings, *, load_pipeline: Callable[[Path], Pipeline] | None = None,
             progress_stream: TextIO = sys.stderr) -> BulkOutcome:
    """Extract the shard's entries not yet in `output` (None: stdout) and append their records.

    Raise ResumeError if `output` was not written by this input and shard, BulkAborted
    if the model or its workers fail.
    """
    resumed = resume(output, shard) if output is not None else Resumed()
    if resumed.records:
        log.info("resuming %s after %d records (input line %d)", output, resumed.records, resumed.last_line)
    # Opened before the model loads, so an output that cannot be written fails at once.
    if output is None:
        sys.stdout.flush()
        writer = LineWriter(sys.stdout.buffer)
    else:
        writer = LineWriter.append_to(output)
    try:
        set_intra_op_threads(settings.torch_threads)
        # Admission is the HTTP server's guard; here the in-flight window bounds the work.
        runner = ExtractionRunner(Metrics(), max_queue=sys.maxsize, threads=settings.inference_threads,
                                  token_budget=settings.batch_token_budget)
        runner.load(load_pipeline or functools.partial(Pipeline.load, precision=settings.precision),
                    settings.model_path)
        if runner.state is not Readiness.READY:
            raise BulkAborted(f"the model failed to load from {settings.model_path} (see the log)")
        progress = Progress(progress_stream, total_lines, resumed, terminal=progress_stream.isatty())
        in_flight = BUDGETS_IN_FLIGHT * settings.batch_token_budget * settings.inference_threads
        problems = asyncio.run(_extract_in_order(not_yet_written(entries, shard, resumed), runner,
                                                 writer, progress, in_flight))
    finally:
        writer.close()
    progress.finish()
    return BulkOutcome(progress.documents, problems, resumed)


def not_yet_written(entries: Iterator[Entry], shard: Shard, resumed: Resumed) -> Iterator[Entry]:
    """Yield the shard's entries after the last one written; raise ResumeError where the input
    does not hold, at the last written line, the same document as the output says."""
    matched = resumed.last_line == 0
    for entry in entries:
        if entry.line <= resumed.last_line:
            if entry.line == resumed.last_line:
                matched = entry.id == resumed.last_id and shard.holds(entry.id, entry.line)
                if not matched:
                    break
            continue
        if shard.holds(entry.id, entry.line):
            yield entry
    if not matched:
        raise ResumeError(f"the output ends at input line {resumed.last_line} (id {resumed.last_id!r}), "
                          "which this input does not hold: it was written from another input")


async def _extract_in_order(entries: Iterator[Entry], runner: ExtractionRunner, writer: LineWriter,
                            progress: Progress, in_flight_tokens: int) -> int:
    """Run the entries, up to `in_flight_tokens` at once, writing each record in input order;
    return the number of problem records written."""
    pending: deque[tuple[Entry, asyncio.Future | None]] = deque()
    tokens = problems = 0

    async def write_head() -> None:
        nonlocal tokens, problems
        entry, answer = pending.popleft()
        record = await _record(entry, answer)
        tokens -= _tokens(entry)
        writer.write(encode_line(record))
        problems += record.problem is not None
        progress.record(entry.line, entry.words if record.result else 0, record.problem is not None)

    try:
        # Reading runs in a thread: a slow stdin must not stall the batcher on the event loop.
        while (entry := await anyio.to_thread.run_sync(next, entries, None)) is not None:
            answer = runner.submit_each([entry.job])[0] if entry.job is not None else None
            pending.append((entry, answer))
            tokens += _tokens(entry)
            while pending and (tokens >= in_flight_tokens or _settled(pending[0][1])):
                await write_head()
        while pending:
            await write_head()
    finally:
        for _, answer in pending:
            if answer is not None:
                answer.cancel()
        await runner.close()
    return problems


async def _record(entry: Entry, answer: asyncio.Future | None) -> BulkRecord:
    if answer is None:
        return BulkRecord(line=entry.line, id=entry.id, problem=problem_of(entry.problem))
    try:
        (response,) = await answer
    except NotReady as exc:
        # The workers stopped: not this document's fault, so no record; a rerun resumes here.
        raise BulkAborted(f"extraction stopped at input line {entry.line}: {exc.detail}") from exc
    except ClaimexError as exc:
        return BulkRecord(line=entry.line, id=entry.id, problem=problem_of(exc))
    except Exception:
        log.exception("extraction failed on input line %d", entry.line)
        return BulkRecord(line=entry.line, id=entry.id, problem=INTERNAL_ERROR)
    return BulkRecord(line=entry.line, id=entry.id, result=response)


def _settled(answer: asyncio.Future | None) -> bool:
    return answer is None or answer.done()


def _tokens(entry: Entry) -> int:
    """The batcher's estimate of the entry's word pieces (0 for a problem: nothing to run)."""
    return len(entry.job.text) // CHARS_PER_TOKEN + 1 if entry.job is not None else 0
