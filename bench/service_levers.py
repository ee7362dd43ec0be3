"""Print the service's words/s and latency under several server settings, side by side.

    python bench/service_levers.py --variant default --variant threads11:CLAIMEX_TORCH_THREADS=1,CLAIMEX_INFERENCE_THREADS=1
        [--rounds 3] [--articles 30] [--clients 2] [--requests 10]

Each `--variant NAME[:VAR=VALUE,...]` is a `claimex serve` started with those extra
environment variables (CLAIMEX_* settings, or PYTHONPATH to offer a package such as
uvloop, which uvicorn's loop "auto" picks when it can import it). All servers start
at once and sit idle while another is measured; rounds alternate between them so they
share the machine's noise. A round is `--clients` clients extracting every article
(words/s), then one client timing `--requests` 1,000-word articles. Prints per variant
the median words/s, the pooled p50/p95 and the load average; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from service_startup_latency import article_of, percentile, started_server  # noqa: E402
from spacy_compare import PUBLISHED, articles, claimex_round  # noqa: E402


def parse_variant(text: str) -> tuple[str, dict[str, str]]:
    """Return the name and environment of `NAME[:VAR=VALUE,...]`."""
    name, _, pairs = text.partition(":")
    return name, dict(pair.split("=", 1) for pair in pairs.split(",") if pair)


def started(stack: ExitStack, environment: dict[str, str]) -> str:
    """Start a server with `environment` added to this process's; return its base URL."""
    saved = dict(os.environ)
    os.environ.update(environment)
    try:
        base, _pid = stack.enter_context(started_server())
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return base


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variant", action="append", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--requests", type=int, default=10)
    args = parser.parse_args()
    variants = [parse_variant(v) for v in args.variant]
    source, texts = articles(args.articles)
    words = sum(len(t.split()) for t in texts)
    article = article_of(1000)
    seconds = {name: [] for name, _ in variants}
    latencies = {name: [] for name, _ in variants}
    loads = {name: [] for name, _ in variants}
    with ExitStack() as stack:
        bases = {name: started(stack, environment) for name, environment in variants}
        for base in bases.values():
            claimex_round(base, texts[:2], args.clients)  # warm
        for _ in range(args.rounds):
            for name, base in bases.items():
                seconds[name].append(claimex_round(base, texts, args.clients))
                with httpx.Client(timeout=120) as client:
                    for _ in range(args.requests):
                        t0 = time.perf_counter()
                        client.post(f"{base}/v1/extract",
                                    json={"text": article, "published_at": PUBLISHED}).raise_for_status()
                        latencies[name].append((time.perf_counter() - t0) * 1000)
                loads[name].append(os.getloadavg()[0])
    print(f"{len(texts)} {source} articles, {words} words; {args.rounds} alternating rounds; "
          f"{args.clients} clients; {args.requests} one-client 1,000-word requests per round")
    print(f"{'variant':<14}{'words/s':>9}{'per round':>26}{'p50 ms':>9}{'p95 ms':>9}{'load':>6}  settings")
    for name, environment in variants:
        rounds = " ".join(f"{words / s:.0f}" for s in seconds[name])
        print(f"{name:<14}{words / statistics.median(seconds[name]):>9.0f}{rounds:>26}"
              f"{statistics.median(latencies[name]):>9.1f}{percentile(latencies[name], 0.95):>9.1f}"
              f"{statistics.mean(loads[name]):>6.2f}  {environment or 'default'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
