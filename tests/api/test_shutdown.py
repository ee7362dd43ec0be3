"""Shutdown as the app sees it: readiness while draining, and requests cut off at the deadline."""

import asyncio

from litestar.testing import TestClient
from test_hostile import HeldPipeline

from service.api.app import create_app
from service.api.shutdown import DRAINING
from service.settings import Settings


def scope(path: str, method: str, state: dict, headers: list[tuple[bytes, bytes]] = ()) -> dict:
    return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method, "scheme": "http",
            "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "", "headers": list(headers),
            "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000), "state": state}


def call(client: TestClient, request_scope: dict, body: bytes = b"") -> list[dict]:
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: dict) -> None:
        sent.append(message)

    client.blocking_portal.call(client.app, request_scope, receive, send)
    return sent


def test_readiness_is_503_once_the_server_drains(client):
    assert call(client, scope("/readyz", "GET", {}))[0]["status"] == 200
    sent = call(client, scope("/readyz", "GET", {DRAINING: True}))
    assert sent[0]["status"] == 503 and b"shutting down" in sent[1]["body"]
    # Requests still routed here during the drain are served.
    sent = call(client, scope("/v1/extract", "POST", {DRAINING: True}, [(b"content-type", b"application/json")]),
                b'{"text": "Police said 12 people were hurt."}')
    assert sent[0]["status"] == 200


def cut_off(client: TestClient, held: HeldPipeline, request_scope: dict, body: bytes) -> tuple[list[dict], bool]:
    """Send a request, cancel it as uvicorn does at its graceful shutdown timeout once its extraction
    is held; return what the app sent and whether the task ended cancelled."""
    sent: list[dict] = []
    pending = [{"type": "http.request", "body": body, "more_body": False}]

    async def run() -> bool:
        async def receive() -> dict:
            if pending:
                return pending.pop()
            await asyncio.Event().wait()  # the client stays connected and sends nothing more

        async def send(message: dict) -> None:
            sent.append(message)

        task = asyncio.create_task(client.app(request_scope, receive, send))
        while not held.entered.is_set():
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)
        task.cancel()
        await task
        return task.cancelled()

    cancelled = client.blocking_portal.call(run)
    held.release.set()
    # The extraction of the request that left still runs in its thread; let it end before the app does.
    assert held.done.wait(30)
    return sent, cancelled


def test_a_request_cut_off_at_the_shutdown_deadline_is_a_503_problem(pipeline, until_ready):
    held = HeldPipeline(pipeline)
    with TestClient(create_app(Settings(), load_pipeline=lambda path: held)) as client:
        until_ready(client)
        request = scope("/v1/extract", "POST", {}, [(b"content-type", b"application/json")])
        sent, cancelled = cut_off(client, held, request, b'{"text": "One."}')
        metrics = client.get("/metrics").text
    start, body = sent
    assert not cancelled
    assert start["status"] == 503
    headers = dict(start["headers"])
    assert headers[b"content-type"] == b"application/problem+json" and headers[b"retry-after"] == b"2"
    assert b"/shutting-down" in body["body"]
    assert 'route="/v1/extract",status="503"' in metrics


def test_a_stream_cut_off_at_the_shutdown_deadline_ends_with_a_503_problem_line(pipeline, until_ready):
    held = HeldPipeline(pipeline)
    with TestClient(create_app(Settings(), load_pipeline=lambda path: held)) as client:
        until_ready(client)
        request = scope("/v1/extract/batch", "POST", {}, [(b"content-type", b"application/json")])
        request["query_string"] = b"format=ndjson"
        sent, _ = cut_off(client, held, request, b'{"documents": [{"text": "One."}, {"text": "Two."}]}')
    assert sent[0]["status"] == 200
    last = sent[-1]
    assert last["more_body"] is False and b"/shutting-down" in last["body"] and last["body"].endswith(b"\n")
