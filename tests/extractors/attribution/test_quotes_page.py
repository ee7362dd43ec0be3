"""A whole pasted page: boilerplate, a stray quote mark and mojibake around a real article.

The page is the Wikinews "defector" article (tests/data/wikinews, CC BY 2.5) with site
chrome before and after, and damage in the middle: a paragraph whose quote never
closes, a quote whose curly marks arrive as mojibake (`â€œ…â€`) and one whose
closer arrives as `†`. Every quote found on the clean article must still be found,
before and after the damage, and the damaged quotes themselves must be read.
"""

from __future__ import annotations

from pathlib import Path

from service.core.document import build_document
from service.extractors.attribution.extractor import extract_quotes

ARTICLE = Path(__file__).resolve().parents[2] / "data" / "wikinews" / "GUM_news_defector.txt"
HEADER = "Skip to main content\nHome | World | Politics | Share: Facebook Twitter Email\nAdvertisement\n\n"
DAMAGE = (
    'The statement said "the review was still ongoing and would end soon.\n\n'
    "â€œWe were never told what happened to him,â€ a former member said.\n\n"
    "The church said â€œno comment† when reached on Monday.\n\n"
)
FOOTER = "\n\nRelated stories\nÂ© 2008 Example News. All rights reserved. | Privacy | Terms\n"


def _quotes(text: str) -> set[tuple[str, str | None, str]]:
    doc = build_document(text)
    return {
        (a.type.value, a.speaker.name if a.speaker else None, doc.text[a.content.start : a.content.end])
        for a in extract_quotes(doc)
    }


def _page() -> tuple[str, str]:
    article = ARTICLE.read_text(encoding="utf-8")
    paragraphs = article.split("\n\n")
    middle = len(paragraphs) // 2
    damaged = "\n\n".join(paragraphs[:middle]) + "\n\n" + DAMAGE + "\n\n".join(paragraphs[middle:])
    return article, HEADER + damaged + FOOTER


def test_every_clean_quote_survives_the_damage():
    article, page = _page()
    clean = _quotes(article)
    assert len(clean) >= 8
    assert clean <= _quotes(page)


def test_quotes_before_and_after_the_damage_keep_their_speakers():
    _, page = _page()
    found = _quotes(page)
    names = {name for _, name, _ in found}
    assert {"Mark Rathbun", "Steve Whitmore"} <= names
    assert any(c.startswith("Daniel was picked up") and n == "Mark Rathbun" for _, n, c in found)


def test_damaged_quotes_are_read():
    _, page = _page()
    found = _quotes(page)
    assert ("direct", "a former member", "We were never told what happened to him,") in found
    assert ("partial", "The church", "no comment") in found
    # The quote that never closes yields nothing rather than swallowing the page.
    assert not any("the review was still ongoing" in c for _, _, c in found)
