"""Varied soak: the server's memory over a long run of texts of random lengths, and its answers.

    python bench/service_soak.py [--minutes 30] [--warm-up-minutes 3] [--clients 8] [--seed 1]
                                 [--env NAME=VALUE ...]

Starts `claimex serve` on a free loopback port (with the extra environment variables given
by --env) and sends, from `--clients` clients at once, texts of random lengths (log-uniform
from 100 to 30,000 characters) made of random paragraphs of the Wikinews test articles, so
requests rarely share a shape. Prints the worker's RSS every minute, its RSS at the end of
the warm-up and at the end and the growth in between, the peak, and the answers by status
with latency percentiles. Asserts nothing.
"""

from __future__ import annotations

import argparse
import collections
import math
import random
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from service_startup_latency import WIKINEWS, memory_kib, percentile, started_server  # noqa: E402

SAMPLE_SECONDS = 5.0


def paragraphs() -> list[str]:
    """Return every paragraph of the Wikinews test articles."""
    return [p for path in sorted(WIKINEWS.glob("*.txt"))
            for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]


def varied_text(rng: random.Random, pool: list[str], chars: int) -> str:
    """Return about `chars` characters of random paragraphs from `pool`, cut at a word."""
    picked, size = [], 0
    while size < chars:
        paragraph = rng.choice(pool)
        picked.append(paragraph)
        size += len(paragraph) + 2
    text = "\n\n".join(picked)
    cut = text.rfind(" ", 0, chars)
    return text[: cut if cut > chars // 2 else chars]


def random_length(rng: random.Random, shortest: int = 100, longest: int = 30_000) -> int:
    return round(math.exp(rng.uniform(math.log(shortest), math.log(longest))))


def parse_env(pairs: list[str]) -> dict[str, str]:
    """Return the NAME=VALUE pairs as a dict."""
    env = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise SystemExit(f"--env wants NAME=VALUE, not {pair!r}")
        env[name] = value
    return env


class Sampler(threading.Thread):
    """Reads a process's RSS every few seconds until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.samples = pid, []
        self.stopped = threading.Event()

    def run(self) -> None:
        started = time.monotonic()
        while not self.stopped.wait(SAMPLE_SECONDS):
            self.samples.append((time.monotonic() - started, memory_kib(self.pid)["VmRSS"] / 1024))

    def at(self, seconds: float) -> float:
        """Return the last RSS (MiB) sampled at or before `seconds`."""
        return [rss for t, rss in self.samples if t <= seconds][-1]


def client(base: str, seed: int, until: float, answers: list[tuple[int, float]]) -> None:
    """Send varied texts until `until`, recording (status, seconds) of each answer."""
    rng, pool = random.Random(seed), paragraphs()
    with httpx.Client(timeout=300) as http:
        while time.monotonic() < until:
            body = {"text": varied_text(rng, pool, random_length(rng))}
            if rng.random() < 0.5:
                body["published_at"] = "2015-09-12"
            started = time.perf_counter()
            try:
                status = http.post(f"{base}/v1/extract", json=body).status_code
            except httpx.TransportError:
                status = 0
            answers.append((status, time.perf_counter() - started))
            if status == 503:
                time.sleep(1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--warm-up-minutes", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    env = parse_env(args.env)
    print(f"soak: {args.minutes:g} min, {args.clients} clients, warm-up {args.warm_up_minutes:g} min, "
          f"seed {args.seed}, env {env or 'default'}")
    with started_server(**env) as (base, pid):
        fresh = memory_kib(pid)["VmRSS"] / 1024
        sampler = Sampler(pid)
        sampler.start()
        answers: list[tuple[int, float]] = []
        until = time.monotonic() + args.minutes * 60
        clients = [threading.Thread(target=client, args=(base, args.seed * 1000 + i, until, answers), daemon=True)
                   for i in range(args.clients)]
        for thread in clients:
            thread.start()
        minute = 1
        while any(thread.is_alive() for thread in clients):
            time.sleep(1)
            if sampler.samples and sampler.samples[-1][0] >= minute * 60:
                done = sum(1 for status, _ in answers if status == 200)
                print(f"  minute {minute}: RSS {sampler.samples[-1][1]:.0f} MiB, {done} answered 200", flush=True)
                minute += 1
        for thread in clients:
            thread.join()
        sampler.stopped.set()
        sampler.join()
        peak = memory_kib(pid)["VmHWM"] / 1024
    warm = sampler.at(args.warm_up_minutes * 60)
    end = sampler.samples[-1][1]
    after_warm = [rss for t, rss in sampler.samples if t >= args.warm_up_minutes * 60]
    statuses = collections.Counter(status for status, _ in answers)
    ok = [seconds * 1000 for status, seconds in answers if status == 200]
    print(f"RSS fresh {fresh:.0f} MiB, after warm-up {warm:.0f} MiB, at the end {end:.0f} MiB: "
          f"growth after warm-up {100 * (end - warm) / warm:+.1f} % (highest sample after warm-up "
          f"{max(after_warm):.0f} MiB); peak (VmHWM) {peak:.0f} MiB")
    print(f"answers: {dict(sorted(statuses.items()))}; 200 latency ms p50 {statistics.median(ok):.0f} "
          f"p95 {percentile(ok, 0.95):.0f} p99 {percentile(ok, 0.99):.0f} max {max(ok):.0f}")


if __name__ == "__main__":
    main()
