"""Print, per 1,000-word article, the encoder's time and the whole extraction's time, in process.

    python bench/encoder_passes.py [--rounds 5] [--threads 2] [--checkout DIR ...] [--precision fp32 ...]

Each checkout (this one by default; name another, say a worktree of an older commit,
to compare side by side) and each precision (the device's by default: "auto"; "bf16",
"fp32", for checkouts that take one) runs in a child process of its own, rounds
alternating between them so they share the machine's noise. Encoder time is the time spent in
every BertModel forward pass (the tagger's and, in versions that had one, a second
sentence encoder's), counted with forward hooks; the article is built from
tests/data/wikinews, cut to 1,000 words.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORDS = 1000

CHILD = r"""
import datetime as dt, gc, json, sys, time
from pathlib import Path
import torch
torch.set_num_threads(int(sys.argv[2]))
from transformers.models.bert.modeling_bert import BertModel
from service.pipeline import Pipeline
from service.settings import DEFAULT_MODEL_PATH
words = " ".join(p.read_text(encoding="utf-8") for p in sorted(Path("tests/data/wikinews").glob("*.txt"))).split(" ")
article = " ".join(words[:WORDS])
pipeline = Pipeline.load(DEFAULT_MODEL_PATH, *sys.argv[3:])
pipeline.warm_up()
spent = [0.0]
encoders = [o for o in gc.get_objects() if isinstance(o, BertModel)]
for encoder in encoders:
    encoder.register_forward_pre_hook(lambda m, a, k: setattr(m, "_t0", time.perf_counter()), with_kwargs=True)
    encoder.register_forward_hook(lambda m, a, k, o: spent.__setitem__(0, spent[0] + time.perf_counter() - m._t0),
                                  with_kwargs=True)
for _ in range(int(sys.argv[1])):
    spent[0] = 0.0
    started = time.perf_counter()
    pipeline.extract_many([(article, dt.date(2015, 9, 12))])
    total = time.perf_counter() - started
    print(json.dumps({"encoder_ms": spent[0] * 1000, "total_ms": total * 1000, "encoders": len(encoders)}))
""".replace("WORDS", str(WORDS))


def measure(checkout: Path, precision: str, repeats: int, threads: int) -> list[dict]:
    """Return one record per extraction of the article in a fresh child process in `checkout`."""
    chosen = [] if precision == "auto" else [precision]
    result = subprocess.run([sys.executable, "-c", CHILD, str(repeats), str(threads), *chosen], cwd=checkout,
                            capture_output=True, text=True, check=True, env={"HF_HUB_OFFLINE": "1", "PATH": ""})
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="child processes per checkout, alternating")
    parser.add_argument("--repeats", type=int, default=5, help="extractions per child process")
    parser.add_argument("--threads", type=int, default=2, help="torch threads")
    parser.add_argument("--checkout", type=Path, action="append", help="a checkout to measure (repeatable)")
    parser.add_argument("--precision", choices=("auto", "bf16", "fp32"), action="append",
                        help="an encoder precision to measure (repeatable; default auto)")
    args = parser.parse_args()
    runs = [(c, p) for c in args.checkout or [ROOT] for p in args.precision or ["auto"]]
    records: dict[tuple[Path, str], list[dict]] = {run: [] for run in runs}
    for _ in range(args.rounds):
        for checkout, precision in runs:
            records[checkout, precision] += measure(checkout, precision, args.repeats, args.threads)
    print(f"{WORDS}-word article, {args.rounds} x {args.repeats} extractions each, {args.threads} torch threads")
    print(f"{'checkout':<40}{'precision':>10}{'encoders':>9}{'encoder p50 ms':>16}{'total p50 ms':>14}"
          f"{'total p95 ms':>14}")
    for (checkout, precision), rows in records.items():
        totals = sorted(r["total_ms"] for r in rows)
        print(f"{str(checkout):<40}{precision:>10}{rows[0]['encoders']:>9}{statistics.median(r['encoder_ms'] for r in rows):>16.1f}"
              f"{statistics.median(totals):>14.1f}{totals[int(0.95 * (len(totals) - 1))]:>14.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
