"""Start the real service and print its start-up time, memory and per-article latency.

    python bench/service_startup_latency.py [--requests 30] [--words 1000]

Starts `claimex serve` (the README's command) on a free loopback port, times how long
/readyz takes to answer 200, reads the worker's resident and peak memory from /proc,
then times POST /v1/extract of a ~1,000-word article built from the Wikinews test
articles, one request at a time. Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT / "tests" / "data" / "wikinews"


def article_of(words: int) -> str:
    """Return the first `words` words of the Wikinews articles, paragraphs kept."""
    paragraphs, count = [], 0
    for path in sorted(WIKINEWS.glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            paragraphs.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                return "\n\n".join(paragraphs)
    return "\n\n".join(paragraphs)


def memory_kib(pid: int) -> dict[str, int]:
    """Return VmRSS and VmHWM (peak) of a process in KiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@contextmanager
def started_server(**settings: str) -> Iterator[tuple[str, int]]:
    """Start `claimex serve` on a free loopback port, with extra environment variables
    `settings` (CLAIMEX_* or allocator ones); yield (base URL, pid) once ready."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "CLAIMEX_PORT": str(port), "CLAIMEX_HOST": "127.0.0.1", "HF_HUB_OFFLINE": "1",
           "CLAIMEX_LOG_LEVEL": "warning", "CLAIMEX_ACCESS_LOG": "false", **settings}
    server = subprocess.Popen([str(Path(sys.executable).parent / "claimex"), "serve"], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None:
                raise SystemExit("server exited before it was ready")
            time.sleep(0.05)
        yield base, server.pid
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--words", type=int, default=1000)
    args = parser.parse_args()
    started = time.perf_counter()
    with started_server() as (base, pid):
        ready_seconds = time.perf_counter() - started
        idle = memory_kib(pid)
        text = article_of(args.words)
        payload = {"text": text, "published_at": "2015-09-12"}
        latencies = []
        with httpx.Client(timeout=60) as client:
            for _ in range(args.requests):
                t0 = time.perf_counter()
                response = client.post(f"{base}/v1/extract", json=payload)
                latencies.append((time.perf_counter() - t0) * 1000)
                response.raise_for_status()
        body = response.json()
        busy = memory_kib(pid)
    print(f"start-up to /readyz 200: {ready_seconds:.2f} s")
    print(f"worker memory after start: RSS {idle['VmRSS'] / 1024:.0f} MiB")
    print(f"worker memory after {args.requests} requests: RSS {busy['VmRSS'] / 1024:.0f} MiB, "
          f"peak {busy['VmHWM'] / 1024:.0f} MiB")
    print(f"article: {len(text.split())} words, {len(text)} chars; found {len(body['quantities'])} quantities, "
          f"{len(body['dates'])} dates, {len(body['quotes'])} attributions, {len(body['claims'])} claims")
    print(f"latency over {args.requests} requests (ms): p50 {statistics.median(latencies):.1f}, "
          f"p95 {percentile(latencies, 0.95):.1f}, min {min(latencies):.1f}, max {max(latencies):.1f}")
    print(f"server-side extraction of the last request: {body['meta']['timing']['extraction_ms']:.1f} ms")


if __name__ == "__main__":
    main()
