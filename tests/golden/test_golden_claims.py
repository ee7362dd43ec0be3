"""Golden tests of the claims on whole Wikinews articles (tests/data/wikinews, CC BY 2.5).

tests/data/golden_claims.jsonl holds, per article, the claims a fact-checker expects, read
by hand from the article: a distinctive part of the claim's sentence, its speaker (the
resolved name, null for the article's own voice), its cue, its quantities (text, and value
and unit where the number matters), its dates (text and TIMEX value), its event date, and
whether it ranks among the article's first TOP_N claims. `"claim": false` marks a sentence
that must yield no claim. A field is checked only where the golden file gives it; the
section is always checked (the article's own, unless given).

Where the system is wrong, the golden file still holds the right answer and names the
field in `known_failure` with the reason; that field is tested on its own, xfail-strict,
so fixing it fails the run until the entry is removed. A leading "the" of a speaker's
name is not counted ("The US State Department" is "US State Department").

One page test pastes an article as a web page (chrome, a repeated teaser headline, other
stories' headlines) and checks the claims keep to the article and its golden speakers.
"""

from __future__ import annotations

import datetime as dt
import re

import msgspec
import pytest

from models.scoring.golden_claims import (
    BY_ARTICLE,
    CHECKED,
    GOLDEN,
    PAGE_ARTICLE,
    article_text,
    build_page,
    field_problems,
    headline,
)
from service.api.requests import Job
from service.pipeline import Pipeline
from service.serving.jobs import run_jobs
from service.settings import DEFAULT_MODEL_PATH

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    """The real pipeline, loaded once for the module."""
    return Pipeline.load(DEFAULT_MODEL_PATH)


@pytest.fixture(scope="module")
def results(pipeline) -> dict[str, dict]:
    """Every golden article and the pasted page, extracted as one batch, by id."""
    jobs = [Job(article_text(g["article"]), dt.date.fromisoformat(g["published_at"]), g["article"]) for g in GOLDEN]
    published = dt.date.fromisoformat(BY_ARTICLE[PAGE_ARTICLE]["published_at"])
    jobs.append(Job(build_page()[0], published, "page"))
    return {job.id: msgspec.to_builtins(r) for job, r in zip(jobs, run_jobs(pipeline, jobs), strict=True)}


def _cases() -> tuple[list, list]:
    """Return the passing cases (article, claim, fields) and the known failures (article, claim, field)."""
    passing, failing = [], []
    for golden in GOLDEN:
        for expected in golden["claims"]:
            known = expected.get("known_failure", {})
            label = f"{golden['article']}:{expected['sentence'][:40]}"
            if "found" in known or "claim" in known:
                field = "found" if "found" in known else "claim"
                failing.append(pytest.param(golden["article"], expected, field, id=f"{label}:{field}"))
                continue
            fields = [f for f in CHECKED if f in expected and f not in known]
            if "claim" not in expected and "section" not in known:
                fields.append("section")
            passing.append(pytest.param(golden["article"], expected, sorted(set(fields)), id=label))
            failing += [pytest.param(golden["article"], expected, f, id=f"{label}:{f}") for f in known]
    return passing, failing


PASSING, KNOWN_FAILURES = _cases()


def test_the_golden_file_is_well_formed():
    assert len(GOLDEN) >= 12 and sum(len(g["claims"]) for g in GOLDEN) >= 60
    for golden in GOLDEN:
        text = article_text(golden["article"])
        for expected in golden["claims"]:
            assert set(expected) <= {"sentence", "known_failure", *CHECKED}, expected
            assert set(expected.get("known_failure", {})) <= {"found", *CHECKED}, expected
            assert text.count(expected["sentence"]) >= 1, expected["sentence"]


@pytest.mark.parametrize(("name", "expected", "fields"), PASSING)
def test_expected_claim(name, expected, fields, results):
    body = results[name]
    # A sentence that must not be a claim is not looked for.
    checks = fields if "claim" in fields else ["found", *fields]
    problems = [p for field in checks for p in field_problems(body, expected, field)]
    assert not problems, f"{expected['sentence']!r}: {problems}"


@pytest.mark.parametrize(("name", "expected", "field"), KNOWN_FAILURES)
def test_known_failure(name, expected, field, results, request):
    request.applymarker(pytest.mark.xfail(strict=True, reason=expected["known_failure"][field]))
    assert not field_problems(results[name], expected, field)


@pytest.mark.parametrize("name", list(BY_ARTICLE))
def test_claims_keep_the_offset_invariant(name, results):
    text = article_text(name)
    body = results[name]
    assert body["published_at"]["value"] == BY_ARTICLE[name]["published_at"]
    for claim in body["claims"]:
        for span in (claim, *claim.get("occurrences", [])):
            assert text[span["start"] : span["end"]] == span["text"]


def _overlaps(span: dict, spans: list[tuple[int, int]]) -> bool:
    """Whether `span` shares a character with any of `spans`."""
    return any(span["start"] < end and start < span["end"] for start, end in spans)


def test_page_chrome_yields_no_claim(results):
    page, chrome, _ = build_page()
    body = results["page"]
    for claim in body["claims"]:
        assert page[claim["start"] : claim["end"]] == claim["text"]
        for span in (claim, *claim.get("occurrences", [])):
            assert not _overlaps(span, chrome), span["text"]


def test_page_related_headlines_are_related_and_come_last(results):
    _, _, related = build_page()
    claims = results["page"]["claims"]
    for start, end in related:
        teaser = [c for c in claims if c["start"] == start and c["end"] == end]
        assert len(teaser) == 1 and teaser[0]["section"] == "related", (start, end)
    assert all(c["section"] == "article" for c in claims if not _overlaps(c, related))
    sections = [c["section"] for c in claims]
    assert sections == sorted(sections, key=lambda s: s != "article")


def test_page_repeated_headline_is_one_claim(results):
    page, _, _ = build_page()
    title = headline(PAGE_ARTICLE)
    claims = [c for c in results["page"]["claims"] if title in c["text"]]
    assert len(claims) == 1
    (claim,) = claims
    assert claim["section"] == "article" and claim["text"] == title
    assert [o["text"] for o in claim["occurrences"]] == [title, title]
    assert [o["start"] for o in claim["occurrences"]] == [m.start() for m in re.finditer(re.escape(title), page)][1:]


def test_page_keeps_the_article_golden_claims_and_speakers(results):
    """Every golden claim of the article the system gets right alone is still right on the page."""
    body = results["page"]
    for expected in BY_ARTICLE[PAGE_ARTICLE]["claims"]:
        known = expected.get("known_failure", {})
        if "found" in known or "claim" in known:
            continue
        for field in ("found", "speaker", "quantities", "dates"):
            if (field == "found" or field in expected) and field not in known:
                assert not field_problems(body, expected, field), (expected["sentence"], field)
