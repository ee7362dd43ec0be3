"""The service's whole JSON output on every Wikinews article and the golden pasted page,
byte for byte against tests/data/output_snapshot.jsonl.

A move or a clean-up must leave this unchanged. A change of behaviour that is meant
rewrites the snapshot, reviewed as a diff, with:

    UPDATE_OUTPUT_SNAPSHOT=1 HF_HUB_OFFLINE=1 .venv/bin/python -m pytest tests/golden/test_output_snapshot.py

Each document runs alone and on one torch thread (batch-mates and the thread count move
bf16 sums, and so scores, in the 4th decimal), and the timings are left out: they are
the only part of a response that is not a function of its input.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import msgspec
import pytest
import torch

from models.scoring.golden_claims import BY_ARTICLE, PAGE_ARTICLE, build_page
from service.api.requests import Job
from service.pipeline import Pipeline
from service.serving.batcher import run_jobs
from service.settings import DEFAULT_MODEL_PATH

pytestmark = pytest.mark.model

DATA = Path(__file__).resolve().parents[1] / "data"
SNAPSHOT = DATA / "output_snapshot.jsonl"


def snapshot_jobs() -> list[Job]:
    """Return every Wikinews article in tests/data (anchored on its golden date where it
    has one, else on the text's own) and the golden pasted page."""
    jobs = []
    for path in sorted((DATA / "wikinews").glob("GUM_news_*.txt")):
        name = path.stem.removeprefix("GUM_news_")
        published = BY_ARTICLE.get(name, {}).get("published_at")
        jobs.append(Job(path.read_text(encoding="utf-8"), dt.date.fromisoformat(published) if published else None,
                        name))
    page_published = dt.date.fromisoformat(BY_ARTICLE[PAGE_ARTICLE]["published_at"])
    jobs.append(Job(build_page()[0], page_published, "golden-page"))
    return jobs


def snapshot_lines(pipeline: Pipeline) -> list[str]:
    """Return one JSON line per snapshot document: its id and its response without timings."""
    lines = []
    for job in snapshot_jobs():
        (response,) = run_jobs(pipeline, [job])
        body = msgspec.to_builtins(response)
        body["meta"].pop("timing", None)
        lines.append(json.dumps({"id": job.id, "response": body}, ensure_ascii=False, sort_keys=True))
    return lines


@pytest.fixture
def one_torch_thread():
    """Run on one torch thread: bf16 sums split across threads round differently, which
    moves check-worthiness scores in the 4th decimal from one core count to another."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def test_output_is_unchanged(one_torch_thread):
    pipeline = Pipeline.load(DEFAULT_MODEL_PATH)
    got = snapshot_lines(pipeline)
    if os.environ.get("UPDATE_OUTPUT_SNAPSHOT") == "1":
        SNAPSHOT.write_text("\n".join(got) + "\n", encoding="utf-8")
    expected = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    assert len(got) == len(expected), f"{len(got)} documents now, {len(expected)} in the snapshot"
    changed = [_first_difference(old, new) for old, new in zip(expected, got, strict=True) if old != new]
    assert not changed, "output changed:\n" + "\n".join(changed)


def _first_difference(old: str, new: str) -> str:
    """Return the document's id and both lines around where they first differ."""
    at = next(i for i, (a, b) in enumerate(zip(old + "\0", new + "\0")) if a != b)
    return f"{json.loads(new)['id']}: was ...{old[max(0, at - 80):at + 80]}... now ...{new[max(0, at - 80):at + 80]}..."
