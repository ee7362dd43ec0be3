"""Progress of a bulk run on stderr: a bar on a terminal, plain periodic lines otherwise."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from service.bulk.output import Resumed

BAR_WIDTH = 24
# A terminal bar is redrawn at most this often; a log gets a line this often.
REDRAW_S = 0.25
LOG_EVERY_S = 30.0


class Progress:
    """Counts written records and reports documents, documents/s, words/s and an ETA.

    The ETA comes from input lines: `total_lines` (None for stdin, then there is
    none) against the line of the last record written, so a shard's lines that
    belong to other shards count as covered.
    """

    def __init__(self, stream: TextIO, total_lines: int | None, resumed: Resumed, *, terminal: bool,
                 log_every_s: float = LOG_EVERY_S, clock: Callable[[], float] = time.monotonic) -> None:
        self.stream = stream
        self.total_lines = total_lines
        self.resumed = resumed
        self.terminal = terminal
        self.log_every_s = log_every_s
        self.clock = clock
        self.started = clock()
        self.documents = 0
        self.problems = 0
        self.words = 0
        self.line = resumed.last_line
        self._shown = self.started

    def record(self, line: int, words: int, problem: bool) -> None:
        """Count one written record, and show progress when it is time."""
        self.documents += 1
        self.problems += problem
        self.words += words
        self.line = line
        now = self.clock()
        if now - self._shown >= (REDRAW_S if self.terminal else self.log_every_s):
            self._shown = now
            self.stream.write(self._bar(now) if self.terminal else self._log_line(now) + "\n")
            self.stream.flush()

    def finish(self) -> None:
        """Write the closing summary line."""
        now = self.clock()
        elapsed = now - self.started
        if self.terminal:
            self.stream.write(self._bar(now) + "\n")
        failed = self.resumed.problems + self.problems
        self.stream.write(
            f"claimex extract: done: {self.documents:,} documents in {_clock(elapsed)}, "
            f"{self._rate(self.documents, elapsed):.2f} documents/s, {self._rate(self.words, elapsed):,.0f} "
            f"words/s; {self.resumed.records:,} were already written; {failed:,} failed in all\n")
        self.stream.flush()

    def _bar(self, now: float) -> str:
        elapsed = now - self.started
        counts = (f"{self.resumed.records + self.documents:,} docs ({self.resumed.problems + self.problems:,} failed)"
                  f"  {self._rate(self.documents, elapsed):.1f} docs/s"
                  f"  {self._rate(self.words, elapsed):,.0f} words/s")
        if not self.total_lines:
            return f"\r{counts}\x1b[K"
        done = min(1.0, self.line / self.total_lines)
        filled = round(done * BAR_WIDTH)
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        return f"\r{done:4.0%} [{bar}] {counts}  ETA {self._eta(elapsed)}\x1b[K"

    def _log_line(self, now: float) -> str:
        elapsed = now - self.started
        where = f"line {self.line:,}" + (f" of {self.total_lines:,}" if self.total_lines else "")
        eta = f", ETA {self._eta(elapsed)}" if self.total_lines else ""
        return (f"claimex extract: {self.resumed.records + self.documents:,} documents "
                f"({self.resumed.problems + self.problems:,} failed), {where}, "
                f"{self._rate(self.documents, elapsed):.2f} documents/s, "
                f"{self._rate(self.words, elapsed):,.0f} words/s{eta}")

    def _eta(self, elapsed: float) -> str:
        covered = self.line - self.resumed.last_line
        if covered <= 0 or elapsed <= 0:
            return "--:--:--"
        return _clock((self.total_lines - self.line) * elapsed / covered)

    @staticmethod
    def _rate(count: int, elapsed: float) -> float:
        return count / elapsed if elapsed > 0 else 0.0


def _clock(seconds: float) -> str:
    """Return seconds as H:MM:SS."""
    whole = max(0, round(seconds))
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"
