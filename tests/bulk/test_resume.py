"""Resuming after a crash: the real `claimex extract`, killed part-way, rerun on the same output."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from service.bulk.run import run_bulk
from service.bulk.shards import Shard
from service.bulk.sources import open_source
from service.cli import EXIT_LINES_FAILED
from service.settings import Settings

REPO = Path(__file__).resolve().parents[2]
# A guard against a hang, not a speed check.
START_SECONDS = 300
ARTICLES = [
    f"Officials said on Monday that {n * 7} families had been moved. "
    f'"We expect {n} more days of rain," the mayor told reporters.'
    for n in range(1, 21)
]


def test_a_killed_run_resumes_to_the_same_output_without_duplicates(tmp_path, pipeline, alone, write_jsonl,
                                                                     records):
    lines = [{"text": text, "id": f"article-{i}", "published_at": "2022-03-12"} for i, text in enumerate(ARTICLES)]
    lines.insert(6, {"text": "", "id": "empty"})
    source = write_jsonl(tmp_path / "in.jsonl", lines)
    settings = Settings(**alone)
    entries, total = open_source(str(source), settings, None)
    run_bulk(entries, total, tmp_path / "uninterrupted.jsonl", Shard(), settings, load_pipeline=lambda _: pipeline)

    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "service.cli", "extract", str(source), "--output", str(out)]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "CLAIMEX_BATCH_TOKEN_BUDGET": "1"}
    crashed = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + START_SECONDS
    while not out.exists() or out.read_bytes().count(b"\n") < 3:
        assert crashed.poll() is None, "the run ended before it could be killed"
        assert time.monotonic() < deadline, "no records written"
        time.sleep(0.02)
    crashed.send_signal(signal.SIGKILL)
    crashed.wait()
    written_before = out.read_bytes().count(b"\n")
    assert written_before < len(lines), "the run finished before the kill: nothing was resumed"
    with out.open("ab") as torn:  # a write cut short by the crash
        torn.write(b'{"line":99,"id":"article-9","result":{"id":"art')

    resumed = subprocess.run(command, cwd=REPO, env=env, capture_output=True, timeout=START_SECONDS)
    assert resumed.returncode == EXIT_LINES_FAILED, resumed.stderr.decode()  # the empty text
    assert f"{written_before} were already written".encode() in resumed.stderr
    assert records(out) == records(tmp_path / "uninterrupted.jsonl")
    assert [r["line"] for r in records(out)] == list(range(1, len(lines) + 1))
