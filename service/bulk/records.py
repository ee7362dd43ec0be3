"""The bulk output: one record per input line, a result or the problem the API would answer."""

from __future__ import annotations

import msgspec

from service.api.errors import PROBLEMS, ClaimexError, problem_details
from service.api.schemas import ExtractResponse, Problem, ResponseBase

_ENCODER = msgspec.json.Encoder()


class BulkRecord(ResponseBase):
    """One output line: the input's `line` (a directory's file position), its id, and exactly
    one of `result` (what POST /v1/extract answers) or `problem` (its problem details)."""

    line: int
    id: str | None
    result: ExtractResponse | None = None
    problem: Problem | None = None


class WrittenRecord(msgspec.Struct):
    """What resuming reads back of a written record; the result itself is skipped."""

    line: int
    id: str | None
    problem: Problem | None = None


READ_RECORD = msgspec.json.Decoder(WrittenRecord)


def problem_of(exc: ClaimexError) -> Problem:
    """Return the problem details the API answers for `exc` (same type, title, status, detail)."""
    status, title, slug = PROBLEMS[type(exc)]
    return msgspec.structs.replace(problem_details(status, title, slug, exc.detail, ""), instance=None)


# A document the pipeline failed on: the API's 500 body; the trace goes to the log.
INTERNAL_ERROR = msgspec.structs.replace(
    problem_details(500, "Internal error", "internal-error", "internal error", ""), instance=None)


def encode_line(record: BulkRecord) -> bytes:
    """Return the record as one JSON line, newline included."""
    return _ENCODER.encode(record) + b"\n"
