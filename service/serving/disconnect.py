"""Cancelling the work of a client that left.

An ASGI server does not cancel a handler when its client disconnects; it only answers
the handler's next `receive()` with `http.disconnect`. A handler that has read its body
and awaits an extraction therefore watches `receive()` meanwhile, and cancels the
extraction if the client goes: the runner then drops the call's pieces not yet started.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from service.api.errors import ClientDisconnected

T = TypeVar("T")
Receive = Callable[[], Awaitable[dict[str, Any]]]


async def cancelled_if_client_leaves(receive: Receive, work: Coroutine[Any, Any, T]) -> T:
    """Return what `work` returns; if `receive` reports a disconnect first, cancel `work`
    and raise ClientDisconnected. Call only once the request body has been read."""
    task = asyncio.ensure_future(work)
    watcher = asyncio.ensure_future(_disconnect(receive))
    try:
        await asyncio.wait((task, watcher), return_when=asyncio.FIRST_COMPLETED)
    finally:
        for pending in (task, watcher):
            if not pending.done():
                pending.cancel()
    if task.done() and not task.cancelled():
        return task.result()
    await asyncio.gather(task, return_exceptions=True)
    raise ClientDisconnected("the client closed the connection; its extraction was cancelled")


async def _disconnect(receive: Receive) -> None:
    """Return once the client has disconnected."""
    while (await receive())["type"] != "http.disconnect":
        pass
