"""The golden claims file (tests/data/golden_claims.jsonl) and how a response is compared with it.

Shared by the golden tests (tests/golden/test_golden_claims.py) and the review script
(bench/golden_claims_diff.py): per article, the claims a fact-checker expects, read by
hand; `field_problems` says how the system's claim differs from one in one field.
The golden pasted page (an article wrapped in chrome, a repeated teaser headline and
other stories' headlines) is built here too.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "tests" / "data"
GOLDEN = [json.loads(line) for line in (DATA / "golden_claims.jsonl").read_text(encoding="utf-8").splitlines()]
BY_ARTICLE = {g["article"]: g for g in GOLDEN}
# A claim expected among the top ranks is among the article's first TOP_N claims.
TOP_N = 5
CHECKED = ("claim", "speaker", "speaker_type", "cue", "quantities", "dates", "event_date", "section", "top",
           "occurrences")


def article_text(name: str) -> str:
    """Return the text of the Wikinews article `name`."""
    return (DATA / "wikinews" / f"GUM_news_{name}.txt").read_text(encoding="utf-8")


# The page test's article, the other stories listed under it, and its chrome.
PAGE_ARTICLE = "asylum"
PAGE_RELATED = ("crane", "stampede", "imprisoned")
PAGE_TOP_CHROME = ["Wikinews | World | Politics | Science | Sport | Weather", "Share", "Download the app"]
PAGE_BOTTOM_CHROME = ["Share on Facebook | Twitter | Email",
                      "We use cookies to improve your experience. Accept all cookies",
                      "© 2024 Wikinews. All rights reserved."]


def headline(name: str) -> str:
    """Return the first line of the article `name`: its headline."""
    return article_text(name).splitlines()[0]


def build_page() -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Return the pasted page, its chrome lines' spans and the related headlines' spans."""
    lines = [*PAGE_TOP_CHROME, headline(PAGE_ARTICLE), "", article_text(PAGE_ARTICLE).rstrip("\n"), "",
             PAGE_BOTTOM_CHROME[0], "Related stories", *map(headline, PAGE_RELATED), "Most read",
             headline(PAGE_ARTICLE), *PAGE_BOTTOM_CHROME[1:]]
    page = "\n".join(lines) + "\n"

    def spans(texts) -> list[tuple[int, int]]:
        found = []
        for text in texts:
            match = re.search(rf"^{re.escape(text)}$", page, re.MULTILINE)
            found.append((match.start(), match.end()))
        return found

    chrome = spans([*PAGE_TOP_CHROME, *PAGE_BOTTOM_CHROME, "Related stories", "Most read"])
    return page, chrome, spans(map(headline, PAGE_RELATED))


def claims_with(body: dict, sentence: str) -> list[dict]:
    """Return the claims whose sentence contains `sentence`, in text order."""
    return sorted((c for c in body["claims"] if sentence in c["text"]), key=lambda c: c["start"])


def speaker_name(name: str | None) -> str | None:
    """Return a speaker's name without a leading "the"."""
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE) if name else name


def field_problems(body: dict, expected: dict, field: str) -> list[str]:
    """Return how the system's claim for `expected` differs from it in `field` (empty if not)."""
    found = claims_with(body, expected["sentence"])
    if field == "claim":
        return [f"is a claim: {c['text']!r}" for c in found]
    if not found:
        return [f"no claim contains {expected['sentence']!r}"]
    if field == "found":
        return []
    claim = found[0]
    if field == "speaker":
        got = claim.get("speaker")
        return [] if speaker_name(got) == speaker_name(expected["speaker"]) else [f"speaker {got!r}"]
    if field in ("speaker_type", "event_date"):
        got = claim.get(field)
        return [] if got == expected[field] else [f"{field} {got!r}"]
    if field == "cue":
        got = (claim.get("cue") or {}).get("text")
        return [] if got == expected["cue"] else [f"cue {got!r}"]
    if field in ("quantities", "dates"):
        return _listed_problems([body[field][i] for i in claim.get(field, [])], expected[field], field)
    if field == "section":
        got = claim["section"]
        return [] if got == expected.get("section", "article") else [f"section {got!r}"]
    if field == "top":
        ranked = [c["start"] for c in body["claims"] if c["section"] == "article"]
        rank = ranked.index(claim["start"]) if claim["start"] in ranked else len(ranked)
        return [] if (rank < TOP_N) == expected["top"] else [f"ranks {rank + 1} of {len(ranked)}"]
    if field == "occurrences":
        got = len(claim.get("occurrences", []))
        problems = [] if got == expected["occurrences"] else [f"{got} occurrences"]
        return problems + ([f"{len(found)} claims hold it"] if len(found) > 1 else [])
    raise ValueError(field)


def _listed_problems(items: list[dict], expected: list[dict], kind: str) -> list[str]:
    """Return the differences between a claim's quantities or dates and the expected ones."""
    texts = [item["text"] for item in items]
    if texts != [e["text"] for e in expected]:
        return [f"{kind} {texts}"]
    problems = []
    for item, want in zip(items, expected, strict=True):
        if "value" in want and not _same_value(item["value"], want["value"]):
            problems.append(f"{item['text']!r} value {item['value']!r}")
        if "unit" in want and item.get("unit") != want["unit"]:
            problems.append(f"{item['text']!r} unit {item.get('unit')!r}")
    return problems


def _same_value(got, want) -> bool:
    """Whether a found value is the expected one (numbers compared with a tolerance)."""
    if isinstance(want, (int, float)) and isinstance(got, (int, float)):
        return math.isclose(got, want)
    return got == want
