"""The runner's errors as HTTP answers: a route like the service's extract handler, on the
service's exception handlers, with a fake pipeline (the real app wires the same pieces)."""

import threading
import time

from litestar import Litestar, Request, post
from litestar.testing import TestClient

from service.api.app import create_app
from service.api.errors import make_exception_handlers
from service.api.metrics import Metrics
from service.api.requests import Job
from service.serving.batcher import ExtractionRunner, Readiness
from service.serving.disconnect import cancelled_if_client_leaves
from service.settings import Settings


def client_of(pipeline, deadline_s: float | None = None) -> TestClient:
    runner = ExtractionRunner(Metrics(), max_queue=4, threads=1, token_budget=8192, deadline_s=deadline_s)
    runner.pipeline, runner.state = pipeline, Readiness.READY

    @post("/extract", status_code=200)
    async def extract(request: Request) -> dict:
        text = (await request.body()).decode()
        (response,) = await cancelled_if_client_leaves(request.receive, runner.extract([Job(text, None, "1")]))
        return {"id": response.id}

    app = Litestar([extract], exception_handlers=make_exception_handlers(retry_after_seconds=2),
                   on_shutdown=[runner.close], logging_config=None)
    return TestClient(app, raise_server_exceptions=False)


def test_past_the_deadline_the_answer_is_503_problem_details_with_retry_after(fake_pipeline):
    gate = threading.Event()
    with client_of(fake_pipeline(gates={"slow": gate}), deadline_s=0.1) as client:
        response = client.post("/extract", content=b"slow")
        gate.set()
        assert client.post("/extract", content=b"quick").json() == {"id": "1"}
    assert response.status_code == 503
    assert response.headers["retry-after"] == "2"
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"].endswith("/deadline-exceeded") and problem["status"] == 503


def test_a_document_the_pipeline_fails_on_is_a_500_that_shows_no_internals(fake_pipeline, caplog):
    with client_of(fake_pipeline(failing=("broken",))) as client:
        failed = client.post("/extract", content=b"broken")
        fine = client.post("/extract", content=b"fine")
    assert failed.status_code == 500 and failed.json()["detail"] == "internal error"
    assert "model failure" not in failed.text and "RuntimeError: model failure" in caplog.text
    assert fine.status_code == 200


def test_the_service_answers_503_past_its_deadline_setting(fake_pipeline):
    gate = threading.Event()
    pipeline = fake_pipeline(gates={"A slow text.": gate})
    pipeline.warm_up = lambda: None
    app = create_app(Settings(request_deadline_seconds=0.2), load_pipeline=lambda path: pipeline)
    with TestClient(app, raise_server_exceptions=False) as client:
        for _ in range(200):
            if client.get("/readyz").status_code == 200:
                break
            time.sleep(0.05)
        response = client.post("/v1/extract", json={"text": "A slow text."})
        gate.set()
    assert response.status_code == 503
    assert response.json()["type"].endswith("/deadline-exceeded")
