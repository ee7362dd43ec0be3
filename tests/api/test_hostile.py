"""Hostile and broken requests: each is a 4xx problem (or a 499 for a client that left), never a 5xx."""

import logging
import threading

import anyio
import pytest
from litestar.testing import TestClient
from test_extract import problem

from service.api import app as app_module
from service.api.app import create_app
from service.settings import Settings

JSON_HEADERS = {"Content-Type": "application/json"}
# A message that never comes: the client stalls.
STALL = {"type": "stall"}


@pytest.mark.parametrize(("path", "body"), [
    ("/v1/extract", b'{"text": "caf\xe9 au lait"}'),
    ("/v1/extract", b'{"text": "fine", "id": "\xff\xfe"}'),
    ("/v1/extract", b'{"te\xffxt": "a"}'),
    ("/v1/extract/batch", b'{"documents": [{"text": "ok"}, {"text": "\xc3\x28"}]}'),
    ("/v1/extract/batch?format=ndjson", b'{"documents": [{"text": "ok"}, {"text": "\xed\xa0\x80"}]}'),
])
def test_bytes_that_are_not_utf8_inside_json_are_400(client, path, body):
    detail = problem(client.post(path, content=body, headers=JSON_HEADERS), 400)["detail"]
    assert "UTF-8" in detail


@pytest.mark.parametrize("query", ["published_at=%ff%fe", "id=%C3%28", "min_score=%80", "format=%ff"])
def test_query_values_that_are_not_utf8_are_never_a_5xx(client, query):
    # Litestar decodes the query string with replacement characters, so an id may come back as "\ufffd(".
    response = client.post(f"/v1/extract?{query}", content=b"Some text.",
                           headers={"Content-Type": "text/plain; charset=utf-8"})
    assert response.status_code < 500, response.text
    if response.status_code != 200:
        assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("headers", [
    {"Content-Type": "application/json; charset=\xff".encode("latin-1")},
    {"Content-Type": "text/plain; charset"},
    {"Content-Type": ";;;"},
    {"Accept": "application/json;q=nan"},
    {"Accept": "\x00/\x00"},
    {"Content-Type": "application/json", "Accept": "," * 5000},
])
def test_odd_headers_are_answered_without_a_5xx(client, headers):
    response = client.post("/v1/extract", content=b'{"text": "Police said 12 people were hurt."}', headers=headers)
    assert response.status_code < 500, response.text


def asgi_request(client: TestClient, path: str, messages: list[dict], headers: list[tuple[bytes, bytes]],
                 reads: list[str] | None = None) -> list[dict]:
    """Run one request through the app as the ASGI server would, feeding `messages`; return what it sent.

    Each message the app asked for is noted in `reads`.
    """
    sent: list[dict] = []
    pending = list(messages)
    reads = [] if reads is None else reads

    async def receive() -> dict:
        message = pending.pop(0) if pending else {"type": "http.disconnect"}
        reads.append(message["type"])
        if message is STALL:
            await anyio.sleep_forever()
        return message

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": headers, "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 8000), "state": {}}
    client.blocking_portal.call(client.app, scope, receive, send)
    return sent


def test_a_client_that_leaves_mid_body_is_a_499_logged_at_info(client, caplog):
    caplog.set_level(logging.INFO)
    sent = asgi_request(client, "/v1/extract", [
        {"type": "http.request", "body": b'{"text": "Police said 12 pe', "more_body": True},
        {"type": "http.disconnect"},
    ], [(b"content-type", b"application/json"), (b"content-length", b"200")])
    assert sent[0]["status"] == 499
    assert 'route="/v1/extract",status="499"' in client.get("/metrics").text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert "closed the connection" in caplog.text


def test_an_unexpected_error_is_a_500_that_says_internal_error_and_logs_the_trace(pipeline, until_ready, caplog,
                                                                                   monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("secret internals: /etc/passwd")

    monkeypatch.setattr(app_module, "single_response", broken)
    with TestClient(create_app(Settings(), load_pipeline=lambda path: pipeline), raise_server_exceptions=False) as c:
        until_ready(c)
        response = c.post("/v1/extract", json={"text": "Police said 12 people were hurt."})
    body = problem(response, 500)
    assert body["detail"] == "internal error" and "secret" not in response.text
    assert "RuntimeError: secret internals" in caplog.text and "Traceback" in caplog.text


class HeldPipeline:
    """The real pipeline, whose extraction calls wait until released (warm-up runs freely)."""

    def __init__(self, pipeline) -> None:
        self.pipeline, self.entered, self.release, self.done = pipeline, threading.Event(), threading.Event(), threading.Event()

    def __getattr__(self, name: str):
        return getattr(self.pipeline, name)

    def extract_many(self, documents):
        self.entered.set()
        self.release.wait(30)
        try:
            return self.pipeline.extract_many(documents)
        finally:
            self.done.set()


def test_a_full_queue_is_a_503_from_the_headers_without_reading_the_body(pipeline, until_ready):
    held = HeldPipeline(pipeline)
    with TestClient(create_app(Settings(max_queue=1), load_pipeline=lambda path: held)) as client:
        until_ready(client)
        first = threading.Thread(target=client.post, args=("/v1/extract",), kwargs={"json": {"text": "One."}})
        first.start()
        assert held.entered.wait(30)
        reads: list[str] = []
        sent = asgi_request(client, "/v1/extract", [], [(b"content-type", b"application/json"),
                                                         (b"content-length", b"4000000")], reads)
        held.release.set()
        first.join(30)
    start = sent[0]
    assert start["status"] == 503 and (b"retry-after", b"2") in start["headers"]
    assert reads == [], "the body was read"


def test_a_body_that_stalls_is_a_408_after_the_body_timeout(pipeline, until_ready):
    with TestClient(create_app(Settings(body_timeout_seconds=0.5), load_pipeline=lambda path: pipeline)) as client:
        until_ready(client)
        sent = asgi_request(client, "/v1/extract", [
            {"type": "http.request", "body": b'{"text": "Police said', "more_body": True}, STALL,
        ], [(b"content-type", b"application/json"), (b"content-length", b"400")])
    assert sent[0]["status"] == 408
    assert b'"request-timeout"' in sent[1]["body"] or b"/request-timeout" in sent[1]["body"]
