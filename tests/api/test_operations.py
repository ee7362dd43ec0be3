"""Health, readiness, metrics, OpenAPI and overload behaviour."""

import threading

import anyio
import msgspec
from litestar.testing import TestClient

from service.api.app import create_app
from service.api.errors import Overloaded
from service.api.metrics import Metrics
from service.api.requests import Job
from service.api.schemas import MAX_ID_CHARS, BatchRequest, ExtractRequest
from service.serving.batcher import ExtractionRunner
from service.settings import Settings


def test_readiness_is_503_until_the_pipeline_is_loaded(pipeline, until_ready):
    release = threading.Event()

    def slow_loader(path):
        release.wait(30)
        return pipeline

    with TestClient(create_app(Settings(), load_pipeline=slow_loader)) as client:
        assert client.get("/healthz").status_code == 200
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.headers["retry-after"] == "2"
        extract = client.post("/v1/extract", json={"text": "Hello there."})
        assert extract.status_code == 503 and extract.headers["retry-after"] == "2"
        release.set()
        until_ready(client)
        assert client.post("/v1/extract", json={"text": "Hello there."}).status_code == 200


def test_a_pipeline_that_fails_to_load_fails_liveness(caplog):
    def broken_loader(path):
        raise FileNotFoundError(f"no artifact in {path}")

    with TestClient(create_app(Settings(), load_pipeline=broken_loader)) as client:
        for _ in range(200):
            if client.get("/healthz").status_code == 503:
                break
            threading.Event().wait(0.01)
        assert client.get("/healthz").json() == {"status": "failed"}
        assert client.get("/readyz").status_code == 503
    assert "pipeline failed to load" in caplog.text


class GatedPipeline:
    """The real pipeline, held at a gate, recording how many documents each call carried."""

    def __init__(self, pipeline, gate: threading.Event) -> None:
        self.pipeline, self.gate, self.batches = pipeline, gate, []
        self.tagger, self.checkworthiness = pipeline.tagger, pipeline.checkworthiness

    def extract_many(self, documents):
        self.gate.wait(10)
        self.batches.append(len(documents))
        return self.pipeline.extract_many(documents)


def run_concurrently(runner: ExtractionRunner, gate: threading.Event, texts: list[str]) -> list:
    """Send the first text, then the rest while the first is held at the gate; return outcomes."""
    outcomes: dict[int, object] = {}

    async def send(index: int, text: str) -> None:
        try:
            outcomes[index] = await runner.extract([Job(text, None, str(index))])
        except Overloaded as exc:
            outcomes[index] = exc

    async def scenario():
        async with anyio.create_task_group() as group:
            group.start_soon(send, 0, texts[0])
            await anyio.sleep(0.05)
            for index, text in enumerate(texts[1:], start=1):
                group.start_soon(send, index, text)
            await anyio.sleep(0.05)
            gate.set()
        await runner.close()

    anyio.run(scenario)
    return [outcomes[i] for i in range(len(texts))]


def test_a_full_queue_refuses_with_503_and_retry_after(pipeline):
    gate = threading.Event()
    runner = ExtractionRunner(Metrics(), max_queue=1, threads=1, token_budget=8192)
    runner.pipeline = GatedPipeline(pipeline, gate)
    first, second = run_concurrently(runner, gate, ["A 12-year-old boy.", "Second."])
    assert first[0].quantities and isinstance(second, Overloaded)


def test_concurrent_requests_waiting_together_share_one_pipeline_call(pipeline):
    gate = threading.Event()
    metrics = Metrics()
    runner = ExtractionRunner(metrics, max_queue=10, threads=1, token_budget=8192)
    runner.pipeline = gated = GatedPipeline(pipeline, gate)
    texts = ["First: 12 people were hurt.", "Second: prices rose 15%.", "Third: it rained on Monday.",
             "Fourth: about 300 km."]
    outcomes = run_concurrently(runner, gate, texts)
    assert gated.batches == [1, 3]
    assert [o[0].id for o in outcomes] == ["0", "1", "2", "3"]
    assert [o[0].quantities[0].text for o in outcomes if o[0].quantities][:2] == ["12 people", "15%"]
    assert metrics.batch_size._sum.get() == 4


def test_the_token_budget_bounds_a_batch(pipeline):
    gate = threading.Event()
    runner = ExtractionRunner(Metrics(), max_queue=10, threads=1, token_budget=12)
    runner.pipeline = gated = GatedPipeline(pipeline, gate)
    texts = ["One sentence here.", "Two sentences here.", "Three sentences here.", "Four sentences, too."]
    run_concurrently(runner, gate, texts)
    # Each text is reckoned at 5-6 pieces: two fit the budget of 12, three do not.
    assert gated.batches == [1, 2, 1]


def test_metrics_report_serving_vocabulary(client):
    client.post("/v1/extract", json={"text": "Police said 12 people were hurt on Monday."})
    client.post("/v1/extract", json={"text": ""})
    text = client.get("/metrics").text
    for name in ("claimex_requests_total", "claimex_request_duration_seconds_bucket",
                 "claimex_requests_in_flight", "claimex_inference_duration_seconds_count",
                 "claimex_queue_duration_seconds_count", "claimex_batch_size_bucket"):
        assert name in text, name
    assert 'route="/v1/extract",status="200"' in text
    assert 'route="/v1/extract",status="422"' in text


def resolve(document: dict, schema: dict) -> dict:
    """Return the component a `$ref` schema points to (or the schema itself)."""
    ref = schema.get("$ref")
    return document["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


def test_openapi_documents_both_body_media_types(client):
    schema = client.get("/schema/openapi.json").json()
    operation = schema["paths"]["/v1/extract"]["post"]
    body = operation["requestBody"]["content"]
    assert "application/json" in body and "text/plain; charset=utf-8" in body
    assert resolve(schema, body["application/json"]["schema"])["required"] == ["text"]
    assert resolve(schema, body["text/plain; charset=utf-8"]["schema"])["type"] == "string"
    query = {p["name"] for p in operation["parameters"] if p["in"] == "query"}
    assert query == {"published_at", "id", "url", "min_score", "format"}
    batch = schema["paths"]["/v1/extract/batch"]["post"]["requestBody"]["content"]["application/json"]
    documents = resolve(schema, batch["schema"])["properties"]["documents"]
    assert resolve(schema, documents["items"]) == resolve(schema, body["application/json"]["schema"])


def test_openapi_request_schemas_are_generated_from_the_structs(client):
    # Each request component is what msgspec generates from its Struct, so the two cannot drift apart.
    document = client.get("/schema/openapi.json").json()
    _, generated = msgspec.json.schema_components([ExtractRequest, BatchRequest],
                                                  ref_template="#/components/schemas/{name}")
    for name in ("ExtractRequest", "BatchRequest"):
        published = document["components"]["schemas"][name]
        assert published["properties"].keys() == generated[name]["properties"].keys()
        assert published["required"] == generated[name]["required"]
        assert published["additionalProperties"] is False
    assert document["components"]["schemas"]["ExtractRequest"]["properties"]["id"]["anyOf"][0]["maxLength"] == MAX_ID_CHARS
