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
import json
import math
import re
from pathlib import Path

import msgspec
import pytest

from service.api.requests import Job
from service.serving.batcher import run_jobs
from service.pipeline import Pipeline
from service.settings import DEFAULT_MODEL_PATH

pytestmark = pytest.mark.model

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = [json.loads(line) for line in (DATA / "golden_claims.jsonl").read_text(encoding="utf-8").splitlines()]
BY_ARTICLE = {g["article"]: g for g in GOLDEN}
# A claim expected among the top ranks is among the article's first TOP_N claims.
TOP_N = 5
CHECKED = ("claim", "speaker", "speaker_type", "cue", "quantities", "dates", "event_date", "section", "top",
           "occurrences")


def article_text(name: str) -> str:
    """Return the text of the Wikinews article `name`."""
    return (DATA / "wikinews" / f"GUM_news_{name}.txt").read_text(encoding="utf-8")


# The page test's article, the other stories listed under it, and its chrome.
PAGE_ARTICLE = "asylum"
PAGE_RELATED = ("crane", "stampede", "imprisoned")
PAGE_TOP_CHROME = ["Wikinews | World | Politics | Science | Sport | Weather", "Share", "Download the app"]
PAGE_BOTTOM_CHROME = ["Share on Facebook | Twitter | Email",
                      "We use cookies to improve your experience. Accept all cookies",
                      "© 2024 Wikinews. All rights reserved."]


def headline(name: str) -> str:
    """Return the first line of the article `name`: its headline."""
    return article_text(name).splitlines()[0]


def build_page() -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Return the pasted page, its chrome lines' spans and the related headlines' spans."""
    lines = [*PAGE_TOP_CHROME, headline(PAGE_ARTICLE), "", article_text(PAGE_ARTICLE).rstrip("\n"), "",
             PAGE_BOTTOM_CHROME[0], "Related stories", *map(headline, PAGE_RELATED), "Most read",
             headline(PAGE_ARTICLE), *PAGE_BOTTOM_CHROME[1:]]
    page = "\n".join(lines) + "\n"

    def spans(texts) -> list[tuple[int, int]]:
        found = []
        for text in texts:
            match = re.search(rf"^{re.escape(text)}$", page, re.MULTILINE)
            found.append((match.start(), match.end()))
        return found

    chrome = spans([*PAGE_TOP_CHROME, *PAGE_BOTTOM_CHROME, "Related stories", "Most read"])
    return page, chrome, spans(map(headline, PAGE_RELATED))


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


def claims_with(body: dict, sentence: str) -> list[dict]:
    """Return the claims whose sentence contains `sentence`, in text order."""
    return sorted((c for c in body["claims"] if sentence in c["text"]), key=lambda c: c["start"])


def speaker_name(name: str | None) -> str | None:
    """Return a speaker's name without a leading "the"."""
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE) if name else name


def field_problems(body: dict, expected: dict, field: str) -> list[str]:
    """Return how the system's claim for `expected` differs from it in `field` (empty if not)."""
    found = claims_with(body, expected["sentence"])
    if field == "claim":
        return [f"is a claim: {c['text']!r}" for c in found]
    if not found:
        return [f"no claim contains {expected['sentence']!r}"]
    if field == "found":
        return []
    claim = found[0]
    if field == "speaker":
        got = claim.get("speaker")
        return [] if speaker_name(got) == speaker_name(expected["speaker"]) else [f"speaker {got!r}"]
    if field in ("speaker_type", "event_date"):
        got = claim.get(field)
        return [] if got == expected[field] else [f"{field} {got!r}"]
    if field == "cue":
        got = (claim.get("cue") or {}).get("text")
        return [] if got == expected["cue"] else [f"cue {got!r}"]
    if field in ("quantities", "dates"):
        return _listed_problems([body[field][i] for i in claim.get(field, [])], expected[field], field)
    if field == "section":
        got = claim["section"]
        return [] if got == expected.get("section", "article") else [f"section {got!r}"]
    if field == "top":
        ranked = [c["start"] for c in body["claims"] if c["section"] == "article"]
        rank = ranked.index(claim["start"]) if claim["start"] in ranked else len(ranked)
        return [] if (rank < TOP_N) == expected["top"] else [f"ranks {rank + 1} of {len(ranked)}"]
    if field == "occurrences":
        got = len(claim.get("occurrences", []))
        problems = [] if got == expected["occurrences"] else [f"{got} occurrences"]
        return problems + ([f"{len(found)} claims hold it"] if len(found) > 1 else [])
    raise ValueError(field)


def _listed_problems(items: list[dict], expected: list[dict], kind: str) -> list[str]:
    """Return the differences between a claim's quantities or dates and the expected ones."""
    texts = [item["text"] for item in items]
    if texts != [e["text"] for e in expected]:
        return [f"{kind} {texts}"]
    problems = []
    for item, want in zip(items, expected, strict=True):
        if "value" in want and not _same_value(item["value"], want["value"]):
            problems.append(f"{item['text']!r} value {item['value']!r}")
        if "unit" in want and item.get("unit") != want["unit"]:
            problems.append(f"{item['text']!r} unit {item.get('unit')!r}")
    return problems


def _same_value(got, want) -> bool:
    """Whether a found value is the expected one (numbers compared with a tolerance)."""
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        return math.isclose(got, want)
    return got == want


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
