"""Print the tagger's time per 1,000-word article for several window lengths and strides.

    python bench/tagger_windows.py [--windows 256:192 128:96 256:254 384:288 512:384] [--rounds 5]

Measures only: the shipped tagger was trained and is served with the window and stride
of its config.json, and another window changes its output (the spans it finds and the
hidden states the check-worthiness head pools), so this is for choosing the next
training's window, not a setting. Each WINDOW:STRIDE runs the shipped weights over a
1,000-word Wikinews article (tests/data) in one process, rounds alternating between the
settings; prints the median time, the pieces run through the encoder per piece of text
(the overlap and special tokens) and the load average. Asserts nothing.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import torch  # noqa: E402
from scaling import article_of  # noqa: E402

from service.inference.tagger import ClaimTagger  # noqa: E402
from service.inference.windows import plan_windows  # noqa: E402
from service.pipeline import TAGGER_DIR  # noqa: E402
from service.settings import DEFAULT_MODEL_PATH  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--windows", nargs="+", default=["256:192", "128:96", "256:254", "384:288", "512:384"])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1, help="torch threads")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    shipped = ClaimTagger.load(DEFAULT_MODEL_PATH / TAGGER_DIR)
    text = article_of(1000)
    pieces = len(shipped.encode(text).input_ids)
    taggers = {}
    for setting in args.windows:
        window, stride = (int(v) for v in setting.split(":"))
        taggers[setting] = dataclasses.replace(shipped, window=window, stride=stride)
        taggers[setting].run_many([text])  # warm
    times: dict[str, list[float]] = {s: [] for s in taggers}
    for _ in range(args.rounds):
        for setting, tagger in taggers.items():
            started = time.perf_counter()
            tagger.run_many([text])
            times[setting].append((time.perf_counter() - started) * 1000)
    print(f"{len(text.split())}-word article, {pieces} pieces, {args.rounds} alternating rounds, "
          f"{args.threads} torch thread(s), load {os.getloadavg()[0]:.2f}; shipped {shipped.window}:{shipped.stride}")
    print(f"{'window:stride':<15}{'median ms':>10}{'min ms':>8}{'encoded/text pieces':>21}")
    for setting, tagger in taggers.items():
        run = sum(end - start + 2 for start, end in plan_windows(pieces, tagger.window - 2, tagger.stride))
        print(f"{setting:<15}{statistics.median(times[setting]):>10.1f}{min(times[setting]):>8.1f}"
              f"{run / pieces:>21.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
