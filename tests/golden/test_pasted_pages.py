"""Golden pasted pages (models/scoring/pasted_pages.py): every Wikinews article wrapped in a web
page's furniture, extracted with no published_at.

On each page: no related or chrome string lies inside an article claim; every claim drawn from
another story's headline or summary is marked related and ranks after the article's; the
article's first five claims are its own; the anchor is the article's own date, not the crawl
date of the site header.
"""

from __future__ import annotations

import msgspec
import pytest

from models.scoring.pasted_pages import PastedPage, pasted_pages
from service.api.requests import Job
from service.pipeline import Pipeline
from service.serving.jobs import run_jobs
from service.settings import DEFAULT_MODEL_PATH

pytestmark = pytest.mark.model

PAGES = pasted_pages()


@pytest.fixture(scope="module")
def results() -> dict[str, dict]:
    """Every pasted page, extracted as one batch with no published_at, by article name."""
    pipeline = Pipeline.load(DEFAULT_MODEL_PATH)
    jobs = [Job(page.text, None, page.name) for page in PAGES]
    return {job.id: msgspec.to_builtins(r) for job, r in zip(jobs, run_jobs(pipeline, jobs), strict=True)}


def _overlaps(claim: dict, spans) -> bool:
    return any(claim["start"] < end and start < claim["end"] for start, end in spans)


def _inside(claim: dict, spans) -> bool:
    return any(start <= claim["start"] and claim["end"] <= end for start, end in spans)


def test_there_are_at_least_twenty_pages():
    assert len(PAGES) >= 20
    for page in PAGES:
        assert page.related and page.chrome
        for start, end in (*page.article, *page.related, *page.chrome):
            assert page.text[start:end].strip()


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_article_claims_hold_no_related_or_chrome_string(page: PastedPage, results):
    for claim in results[page.name]["claims"]:
        assert page.text[claim["start"] : claim["end"]] == claim["text"]
        if claim["section"] == "article":
            assert not _overlaps(claim, (*page.related, *page.chrome)), claim["text"]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_related_claims_are_related_and_rank_last(page: PastedPage, results):
    claims = results[page.name]["claims"]
    for claim in claims:
        if _inside(claim, page.related):
            assert claim["section"] == "related", claim["text"]
    sections = [c["section"] for c in claims]
    assert sections == sorted(sections, key=lambda s: s != "article")


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_the_top_five_claims_are_the_articles_own(page: PastedPage, results):
    top = [c for c in results[page.name]["claims"] if c["section"] == "article"][:5]
    assert top
    for claim in top:
        assert _inside(claim, page.article), claim["text"]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_the_anchor_is_the_articles_own_date(page: PastedPage, results):
    published = results[page.name]["published_at"]
    assert published is not None and published["value"] == page.published.isoformat()
    assert published["source"] in ("dateline", "stamp")
