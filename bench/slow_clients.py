"""Open stalled connections to a running claimex; print how many the server still holds open after N s.

    python bench/slow_clients.py --port 8000 --connections 20 --seconds 65

The connections are split over three kinds of slow client: one that sends nothing, one that
sends part of its request headers, and one that sends its headers (Content-Length 1000) and
10 bytes of body. For each kind it prints how many are still open at the end, when the
closed ones were closed, and the status line the server answered, if any.
"""

from __future__ import annotations

import argparse
import selectors
import socket
import statistics
import time
from dataclasses import dataclass

KINDS = {
    "nothing": b"",
    "partial headers": b"POST /v1/extract HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n",
    "partial body": (b"POST /v1/extract HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000\r\n\r\n" + b'{"text": "'),
}


@dataclass
class Stalled:
    kind: str
    sock: socket.socket
    received: bytes = b""
    closed_after: float | None = None


def open_stalled(host: str, port: int, count: int) -> list[Stalled]:
    """Return `count` connections, each having sent what its kind sends, and nothing more."""
    kinds = list(KINDS)
    connections = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        sock = socket.create_connection((host, port), timeout=5)
        sock.sendall(KINDS[kind])
        sock.setblocking(False)
        connections.append(Stalled(kind, sock))
    return connections


def watch(connections: list[Stalled], seconds: float) -> None:
    """Read from every connection for `seconds`, noting what arrived and when each was closed."""
    started = time.monotonic()
    selector = selectors.DefaultSelector()
    for c in connections:
        selector.register(c.sock, selectors.EVENT_READ, c)
    while (left := started + seconds - time.monotonic()) > 0 and selector.get_map():
        for key, _ in selector.select(timeout=min(left, 0.5)):
            c: Stalled = key.data
            try:
                data = c.sock.recv(65536)
            except (ConnectionResetError, BrokenPipeError):
                data = b""
            if data:
                c.received += data
                continue
            c.closed_after = time.monotonic() - started
            selector.unregister(c.sock)
    selector.close()
    for c in connections:
        c.sock.close()


def report(connections: list[Stalled], seconds: float) -> None:
    still_open = sum(c.closed_after is None for c in connections)
    print(f"{still_open} of {len(connections)} connections still open after {seconds:g} s")
    for kind in KINDS:
        group = [c for c in connections if c.kind == kind]
        closed = [c.closed_after for c in group if c.closed_after is not None]
        statuses = sorted({c.received.split(b"\r\n", 1)[0].decode("latin-1") or "(nothing)" for c in group})
        when = f", closed after {statistics.median(closed):.1f} s (median)" if closed else ""
        print(f"  {kind}: {len(group) - len(closed)} of {len(group)} open{when}; answered: {', '.join(statuses)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=65.0)
    args = parser.parse_args()
    connections = open_stalled(args.host, args.port, args.connections)
    watch(connections, args.seconds)
    report(connections, args.seconds)


if __name__ == "__main__":
    main()
