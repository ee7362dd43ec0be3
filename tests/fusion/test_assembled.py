"""Whole attributions from the tagger's attribution spans (service.fusion.assembled)."""

from __future__ import annotations

from service.core.document import build_document
from service.core.spans import TaggedSpan
from service.core.types import AttributionType, Speaker
from service.fusion.assembled import assembled


def _span(text: str, piece: str, label: str, confidence: float = 0.9, after: int = 0) -> TaggedSpan:
    start = text.index(piece, after)
    return TaggedSpan(start, start + len(piece), label, confidence)


def test_a_cue_links_the_nearest_source_and_content_of_its_sentence():
    text = "Mayor Anne Hidalgo said on Monday that the bridge would reopen in May."
    spans = [_span(text, "Mayor Anne Hidalgo", "source"), _span(text, "said", "cue"),
             _span(text, "that the bridge would reopen in May.", "content", 0.7)]
    (found,) = assembled(build_document(text), spans)
    assert found.type is AttributionType.INDIRECT
    assert found.speaker.name == "Anne Hidalgo"
    assert text[found.cue.start : found.cue.end] == "said"
    assert text[found.content.start : found.content.end] == "that the bridge would reopen in May."
    assert (found.start, found.end) == (0, len(text))
    assert found.confidence == 0.7


def test_a_content_wholly_in_quote_marks_is_direct_and_reported_without_them():
    text = '"We will rebuild," the mayor said.'
    spans = [_span(text, '"We will rebuild,"', "content"), _span(text, "the mayor", "source"),
             _span(text, "said", "cue")]
    (found,) = assembled(build_document(text), spans)
    assert found.type is AttributionType.DIRECT
    assert text[found.content.start : found.content.end] == "We will rebuild,"


def test_marks_inside_an_indirect_content_make_it_partial_and_according_to_is_its_own_type():
    text = 'The minister called the plan "a disgrace". According to the police, two men were held.'
    spans = [_span(text, "The minister", "source"), _span(text, "called", "cue"),
             _span(text, 'the plan "a disgrace"', "content"), _span(text, "According to", "cue"),
             _span(text, "the police", "source"), _span(text, "two men were held", "content")]
    partial, according = assembled(build_document(text), spans)
    assert partial.type is AttributionType.PARTIAL
    assert according.type is AttributionType.ACCORDING_TO
    assert according.speaker.name == "the police"


def test_a_content_no_cue_took_is_left_out():
    text = '"We will win," Ms. Jane Roe said. "And we will win big."'
    spans = [_span(text, '"We will win,"', "content"), _span(text, "Ms. Jane Roe", "source"),
             _span(text, "said", "cue"), _span(text, '"And we will win big."', "content")]
    (found,) = assembled(build_document(text), spans)
    assert text[found.content.start : found.content.end] == "We will win,"


def test_spans_of_other_sentences_are_not_linked_and_a_cue_without_content_makes_nothing():
    text = "The senator said. Nothing else happened that day. Taxes will rise next year."
    spans = [_span(text, "The senator", "source"), _span(text, "said", "cue"),
             _span(text, "Taxes will rise next year.", "content")]
    assert assembled(build_document(text), spans) == []


def test_same_label_pieces_with_only_blanks_between_are_one_span():
    text = "According to the police, two men were held."
    spans = [_span(text, "According", "cue"), _span(text, "to", "cue"), _span(text, "the police", "source"),
             _span(text, "two men were held", "content")]
    (found,) = assembled(build_document(text), spans)
    assert text[found.cue.start : found.cue.end] == "According to"
    assert found.type is AttributionType.ACCORDING_TO


def test_a_leading_participle_clause_is_not_part_of_the_source():
    text = "Speaking in the parents' defense, Tom Molomby said that they were not guilty."
    spans = [_span(text, "Speaking in the parents' defense, Tom Molomby", "source"), _span(text, "said", "cue"),
             _span(text, "that they were not guilty.", "content")]
    (found,) = assembled(build_document(text), spans)
    assert text[found.speaker.start : found.speaker.end] == "Tom Molomby"
    assert found.speaker.name == "Tom Molomby"


def test_qualifier_words_a_source_runs_into_before_a_number_are_not_part_of_it():
    text = "According to the Saudi Interior Ministry over 345 pilgrims have been killed."
    spans = [_span(text, "According to", "cue"), _span(text, "the Saudi Interior Ministry over", "source"),
             _span(text, "345 pilgrims have been killed.", "content")]
    (found,) = assembled(build_document(text), spans)
    assert text[found.speaker.start : found.speaker.end] == "the Saudi Interior Ministry"


def test_a_naming_verb_before_a_short_name_is_not_an_attribution():
    text = "He left the elite group within Scientology called the Sea Org."
    spans = [_span(text, "Scientology", "source"), _span(text, "called", "cue"), _span(text, "the Sea Org", "content")]
    assert assembled(build_document(text), spans) == []


def test_the_subject_of_a_passive_verb_of_telling_is_the_addressee_not_the_speaker():
    text = "The parents were advised to send the child to a skin specialist."
    spans = [_span(text, "The parents", "source"), _span(text, "were advised", "cue"),
             _span(text, "to send the child to a skin specialist", "content")]
    (found,) = assembled(build_document(text), spans)
    assert found.speaker is None


def test_it_refers_to_the_latest_organization_that_spoke_including_those_found_otherwise():
    text = 'Shells fell near the posts, said KCNA. "Provocation deserves punishment," it added.'
    kcna = text.index("KCNA")
    known = [Speaker(start=kcna, end=kcna + 4, name="KCNA")]
    spans = [_span(text, '"Provocation deserves punishment,"', "content"), _span(text, "it", "source", after=kcna),
             _span(text, "added", "cue")]
    (found,) = assembled(build_document(text), spans, known)
    assert found.speaker.name == "KCNA"
