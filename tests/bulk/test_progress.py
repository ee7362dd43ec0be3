"""Progress: a bar on a terminal, plain lines now and then in a log, a summary at the end."""

import io

from service.bulk.output import Resumed
from service.bulk.progress import Progress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_log_gets_a_plain_line_per_interval_with_rates_and_eta():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, 100, Resumed(records=10, problems=1, last_line=20, last_id="x"),
                        terminal=False, log_every_s=30, clock=clock)
    for line in range(21, 41):  # 20 documents of 50 words in 10 s
        clock.now += 0.5
        progress.record(line, 50, problem=line == 30)
    assert stream.getvalue() == ""  # not yet 30 s
    clock.now += 30
    progress.record(41, 50, problem=False)
    (logged,) = stream.getvalue().splitlines()
    # 21 documents in 40 s; lines 21-41 of 100 covered, so 59 to go at 21 lines per 40 s.
    assert logged == ("claimex extract: 31 documents (2 failed), line 41 of 100, 0.53 documents/s, "
                      "26 words/s, ETA 0:01:52")
    assert "\r" not in logged


def test_a_terminal_gets_a_bar_and_the_summary_closes_it():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, 10, Resumed(), terminal=True, clock=clock)
    for line in range(1, 6):
        clock.now += 1
        progress.record(line, 100, problem=False)
    progress.finish()
    frames = stream.getvalue().split("\r")
    assert frames[-1].startswith(
        " 50% [############............] 5 docs (0 failed)  1.0 docs/s  100 words/s  ETA 0:00:05")
    assert frames[-1].endswith("\n")
    assert stream.getvalue().splitlines()[-1] == (
        "claimex extract: done: 5 documents in 0:00:05, 1.00 documents/s, 100 words/s; "
        "0 were already written; 0 failed in all")


def test_without_a_total_there_is_no_eta():
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, None, Resumed(), terminal=False, log_every_s=1, clock=clock)
    clock.now += 2
    progress.record(1, 10, problem=False)
    assert stream.getvalue() == "claimex extract: 1 documents (0 failed), line 1, 0.50 documents/s, 5 words/s\n"
