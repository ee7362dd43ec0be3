"""Health, readiness, metrics, OpenAPI and overload behaviour."""

import threading

import anyio
from litestar.testing import TestClient

from service.api.app import create_app
from service.api.errors import Overloaded
from service.api.metrics import Metrics
from service.api.requests import Job
from service.api.runner import ExtractionRunner
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


def test_a_full_queue_refuses_with_503_and_retry_after(pipeline):
    runner = ExtractionRunner(Metrics(), max_queue=1, threads=1)
    runner.pipeline = pipeline
    gate = threading.Event()
    original = runner._extract_all

    def held(*args):
        gate.wait(10)
        return original(*args)

    runner._extract_all = held
    outcomes = []

    async def scenario():
        async def first():
            outcomes.append(await runner.extract([Job("A 12-year-old boy.", None, None)]))

        async with anyio.create_task_group() as group:
            group.start_soon(first)
            await anyio.sleep(0.05)
            try:
                await runner.extract([Job("Second.", None, None)])
            except Overloaded as exc:
                outcomes.append(exc)
            gate.set()

    anyio.run(scenario)
    assert isinstance(outcomes[0], Overloaded)
    assert outcomes[1][0].quantities


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


def test_openapi_documents_both_body_media_types(client):
    schema = client.get("/schema/openapi.json").json()
    body = schema["paths"]["/v1/extract"]["post"]["requestBody"]["content"]
    assert "application/json" in body and "text/plain; charset=utf-8" in body
    assert body["application/json"]["schema"]["required"] == ["text"]
    assert "/v1/extract/batch" in schema["paths"]
