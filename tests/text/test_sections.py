"""Sections of a pasted page: chrome, other stories' teasers and the article itself."""

from pathlib import Path

import pytest

from service.core.types import Section
from service.text.sections import block_sections
from service.text.segment import paragraphs

ARTICLE = Path(__file__).resolve().parents[1] / "data" / "wikinews" / "GUM_news_defector.txt"
BEFORE = (
    "Skip to main content\n"
    "Home | World | Politics | Business\n"
    "News World US Politics Tech\n"
    "Share\n"
    "Download the app to get breaking news alerts and the latest stories.\n"
)
AFTER = (
    "Share on Facebook Twitter Email\n"
    "Related stories\n"
    "Over 900 asylum seekers rescued off Indonesian coast\n"
    "The rescue came after weeks at sea.\n"
    "Most read\n"
    "Police arrest 12 after protests in Paris turn violent\n"
    "© 2010 Example News. All rights reserved. | Privacy | Terms\n"
    "Sign up for our newsletter\n"
    "Texas student inspires a social movement with a homemade clock\n"
)


def sections_of(page: str) -> dict[str, Section]:
    blocks = paragraphs(page)
    return {page[b.start : b.end]: s for b, s in zip(blocks, block_sections(page, blocks), strict=True)}


@pytest.fixture(scope="module")
def page_sections() -> tuple[str, dict[str, Section]]:
    article = ARTICLE.read_text(encoding="utf-8")
    return article, sections_of(BEFORE + article + "\n" + AFTER)


def test_chrome_is_boilerplate(page_sections):
    _, sections = page_sections
    for line in (*BEFORE.splitlines(), "Share on Facebook Twitter Email", "Related stories", "Most read",
                 "© 2010 Example News. All rights reserved. | Privacy | Terms", "Sign up for our newsletter"):
        assert sections[line] is Section.BOILERPLATE, line


def test_teasers_under_a_label_and_unrelated_headlines_are_related(page_sections):
    _, sections = page_sections
    for line in ("Over 900 asylum seekers rescued off Indonesian coast", "The rescue came after weeks at sea.",
                 "Police arrest 12 after protests in Paris turn violent",
                 "Texas student inspires a social movement with a homemade clock"):
        assert sections[line] is Section.RELATED, line


def test_every_article_block_stays_in_the_article(page_sections):
    article, sections = page_sections
    for line in filter(None, (x.strip() for x in article.splitlines())):
        assert sections[line] is Section.ARTICLE, line


def test_an_inline_read_more_line_is_a_teaser():
    article = ARTICLE.read_text(encoding="utf-8").split("\n\n")
    page = "\n\n".join([*article[:3], "Read more: North Korea fires a missile 1,000 kilometres", *article[3:]])
    assert sections_of(page)["Read more: North Korea fires a missile 1,000 kilometres"] is Section.RELATED


def test_an_article_sentence_that_mentions_cookies_or_apps_is_not_chrome():
    text = ("The company said on Monday that its new app had been downloaded 2 million times, and that it "
            "would stop using tracking cookies on its website by the end of the year.")
    assert sections_of(text)[text] is Section.ARTICLE


def test_sources_under_their_label_and_category_lines_are_boilerplate():
    # Regression (Wikinews "sensitive"): its source list and categories became claims.
    page = (Path(__file__).resolve().parents[1] / "data" / "wikinews" / "GUM_news_sensitive.txt").read_text(
        encoding="utf-8")
    sections = sections_of(page)
    assert sections["Sources"] is Section.BOILERPLATE
    assert sections['"Environment Canada security report found on street" — Toronto Star, August 15, 2008'] \
        is Section.BOILERPLATE
    assert all(s is Section.BOILERPLATE for line, s in sections.items() if line.startswith("Categories:"))
    assert sum(s is Section.ARTICLE for s in sections.values()) >= 10


def test_labelled_teaser_lists_headlines_summaries_and_separators():
    article = ARTICLE.read_text(encoding="utf-8")
    paragraphs_ = article.rstrip("\n").split("\n\n")
    teaser = ("Check Also\nPolice arrest 12 after protests in Paris turn violent\n"
              "PARIS: An official said on Wednesday that twelve people were arrested after a night of "
              "protests in the capital turned violent.\n")
    top = ("Comments (0)\nTop Stories\nOver 900 asylum seekers rescued off Indonesian coast\n"
           "Fishermen rescued over 700 asylum seekers whose boat sank, the navy said on Friday.\n-\n"
           "Lantern festival lights up Taipei\nHundreds of thousands of people crowded the memorial park.\n"
           "Health\nAustralian children suffering from iodine deficiency\n"
           "Almost half of all Australian primary school children are mildly iodine deficient.\n")
    page = "\n".join(paragraphs_[:3]) + "\n" + teaser + "\n".join(paragraphs_[3:]) + "\n" + top
    sections = sections_of(page)
    for line in (*teaser.splitlines()[1:], *[t for t in top.splitlines() if t not in ("Comments (0)",
                 "Top Stories", "-", "Health")]):
        assert sections[line] is Section.RELATED, line
    for line in ("Check Also", "Comments (0)", "Top Stories", "-", "Health"):
        assert sections[line] is Section.BOILERPLATE, line
    for paragraph in paragraphs_[3:]:
        assert sections[paragraph.strip()] is Section.ARTICLE, paragraph


def test_an_inline_teaser_headline_between_paragraphs_is_related():
    article = ARTICLE.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    teaser = "Australian children suffering from iodine deficiency"
    sections = sections_of("\n".join([*article[:4], teaser, *article[4:]]))
    assert sections[teaser] is Section.RELATED
