"""The app's side of a graceful shutdown: readiness while draining, and requests cut off at the deadline.

`claimex serve` (service/api/server.py) marks the ASGI lifespan state as draining on SIGTERM;
uvicorn copies that state into each request's scope, so the readiness probe answers 503 from
then on. When uvicorn's graceful shutdown timeout ends it cancels the requests still running;
CutOffMiddleware answers those with a 503 problem instead of uvicorn's bare text 500.
"""

from __future__ import annotations

import asyncio
import logging

import msgspec

from service.api.errors import PROBLEM_MEDIA_TYPE, problem_details

log = logging.getLogger("claimex.api")
# The key of the ASGI lifespan state that says the server is draining.
DRAINING = "claimex.draining"
_ENCODER = msgspec.json.Encoder()
_NDJSON_TYPES = (b"application/x-ndjson", b"application/jsonl")


def is_draining(scope: dict) -> bool:
    """Return whether the server that runs this request has begun to shut down."""
    return bool((scope.get("state") or {}).get(DRAINING))


class CutOffMiddleware:
    """ASGI middleware that answers a request cancelled by the shutdown deadline with a 503 problem.

    A stream already started (NDJSON) ends with a 503 problem line instead.
    """

    def __init__(self, app, retry_after_seconds: int) -> None:
        self.app = app
        self.retry_after = str(retry_after_seconds).encode()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started: dict[str, bytes] = {}

        async def note_start(message) -> None:
            if message["type"] == "http.response.start":
                started.update((k.lower(), v) for k, v in message.get("headers", []))
                started.setdefault(b"content-type", b"")
            await send(message)

        try:
            await self.app(scope, receive, note_start)
        except asyncio.CancelledError:
            log.warning("a request to %s was cut off at the shutdown deadline", scope.get("path"))
            await self._answer(scope, send, started)
            # The server cancelled this request to stop; it has its answer now, so the task ends normally.
            if (task := asyncio.current_task()) is not None:
                task.uncancel()

    async def _answer(self, scope, send, started: dict[str, bytes]) -> None:
        problem = _ENCODER.encode(problem_details(
            503, "Shutting down", "shutting-down",
            "the server stopped before this request was done; retry", scope.get("path", ""),
        ))
        if not started:
            await send({"type": "http.response.start", "status": 503, "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()), (b"content-length", str(len(problem)).encode()),
                (b"retry-after", self.retry_after), (b"connection", b"close"),
            ]})
            await send({"type": "http.response.body", "body": problem})
        elif started[b"content-type"].split(b";")[0].strip() in _NDJSON_TYPES:
            await send({"type": "http.response.body", "body": problem + b"\n", "more_body": False})
