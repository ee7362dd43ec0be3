"""Prometheus metrics in the serving vocabulary, on a registry of the app's own."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field

import anyio.to_thread
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest, start_http_server
from prometheus_client.exposition import CONTENT_TYPE_LATEST

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
_BATCH_BUCKETS = (1, 2, 4, 8, 16, 32, 64)
CONTENT_TYPE = CONTENT_TYPE_LATEST
# nginx's status for a request whose client closed the connection before the response started.
CLIENT_CLOSED_REQUEST = 499


@dataclass(frozen=True)
class Metrics:
    """The service's metrics; one instance per app, so tests never collide."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        object.__setattr__(self, "requests", Counter(
            "claimex_requests", "HTTP requests answered", ["method", "route", "status"], registry=r))
        object.__setattr__(self, "request_duration", Histogram(
            "claimex_request_duration_seconds", "Time from request to response",
            ["method", "route"], buckets=_LATENCY_BUCKETS, registry=r))
        object.__setattr__(self, "in_flight", Gauge(
            "claimex_requests_in_flight", "HTTP requests being answered", registry=r))
        object.__setattr__(self, "queue_duration", Histogram(
            "claimex_queue_duration_seconds", "Time a request waited for its batch to start",
            buckets=_LATENCY_BUCKETS, registry=r))
        object.__setattr__(self, "inference_duration", Histogram(
            "claimex_inference_duration_seconds", "Time one pipeline call (a batch of documents) took",
            buckets=_LATENCY_BUCKETS, registry=r))
        object.__setattr__(self, "batch_size", Histogram(
            "claimex_batch_size", "Documents per pipeline call (concurrent requests batched)", buckets=_BATCH_BUCKETS, registry=r))
        object.__setattr__(self, "rejected", Counter(
            "claimex_rejected_jobs", "Extraction calls refused because the queue was full", registry=r))

    def exposition(self) -> bytes:
        """Return the metrics in the Prometheus text format."""
        return generate_latest(self.registry)


def metrics_listener(metrics: Metrics, host: str, port: int) -> Callable[[object], AbstractAsyncContextManager[None]]:
    """Return a lifespan hook that serves `metrics` on a listener of their own at host:port.

    prometheus_client's WSGI server runs in a daemon thread, apart from the app (and its API
    keys); it answers the metrics on any path. The port is bound at start-up, so a port in
    use fails the start.
    """

    @asynccontextmanager
    async def serve(_app: object) -> AsyncIterator[None]:
        server, thread = start_http_server(port, addr=host, registry=metrics.registry)
        try:
            yield
        finally:
            await anyio.to_thread.run_sync(server.shutdown)
            server.server_close()
            thread.join()

    return serve


class MetricsMiddleware:
    """ASGI middleware counting every HTTP request, errors included, by route template."""

    def __init__(self, app, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = {"code": 500, "started": False}

        async def note_disconnect():
            message = await receive()
            if message["type"] == "http.disconnect" and not status["started"]:
                # Whatever the app answers now reaches nobody: count it as nginx does.
                status["code"] = CLIENT_CLOSED_REQUEST
            return message

        async def record_status(message) -> None:
            if message["type"] == "http.response.start":
                status["started"] = True
                if status["code"] != CLIENT_CLOSED_REQUEST:
                    status["code"] = message["status"]
            await send(message)

        started = time.perf_counter()
        self.metrics.in_flight.inc()
        try:
            await self.app(scope, note_disconnect, record_status)
        finally:
            self.metrics.in_flight.dec()
            route = scope.get("path_template") or "unmatched"
            method = scope.get("method", "")
            self.metrics.requests.labels(method, route, str(status["code"])).inc()
            self.metrics.request_duration.labels(method, route).observe(time.perf_counter() - started)
