"""Golden pasted pages: each Wikinews article (tests/data/wikinews) wrapped in a web page's furniture.

A page has a site header with a crawl date beside the navigation, share prompts, a
"Check Also" (or "Read more", "Related") teaser inside the article with its headline and
lead sentence, an inline teaser headline between paragraphs, a comment counter, and after
the article a "Top Stories" list whose items (headline, then a one-sentence summary) come
under section labels and "-" separators, all built from OTHER articles' headlines and
leads. Every page is built deterministically from its index; `PastedPage` records where
the article, the related strings and the chrome lie, and the article's own date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from service.core.document import build_document
from service.extractors.dates.anchor import find_publication_date

WIKINEWS = Path(__file__).resolve().parents[2] / "tests" / "data" / "wikinews"
# The date the pages were "crawled": shown in the site header, never the article's date.
CRAWL_DATE = "Tuesday, 3 December 2024"
NAVIGATION = "Home | World | Politics | Business | Science | Sport | Health"
LEAD_MIN_WORDS = 20
TEASER_LABELS = ("Check Also", "Read more", "Related")
LIST_LABELS = ("Top Stories", "More World News")
SECTION_LABELS = ("Canada", "World", "Politics", "Health", "Science")
TOP_CHROME = ("Share", "Download the app")
BOTTOM_CHROME = ("Comments (0)", "Share on Facebook | Twitter | Email", "Sign up for our newsletter",
                 "© 2024 Wikinews. All rights reserved.")


@dataclass(frozen=True, slots=True)
class PastedPage:
    """A pasted page and what each part of it is."""

    name: str  # the article's name (GUM_news_<name>.txt)
    text: str
    published: dt.date  # the article's own date
    article: tuple[tuple[int, int], ...]  # spans of the article's own lines
    related: tuple[tuple[int, int], ...]  # spans of other stories' headlines and summaries
    chrome: tuple[tuple[int, int], ...]  # spans of navigation, labels, counters, prompts, stamps


def article_names() -> list[str]:
    """Return the names of the Wikinews articles, sorted."""
    return sorted(p.stem.removeprefix("GUM_news_") for p in WIKINEWS.glob("GUM_news_*.txt"))


def _lines(name: str) -> list[str]:
    return [line for line in (WIKINEWS / f"GUM_news_{name}.txt").read_text(encoding="utf-8").splitlines()
            if line.strip()]


def headline_and_lead(name: str) -> tuple[str, str]:
    """Return the headline of article `name` and the first sentence of its lead paragraph."""
    lines = _lines(name)
    # The first paragraph long enough to be the lead (not an image caption).
    doc = build_document(next(line for line in lines[2:] if len(line.split()) >= LEAD_MIN_WORDS))
    first = doc.sentences[0]
    return lines[0], doc.text[first.start : first.end]


def _article_date(name: str) -> dt.date:
    date = find_publication_date(build_document("\n".join(_lines(name)[:3])))
    assert date is not None, name
    return date


def build_pasted_page(index: int) -> PastedPage:
    """Return the pasted page of the `index`-th article (see `article_names`)."""
    names = article_names()
    name = names[index % len(names)]
    others = [n for n in names if n != name]
    # Other stories, rotated by the page's index so each page lists different ones.
    pick = [others[(index * 5 + k) % len(others)] for k in range(7)]
    title, date_line, *body = _lines(name)
    published = _article_date(name)
    # Every third page states the date as a " date YYYY-MM-DD " stamp opening the first paragraph.
    stamped = index % 3 == 2 and re.fullmatch(r"\w+, \w+ \d+, \d{4}", date_line) is not None
    parts: list[tuple[str, str]] = [("chrome", NAVIGATION), ("chrome", CRAWL_DATE), ("chrome", TOP_CHROME[0]),
                                    ("article", title)]
    if stamped:
        stamp = f" date {published.isoformat()} "
        parts.append(("stamp+article", stamp + body[0]))
        body = body[1:]
    else:
        parts.append(("article", date_line))
    parts.append(("chrome", TOP_CHROME[1]))
    teaser_at = min(2, len(body))
    inline_at = min(4, len(body))
    for position, paragraph in enumerate(body):
        if position == teaser_at:
            parts.append(("chrome", TEASER_LABELS[index % len(TEASER_LABELS)]))
            parts.extend(("related", text) for text in headline_and_lead(pick[0]))
        if position == inline_at and position != teaser_at:
            parts.append(("related", headline_and_lead(pick[1])[0]))
        parts.append(("article", paragraph))
    parts.extend(("chrome", text) for text in BOTTOM_CHROME[:2])
    parts.append(("chrome", LIST_LABELS[index % len(LIST_LABELS)]))
    for k, other in enumerate(pick[2:]):
        if k and k % 2 == 0:
            parts.append(("chrome", SECTION_LABELS[(index + k) % len(SECTION_LABELS)]))
        elif k:
            parts.append(("chrome", "-"))
        parts.extend(("related", text) for text in headline_and_lead(other))
    parts.extend(("chrome", text) for text in BOTTOM_CHROME[2:])
    return _assemble(name, published, parts)


def _assemble(name: str, published: dt.date, parts: list[tuple[str, str]]) -> PastedPage:
    text, spans = "", {"article": [], "related": [], "chrome": []}
    for role, line in parts:
        start = len(text)
        text += line + "\n"
        if role == "stamp+article":
            stamp_end = start + len(line) - len(line.lstrip()) + len(line.strip().split(" ", 2)[0]) + 11
            spans["chrome"].append((start, stamp_end))
            spans["article"].append((stamp_end + 1, start + len(line)))
        else:
            spans[role].append((start, start + len(line)))
    return PastedPage(name, text, published, tuple(spans["article"]), tuple(spans["related"]),
                      tuple(spans["chrome"]))


def pasted_pages() -> list[PastedPage]:
    """Return one pasted page per Wikinews article."""
    return [build_pasted_page(i) for i in range(len(article_names()))]
