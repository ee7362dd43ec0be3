"""Sharding by a stable hash, so N processes split one input without talking to each other."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_SPEC = re.compile(r"(\d+)/(\d+)")


class ShardError(ValueError):
    """A --shard value that is not I/N with 0 <= I < N."""


@dataclass(frozen=True, slots=True)
class Shard:
    """Shard `index` of `count`; the default, 0 of 1, holds everything."""

    index: int = 0
    count: int = 1

    def __post_init__(self) -> None:
        if self.count < 1 or not 0 <= self.index < self.count:
            raise ShardError(f"shard {self.index}/{self.count}: need 0 <= I < N")

    def holds(self, id: str | None, line: int) -> bool:
        """Return whether the document with this `id` (or, without one, this line number) is ours."""
        return shard_of(id, line, self.count) == self.index

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"


def parse_shard(spec: str) -> Shard:
    """Return the Shard written as "I/N" (zero-based I, as Kubernetes' completion index is)."""
    match = _SPEC.fullmatch(spec.strip())
    if match is None:
        raise ShardError(f"shard {spec!r} is not I/N (for example 0/4)")
    return Shard(int(match[1]), int(match[2]))


def shard_of(id: str | None, line: int, count: int) -> int:
    """Return the shard of a document among `count`: a hash of its id, or of its line number.

    blake2b, not hash(): Python salts str hashes per process, and every shard's
    process must agree on the split.
    """
    key = f"id:{id}" if id is not None else f"line:{line}"
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % count
