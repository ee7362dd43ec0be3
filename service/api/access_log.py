"""The access log: one JSON line per HTTP request on the logger `claimex.access`.

Measured from the ASGI messages, in front of routing, so 401s, 404s and 405s are
logged too. A line holds the request id, method, path (no query string), status,
timings and sizes in bytes; never a header value other than the request id, nor any
part of a body. Every response carries `X-Request-ID`: the caller's if it is sane,
else a new one.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import sys
import time
import uuid
from typing import IO

import msgspec

log = logging.getLogger("claimex.access")
REQUEST_ID_HEADER = b"x-request-id"
# Ids from proxies and tracers (UUIDs, hex, base64, "Root=1-..."): short, and nothing
# that could break a log line or a header.
_SANE_REQUEST_ID = re.compile(rb"[A-Za-z0-9._~:=+/-]{1,128}")
_SERVER_TIMING = b"server-timing"
# What nginx logs for a client that closed the connection before the answer.
CLIENT_CLOSED = 499
_ENCODER = msgspec.json.Encoder()


class AccessRecord(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """One access log line."""

    time: str
    request_id: str
    method: str
    path: str
    status: int
    duration_ms: float
    request_bytes: int
    response_bytes: int
    client: str | None = None
    # From the Server-Timing header of an extraction's response: time queued, and the pipeline call.
    queue_ms: float | None = None
    extraction_ms: float | None = None


def request_id(headers: list[tuple[bytes, bytes]]) -> str:
    """Return the request's X-Request-ID if it is sane, else a new random id."""
    for name, value in headers:
        if name.lower() == REQUEST_ID_HEADER:
            if _SANE_REQUEST_ID.fullmatch(value):
                return value.decode("ascii")
            break
    return uuid.uuid4().hex


def server_timings(value: bytes) -> dict[str, float]:
    """Return the `dur` of each metric in a Server-Timing header value, by name."""
    timings = {}
    for metric in value.decode("latin-1").split(","):
        name, *params = (part.strip() for part in metric.split(";"))
        for param in params:
            key, _, number = param.partition("=")
            if key.strip().lower() == "dur":
                try:
                    timings[name] = float(number)
                except ValueError:
                    pass
    return timings


class _Exchange:
    """What one request's ASGI messages said: sizes, status, timings."""

    def __init__(self) -> None:
        self.status: int | None = None
        self.request_bytes = 0
        self.response_bytes = 0
        self.disconnected = False
        self.timings: dict[str, float] = {}


class AccessLog:
    """ASGI middleware: tags each HTTP response with X-Request-ID and logs one JSON line for it."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        rid = request_id(scope["headers"])
        exchange = _Exchange()

        async def counting_receive():
            message = await receive()
            if message["type"] == "http.request":
                exchange.request_bytes += len(message.get("body", b""))
            elif message["type"] == "http.disconnect":
                exchange.disconnected = True
            return message

        async def tagging_send(message) -> None:
            if message["type"] == "http.response.start":
                exchange.status = message["status"]
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != REQUEST_ID_HEADER]
                for name, value in headers:
                    if name.lower() == _SERVER_TIMING:
                        exchange.timings.update(server_timings(value))
                message = {**message, "headers": [*headers, (REQUEST_ID_HEADER, rid.encode("ascii"))]}
            elif message["type"] == "http.response.body":
                exchange.response_bytes += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, tagging_send)
        finally:
            if log.isEnabledFor(logging.INFO):
                log.info(_ENCODER.encode(_record(scope, rid, exchange, started)).decode("utf-8"))


def _record(scope, rid: str, exchange: _Exchange, started: float) -> AccessRecord:
    status = exchange.status
    if status is None:
        # No answer was started: the client left, or the server will answer 500 itself.
        status = CLIENT_CLOSED if exchange.disconnected else 500
    client = scope.get("client")
    return AccessRecord(
        time=dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
        request_id=rid,
        method=scope["method"],
        path=scope["path"],
        status=status,
        duration_ms=round((time.perf_counter() - started) * 1000, 3),
        request_bytes=exchange.request_bytes,
        response_bytes=exchange.response_bytes,
        client=client[0] if client else None,
        queue_ms=exchange.timings.get("queue"),
        extraction_ms=exchange.timings.get("extraction"),
    )


def with_access_log(app, enabled: bool):
    """Return `app` behind AccessLog, or `app` itself when the access log is off."""
    return AccessLog(app) if enabled else app


def log_access_as_json_lines(stream: IO[str] = sys.stdout) -> None:
    """Send claimex.access records to `stream` as bare lines (each already JSON), once per process."""
    if any(getattr(h, "claimex_access", False) for h in log.handlers):
        return
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.claimex_access = True
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    # The root handler's prefix (time, level, name) would make the line not JSON.
    log.propagate = False
