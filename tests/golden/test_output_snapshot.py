"""The service's whole JSON output on every Wikinews article and the golden pasted page,
against tests/data/output_snapshot.jsonl: every field equal, numbers to within 0.001.

A move or a clean-up must leave this unchanged. A change of behaviour that is meant
rewrites the snapshot, reviewed as a diff, with:

    UPDATE_OUTPUT_SNAPSHOT=1 HF_HUB_OFFLINE=1 .venv/bin/python -m pytest tests/golden/test_output_snapshot.py

The encoder runs in fp32, each document alone and on one torch thread: bf16 kernels differ
from one kind of CPU to another (AMX against AVX512-BF16 moved scores by up to 0.01 and one
span's end), and batch-mates and the thread count move sums. What is left, fp32 sums in
another order, moves a rounded score by a unit of its last decimal at most. The timings are
left out: they are the only part of a response that is not a function of its input.
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
from service.serving.jobs import run_jobs
from service.settings import DEFAULT_MODEL_PATH


DATA = Path(__file__).resolve().parents[1] / "data"
SNAPSHOT = DATA / "output_snapshot.jsonl"
# Scores are rounded to 4 decimals; fp32 sums in another order move one by a unit at most.
NUMBER_TOLERANCE = 0.001


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


@pytest.mark.model
def test_output_is_unchanged(one_torch_thread):
    pipeline = Pipeline.load(DEFAULT_MODEL_PATH, precision="fp32")
    got = snapshot_lines(pipeline)
    if os.environ.get("UPDATE_OUTPUT_SNAPSHOT") == "1":
        SNAPSHOT.write_text("\n".join(got) + "\n", encoding="utf-8")
    expected = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    assert len(got) == len(expected), f"{len(got)} documents now, {len(expected)} in the snapshot"
    changed = []
    for old, new in zip(expected, got, strict=True):
        was, now = json.loads(old), json.loads(new)
        if (where := first_difference(was["response"], now["response"], now["id"])) is not None:
            changed.append(where)
    assert not changed, "output changed:\n" + "\n".join(changed)


def first_difference(was: object, now: object, path: str) -> str | None:
    """Return where `now` first differs from `was` (numbers by more than NUMBER_TOLERANCE),
    with both values, or None where they agree."""
    if isinstance(was, dict) and isinstance(now, dict) and was.keys() == now.keys():
        found = (first_difference(was[key], now[key], f"{path}.{key}") for key in was)
    elif isinstance(was, list) and isinstance(now, list) and len(was) == len(now):
        found = (first_difference(a, b, f"{path}[{i}]") for i, (a, b) in enumerate(zip(was, now, strict=True)))
    elif _is_number(was) and _is_number(now) and (isinstance(was, float) or isinstance(now, float)):
        return None if abs(was - now) <= NUMBER_TOLERANCE else f"{path}: was {was!r}, now {now!r}"
    else:
        return None if type(was) is type(now) and was == now else f"{path}: was {_short(was)}, now {_short(now)}"
    return next((where for where in found if where is not None), None)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _short(value: object) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    return shown if len(shown) <= 160 else shown[:160] + "..."


@pytest.mark.parametrize(("was", "now", "where"), [
    ({"score": 0.7697, "n": 3}, {"score": 0.7701, "n": 3}, None),
    ({"score": 0.7697}, {"score": 0.7720}, "d.score: was 0.7697, now 0.772"),
    ({"spans": [{"end": 522}]}, {"spans": [{"end": 534}]}, "d.spans[0].end: was 522, now 534"),
    ({"spans": [1, 2]}, {"spans": [1]}, "d.spans: was [1, 2], now [1]"),
    ({"speaker": "NASA"}, {"speaker": None}, 'd.speaker: was "NASA", now null'),
    ({"flag": True}, {"flag": 1}, "d.flag: was true, now 1"),
])
def test_first_difference_reports_what_moved_beyond_rounding(was, now, where):
    assert first_difference(was, now, "d") == where
