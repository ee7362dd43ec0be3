"""Which documents run next: calls cut into pieces, taken in turns so no call holds the threads.

A call that fits the token budget is one piece, and several such calls share a pipeline
call (their forward passes batch together). A larger call is cut into pieces of at most
the budget (a document over the budget is a piece alone); each piece runs alone, and
after each one the call goes to the back of the line, so the calls behind it get their
turn between its pieces. The runner lets large pieces use all but one inference thread,
which keeps a thread free for small calls.

Pure bookkeeping: no threads, no event loop; the runner owns both.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from dataclasses import dataclass, field

from service.api.requests import Job

# Word pieces a text of n characters is reckoned to hold, for the batch budget.
CHARS_PER_TOKEN = 4


def job_tokens(job: Job) -> int:
    """Return the word pieces `job`'s text is reckoned to hold."""
    return len(job.text) // CHARS_PER_TOKEN + 1


def plan_pieces(tokens: list[int], budget: int) -> list[list[int]]:
    """Return runs of consecutive indices, each of at most `budget` tokens; a longer item is a run alone."""
    pieces: list[list[int]] = []
    current: list[int] = []
    total = 0
    for index, count in enumerate(tokens):
        if current and total + count > budget:
            pieces.append(current)
            current, total = [], 0
        current.append(index)
        total += count
    if current:
        pieces.append(current)
    return pieces


@dataclass(eq=False)
class Call:
    """One request's jobs, the pieces not yet started, and where its answer goes."""

    jobs: list[Job]
    answer: asyncio.Future
    budget: int
    queued: float = field(default_factory=time.perf_counter)
    # When its first piece started (None while it waits).
    started: float | None = None
    pieces: deque[list[int]] = field(init=False)
    # One response per job, filled in as pieces finish.
    responses: list = field(init=False)
    running: int = 0

    def __post_init__(self) -> None:
        tokens = [job_tokens(job) for job in self.jobs]
        self.pieces = deque(plan_pieces(tokens, self.budget))
        self.responses = [None] * len(self.jobs)
        self.tokens = sum(tokens)

    @property
    def large(self) -> bool:
        """Whether the call is over the budget, so it runs piece by piece, alone."""
        return self.tokens > self.budget

    @property
    def finished(self) -> bool:
        """Whether every piece has run (the answer can be set)."""
        return not self.pieces and self.running == 0


@dataclass(frozen=True, eq=False)
class Piece:
    """Some of one call's jobs, run together."""

    call: Call
    indices: list[int]

    @property
    def jobs(self) -> list[Job]:
        return [self.call.jobs[i] for i in self.indices]


class Schedule:
    """The calls waiting for a turn, oldest first."""

    def __init__(self, token_budget: int) -> None:
        self.token_budget = token_budget
        self._turns: deque[Call] = deque()

    def __len__(self) -> int:
        return len(self._turns)

    def add(self, call: Call) -> None:
        self._turns.append(call)

    def take(self, large_allowed: bool) -> list[Piece]:
        """Return the next batch of pieces, or [] if none may run now.

        The first waiting call that may run gives its next piece; if it is small, the
        small calls after it join while they fit the budget (large calls are passed over).
        A call whose answer is already set (a client that left, a deadline) is dropped.
        """
        self._drop_answered()
        for call in self._turns:
            if call.large and not large_allowed:
                continue
            if call.large:
                return [self._take_piece(call)]
            return self._take_small(call)
        return []

    def drain(self) -> list[Call]:
        """Remove and return every waiting call."""
        calls = list(self._turns)
        self._turns.clear()
        return calls

    def _take_small(self, first: Call) -> list[Piece]:
        batch, tokens = [], 0
        waiting = list(self._turns)
        for call in waiting[waiting.index(first):]:
            if call.large:
                continue
            if batch and tokens + call.tokens > self.token_budget:
                break
            batch.append(self._take_piece(call))
            tokens += call.tokens
        return batch

    def _take_piece(self, call: Call) -> Piece:
        piece = Piece(call, call.pieces.popleft())
        call.running += 1
        self._turns.remove(call)
        if call.pieces:
            self._turns.append(call)  # to the back of the line: the others get a turn first
        return piece

    def _drop_answered(self) -> None:
        if any(call.answer.done() for call in self._turns):
            self._turns = deque(call for call in self._turns if not call.answer.done())
