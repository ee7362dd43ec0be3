"""Print documents/s and words/s of bulk extraction over Wikinews-sized articles.

    python bench/bulk_throughput.py [--documents 1000] [--token-budget N] [--threads N]

Builds a JSON Lines file of `documents` articles, the Wikinews test articles repeated
with distinct ids, and runs it the way `claimex extract in.jsonl --output out.jsonl`
does (service.bulk.run.run_bulk: the service's batcher, several documents in flight,
records in input order). The model is loaded before the clock starts; the figures
cover the run itself (warm-up, extraction, writing). Settings come from CLAIMEX_*
as for the command; the flags override the batching ones. Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import msgspec  # noqa: E402
import torch  # noqa: E402

from service.bulk.run import run_bulk  # noqa: E402
from service.bulk.shards import Shard  # noqa: E402
from service.bulk.sources import open_source  # noqa: E402
from service.pipeline import Pipeline  # noqa: E402
from service.settings import load_settings  # noqa: E402

WIKINEWS = ROOT / "tests" / "data" / "wikinews"


def write_articles(path: Path, documents: int) -> int:
    """Write `documents` JSON lines cycling through the Wikinews articles; return their words."""
    articles = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(WIKINEWS.glob("*.txt"))]
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(documents):
            stem, text = articles[i % len(articles)]
            out.write(json.dumps({"text": text, "id": f"{stem}-{i}"}) + "\n")
            words += len(text.split())
    return words


def main() -> int:
    """Run the bulk extraction once and print its throughput."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--token-budget", type=int, help="CLAIMEX_BATCH_TOKEN_BUDGET for this run")
    parser.add_argument("--threads", type=int, help="CLAIMEX_INFERENCE_THREADS for this run")
    args = parser.parse_args()
    settings = load_settings()
    overrides = {"batch_token_budget": args.token_budget, "inference_threads": args.threads}
    settings = msgspec.structs.replace(settings, **{k: v for k, v in overrides.items() if v is not None})
    torch.set_num_threads(settings.torch_threads)
    pipeline = Pipeline.load(settings.model_path)
    with tempfile.TemporaryDirectory() as scratch:
        source, output = Path(scratch) / "in.jsonl", Path(scratch) / "out.jsonl"
        words = write_articles(source, args.documents)
        load_before = os.getloadavg()[0]
        entries, total = open_source(str(source), settings, None)
        started = time.perf_counter()
        outcome = run_bulk(entries, total, output, Shard(), settings, load_pipeline=lambda _: pipeline)
        seconds = time.perf_counter() - started
        assert outcome.written == args.documents and outcome.failed == 0, outcome
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    device = "cuda" if torch.cuda.is_available() else "cpu"
    print(f"{args.documents} documents ({words:,} words, {words / args.documents:.0f} per document) on {device}, "
          f"torch threads {settings.torch_threads}, inference threads {settings.inference_threads}, "
          f"token budget {settings.batch_token_budget}; {os.cpu_count()} CPUs, load average "
          f"{load_before:.1f} at start, {os.getloadavg()[0]:.1f} at end")
    print(f"bulk extraction: {seconds:,.1f} s, {args.documents / seconds:.2f} documents/s, "
          f"{words / seconds:,.0f} words/s; peak RSS {peak_mib:,.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
