"""Print how the system's claims differ from tests/data/golden_claims.jsonl, for review.

    python bench/golden_claims_diff.py [--article crane --article nasa] [--uncovered]

For each golden claim and field: a regression (a field expected right is wrong), a
known failure now fixed (its `known_failure` entry can go), or a known failure still
failing. With --uncovered, also the article's claims no golden entry covers, in rank
order, with their speaker, quantities and dates: candidates to read and add by hand.
It writes nothing: expected values are never copied from the system.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from models.scoring.golden_claims import CHECKED, GOLDEN, article_text, field_problems  # noqa: E402
from service.api.requests import Job  # noqa: E402
from service.pipeline import Pipeline  # noqa: E402
from service.serving.jobs import run_jobs  # noqa: E402
from service.settings import DEFAULT_MODEL_PATH  # noqa: E402


def claim_line(body: dict, rank: int, claim: dict) -> str:
    """Return one claim as a review line: rank, score, speaker, quantities, dates, text."""
    quantities = [body["quantities"][i]["text"] for i in claim.get("quantities", [])]
    dates = [f"{body['dates'][i]['text']}={body['dates'][i]['value']}" for i in claim.get("dates", [])]
    return (f"  #{rank} {claim['score']:.3f} {claim['section']} speaker={claim.get('speaker')!r} "
            f"q={quantities} d={dates}\n      {claim['text'][:160]!r}")


def review(golden: dict, body: dict, uncovered: bool) -> tuple[int, int]:
    """Print one article's differences; return its regressions and fixed known failures."""
    regressions = fixed = 0
    print(f"== {golden['article']} ({len(body['claims'])} claims)")
    for expected in golden["claims"]:
        known = expected.get("known_failure", {})
        fields = ["found", *(f for f in CHECKED if f in expected or f == "section")]
        if "claim" in expected:
            fields = ["claim"]
        elif "found" in known:
            fields = ["found"]
        for field in fields:
            problems = field_problems(body, expected, field)
            if field in known and not problems:
                fixed += 1
                print(f"  FIXED   {expected['sentence'][:50]!r} {field}: remove its known_failure")
            elif field in known:
                print(f"  known   {expected['sentence'][:50]!r} {field}: {problems}")
            elif problems:
                regressions += 1
                print(f"  WRONG   {expected['sentence'][:50]!r} {field}: {problems}")
    if uncovered:
        sentences = [e["sentence"] for e in golden["claims"]]
        for rank, claim in enumerate(body["claims"]):
            if not any(s in claim["text"] for s in sentences):
                print(claim_line(body, rank, claim))
    return regressions, fixed


def main() -> int:
    """Extract the golden articles and print their differences; always exits 0."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", action="append", help="only this article (repeatable)")
    parser.add_argument("--uncovered", action="store_true", help="also list claims no golden entry covers")
    args = parser.parse_args()
    goldens = [g for g in GOLDEN if not args.article or g["article"] in args.article]
    pipeline = Pipeline.load(DEFAULT_MODEL_PATH)
    jobs = [Job(article_text(g["article"]), dt.date.fromisoformat(g["published_at"]), g["article"]) for g in goldens]
    totals = [0, 0]
    for golden, response in zip(goldens, run_jobs(pipeline, jobs), strict=True):
        regressions, fixed = review(golden, msgspec.to_builtins(response), args.uncovered)
        totals[0] += regressions
        totals[1] += fixed
    print(f"{len(goldens)} articles: {totals[0]} fields wrong that were right, {totals[1]} known failures fixed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
