"""Quoted passages: mark kinds, apostrophes, continued quotes, broken marks."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from service.core.document import build_document
from service.extractors.attribution.quote_marks import find_quotations


def _contents(text: str) -> list[str]:
    doc = build_document(text)
    quotations = find_quotations(doc.text, doc.paragraphs)
    return [doc.text[q.content.start : q.content.end] for q in quotations]


def test_straight_double_quote_with_its_marks():
    doc = build_document('"We will not back down," the mayor said.')
    (quote,) = find_quotations(doc.text, doc.paragraphs)
    assert doc.text[quote.start : quote.end] == '"We will not back down,"'
    assert doc.text[quote.content.start : quote.content.end] == "We will not back down,"
    assert quote.mark == '"' and quote.closed and quote.paragraphs == 1


def test_curly_single_and_guillemet_quotes():
    assert _contents("\u201cWe are ready,\u201d he said.") == ["We are ready,"]
    assert _contents("\u2018We are ready,\u2019 he said.") == ["We are ready,"]
    assert _contents("Il a dit \u00ab nous gagnerons \u00bb hier.") == ["nous gagnerons"]
    assert _contents("Er sagte \u201eWir gewinnen\u201c gestern.") == ["Wir gewinnen"]


def test_apostrophes_do_not_open_or_close_quotes():
    text = "They don\u2019t agree. The countries\u2019 leaders met in the \u201990s, didn't they."
    assert _contents(text) == []


def test_plural_possessive_inside_single_quote_does_not_close_it():
    text = "\u2018The players\u2019 effort was great,\u2019 the coach said."
    assert _contents(text) == ["The players\u2019 effort was great,"]


def test_plural_possessive_closes_when_nothing_else_can():
    assert _contents("He called it \u2018a win for the workers\u2019 and left.") == [
        "a win for the workers"
    ]


def test_quote_continued_into_next_paragraph_is_one_passage():
    text = (
        "Ivanov said: \u201cWe are rebuilding the bridge.\n"
        "\u201cIt will open in May,\u201d he said.\n"
        "Traffic resumed later."
    )
    doc = build_document(text)
    (quote,) = find_quotations(doc.text, doc.paragraphs)
    assert quote.paragraphs == 2 and quote.closed
    assert doc.text[quote.content.start : quote.content.end] == (
        "We are rebuilding the bridge.\n\u201cIt will open in May,"
    )


def test_continued_quote_that_never_closes_ends_at_its_last_paragraph():
    text = "She said: \u201cWe tried.\n\u201cWe failed.\nThe meeting ended."
    doc = build_document(text)
    (quote,) = find_quotations(doc.text, doc.paragraphs)
    assert not quote.closed and quote.paragraphs == 2
    assert doc.text[quote.content.start : quote.content.end] == "We tried.\n\u201cWe failed."


def test_lone_opening_mark_is_dropped_and_scan_resumes():
    text = (
        "The council met on Tuesday.\n"
        "Members called the plan \u201creckless and voted it down.\n"
        "\u201cNobody listened to us,\u201d one resident said. Others \u201cagreed\u201d."
    )
    assert _contents(text) == ["Nobody listened to us,", "agreed"]


def test_unclosed_mark_in_paragraph_does_not_swallow_later_quotes_in_it():
    assert _contents('He said "no and left. Then she said \u201cyes\u201d.') == ["yes"]


def test_quote_never_runs_past_its_paragraph():
    assert _contents('He said "we will win\nand "they" lost.') == ["they"]


def test_mojibake_quotes_are_repaired_before_scanning():
    assert _contents("\u00e2\u20ac\u0153We will win\u00e2\u20ac he said.") == ["We will win"]


_MARKS_AND_BREAKS = "\"'\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u2018\u2019 \n.,:s"


@settings(max_examples=60, deadline=None)
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list(_MARKS_AND_BREAKS)),
            st.characters(),
        ),
        max_size=3000,
    )
)
def test_any_text_gives_passages_within_bounds(text):
    doc = build_document(text)
    previous_end = 0
    for quote in find_quotations(doc.text, doc.paragraphs):
        assert previous_end <= quote.start <= quote.content.start
        assert quote.content.start < quote.content.end <= quote.end <= len(doc.text)
        previous_end = quote.end
