"""One maximal batch: the server's peak memory, and small requests' latency while it runs.

    python bench/service_memory.py [--documents 32] [--chars 127000] [--small-clients 1]
                                   [--env NAME=VALUE ...]

Starts `claimex serve` on a free loopback port (extra environment variables by --env),
warms it with a few varied requests, then sends one batch of `--documents` documents of
about `--chars` characters each (the default is the largest batch the default limits
admit: 32 documents in a 4 MiB body), built from random Wikinews paragraphs. Meanwhile
`--small-clients` clients send a ~2,000-character article one request after another
(status 0: no answer within 60 s).
Prints RSS before, sampled during and after the batch (and 20 s later), the peak (VmHWM),
the batch's status and time, and the small requests' statuses and latency percentiles.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import statistics
import sys
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from service_soak import Sampler, paragraphs, parse_env, random_length, varied_text  # noqa: E402
from service_startup_latency import article_of, memory_kib, percentile, started_server  # noqa: E402

MAX_BODY_BYTES = 4 * 1024 * 1024
SMALL_WORDS = 250
# A small request not answered within this long counts as status 0 (no answer).
SMALL_TIMEOUT_S = 60


def maximal_body(documents: int, chars: int, rng: random.Random) -> bytes:
    """Return a batch body of `documents` texts of about `chars` characters, cut to fit the body limit."""
    pool = paragraphs()
    texts = [varied_text(rng, pool, chars) for _ in range(documents)]
    while True:
        body = json.dumps({"documents": [{"text": t} for t in texts]}, ensure_ascii=False).encode()
        if len(body) <= MAX_BODY_BYTES:
            return body
        texts = [t[: len(t) - 2000] for t in texts]


def small_client(base: str, text: str, stop: threading.Event, answers: list[tuple[int, float]]) -> None:
    with httpx.Client(timeout=SMALL_TIMEOUT_S) as http:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                response = http.post(f"{base}/v1/extract", json={"text": text})
            except httpx.TransportError:  # no answer within the client's timeout: status 0
                answers.append((0, time.perf_counter() - started))
                continue
            answers.append((response.status_code, time.perf_counter() - started))
            if response.status_code == 503:
                time.sleep(float(response.headers.get("retry-after", 1)))


def send_batch(base: str, body: bytes, outcome: dict) -> None:
    with httpx.Client(timeout=7200) as http:
        outcome["response"] = http.post(f"{base}/v1/extract/batch", content=body,
                                        headers={"Content-Type": "application/json"})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=32)
    parser.add_argument("--chars", type=int, default=127_000)
    parser.add_argument("--small-clients", type=int, default=1)
    parser.add_argument("--warm-up", type=int, default=30, help="varied requests before the batch")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args()
    env = parse_env(args.env)
    rng = random.Random(7)
    body = maximal_body(args.documents, args.chars, rng)
    small = article_of(SMALL_WORDS)
    print(f"batch: {args.documents} documents, {len(body):,} bytes; small article {len(small):,} chars; "
          f"env {env or 'default'}")
    with started_server(**env) as (base, pid):
        pool = paragraphs()
        with httpx.Client(timeout=300) as http:
            for _ in range(args.warm_up):
                http.post(f"{base}/v1/extract", json={"text": varied_text(rng, pool, random_length(rng))})
        before = memory_kib(pid)["VmRSS"] / 1024
        sampler = Sampler(pid)
        sampler.start()
        stop, answers = threading.Event(), []
        clients = [threading.Thread(target=small_client, args=(base, small, stop, answers), daemon=True)
                   for _ in range(args.small_clients)]
        for thread in clients:
            thread.start()
        started = time.perf_counter()
        batch = threading.Thread(target=send_batch, args=(base, body, outcome := {}), daemon=True)
        batch.start()
        while batch.is_alive():
            batch.join(30)
            ok = sum(1 for status, _ in answers if status == 200)
            print(f"  {time.perf_counter() - started:.0f} s: RSS {memory_kib(pid)['VmRSS'] / 1024:.0f} MiB, "
                  f"{ok} of {len(answers)} small requests answered 200", flush=True)
        batch_seconds = time.perf_counter() - started
        response = outcome["response"]
        stop.set()
        for thread in clients:
            thread.join()
        after = memory_kib(pid)
        time.sleep(20)
        later = memory_kib(pid)["VmRSS"] / 1024
        sampler.stopped.set()
        sampler.join()
    during = [rss for _, rss in sampler.samples]
    print(f"RSS before the batch {before:.0f} MiB; highest sample during it {max(during, default=before):.0f} MiB; "
          f"peak (VmHWM) {after['VmHWM'] / 1024:.0f} MiB; right after {after['VmRSS'] / 1024:.0f} MiB; "
          f"20 s later {later:.0f} MiB (kept {later - before:+.0f} MiB)")
    print(f"batch: status {response.status_code} in {batch_seconds:.1f} s")
    statuses = collections.Counter(status for status, _ in answers)
    ok = [seconds * 1000 for status, seconds in answers if status == 200]
    if ok:
        print(f"small requests during the batch: {dict(sorted(statuses.items()))}; latency ms "
              f"p50 {statistics.median(ok):.0f} p95 {percentile(ok, 0.95):.0f} max {max(ok):.0f}")
    else:
        print(f"small requests during the batch: {dict(sorted(statuses.items()))}; none answered 200")


if __name__ == "__main__":
    main()
