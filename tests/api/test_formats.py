"""Output formats: negotiation, schema.org JSON-LD of a real article, NDJSON streaming of a batch."""

import json
import threading
from pathlib import Path

import anyio
import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_extract import ARTICLE, assert_offsets, problem

from service.api.errors import InvalidRequest, NotAcceptable
from service.api.formats import Format, ndjson_lines, negotiate
from service.api.jsonld import CLAIMEX
from service.api.metrics import Metrics
from service.api.requests import Job
from service.serving.batcher import ExtractionRunner

WIKINEWS = Path(__file__).resolve().parents[1] / "data" / "wikinews"
# A Wikinews article with named people and organizations, its own voice, and other stories' teasers.
SENSITIVE = (WIKINEWS / "GUM_news_sensitive.txt").read_text(encoding="utf-8")
# The article pasted with another story's teaser after it (its Sources lines are chrome).
SENSITIVE_PAGE = SENSITIVE + "\nRelated stories\nPolice arrest 12 after protests in Paris turn violent\n"
URL = "https://en.wikinews.org/wiki/Example_article"
JSON, JSONLD, NDJSON, JSONL = "application/json", "application/ld+json", "application/x-ndjson", "application/jsonl"


@pytest.mark.parametrize(("format_param", "accept", "expected"), [
    (None, None, (Format.JSON, JSON)),
    (None, "", (Format.JSON, JSON)),
    (None, "*/*", (Format.JSON, JSON)),
    (None, "application/*", (Format.JSON, JSON)),
    (None, JSON, (Format.JSON, JSON)),
    (None, JSONLD, (Format.JSONLD, JSONLD)),
    (None, NDJSON, (Format.NDJSON, NDJSON)),
    (None, JSONL, (Format.NDJSON, JSONL)),
    (None, "APPLICATION/LD+JSON; charset=utf-8", (Format.JSONLD, JSONLD)),
    # The claims page's own request.
    (None, "application/json, application/problem+json", (Format.JSON, JSON)),
    # q-values rank; a named type outranks a wildcard of the same q.
    (None, "application/json;q=0.5, application/ld+json", (Format.JSONLD, JSONLD)),
    (None, "application/ld+json;q=0.4, application/json;q=0.9", (Format.JSON, JSON)),
    (None, "application/ld+json, */*;q=0.1", (Format.JSONLD, JSONLD)),
    (None, "text/html, application/xhtml+xml, */*;q=0.8", (Format.JSON, JSON)),
    (None, "*/*, application/x-ndjson", (Format.NDJSON, NDJSON)),
    # Equal q and specificity: the client's order, then ours.
    (None, "application/ld+json, application/json", (Format.JSONLD, JSONLD)),
    (None, "application/json;q=0, */*", (Format.JSONLD, JSONLD)),
    (None, "application/json;q=zero, application/ld+json;q=0.2", (Format.JSONLD, JSONLD)),
    # The query parameter wins over Accept, even over one that accepts nothing written.
    ("jsonld", JSON, (Format.JSONLD, JSONLD)),
    ("NDJSON", None, (Format.NDJSON, NDJSON)),
    ("json", "text/html", (Format.JSON, JSON)),
])
def test_negotiation_table(format_param, accept, expected):
    assert negotiate(format_param, accept) == expected


@pytest.mark.parametrize("accept", ["text/html", "application/xml, text/*", "application/json;q=0",
                                    "*/*;q=0", "nonsense", "application/json;q=2"])
def test_accept_naming_nothing_written_is_not_acceptable(accept):
    with pytest.raises(NotAcceptable):
        negotiate(None, accept)


@pytest.mark.parametrize("value", ["xml", "", "json-ld", "jsonl"])
def test_an_unknown_format_value_is_invalid(value):
    with pytest.raises(InvalidRequest, match="format must be one of json, jsonld, ndjson"):
        negotiate(value, None)


@given(st.one_of(st.none(), st.text(max_size=40)), st.text(max_size=200))
def test_any_format_or_accept_is_a_choice_or_a_4xx(format_param, accept):
    try:
        chosen = negotiate(format_param, accept)
    except (InvalidRequest, NotAcceptable):
        return
    assert chosen.format in Format and chosen.media_type in (JSON, JSONLD, NDJSON, JSONL)


def test_406_and_400_are_problems_sent_before_any_extraction(client):
    body = problem(client.post("/v1/extract", json={"text": ARTICLE}, headers={"Accept": "text/html"}), 406)
    assert body["type"].endswith("/not-acceptable") and "text/html" in body["detail"]
    body = problem(client.post("/v1/extract?format=xml", json={"text": ARTICLE}), 400)
    assert "format" in body["detail"]
    batch = {"documents": [{"text": ARTICLE}]}
    problem(client.post("/v1/extract/batch", json=batch, headers={"Accept": "image/png"}), 406)
    problem(client.post("/v1/extract/batch?format=csv", json=batch), 400)


def jsonld_of(client, text: str, **fields) -> tuple[dict, dict]:
    """Return the JSON-LD and the native response of one request."""
    document = {"text": text, **fields}
    linked = client.post("/v1/extract", json=document, headers={"Accept": JSONLD})
    assert linked.status_code == 200, linked.text
    assert linked.headers["content-type"] == JSONLD and linked.headers["vary"] == "Accept"
    native = client.post("/v1/extract", json=document)
    assert native.headers["content-type"] == JSON
    return linked.json(), native.json()


def test_jsonld_of_a_real_article_is_schema_org_claims(client):
    doc, native = jsonld_of(client, SENSITIVE_PAGE, url=URL)
    assert doc["@context"] == "https://schema.org" and set(doc) == {"@context", "@graph"}
    article = [c for c in native["claims"] if c["section"] == "article"]
    related = [c for c in native["claims"] if c["section"] == "related"]
    assert related and article, "the article should have both sections"
    graph = doc["@graph"]
    # Every article claim once, in the native order; other stories' teasers left out.
    assert [n["text"] for n in graph] == [c["text"] for c in article]
    assert not {c["text"] for c in related} & {n["text"] for n in graph}
    published = native["published_at"]["value"]
    for node, claim in zip(graph, article, strict=True):
        assert node["@type"] == "Claim"
        start, end = node[CLAIMEX + "start"], node[CLAIMEX + "end"]
        assert SENSITIVE_PAGE[start:end] == node["text"] and (start, end) == (claim["start"], claim["end"])
        assert node[CLAIMEX + "score"] == claim["score"]
        assert node["datePublished"] == published
        if claim["speaker"] is None:
            assert "author" not in node
        else:
            kind = {"person": "Person", "organization": "Organization"}[claim["speaker_type"]]
            assert node["author"] == {"@type": kind, "name": claim["speaker"]}
        assert node["appearance"]["@type"] == "CreativeWork"
        assert node["appearance"]["url"].startswith(URL + "#:~:text=")
        assert node["firstAppearance"] == node["appearance"]
        if "temporalCoverage" in node:
            assert node["temporalCoverage"] == claim["event_date"]
    authors = {node["author"]["@type"] for node in graph if "author" in node}
    assert authors == {"Person", "Organization"}
    assert any("author" not in node for node in graph)


def test_jsonld_without_url_or_date_has_no_appearance_or_date(client):
    doc, native = jsonld_of(client, "Police said 12 people were hurt. Prices rose 15% in the city.")
    assert native["published_at"] is None and doc["@graph"]
    for node in doc["@graph"]:
        assert "appearance" not in node and "firstAppearance" not in node and "datePublished" not in node


def test_jsonld_takes_the_date_sent_over_the_dateline(client):
    doc, _ = jsonld_of(client, ARTICLE, published_at="2022-03-12T09:30:00Z", url=URL)
    node = next(n for n in doc["@graph"] if "range" in n["text"])
    assert node["datePublished"] == "2022-03-12" and node["temporalCoverage"] == "2022-03-08"
    assert node["author"] == {"@type": "Organization", "name": "Defence officials"}


def test_extract_answers_ndjson_as_one_line(client):
    response = client.post("/v1/extract?format=ndjson", content=ARTICLE.encode(),
                           headers={"Content-Type": "text/plain; charset=utf-8"})
    assert response.status_code == 200 and response.headers["content-type"] == NDJSON
    (line,) = response.text.splitlines()
    assert response.text.endswith("\n")
    assert_offsets(ARTICLE, json.loads(line))


BATCH = [
    {"text": SENSITIVE, "id": "sensitive", "url": URL},
    {"text": "Police said 12 people were hurt on Monday.", "id": "short", "published_at": "2022-03-12"},
    {"text": ARTICLE, "id": "missile", "url": "https://news.example/missile#top"},
]


def test_batch_streams_ndjson_one_result_per_line_in_order(client):
    response = client.post("/v1/extract/batch", json={"documents": BATCH}, headers={"Accept": JSONL})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == JSONL
    lines = response.text.splitlines()
    assert len(lines) == len(BATCH) and response.text.endswith("\n")
    results = [json.loads(line) for line in lines]
    assert [r["id"] for r in results] == [d["id"] for d in BATCH]
    native = client.post("/v1/extract/batch", json={"documents": BATCH}).json()["results"]
    for sent, streamed, whole in zip(BATCH, results, native, strict=True):
        assert_offsets(sent["text"], streamed)
        assert streamed["claims"] == whole["claims"] and streamed["quantities"] == whole["quantities"]


def test_batch_jsonld_is_an_array_of_documents_in_order(client):
    response = client.post("/v1/extract/batch?format=jsonld", json={"documents": BATCH})
    assert response.status_code == 200 and response.headers["content-type"] == JSONLD
    documents = response.json()
    assert isinstance(documents, list) and len(documents) == len(BATCH)
    for sent, doc in zip(BATCH, documents, strict=True):
        assert doc["@context"] == "https://schema.org" and doc["@graph"]
        for node in doc["@graph"]:
            assert sent["text"][node[CLAIMEX + "start"] : node[CLAIMEX + "end"]] == node["text"]
            if "url" in sent:
                assert node["appearance"]["url"].startswith(sent["url"] + ":~:text=" if "#" in sent["url"]
                                                            else sent["url"] + "#:~:text=")
            else:
                assert "appearance" not in node


def test_a_bad_document_fails_the_stream_before_it_starts(client):
    documents = [{"text": "Fine."}, {"text": "  "}]
    body = problem(client.post("/v1/extract/batch?format=ndjson", json={"documents": documents}), 422)
    assert "documents[1]" in body["detail"]


def test_openapi_documents_the_output_formats(client):
    schema = client.get("/schema/openapi.json").json()
    for path in ("/v1/extract", "/v1/extract/batch"):
        operation = schema["paths"][path]["post"]
        assert set(operation["responses"]["200"]["content"]) == {JSON, JSONLD, NDJSON}
        (param,) = [p for p in operation["parameters"] if p["name"] == "format"]
        assert param["in"] == "query" and param["schema"]["enum"] == ["json", "jsonld", "ndjson"]


class HeldPipeline:
    """The real pipeline; a call holding `held` waits at the gate, one holding `broken` fails."""

    def __init__(self, pipeline, gate: threading.Event, held: str, broken: str | None = None) -> None:
        self.pipeline, self.gate, self.held, self.broken = pipeline, gate, held, broken
        self.tagger, self.checkworthiness = pipeline.tagger, pipeline.checkworthiness
        self.texts: list[str] = []

    def extract_many(self, documents):
        texts = [text for text, _ in documents]
        self.texts.extend(texts)
        if self.held in texts:
            self.gate.wait(30)
        if self.broken in texts:
            raise RuntimeError("model failure")
        return self.pipeline.extract_many(documents)


def held_runner(pipeline, gate, held, broken=None) -> ExtractionRunner:
    # A budget of one word piece puts every document in its own pipeline call.
    runner = ExtractionRunner(Metrics(), max_queue=1, threads=1, token_budget=1)
    runner.pipeline = HeldPipeline(pipeline, gate, held, broken)
    return runner


TEXTS = ["First: 12 people were hurt.", "Second: prices rose 15%.", "Third: it rained on Monday."]


def test_a_line_is_sent_while_later_documents_are_still_running(pipeline):
    gate = threading.Event()
    runner = held_runner(pipeline, gate, held=TEXTS[1])

    async def scenario():
        pending = runner.submit_each([Job(text, None, str(i)) for i, text in enumerate(TEXTS)])
        lines = ndjson_lines(pending, "/v1/extract/batch")
        first = json.loads(await anext(lines))
        # The first document's line is out while the second is held at the gate.
        held = not pending[1].done()
        gate.set()
        rest = [json.loads(line) async for line in lines]
        # The whole batch was one admission, released when it finished: the next call is admitted.
        after = await runner.extract([Job("Fourth.", None, "3")])
        await runner.close()
        return first, held, rest, after

    first, held, rest, after = anyio.run(scenario)
    assert held and first["id"] == "0"
    assert [r["id"] for r in rest] == ["1", "2"] and rest[0]["quantities"][0]["text"] == "15%"
    assert after[0].id == "3"


def test_a_failed_document_is_a_problem_line_and_the_rest_still_come(pipeline, caplog):
    gate = threading.Event()
    gate.set()
    runner = held_runner(pipeline, gate, held="", broken=TEXTS[1])

    async def scenario():
        pending = runner.submit_each([Job(text, None, str(i)) for i, text in enumerate(TEXTS)])
        lines = [json.loads(line) async for line in ndjson_lines(pending, "/v1/extract/batch")]
        await runner.close()
        return lines

    first, failed, last = anyio.run(scenario)
    assert (first["id"], last["id"]) == ("0", "2")
    assert failed["status"] == 500 and failed["detail"] == "internal error" and "model failure" not in str(failed)
    assert "document 1 of a streamed batch failed" in caplog.text


def test_a_client_that_stops_reading_drops_the_documents_not_yet_run(pipeline):
    gate = threading.Event()
    runner = held_runner(pipeline, gate, held=TEXTS[1])

    async def scenario():
        pending = runner.submit_each([Job(text, None, str(i)) for i, text in enumerate(TEXTS)])
        lines = ndjson_lines(pending, "/v1/extract/batch")
        await anext(lines)
        await lines.aclose()
        cancelled = [future.cancelled() for future in pending]
        gate.set()
        # Cancelled futures run their callbacks (the admission's release) on the loop's next turn.
        await anyio.sleep(0)
        # The next call runs only after the held one: the dropped third document would have come first.
        await runner.extract([Job("Fourth.", None, "3")])
        await runner.close()
        return cancelled

    cancelled = anyio.run(scenario)
    assert cancelled == [False, True, True]
    assert runner.pipeline.texts == [TEXTS[0], TEXTS[1], "Fourth."]


@pytest.mark.server
def test_real_server_streams_ndjson_over_http(start_claimex):
    # A budget of one token puts every document in its own batch, so lines can stream.
    with start_claimex(CLAIMEX_BATCH_TOKEN_BUDGET="1") as live:
        base = live.base
        with httpx.stream("POST", f"{base}/v1/extract/batch", json={"documents": BATCH},
                          headers={"Accept": NDJSON}, timeout=60) as response:
            assert response.status_code == 200
            assert response.headers["content-type"] == NDJSON
            # Streamed: no length known up front, the body comes in chunks.
            assert response.headers.get("transfer-encoding") == "chunked" and "content-length" not in response.headers
            results = [json.loads(line) for line in response.iter_lines() if line]
        assert [r["id"] for r in results] == [d["id"] for d in BATCH]
        for sent, result in zip(BATCH, results, strict=True):
            assert_offsets(sent["text"], result)
        bad = httpx.post(f"{base}/v1/extract/batch", json={"documents": BATCH}, headers={"Accept": "text/csv"})
        assert bad.status_code == 406 and bad.headers["content-type"].startswith("application/problem+json")
        linked = httpx.post(f"{base}/v1/extract?format=jsonld", json=BATCH[0], timeout=60)
        assert linked.headers["content-type"] == JSONLD and linked.json()["@graph"]
