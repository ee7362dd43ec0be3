"""Full-pipeline throughput and latency over HTTP, one client and N concurrent clients.

    python bench/service_load.py [--concurrency 4] [--rounds 2]

Starts `claimex serve` on a free loopback port, sends every Wikinews test article
(tests/data/wikinews) `--rounds` times, first from one client, then from
`--concurrency` clients at once, and prints words per second, p50/p95/p99 latency
and the server process's peak memory. Asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    texts = articles() * args.rounds
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(texts)} articles, {words:,} words")
    with started_server() as (base, pid):
        run(base, texts[:2], 1)  # first requests pay lazy initialisation
        report("1 client", *run(base, texts, 1), words)
        report(f"{args.concurrency} clients", *run(base, texts, args.concurrency), words)
        peak = memory_kib(pid)
    print(f"server memory: RSS {peak['VmRSS'] / 1024:.0f} MiB, peak {peak['VmHWM'] / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
