"""Print the sentences per second of quantity extraction over the Wikinews test articles.

    python bench/quantities_throughput.py [--rounds 20]

Each article is built into a Document once (text repair and segmentation are the
text layer's cost, timed separately); then extract_quantities runs over every
article, `rounds` times. Prints the best and median round; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from service.core.document import build_document  # noqa: E402
from service.extractors.quantities.extractor import extract_quantities  # noqa: E402

WIKINEWS = ROOT / "tests" / "data" / "wikinews"


def main() -> int:
    """Time extraction rounds over the Wikinews articles and print sentences per second."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in sorted(WIKINEWS.glob("*.txt"))]
    started = time.perf_counter()
    documents = [build_document(text) for text in texts]
    build_seconds = time.perf_counter() - started
    sentences = sum(len(doc.sentences) for doc in documents)
    found = sum(len(extract_quantities(doc)) for doc in documents)  # warm-up
    rounds = []
    for _ in range(args.rounds):
        started = time.perf_counter()
        for doc in documents:
            extract_quantities(doc)
        rounds.append(time.perf_counter() - started)
    best, median = min(rounds), statistics.median(rounds)
    print(f"{len(documents)} Wikinews articles, {sentences} sentences, {found} quantities")
    print(f"extract_quantities: best {sentences / best:,.0f} sentences/s, median {sentences / median:,.0f}"
          f" sentences/s ({args.rounds} rounds)")
    print(f"build_document (once, not in the figures above): {sentences / build_seconds:,.0f} sentences/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
