"""Claims from hand-built extractions: structure, speaker, repeats, scoring (no model)."""

import datetime as dt

import pytest

from service.document import build_document
from service.extract.claims import claim_candidates, extract_claims, structure_score, with_checkworthiness
from service.spans import Span
from service.types import Attribution, AttributionType, Quantity, Speaker, Timex, TimexType

TEXT = (
    "Missile test confirmed\n"
    "Defence officials said on Tuesday that the missile flew 2,000 kilometres.\n"
    "The weather was pleasant and the crowd was large.\n"
    "Share\n"
    "Missile test confirmed"
)


def span_of(text: str, part: str) -> tuple[int, int]:
    start = TEXT.index(part)
    return start, start + len(part)


@pytest.fixture()
def doc():
    return build_document(TEXT, dt.date(2022, 3, 12))


def quantity() -> Quantity:
    start, end = span_of(TEXT, "2,000 kilometres")
    return Quantity(start=start, end=end, value=2000.0, unit="km")


def tuesday() -> Timex:
    start, end = span_of(TEXT, "Tuesday")
    return Timex(start=start, end=end, type=TimexType.DATE, value="2022-03-08", anchored=True)


def officials_said() -> Attribution:
    start, end = span_of(TEXT, "Defence officials said on Tuesday that the missile flew 2,000 kilometres")
    s_start, s_end = span_of(TEXT, "Defence officials")
    c_start, c_end = span_of(TEXT, "said")
    return Attribution(
        start=start, end=end, type=AttributionType.INDIRECT,
        content=Span(start=c_end + 1, end=end),
        speaker=Speaker(start=s_start, end=s_end, name="Defence officials"),
        cue=Span(start=c_start, end=c_end), confidence=0.65,
    )


def test_candidates_skip_short_lines_and_later_repeats(doc):
    texts = [(TEXT[c.start : c.end], [TEXT[o.start : o.end] for o in c.occurrences]) for c in claim_candidates(doc)]
    assert texts == [
        ("Defence officials said on Tuesday that the missile flew 2,000 kilometres.", []),
        ("The weather was pleasant and the crowd was large.", []),
    ]


def test_a_repeated_teaser_lists_its_later_occurrences():
    text = "Russia tests a new missile with long range\nShare\nRussia tests a new missile with long range"
    doc = build_document(text)
    (candidate,) = claim_candidates(doc)
    assert [(o.start, o.end) for o in candidate.occurrences] == [(text.rindex("Russia"), len(text))]


def test_only_sentences_with_something_checkable_become_claims(doc):
    claims = extract_claims(claim_candidates(doc), [quantity()], [tuesday()], [officials_said()])
    (claim,) = claims
    assert TEXT[claim.start : claim.end].startswith("Defence officials said")
    assert (claim.quantities, claim.dates, claim.quotes) == ((0,), (0,), (0,))
    assert claim.speaker == "Defence officials"
    assert claim.score == structure_score(True, True, True) == pytest.approx(1.0)


def test_article_voice_claim_has_no_speaker(doc):
    (claim,) = extract_claims(claim_candidates(doc), [quantity()], [], [])
    assert claim.speaker is None
    assert claim.score == pytest.approx(0.35)


def test_model_score_is_blended_half_and_half(doc):
    (claim,) = extract_claims(claim_candidates(doc), [quantity()], [], [])
    (scored,) = with_checkworthiness([claim], [0.9])
    assert scored.score == pytest.approx(0.5 * 0.9 + 0.5 * 0.35)
    with pytest.raises(ValueError):
        with_checkworthiness([claim], [])
