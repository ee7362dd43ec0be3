"""Writing the bulk output whole line by whole line, and resuming from what an earlier run wrote.

Each record is one write() of its complete line, so a run killed at any moment
leaves at most a torn last line; resuming cuts that line off and starts after the
last whole one. Records are written in input order, so what is done is a prefix
of the shard's entries and the last record says where to go on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import msgspec

from service.bulk.records import READ_RECORD
from service.bulk.shards import Shard


class ResumeError(ValueError):
    """The output file holds something this run did not write and must not overwrite."""


@dataclass(frozen=True, slots=True)
class Resumed:
    """What an earlier run left: its records, how many were problems, and the last one's line and id."""

    records: int = 0
    problems: int = 0
    last_line: int = 0
    last_id: str | None = None


def resume(path: Path, shard: Shard) -> Resumed:
    """Return what `path` already holds, after cutting off a torn last line; raise ResumeError if
    a whole line is not a record, records are out of order, or one belongs to another shard."""
    if not path.exists():
        return Resumed()
    records = problems = last_line = 0
    last_id = None
    whole = 0  # bytes up to the end of the last whole line
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.endswith(b"\n"):
                break  # torn by a crash mid-write: cut off below, redone by this run
            try:
                record = READ_RECORD.decode(raw)
            except msgspec.DecodeError as exc:
                raise ResumeError(f"{path} line {number} is not a claimex extract record ({exc})") from None
            if record.line <= last_line:
                raise ResumeError(f"{path} line {number}: input line {record.line} comes after {last_line}")
            if not shard.holds(record.id, record.line):
                raise ResumeError(f"{path} line {number}: input line {record.line} is not in shard {shard}")
            records += 1
            problems += record.problem is not None
            last_line, last_id = record.line, record.id
            whole += len(raw)
    if whole != path.stat().st_size:
        os.truncate(path, whole)
    return Resumed(records, problems, last_line, last_id)


class LineWriter:
    """Writes each record line whole and hands it to the OS at once (flushed per line)."""

    def __init__(self, stream: BinaryIO, owned: bool = False) -> None:
        self._stream = stream
        self._owned = owned

    @classmethod
    def append_to(cls, path: Path) -> LineWriter:
        """Return a writer appending to `path` (created if absent), closed with the writer."""
        return cls(path.open("ab", buffering=0), owned=True)

    def write(self, line: bytes) -> None:
        """Write the whole line; an unbuffered file may take less than asked, so loop until it is out."""
        view = memoryview(line)
        while view:
            view = view[self._stream.write(view):]
        self._stream.flush()

    def close(self) -> None:
        """Make what was written durable (fsync) and close the stream if the writer opened it."""
        try:
            os.fsync(self._stream.fileno())
        except (OSError, ValueError):
            pass  # a pipe, a terminal or a stream without a file: nothing to sync
        if self._owned:
            self._stream.close()
