"""Merging shard outputs back into one file in input order."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator
from pathlib import Path

import msgspec

from service.bulk.records import READ_RECORD


class MergeError(ValueError):
    """A shard file that is torn, out of order, or overlaps another."""


def merge_shards(paths: list[Path], write: Callable[[bytes], None]) -> int:
    """Write the records of every shard file in input-line order; return how many were written.

    Each shard is already in line order, so this is a streaming k-way merge: memory
    holds one line per shard, whatever the archive's size.
    """
    written, previous = 0, 0
    for line, raw in heapq.merge(*(_records(path) for path in paths)):
        if line == previous:
            raise MergeError(f"input line {line} is in two shard files: were the same shards given twice?")
        write(raw)
        written, previous = written + 1, line
    return written


def _records(path: Path) -> Iterator[tuple[int, bytes]]:
    last = 0
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.endswith(b"\n"):
                raise MergeError(f"{path} ends in a torn line: its shard did not finish; rerun it to resume")
            try:
                line = READ_RECORD.decode(raw).line
            except msgspec.DecodeError as exc:
                raise MergeError(f"{path} line {number} is not a claimex extract record ({exc})") from None
            if line <= last:
                raise MergeError(f"{path} line {number}: input line {line} comes after {last}")
            last = line
            yield line, raw
