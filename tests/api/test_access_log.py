"""The access log: one JSON line per request with id, status, timings and sizes, never a body."""

import asyncio
import io
import json
import logging
import re
import uuid
from collections.abc import Iterator

import httpx
import pytest
from litestar.testing import TestClient

from service.api import access_log
from service.api.access_log import AccessLog, log_access_as_json_lines, request_id, server_timings
from service.api.app import create_app
from service.settings import Settings

# Words no response, header or log line would hold unless a body leaked into the log.
SENTENCE = "The zeppelin quartet of Lower Wobbleton counted 4,721 marmalade jars on 3 March 2021."
LEAK_MARKERS = ("zeppelin", "Wobbleton", "marmalade", "doc-7f3e-secret")
FIELDS = {"time", "request_id", "method", "path", "status", "duration_ms", "request_bytes",
          "response_bytes", "client"}
HEX_ID = re.compile(r"[0-9a-f]{32}")


@pytest.fixture()
def access_lines(caplog) -> Iterator[list]:
    """The claimex.access records of the test, as a list filled as they come; all loggers are captured."""
    caplog.set_level(logging.DEBUG)
    records = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Collect()
    access_log.log.addHandler(handler)
    yield records
    access_log.log.removeHandler(handler)


def parsed(records) -> list[dict]:
    return [json.loads(r.getMessage()) for r in records]


def assert_nothing_leaked(caplog, records) -> None:
    # Every server-side log record; httpx's are the test client's own.
    server_side = [r for r in caplog.records if not r.name.startswith("httpx")] + records
    everything = "\n".join(logging.Formatter().format(r) for r in server_side)
    for marker in LEAK_MARKERS:
        assert marker not in everything


def test_one_json_line_per_request_with_the_fields_and_no_text(client, caplog, access_lines):
    body = json.dumps({"text": SENTENCE, "published_at": "2021-03-04", "id": "doc-7f3e-secret"}).encode()
    response = client.post("/v1/extract", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    (line,) = parsed(access_lines)
    assert FIELDS <= line.keys()
    assert line["method"] == "POST" and line["path"] == "/v1/extract" and line["status"] == 200
    assert line["request_bytes"] == len(body)
    assert line["response_bytes"] == len(response.content)
    assert line["duration_ms"] > 0
    timing = response.json()["meta"]["timing"]
    assert line["queue_ms"] == timing["queue_ms"] and line["extraction_ms"] == timing["extraction_ms"]
    assert line["duration_ms"] >= line["extraction_ms"]
    assert line["request_id"] == response.headers["x-request-id"]
    assert_nothing_leaked(caplog, access_lines)


def test_problems_text_bodies_and_query_strings_leave_no_trace(client, caplog, access_lines):
    # Invalid JSON that holds the sentence: the 400 is logged, the sentence is not.
    bad = client.post("/v1/extract", content=b'{"text": "' + SENTENCE.encode() + b'",',
                      headers={"Content-Type": "application/json"})
    assert bad.status_code == 400
    plain = client.post("/v1/extract?published_at=2021-03-04&id=doc-7f3e-secret", content=SENTENCE.encode(),
                        headers={"Content-Type": "text/plain; charset=utf-8"})
    assert plain.status_code == 200
    lines = parsed(access_lines)
    assert [line["status"] for line in lines] == [400, 200]
    assert all(line["path"] == "/v1/extract" for line in lines)
    assert lines[1]["request_bytes"] == len(SENTENCE.encode())
    assert_nothing_leaked(caplog, access_lines)


def test_a_streamed_batch_is_logged_with_every_byte_sent(client, access_lines):
    documents = {"documents": [{"text": SENTENCE}, {"text": "Prices rose 15% in May."}]}
    response = client.post("/v1/extract/batch?format=ndjson", json=documents)
    assert response.status_code == 200 and len(response.content.splitlines()) == 2
    (line,) = parsed(access_lines)
    assert line["response_bytes"] == len(response.content)
    assert "queue_ms" not in line  # the headers went out before any document ran


def test_unrouted_requests_are_logged_too(client, access_lines):
    assert client.get("/no/such/path").status_code == 404
    assert client.delete("/v1/extract").status_code == 405
    assert [(line["path"], line["status"]) for line in parsed(access_lines)] == [
        ("/no/such/path", 404), ("/v1/extract", 405)]


@pytest.mark.parametrize("incoming", ["abc-123", "3f2b6c1e-0d4a-4c39-9a8e-6f1f0b2d7c55",
                                      "Root=1-5759e988-bd862e3fe1be46a994272793", "a" * 128])
def test_a_sane_request_id_is_echoed_and_logged(client, access_lines, incoming):
    response = client.get("/healthz", headers={"X-Request-ID": incoming})
    assert response.headers["x-request-id"] == incoming
    assert parsed(access_lines)[0]["request_id"] == incoming


@pytest.mark.parametrize("incoming", ["a" * 129, "has space", 'quote"', "line\\nbreak", "é-id", "", "a;b", "<x>"])
def test_an_insane_request_id_is_replaced(client, access_lines, incoming):
    response = client.get("/healthz", headers={"X-Request-ID": incoming.encode("utf-8")})
    sent = response.headers["x-request-id"]
    assert HEX_ID.fullmatch(sent)
    assert parsed(access_lines)[0]["request_id"] == sent


def test_every_response_gets_a_fresh_id_when_none_is_sent(client):
    ids = {client.get("/healthz").headers["x-request-id"] for _ in range(3)}
    assert len(ids) == 3 and all(HEX_ID.fullmatch(i) for i in ids)
    assert len(client.post("/v1/extract", json={"text": " "}).headers.get_list("x-request-id")) == 1


def test_request_id_keeps_only_the_first_header():
    assert request_id([(b"X-Request-ID", b"first"), (b"x-request-id", b"second")]) == "first"
    assert uuid.UUID(hex=request_id([]))


def test_server_timings_read_the_dur_of_each_metric():
    assert server_timings(b"queue;dur=1.5, extraction;dur=20, cache;desc=hit, odd;dur=x") == {
        "queue": 1.5, "extraction": 20.0}


@pytest.fixture()
def no_access_client(pipeline, until_ready) -> Iterator[TestClient]:
    app = create_app(Settings(access_log=False), load_pipeline=lambda path: pipeline)
    with TestClient(app, raise_server_exceptions=False) as client:
        until_ready(client)
        yield client


def test_the_access_log_can_be_turned_off(no_access_client, access_lines):
    assert no_access_client.get("/healthz").status_code == 200
    assert access_lines == []


def run_asgi(app, messages: list[dict]) -> list[dict]:
    """Call an ASGI app once with `messages` as what the client sends; return what it sent back."""
    sent = []
    incoming = iter(messages)

    async def receive():
        return next(incoming)

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/v1/extract", "headers": [], "client": ("10.0.0.9", 5000)}
    asyncio.run(app(scope, receive, send))
    return sent


def test_a_client_that_left_before_the_answer_is_logged_as_499(access_lines):
    async def reads_until_the_client_leaves(scope, receive, send):
        while (await receive())["type"] != "http.disconnect":
            pass

    run_asgi(AccessLog(reads_until_the_client_leaves), [
        {"type": "http.request", "body": b"12345", "more_body": True}, {"type": "http.disconnect"}])
    (line,) = parsed(access_lines)
    assert (line["status"], line["request_bytes"], line["response_bytes"]) == (499, 5, 0)
    assert line["client"] == "10.0.0.9"


def test_an_app_that_fails_before_answering_is_logged_as_500_and_the_error_goes_on(access_lines):
    async def fails(scope, receive, send):
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        run_asgi(AccessLog(fails), [])
    assert parsed(access_lines)[0]["status"] == 500


def test_a_request_id_the_app_sets_is_replaced_not_doubled():
    async def answers(scope, receive, send):
        await send({"type": "http.response.start", "status": 204, "headers": [(b"X-Request-ID", b"app")]})
        await send({"type": "http.response.body", "body": b""})

    start = run_asgi(AccessLog(answers), [])[0]
    (sent,) = [v for k, v in start["headers"] if k.lower() == b"x-request-id"]
    assert HEX_ID.fullmatch(sent.decode())


@pytest.fixture()
def restore_access_logger() -> Iterator[None]:
    saved = (list(access_log.log.handlers), access_log.log.level, access_log.log.propagate)
    yield
    access_log.log.handlers[:], access_log.log.level, access_log.log.propagate = saved


def test_the_process_logger_writes_bare_json_lines_once(restore_access_logger):
    stream = io.StringIO()
    log_access_as_json_lines(stream)
    log_access_as_json_lines(stream)
    run_asgi(AccessLog(lambda scope, receive, send: asyncio.sleep(0)), [])
    (line,) = stream.getvalue().splitlines()
    assert json.loads(line)["path"] == "/v1/extract"
    assert access_log.log.propagate is False


@pytest.mark.server
def test_the_real_server_logs_json_lines_instead_of_uvicorn_access_lines(start_claimex, tmp_path):
    keys = tmp_path / "api-keys"
    keys.write_text("kA7-q2._~+/Zr9xW4mPb\n", encoding="utf-8")
    with start_claimex(CLAIMEX_API_KEYS_FILE=str(keys)) as live:
        assert httpx.post(f"{live.base}/v1/extract", json={"text": SENTENCE}).status_code == 401
        answered = httpx.post(f"{live.base}/v1/extract", json={"text": SENTENCE}, timeout=60,
                              headers={"Authorization": "Bearer kA7-q2._~+/Zr9xW4mPb", "X-Request-ID": "live-1"})
        assert answered.status_code == 200 and answered.headers["x-request-id"] == "live-1"
    log_text = live.log_path.read_text()
    lines = [json.loads(line) for line in log_text.splitlines() if line.startswith("{")]
    assert [(line["path"], line["status"]) for line in lines if line["path"] == "/v1/extract"] == [
        ("/v1/extract", 401), ("/v1/extract", 200)]
    assert any(line["request_id"] == "live-1" for line in lines)
    assert '"POST /v1/extract HTTP/1.1"' not in log_text  # uvicorn's access line
    for marker in LEAK_MARKERS:
        assert marker not in log_text
