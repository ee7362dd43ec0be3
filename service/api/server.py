"""How `claimex serve` runs uvicorn: slow clients are closed, and SIGTERM drains before it stops.

uvicorn bounds the wait between two requests (`timeout_keep_alive`) but not a connection that
sends nothing, or part of its headers: its keep-alive timer stops at the first byte, and no
timer runs before the first request at all. The protocol below adds a header timeout; the
app bounds the body itself (CLAIMEX_BODY_TIMEOUT_SECONDS, a 408).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import signal
import time
from types import FrameType
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

from service.api.shutdown import DRAINING
from service.settings import Settings

log = logging.getLogger("claimex.server")
APP = "service.api.asgi:app_from_environment"
# uvicorn's exit status for a server that never started.
STARTUP_FAILURE = 3


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection that has no request in progress for `header_timeout` s.

    The clock runs from the connection's start and from the end of each response until the next
    request's headers are all in, so it also ends a client that trickles the rest of a body the
    app answered without reading (a 503 from the headers).
    """

    def __init__(self, *args: Any, header_timeout: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_timeout = header_timeout
        self._header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._start_header_timer()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self._request_in_progress():
            self._stop_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()  # may start a pipelined request
        if not self._request_in_progress() and not self.transport.is_closing():
            self._start_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_header_timer()
        super().connection_lost(exc)

    def _request_in_progress(self) -> bool:
        return self.cycle is not None and not self.cycle.response_complete

    def _start_header_timer(self) -> None:
        self._stop_header_timer()
        self._header_timer = self.loop.call_later(self.header_timeout, self._headers_too_slow)

    def _stop_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if not self._request_in_progress() and not self.transport.is_closing():
            log.info("closed a connection from %s: no complete request headers within %g s",
                     self.client, self.header_timeout)
            self.transport.close()


class DrainingServer(uvicorn.Server):
    """A uvicorn server whose first SIGTERM (or SIGINT) turns readiness 503 for `drain_seconds`
    before uvicorn's graceful shutdown: load balancers that probe stop sending first."""

    def __init__(self, config: uvicorn.Config, drain_seconds: float) -> None:
        super().__init__(config)
        self.drain_seconds = drain_seconds
        self._drain_ends: float | None = None
        self._drain_signal = signal.SIGTERM

    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if self._drain_ends is not None or self.drain_seconds <= 0 or not self.started:
            # A second signal, no drain, or not serving yet: uvicorn's own shutdown.
            super().handle_exit(sig, frame)
            return
        self._drain_ends = time.monotonic() + self.drain_seconds
        self._drain_signal = sig
        # uvicorn copies the lifespan state into each request's scope: the readiness probe reads it there.
        self.lifespan.state[DRAINING] = True
        log.info("draining: readiness answers 503 for %s s, then the server stops", self.drain_seconds)

    async def on_tick(self, counter: int) -> bool:
        if self._drain_ends is not None and not self.should_exit and time.monotonic() >= self._drain_ends:
            super().handle_exit(self._drain_signal, None)
        return await super().on_tick(counter)


def uvicorn_config(settings: Settings, **options: Any) -> uvicorn.Config:
    """Return the uvicorn configuration of `claimex serve`; `options` add to or override it."""
    return uvicorn.Config(**{
        "app": APP,
        "factory": True,
        "host": settings.host,
        "port": settings.port,
        "workers": settings.workers,
        "log_level": settings.log_level.value,
        "proxy_headers": True,
        # A partial of a module-level class, so worker processes can unpickle it.
        "http": functools.partial(HeaderTimeoutProtocol, header_timeout=settings.header_timeout_seconds),
        "timeout_graceful_shutdown": settings.shutdown_timeout_seconds,
        **options,
    })


def run(config: uvicorn.Config, settings: Settings) -> int:
    """Run the server until it stops; return the exit status.

    With one worker the process drains on SIGTERM; uvicorn's supervisor of several workers
    runs its own servers, which stop at once (still within the graceful shutdown timeout).
    """
    server = DrainingServer(config, settings.shutdown_drain_seconds)
    if config.workers > 1:
        from uvicorn.supervisors import Multiprocess

        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return 0
    server.run()
    return 0 if server.started else STARTUP_FAILURE
