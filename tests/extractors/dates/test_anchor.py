import datetime as dt

import pytest

from service.core.document import build_document
from service.extractors.dates.anchor import find_publication_date

# Heads of Wikinews articles (CC BY 2.5): title, then the date line.
WIKINEWS_HEADS = [
    ("Over 900 asylum seekers rescued off Indonesian coast\n\nMonday, May 18, 2015\n\nOn Friday, fishermen "
     "rescued over 700 asylum seekers whose boat sank.", dt.date(2015, 5, 18)),
    ("Texas student Ahmed Mohamed inspires social movement\n\nTuesday, September 22, 2015\n\nNews of police "
     "response to a boy's digital clock in Texas last week has inspired a global social movement.",
     dt.date(2015, 9, 22)),
    ("At least 107 killed in Mecca crane collapse\n\nSaturday, September 12, 2015\n\nA storm yesterday caused "
     "a crane to fall into Mecca's Grand Mosque.", dt.date(2015, 9, 12)),
    ("North Korean defector\n\nSaturday, October 9, 2010\n\nThe defector died on Sunday.", dt.date(2010, 10, 9)),
    # The date line run into the first paragraph.
    ("New Zealand begins process to consider changing national flag design\n\nThursday, May 7, 2015 On "
     "Tuesday, the New Zealand government announced the start of a public process.", dt.date(2015, 5, 7)),
]


@pytest.mark.parametrize(("text", "expected"), WIKINEWS_HEADS)
def test_wikinews_date_line(text, expected):
    assert find_publication_date(build_document(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Council approves budget\ndate 2021-05-04\nThe council voted.", dt.date(2021, 5, 4)),
        ("Council approves budget\nDate: 2021-05-04\nThe council voted.", dt.date(2021, 5, 4)),
        ("Council approves budget\n2021-05-04\nThe council voted.", dt.date(2021, 5, 4)),
        ("Council approves budget\nFriday, August 21, 2015\nThe council voted.", dt.date(2015, 8, 21)),
        ("Council approves budget\nBy Jane Doe | Published 4 May 2021\nThe council voted.", dt.date(2021, 5, 4)),
        ("Council approves budget\nUpdated: May 4, 2021 10:32 a.m.\nThe council voted.", dt.date(2021, 5, 4)),
        ("Council approves budget\nWASHINGTON, May 4, 2021 - The council voted.", dt.date(2021, 5, 4)),
    ],
)
def test_labelled_and_bare_date_lines(text, expected):
    assert find_publication_date(build_document(text)) == expected


def test_publication_date_wins_over_update():
    text = "Council approves budget\nUpdated: May 4, 2021 10:32 a.m.\nPublished: May 3, 2021\nThe council voted."
    assert find_publication_date(build_document(text)) == dt.date(2021, 5, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Council approves budget\nThe meeting on May 4, 2021 was long.",
        "Council approves budget\nFebruary 30, 2021\nThe council voted.",
        "Council approves budget\nThe council voted on Thursday.",
        "",
        "A\nB\nC\nD\nE\nF\nG\nSaturday, October 9, 2010",
    ],
)
def test_no_date_about_the_article(text):
    assert find_publication_date(build_document(text)) is None


def test_huge_first_block_is_cheap():
    text = "x" * 100_000 + "\nSaturday, October 9, 2010"
    assert find_publication_date(build_document(text)) == dt.date(2010, 10, 9)


def test_the_articles_date_wins_over_the_site_headers_crawl_date():
    from service.extractors.dates.anchor import DateSource, find_publication

    page = ("Home | World | Politics | Business\nTuesday, 3 December 2024\nShare\n"
            "Over 900 asylum seekers rescued off Indonesian coast\nMonday, May 18, 2015\n"
            "On Friday, fishermen rescued over 700 asylum seekers whose boat sank.")
    assert find_publication(build_document(page)) == (dt.date(2015, 5, 18), DateSource.DATELINE)
    stamped = ("Home | World | Politics | Business\nTuesday, 3 December 2024\nShare\n"
               "Over 900 asylum seekers rescued off Indonesian coast\n"
               " date 2015-05-18 On Friday, fishermen rescued over 700 asylum seekers whose boat sank.")
    assert find_publication(build_document(stamped)) == (dt.date(2015, 5, 18), DateSource.STAMP)
    header_only = "Home | World | Politics | Business\nTuesday, 3 December 2024\nShare\nA headline of a story\n"
    assert find_publication(build_document(header_only)) == (dt.date(2024, 12, 3), DateSource.SITE_HEADER)
