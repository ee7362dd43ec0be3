"""Print how the claims of the golden pasted pages (models/scoring/pasted_pages.py) keep to the article.

    python bench/pasted_pages.py

Each Wikinews article wrapped in a page's furniture is extracted with no published_at. Per
page and in total: article claims that hold a related or chrome string, related strings
that became article claims, article top-5 claims that are not the article's own, and
whether the anchor is the article's date (and where it was read).
"""

from __future__ import annotations

import sys
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from models.scoring.pasted_pages import pasted_pages  # noqa: E402
from service.api.requests import Job  # noqa: E402
from service.pipeline import Pipeline  # noqa: E402
from service.serving.jobs import run_jobs  # noqa: E402
from service.settings import DEFAULT_MODEL_PATH  # noqa: E402


def _overlaps(claim: dict, spans) -> bool:
    return any(claim["start"] < end and start < claim["end"] for start, end in spans)


def _inside(claim: dict, spans) -> bool:
    return any(start <= claim["start"] and claim["end"] <= end for start, end in spans)


def main() -> None:
    pages = pasted_pages()
    pipeline = Pipeline.load(DEFAULT_MODEL_PATH)
    bodies = [msgspec.to_builtins(r) for r in run_jobs(pipeline, [Job(p.text, None, p.name) for p in pages])]
    totals = [0, 0, 0, 0, 0]
    print(f"{'page':<14}{'article':>8}{'related':>8}{'polluted':>9}{'teasers in article':>19}"
          f"{'top-5 not own':>14}  anchor")
    for page, body in zip(pages, bodies, strict=True):
        article = [c for c in body["claims"] if c["section"] == "article"]
        related = [c for c in body["claims"] if c["section"] == "related"]
        polluted = sum(_overlaps(c, (*page.related, *page.chrome)) for c in article)
        teasers = sum(_inside(c, page.related) for c in article)
        not_own = sum(not _inside(c, page.article) for c in article[:5])
        published = body["published_at"] or {}
        right = published.get("value") == page.published.isoformat()
        for i, n in enumerate((len(article), len(related), polluted, teasers, not_own)):
            totals[i] += n
        print(f"{page.name:<14}{len(article):>8}{len(related):>8}{polluted:>9}{teasers:>19}{not_own:>14}  "
              f"{'ok' if right else 'WRONG'} {published.get('value')} ({published.get('source')})")
    print(f"{'total':<14}" + "".join(f"{n:>{w}}" for n, w in zip(totals, (8, 8, 9, 19, 14))))
    right = sum((b["published_at"] or {}).get("value") == p.published.isoformat() for p, b in zip(pages, bodies))
    print(f"{len(pages)} pages; anchor is the article's date on {right}")


if __name__ == "__main__":
    main()
