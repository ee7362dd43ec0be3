"""Claims from hand-built extractions: structure, speaker, repeats, scoring (no model)."""

import datetime as dt

import pytest

from service.core.document import build_document
from service.core.spans import Span
from service.core.types import Attribution, AttributionType, Quantity, Section, Speaker, SpeakerType, Timex, TimexType
from service.extractors.claims.extractor import claim_candidates, extract_claims, structure_score, with_checkworthiness

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
    claims = extract_claims(TEXT, claim_candidates(doc), [quantity()], [tuesday()], [officials_said()])
    (claim,) = claims
    assert TEXT[claim.start : claim.end].startswith("Defence officials said")
    assert (claim.quantities, claim.dates, claim.quotes) == ((0,), (0,), (0,))
    assert claim.speaker == "Defence officials"
    assert claim.speaker_type is SpeakerType.ORGANIZATION
    assert TEXT[claim.cue.start : claim.cue.end] == "said"
    assert claim.event_date == "2022-03-08"
    assert claim.section is Section.ARTICLE
    assert claim.score == structure_score(True, True, True) == pytest.approx(1.0)
    assert (claim.score_parts.model, claim.score_parts.structure) == (None, pytest.approx(1.0))


def test_article_voice_claim_has_no_speaker(doc):
    (claim,) = extract_claims(TEXT, claim_candidates(doc), [quantity()], [], [])
    assert claim.speaker is None
    assert claim.score == pytest.approx(0.35)


def test_model_score_is_blended_half_and_half(doc):
    (claim,) = extract_claims(TEXT, claim_candidates(doc), [quantity()], [], [])
    (scored,) = with_checkworthiness([claim], [0.9])
    assert scored.score == pytest.approx(0.5 * 0.9 + 0.5 * 0.35)
    assert (scored.score_parts.model, scored.score_parts.structure) == (0.9, 0.35)
    with pytest.raises(ValueError):
        with_checkworthiness([claim], [])


def test_claims_come_sorted_by_score_article_before_related():
    text = (
        "The council said on Monday that 40 homes were flooded in the storm last week.\n"
        "The river rose by 3 metres during the night in the old town centre.\n"
        "Related stories\n"
        "Police seize 200 kilograms of cocaine in a port raid\n"
    )
    doc = build_document(text, dt.date(2022, 3, 12))
    quantities = [Quantity(start=(i := text.index(t)), end=i + len(t), value=v, unit=u)
                  for t, v, u in (("40 homes", 40, "homes"), ("3 metres", 3, "m"),
                                  ("200 kilograms", 200, "kg"))]
    claims = extract_claims(text, claim_candidates(doc), quantities, [], [])
    ranked = with_checkworthiness(claims, [0.2, 0.9, 0.99])
    assert [(text[c.start : c.start + 10], c.section) for c in ranked] == [
        ("The river ", Section.ARTICLE), ("The counci", Section.ARTICLE), ("Police sei", Section.RELATED),
    ]


def test_chrome_yields_no_claims():
    text = (
        "Download the app to get 24/7 news alerts on 2 devices\n"
        "Sign up for our newsletter: 5 stories every morning\n"
        "© 2024 Example News. All rights reserved. 12 Main Street\n"
        "The storm flooded 40 homes in the old town centre on Monday.\n"
    )
    doc = build_document(text)
    assert [text[c.start : c.end] for c in claim_candidates(doc)] == [
        "The storm flooded 40 homes in the old town centre on Monday."
    ]


def test_a_quote_in_the_headline_and_the_body_is_one_claim():
    headline = '"We will cut the budget deficit in half by 2026," minister says'
    body = 'Finance Minister Jane Doe said: "We will cut the budget deficit in half by 2026," at a press event.'
    text = f"{headline}\n{body}\n"
    doc = build_document(text)

    def quote(sentence: str, speaker: str) -> Attribution:
        start = text.index(sentence)
        content = text.index('"We', start)
        content_end = text.index(',"', content) + 2
        return Attribution(start=start, end=start + len(sentence), type=AttributionType.DIRECT,
                           content=Span(start=content, end=content_end),
                           speaker=Speaker(start=start, end=start + 4, name=speaker) if speaker else None,
                           cue=None, confidence=0.9)

    claims = extract_claims(text, claim_candidates(doc), [], [],
                            [quote(headline, ""), quote(body, "Jane Doe")])
    (claim,) = claims
    assert claim.speaker == "Jane Doe"
    assert text[claim.start : claim.end] == body
    assert [(o.start, o.end) for o in claim.occurrences] == [(0, len(headline))]


def test_subject_names_what_the_quantity_measures():
    text = "Defence officials confirmed that the new missile has a range of more than 2,000 kilometres."
    doc = build_document(text)
    start = text.index("more than")
    claims = extract_claims(text, claim_candidates(doc), [Quantity(start=start, end=len(text) - 1,
                                                                   value=2000.0, unit="km")], [], [])
    (claim,) = claims
    subject = claim.subject
    assert (text[subject.entity.start : subject.entity.end], text[subject.property.start : subject.property.end]) \
        == ("the new missile", "range")


def test_sentences_of_one_long_quote_stay_separate_claims():
    # Regression (Wikinews "korea"): every sentence of one quote was folded into the first.
    text = ('Officials said: "North Korea fired 36 shells at the island on Tuesday. Six shells landed '
            'on the island and 15 shells fell into the sea."\n')
    doc = build_document(text)
    content = Span(start=text.index('"') + 1, end=text.rindex('"'))
    said = Attribution(start=0, end=len(text) - 1, type=AttributionType.DIRECT, content=content,
                       speaker=Speaker(start=0, end=9, name="Officials"), cue=Span(start=10, end=14),
                       confidence=0.9)
    quantities = [Quantity(start=(i := text.index(t)), end=i + len(t), value=v, unit="shells")
                  for t, v in (("36 shells", 36), ("Six shells", 6), ("15 shells", 15))]
    claims = extract_claims(text, claim_candidates(doc), quantities, [], [said])
    assert [(c.quantities, c.occurrences) for c in claims] == [((0,), ()), ((1, 2), ())]


def test_a_checkworthy_sentence_without_structure_is_a_claim():
    text = "The government has failed to protect the country's borders for a decade and more now.\n" \
           "The weather was pleasant and the crowd was large.\n"
    doc = build_document(text, dt.date(2022, 3, 12))
    candidates = claim_candidates(doc)
    assert extract_claims(text, candidates, [], [], []) == []  # structure alone finds none
    claims = extract_claims(text, candidates, [], [], [], checkworthiness=[0.81, 0.49])
    assert [text[c.start : c.end][:14] for c in claims] == ["The government"]
    assert (claims[0].score_parts.model, claims[0].score_parts.structure) == (0.81, 0.0)
    assert claims[0].score == pytest.approx(0.5 * 0.81)


def test_the_lead_is_a_claim_whatever_it_carries_and_structure_raises_it():
    text = ("Lyon beat Lille in the league\n"
            "Lyon beat Lille at home in a match that decided the title race, and their fans sang all night "
            "long.\nThe second goal came late.\n")
    doc = build_document(text, dt.date(2022, 3, 12))
    claims = extract_claims(text, claim_candidates(doc), [], [], [], checkworthiness=[0.1, 0.2, 0.1])
    assert [text[c.start : c.end][:20] for c in claims] == ["Lyon beat Lille at h"]
    assert claims[0].score_parts.structure == structure_score(False, False, False, is_lead=True) > 0


def test_a_leading_date_stamp_is_not_part_of_the_first_claim():
    text = " date 2024-08-28 Officials said 40 homes were flooded in the storm.\n"
    doc = build_document(text)
    (candidate,) = claim_candidates(doc)
    assert text[candidate.start : candidate.end] == "Officials said 40 homes were flooded in the storm."


def test_a_speaker_left_as_a_pronoun_adds_no_structure():
    # ClaimBuster dev: debaters' "I said ..." made 102 of 600 sentences look attributed.
    text = "I said on the campaign trail that we would rebuild the roads of this great state.\n"
    doc = build_document(text)

    def said_by(name: str) -> Attribution:
        return Attribution(start=0, end=len(text) - 1, type=AttributionType.INDIRECT,
                           content=Span(start=7, end=len(text) - 1),
                           speaker=Speaker(start=0, end=1, name=name), cue=Span(start=2, end=6), confidence=0.6)

    (anonymous,) = extract_claims(text, claim_candidates(doc), [], [], [said_by("I")])
    (named,) = extract_claims(text, claim_candidates(doc), [], [], [said_by("Jane Doe")])
    assert anonymous.speaker == "I" and named.speaker == "Jane Doe"
    assert anonymous.score_parts.structure == structure_score(False, False, False)
    assert named.score_parts.structure == structure_score(True, False, False)


def test_a_quotation_gives_the_claim_its_speaker_before_reported_speech():
    # Wikinews "homeopathic": the sister's plea came first and took the claim from the quote.
    text = 'His sister pleaded with him to see a doctor, but he replied "I am not able to do that".\n'
    doc = build_document(text)

    def span(part: str) -> Span:
        return Span(start=text.index(part), end=text.index(part) + len(part))

    he = text.index("he replied")
    plea = Attribution(start=0, end=span("a doctor").end, type=AttributionType.INDIRECT,
                       content=span("him to see a doctor"), speaker=Speaker(start=0, end=10, name="His sister"),
                       cue=span("pleaded with"), confidence=0.6)
    reply = Attribution(start=he, end=len(text) - 2, type=AttributionType.PARTIAL,
                        content=span("I am not able to do that"), speaker=Speaker(start=he, end=he + 2, name="Thomas Sam"),
                        cue=span("replied"), confidence=0.8)
    (claim,) = extract_claims(text, claim_candidates(doc), [], [], [plea, reply])
    assert claim.speaker == "Thomas Sam"
    assert text[claim.cue.start : claim.cue.end] == "replied"
