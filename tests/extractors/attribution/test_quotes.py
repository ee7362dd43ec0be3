"""Who said what: direct, partial, indirect and according-to attributions."""

from __future__ import annotations

from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from service.core.document import build_document
from service.core.types import Attribution, AttributionType
from service.extractors.attribution.assemble import Pattern, confidence
from service.extractors.attribution.extractor import extract_quotes
from service.extractors.attribution.speakers import SpeakerKind

DIRECT = AttributionType.DIRECT
PARTIAL = AttributionType.PARTIAL
INDIRECT = AttributionType.INDIRECT
ACCORDING_TO = AttributionType.ACCORDING_TO


def _parts(text: str, a: Attribution) -> tuple:
    """(type, content, speaker mention, speaker name, cue) of an attribution."""
    speaker = text[a.speaker.start : a.speaker.end] if a.speaker else None
    cue = text[a.cue.start : a.cue.end] if a.cue else None
    name = a.speaker.name if a.speaker else None
    return (a.type, text[a.content.start : a.content.end], speaker, name, cue)


def _extract(text: str) -> list[tuple]:
    doc = build_document(text)
    return [_parts(doc.text, a) for a in extract_quotes(doc)]


def test_trailing_speaker_then_cue():
    text = '"We will not back down," the mayor said.'
    (a,) = extract_quotes(build_document(text))
    assert _parts(text, a) == (DIRECT, "We will not back down,", "the mayor", "the mayor", "said")
    assert (a.start, a.end) == (0, len(text) - 1)
    assert a.confidence == confidence(Pattern.QUOTE, SpeakerKind.DESCRIPTION)


def test_trailing_cue_then_speaker_with_apposition():
    assert _extract('"We will not back down," said John Smith, the city\'s mayor.') == [
        (DIRECT, "We will not back down,", "John Smith, the city's mayor", "John Smith", "said")
    ]


def test_dash_attribution():
    assert _extract('"The budget is balanced." -Commissioner Smith') == [
        (DIRECT, "The budget is balanced.", "Commissioner Smith", "Smith", None)
    ]


def test_leading_attribution_with_colon():
    assert _extract('The minister: "We are ready for talks."') == [
        (DIRECT, "We are ready for talks.", "The minister", "The minister", None)
    ]
    assert _extract('Smith said: "We are ready for talks."') == [
        (DIRECT, "We are ready for talks.", "Smith", "Smith", "said")
    ]


def test_next_quote_without_speaker_goes_on_with_previous_speaker():
    text = (
        'Mayor Anne Hidalgo spoke on Monday. "We will appeal," Hidalgo said. '
        '"We have the law on our side."'
    )
    doc = build_document(text)
    first, second = extract_quotes(doc)
    assert _parts(text, second) == (
        DIRECT, "We have the law on our side.", "Hidalgo", "Anne Hidalgo", None
    )
    assert second.speaker == first.speaker
    assert (second.start, second.end) == (text.index('"We have'), len(text))
    assert (first.confidence, second.confidence) == (
        confidence(Pattern.QUOTE, SpeakerKind.NAMED),
        confidence(Pattern.CONTINUED, SpeakerKind.NAMED),
    )


def test_unattributed_full_quote_has_no_speaker():
    (a,) = extract_quotes(build_document('"We will rebuild this town from the ground up."'))
    assert a.speaker is None and a.type is DIRECT
    assert a.confidence == confidence(Pattern.QUOTE, None)


def test_pronoun_speaker_resolves_to_earlier_name():
    text = 'Oleg Ivanov, the regional governor, visited the site. "We are rebuilding," he said.'
    (a,) = extract_quotes(build_document(text))
    assert _parts(text, a) == (DIRECT, "We are rebuilding,", "he", "Oleg Ivanov", "said")
    assert a.confidence == confidence(Pattern.QUOTE, SpeakerKind.PRONOUN)


def test_cues_from_the_lexicon():
    for cue in ["warned", "insisted", "told reporters", "added", "wrote", "asked", "replied"]:
        text = f'"This is only the beginning," the senator {cue}.'
        assert _extract(text)[0][2:] == ("the senator", "the senator", cue.split()[0])


def test_auxiliary_before_cue_is_left_out_of_cue_and_speaker():
    assert _extract('"We have done nothing wrong," the company has also said.') == [
        (DIRECT, "We have done nothing wrong,", "the company", "the company", "said")
    ]


def test_partial_quote_inside_reported_speech():
    text = (
        'French President Emmanuel Macron arrived on Monday. '
        'He pledged his "full backing" for the plan.'
    )
    assert _extract(text) == [(PARTIAL, "full backing", "He", "Emmanuel Macron", "pledged")]


def test_partial_quote_with_trailing_attribution_covers_the_reported_clause():
    # A mixed quote: the reported clause is the content, the quoted words inside it.
    assert _extract('The plan was "a disaster for the town", Smith said.') == [
        (PARTIAL, 'The plan was "a disaster for the town"', "Smith", "Smith", "said")
    ]


def test_mixed_quote_after_leading_cue():
    text = 'Gov. Pat McCrory (R) said it would be "improper" for him to speak.'
    assert _extract(text) == [
        (PARTIAL, 'it would be "improper" for him to speak', "Gov. Pat McCrory (R)", "Pat McCrory", "said")
    ]


def test_indirect_speech():
    assert _extract("Analysts said the minister was expected to resign.") == [
        (INDIRECT, "the minister was expected to resign", "Analysts", "Analysts", "said")
    ]
    assert _extract("Officials have said the plant could reopen.") == [
        (INDIRECT, "the plant could reopen", "Officials", "Officials", "said")
    ]
    assert _extract("The agency reported that the fire had spread to two villages.") == [
        (INDIRECT, "the fire had spread to two villages", "The agency", "The agency", "reported")
    ]


def test_told_reporters_with_and_without_that():
    assert _extract("Ivanov told reporters that roads would stay closed.") == [
        (INDIRECT, "roads would stay closed", "Ivanov", "Ivanov", "told")
    ]
    assert _extract("Ivanov told the BBC the roads would stay closed.") == [
        (INDIRECT, "the roads would stay closed", "Ivanov", "Ivanov", "told")
    ]


def test_trailing_indirect_and_headline_form():
    assert _extract("Refugee flows must be stopped, says Macron") == [
        (INDIRECT, "Refugee flows must be stopped", "Macron", "Macron", "says")
    ]
    assert _extract("The plant could reopen next year, officials said.") == [
        (INDIRECT, "The plant could reopen next year", "officials", "officials", "said")
    ]


def test_according_to_leading_and_trailing():
    text = "According to the ministry's spokesman Ivan Petrov, the talks will resume."
    (a,) = extract_quotes(build_document(text))
    assert _parts(text, a) == (
        ACCORDING_TO,
        "the talks will resume",
        "the ministry's spokesman Ivan Petrov",
        "Ivan Petrov",
        "According to",
    )
    assert (a.start, a.end) == (0, len(text) - 1)
    assert _extract("Three people were injured in the blast, according to police.") == [
        (ACCORDING_TO, "Three people were injured in the blast", "police", "police", "according to")
    ]


def test_indirect_speech_is_not_found_without_a_clause():
    assert _extract("He said nothing about the deal.") == []
    assert _extract("The report said.") == []


def test_titles_nicknames_and_scare_quotes_are_not_quotes():
    text = (
        'The band played the song "Imagine" at the end. Operation "Desert Storm" began in 1991. '
        '"Bruno" the bear was shot. It was the so-called \'game changer\' of the season.'
    )
    assert _extract(text) == []


def test_title_after_reporting_verb_is_not_a_partial_quote():
    assert _extract('Smith said he had listened to "Imagine" every day.') == [
        (INDIRECT, 'he had listened to "Imagine" every day', "Smith", "Smith", "said")
    ]


def test_broken_mark_does_not_derail_the_article():
    text = (
        "The council met on Tuesday to vote on the new budget.\n"
        "Members called the plan \u201creckless and voted it down.\n"
        "\u201cNobody listened to us,\u201d said Maria Lopez, a local resident.\n"
    )
    assert _extract(text) == [
        (DIRECT, "Nobody listened to us,", "Maria Lopez, a local resident", "Maria Lopez", "said")
    ]


def test_quote_continued_across_paragraphs_is_one_attribution():
    text = (
        "Oleg Ivanov said: \u201cWe are rebuilding the bridge.\n"
        "\u201cIt will open in May.\u201d\n"
    )
    doc = build_document(text)
    (a,) = extract_quotes(doc)
    assert _parts(doc.text, a) == (
        DIRECT,
        "We are rebuilding the bridge.\n\u201cIt will open in May.",
        "Oleg Ivanov",
        "Oleg Ivanov",
        "said",
    )


def test_mojibake_quote_marks_are_repaired():
    doc = build_document("\u00e2\u20ac\u0153We will win\u00e2\u20ac he said.")
    assert doc.text == "\u201cWe will win\u201d he said."
    assert [_parts(doc.text, a) for a in extract_quotes(doc)] == [
        (DIRECT, "We will win", "he", "he", "said")
    ]


def test_wikinews_style_paragraph():
    text = (
        "After calling the Scientology organization by phone, Montalvo was put through to a "
        "Scientology attorney, Kendrick Moxon. Rathbun wrote, \"Moxon proceeded to lie to "
        "Daniel that the hard drives were never returned.\" Scientology officials have stated "
        "they have not received the materials."
    )
    assert _extract(text) == [
        (
            DIRECT,
            "Moxon proceeded to lie to Daniel that the hard drives were never returned.",
            "Rathbun",
            "Rathbun",
            "wrote",
        ),
        (
            INDIRECT,
            "they have not received the materials",
            "Scientology officials",
            "Scientology officials",
            "stated",
        ),
    ]


def test_results_sorted_and_confidence_in_range():
    text = (
        '"We will win," Smith said. Analysts said the vote was close. '
        "According to police, two people were hurt."
    )
    found = extract_quotes(build_document(text))
    assert [a.type for a in found] == [DIRECT, INDIRECT, ACCORDING_TO]
    assert all(0.0 <= a.confidence <= 1.0 for a in found)


_QUOTE_HEAVY = st.one_of(
    st.sampled_from(list("\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019 \n.,:")),
    st.sampled_from([" said ", " Smith", "According to ", " told reporters that ", "He "]),
    st.characters(),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(_QUOTE_HEAVY, max_size=800).map("".join))
def test_any_text_gives_spans_within_bounds(text):
    doc = build_document(text)
    found = extract_quotes(doc)
    assert found == sorted(found, key=lambda a: (a.start, a.end))
    for a in found:
        parts = [a.content] + [p for p in (a.speaker, a.cue) if p is not None]
        assert 0 <= a.start < a.end <= len(doc.text)
        assert all(0 <= p.start < p.end <= len(doc.text) for p in parts)
        assert a.contains(a.content) and (a.cue is None or a.contains(a.cue))
        assert 0.0 <= a.confidence <= 1.0


@settings(max_examples=5, deadline=None)
@given(st.lists(_QUOTE_HEAVY, min_size=50, max_size=400), st.integers(0, 2**32))
def test_long_random_text_stays_within_bounds(pieces, seed):
    text = "".join(Random(seed).choices(pieces, k=100_000))[:100_000]
    doc = build_document(text)
    found = extract_quotes(doc)
    assert all(0 <= a.start < a.end <= len(doc.text) for a in found)
