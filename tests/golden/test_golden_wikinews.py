"""Golden tests on whole Wikinews articles (tests/data/wikinews, CC BY 2.5, see ATTRIBUTION.md).

Each expected item in tests/data/golden_wikinews.jsonl was checked by hand against the
article; the test asserts it is found with exactly that span and those values, that the
article's own date is found in the text, and that the listed non-quantities are absent.
"""

import json
from pathlib import Path

import pytest

from service.api.requests import Job
from service.pipeline import Pipeline
from service.serving.jobs import run_jobs
from service.settings import DEFAULT_MODEL_PATH

DATA = Path(__file__).resolve().parents[1] / "data"
GOLDEN = [json.loads(line) for line in (DATA / "golden_wikinews.jsonl").read_text(encoding="utf-8").splitlines()]
SPAN = ("start", "end", "text")


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load(DEFAULT_MODEL_PATH)


def article(name: str) -> str:
    return (DATA / "wikinews" / f"GUM_news_{name}.txt").read_text(encoding="utf-8")


def as_dict(struct) -> dict:
    import msgspec

    return msgspec.to_builtins(struct)


def extract(pipeline: Pipeline, text: str, name: str) -> dict:
    (response,) = run_jobs(pipeline, [Job(text, None, name)])
    return as_dict(response)


@pytest.fixture(scope="module")
def results(pipeline) -> dict[str, dict]:
    return {g["article"]: extract(pipeline, article(g["article"]), g["article"]) for g in GOLDEN}


@pytest.mark.parametrize("golden", GOLDEN, ids=[g["article"] for g in GOLDEN])
def test_expected_quantities_dates_and_anchor(golden, results):
    body = results[golden["article"]]
    assert body["published_at"] == golden["published_at"]
    for kind in ("quantities", "dates"):
        found = {(item["start"], item["end"]): item for item in body[kind]}
        for expected in golden[kind]:
            item = found.get((expected["start"], expected["end"]))
            assert item is not None, f"{kind}: {expected['text']!r} not found"
            assert {k: item[k] for k in expected} == expected


@pytest.mark.parametrize("golden", GOLDEN, ids=[g["article"] for g in GOLDEN])
def test_expected_attributions(golden, results):
    body = results[golden["article"]]
    for expected in golden["quotes"]:
        part = "speaker" if "speaker" in expected else "content"
        matches = [q for q in body["quotes"] if q[part] and {k: q[part][k] for k in SPAN} == expected[part]]
        assert matches, f"no attribution with {part} {expected[part]['text']!r}"
        quote = matches[0]
        assert quote["type"] == expected["type"]
        assert quote["speaker"]["name"] == expected["speaker_name"]
        assert quote["cue"]["text"] == expected["cue"]


@pytest.mark.parametrize("golden", GOLDEN, ids=[g["article"] for g in GOLDEN])
def test_expected_claims_and_non_quantities(golden, results):
    body = results[golden["article"]]
    for expected in golden["claims"]:
        claim = next(c for c in body["claims"] if c["text"] == expected["text"])
        assert [body["quantities"][i]["text"] for i in claim["quantities"]] == expected["quantities"]
        assert [body["dates"][i]["text"] for i in claim["dates"]] == expected["dates"]
    for text in golden["not_quantities"]:
        assert not any(text in q["text"] for q in body["quantities"]), text


def test_every_wikinews_article_keeps_the_offset_invariant(pipeline):
    for path in sorted((DATA / "wikinews").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        body = extract(pipeline, text, path.stem)
        assert body["published_at"] is not None and body["published_at"]["source"] == "dateline", path.name
        for kind in ("quantities", "dates", "quotes", "claims"):
            for item in body[kind]:
                assert text[item["start"] : item["end"]] == item["text"]


def test_a_pasted_page_reports_a_repeated_teaser_once(pipeline):
    """A real article pasted from a web page: navigation, a teaser headline repeated, mojibake."""
    body_text = article("crane")
    headline = body_text.splitlines()[0]
    damaged = body_text.replace("'s", "â€™s", 1)
    page = (
        "Home | World | Sport | Download the app\nShare\n"
        f"{headline}\n\n{damaged}\n\nMost read\n{headline}\nShare\n"
    )
    result = extract(pipeline, page, "page")
    teaser = [c for c in result["claims"] if c["text"] == headline]
    assert len(teaser) == 1
    assert [o["text"] for o in teaser[0]["occurrences"]] == [headline, headline]
    assert not any("Download the app" in c["text"] for c in result["claims"])
    assert result["meta"]["repairs"] >= 1
    for kind in ("quantities", "dates", "quotes", "claims"):
        for item in result[kind]:
            assert page[item["start"] : item["end"]] == item["text"]
