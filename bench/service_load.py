"""Full-pipeline throughput and latency over HTTP, one client and N concurrent clients.

    python bench/service_load.py [--concurrency 4] [--rounds 2] [--env NAME=VALUE ...]
    python bench/service_load.py --clients 50 --seconds 60

Starts `claimex serve` on a free loopback port, sends every Wikinews test article
(tests/data/wikinews) `--rounds` times, first from one client, then from
`--concurrency` clients at once, and prints words per second, p50/p95/p99 latency
and the server process's peak memory. With `--clients`, instead, that many clients
send the articles in a loop for `--seconds` (a 503 is retried after its Retry-After)
and it prints the answers by status, whether every 503 had a Retry-After and a
problem-details body, the latency of the 200s, and what `/readyz`, asked every second
meanwhile, answered. Asserts nothing.
"""

from __future__ import annotations

import argparse
import collections
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from service_soak import parse_env  # noqa: E402
from service_startup_latency import WIKINEWS, memory_kib, percentile, started_server  # noqa: E402


def articles() -> list[str]:
    """Return the Wikinews test articles' texts."""
    return [p.read_text(encoding="utf-8") for p in sorted(WIKINEWS.glob("*.txt"))]


def run(base: str, texts: list[str], concurrency: int) -> tuple[float, list[float]]:
    """Send every text once across `concurrency` clients; return wall seconds and latencies (ms)."""
    def send(text: str) -> float:
        with httpx.Client(timeout=120) as client:
            t0 = time.perf_counter()
            client.post(f"{base}/v1/extract", json={"text": text}).raise_for_status()
            return (time.perf_counter() - t0) * 1000

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        latencies = list(pool.map(send, texts))
    return time.perf_counter() - started, latencies


def report(label: str, seconds: float, latencies: list[float], words: int) -> None:
    print(f"{label}: {words / seconds:,.0f} words/s, {len(latencies) / seconds:.2f} articles/s; latency ms "
          f"p50 {statistics.median(latencies):.0f} p95 {percentile(latencies, 0.95):.0f} "
          f"p99 {percentile(latencies, 0.99):.0f}")


def overload(base: str, texts: list[str], clients: int, seconds: float) -> None:
    """Run `clients` closed-loop clients for `seconds`; print the answers by status and the latency."""
    answers: list[tuple[int, bool, float]] = []
    readiness: list[int] = []
    until = time.monotonic() + seconds

    def probe() -> None:
        with httpx.Client(timeout=5) as http:
            while time.monotonic() < until:
                try:
                    readiness.append(http.get(f"{base}/readyz").status_code)
                except httpx.TransportError:
                    readiness.append(0)
                time.sleep(1)

    def client(first: int) -> None:
        with httpx.Client(timeout=120) as http:
            sent = first
            while time.monotonic() < until:
                started = time.perf_counter()
                try:
                    response = http.post(f"{base}/v1/extract", json={"text": texts[sent % len(texts)]})
                except httpx.TransportError:
                    answers.append((0, False, time.perf_counter() - started))
                    continue
                problem = response.headers.get("content-type", "").startswith("application/problem+json")
                answers.append((response.status_code, "retry-after" in response.headers and problem,
                                time.perf_counter() - started))
                sent += clients
                if response.status_code == 503:
                    time.sleep(float(response.headers.get("retry-after", 1)))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    threads.append(threading.Thread(target=probe))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = collections.Counter(status for status, _, _ in answers)
    retry = all(has for status, has, _ in answers if status == 503)
    ok = [seconds * 1000 for status, _, seconds in answers if status == 200]
    print(f"{clients} clients x {seconds:g} s: {dict(sorted(statuses.items()))}; every 503 a problem with "
          f"Retry-After: {retry}; 200 latency ms p50 {statistics.median(ok):.0f} p95 {percentile(ok, 0.95):.0f} "
          f"max {max(ok):.0f}")
    print(f"/readyz every second meanwhile: {dict(sorted(collections.Counter(readiness).items()))}; "
          f"after: {httpx.get(f'{base}/readyz', timeout=5).status_code}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--clients", type=int, help="closed-loop clients for an overload run instead")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    texts = articles() * args.rounds
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} articles, {words:,} words")
    with started_server(**parse_env(args.env)) as (base, pid):
        if args.clients:
            overload(base, texts, args.clients, args.seconds)
            peak = memory_kib(pid)
            print(f"server memory: RSS {peak['VmRSS'] / 1024:.0f} MiB, peak {peak['VmHWM'] / 1024:.0f} MiB")
            return
        run(base, texts[:2], 1)  # first requests pay lazy initialisation
        report("1 client", *run(base, texts, 1), words)
        report(f"{args.concurrency} clients", *run(base, texts, args.concurrency), words)
        peak = memory_kib(pid)
    print(f"server memory: RSS {peak['VmRSS'] / 1024:.0f} MiB, peak {peak['VmHWM'] / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
