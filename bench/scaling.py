"""Print the time per word of each pipeline stage on articles of 100 to 100,000 words.

    python bench/scaling.py [--words 100 1000 10000 100000] [--threads 1] [--no-tagger]

Articles are the Wikinews test articles' paragraphs, cycled until long enough; two more
rows are single sentences of about 10,000 and 100,000 characters full of quantities (the
case that was quadratic in the subject search). Each stage runs as Pipeline.extract_many runs it:
the text layer (repair, segmentation, the publication anchor), the tagger's forward
pass, each registered extractor, fusion, claims (candidates, sections, repeats,
subjects) and check-worthiness. A stage whose microseconds per word grow down the
table grows faster than linearly. Prints the table and the load average; asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import torch  # noqa: E402

from service.extractors.claims.extractor import claim_candidates, extract_claims  # noqa: E402
from service.extractors.registry import EXTRACTORS  # noqa: E402
from service.fusion.fuse import fuse  # noqa: E402
from service.pipeline import Pipeline, _anchored_document  # noqa: E402
from service.settings import DEFAULT_MODEL_PATH  # noqa: E402

WIKINEWS = ROOT / "tests" / "data" / "wikinews"
PUBLISHED = dt.date(2015, 9, 12)


def article_of(words: int) -> str:
    """Return the Wikinews paragraphs, cycled, up to `words` words."""
    paragraphs = [p for path in sorted(WIKINEWS.glob("*.txt"))
                  for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    chosen, count = [], 0
    while count < words:
        paragraph = paragraphs[len(chosen) % len(paragraphs)]
        chosen.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(chosen)


def dense_sentence(chars: int = 100_000) -> str:
    """Return one sentence of about `chars` characters, a quantity every few words."""
    parts, size, i = ["The new missile has a range of"], 0, 0
    while size < chars:
        part = f"{1000 + i} kilometres, a weight of {i % 97 + 2} tonnes and a cost of ${i % 13 + 1} million"
        parts.append(part)
        size += len(part) + 2
        i += 1
    return ", ".join(parts) + "."


def stage_times(pipeline: Pipeline, text: str, tagger: bool) -> dict[str, float]:
    """Return the seconds each stage takes on `text`, run as the pipeline runs them."""
    times: dict[str, float] = {}

    def timed(name, call, *args):
        started = time.perf_counter()
        result = call(*args)
        times[name] = time.perf_counter() - started
        return result

    doc, _source = timed("text", _anchored_document, text, PUBLISHED)
    if tagger:
        output = timed("tagger forward", pipeline.tagger.run_many, [doc.text])[0]
        spans = output.spans
    else:
        output, spans = None, {"time": [], "quantity": [], "attribution": []}
    found = {e.name: timed(e.name, e.extract, doc) for e in EXTRACTORS}
    fused = timed("fusion", fuse, doc, found, spans)
    claims = timed("claims", lambda: extract_claims(doc.text, claim_candidates(doc), fused.quantities, fused.dates,
                                                    fused.quotes, fused.measured))
    if output is not None:
        timed("check-worthiness", lambda: pipeline.checkworthiness.score([output.pooled(c.start, c.end)
                                                                          for c in claims]))
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, nargs="+", default=[100, 1000, 10_000, 100_000])
    parser.add_argument("--threads", type=int, default=1, help="torch threads")
    parser.add_argument("--no-tagger", action="store_true", help="rules only (spans from the tagger left out)")
    parser.add_argument("--budget", type=float, default=3.0, help="seconds of repeats per size (at least one run)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    pipeline = Pipeline.load(DEFAULT_MODEL_PATH)
    pipeline.warm_up()
    cases = [(f"{n:,} words", article_of(n)) for n in args.words]
    cases += [(f"dense {chars // 1000}k chars", dense_sentence(chars)) for chars in (10_000, 100_000)]
    rows = []
    for label, text in cases:
        best: dict[str, float] = {}
        started = time.perf_counter()
        while not best or time.perf_counter() - started < args.budget:
            for stage, seconds in stage_times(pipeline, text, not args.no_tagger).items():
                best[stage] = min(best.get(stage, seconds), seconds)
        rows.append((label, len(text.split()), len(text), best, os.getloadavg()[0]))
    stages = list(rows[0][3])
    print(f"microseconds per word, best of repeats within {args.budget:g} s, {args.threads} torch thread(s)")
    print(f"{'article':<16}{'words':>8}{'chars':>9}" + "".join(f"{s:>17}" for s in stages) + f"{'total':>10}{'load':>6}")
    for label, words, chars, best, load in rows:
        print(f"{label:<16}{words:>8}{chars:>9}" + "".join(f"{best[s] / words * 1e6:>17.1f}" for s in stages)
              + f"{sum(best.values()) / words * 1e6:>10.1f}{load:>6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
