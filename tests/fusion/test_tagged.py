"""Tagger spans turned into results where the rules found nothing (hand-built spans, no model)."""

import datetime as dt

from service.core.document import build_document
from service.core.spans import TaggedSpan
from service.core.types import AttributionType, TimexType
from service.extractors.attribution.extractor import extract_quotes
from service.extractors.dates.extractor import extract_dates
from service.extractors.quantities.extractor import extract_quantities
from service.fusion.policy import Strategy
from service.fusion.tagged import tagged_attributions, tagged_quantities, tagged_timexes

ADD = Strategy.RULES_THEN_MODEL


def tagged(text: str, part: str, label: str, confidence: float = 0.9, nth: int = 0) -> TaggedSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return TaggedSpan(start, start + len(part), label, confidence)


def test_a_timex_the_rules_missed_is_added_without_a_value():
    text = "The deal was signed on Tuesday, a fortnight of haggling after the harvest festival."
    doc = build_document(text, dt.date(2022, 3, 12))
    rules = extract_dates(doc)
    spans = [tagged(text, "Tuesday", "date"), tagged(text, "the harvest festival", "date")]
    result = tagged_timexes(ADD, rules, spans)
    assert [text[t.start : t.end] for t in result] == [text[t.start : t.end] for t in rules] + ["the harvest festival"]
    added = result[-1]
    assert (added.type, added.value, added.anchored) == (TimexType.DATE, None, False)
    assert tagged_timexes(Strategy.RULES, rules, spans) == rules


def test_a_confident_tagger_retypes_a_rule_timex_of_the_same_extent_and_keeps_its_value():
    text = "The vote was held on Wednesday night, and the count took three days."
    doc = build_document(text, dt.date(2022, 3, 12))
    rules = extract_dates(doc)
    night = next(t for t in rules if text[t.start : t.end] == "Wednesday night")
    assert night.type is TimexType.TIME
    retype = Strategy.RULES_RETYPED
    spans = [tagged(text, "Wednesday night", "date"), tagged(text, "three days", "date", confidence=0.65)]
    result = tagged_timexes(retype, rules, spans)
    assert [(text[t.start : t.end], t.type, t.value) for t in result] == [
        (text[t.start : t.end], TimexType.DATE if t is night else t.type, t.value) for t in rules
    ]


def test_tagger_quantities_are_added_in_order_and_restatement_links_survive():
    text = "A score of 7.5 on the scale, a range of 350 kilometres (217 miles)."
    doc = build_document(text)
    rules = extract_quantities(doc)
    linked = [q for q in rules if q.equivalent_to is not None]
    assert linked, "the rules link the restatement"
    result = tagged_quantities(ADD, text, rules, [tagged(text, "7.5", "quantity"), tagged(text, "scale", "quantity")])
    assert [q.start for q in result] == sorted(q.start for q in result)
    assert text[result[0].start : result[0].end] == "7.5" and result[0].value == 7.5
    restated = next(q for q in result if q.equivalent_to is not None)
    assert text[result[restated.equivalent_to].start : result[restated.equivalent_to].end] == "350 kilometres"


def test_cue_source_and_content_in_one_sentence_form_an_attribution():
    text = "Montalvo met the press. The ministry's spokesman Ivan Petrov hinted the talks could resume."
    doc = build_document(text)
    spans = [tagged(text, "The ministry's spokesman Ivan Petrov", "source", 0.8), tagged(text, "hinted", "cue", 0.7),
             tagged(text, "the talks could resume", "content", 0.9)]
    (attribution,) = tagged_attributions(ADD, doc, [], spans)
    assert attribution.type is AttributionType.INDIRECT
    assert text[attribution.cue.start : attribution.cue.end] == "hinted"
    assert text[attribution.content.start : attribution.content.end] == "the talks could resume"
    assert attribution.speaker.name == "Ivan Petrov"
    assert attribution.confidence == 0.7


def test_a_cue_without_content_adds_nothing():
    text = "Officials hinted."
    doc = build_document(text)
    assert tagged_attributions(ADD, doc, [], [tagged(text, "hinted", "cue")]) == []


def test_a_rule_quote_without_a_speaker_takes_the_speaker_and_cue_of_the_tagger_attribution_holding_it():
    text = 'Heald said although the two are known to matter, "nobody has looked at these together".'
    doc = build_document(text)
    rules = [a for a in extract_quotes(doc)]
    assert [a.speaker for a in rules] == [None]
    spans = [tagged(text, "Heald", "source"), tagged(text, "said", "cue"),
             tagged(text, 'although the two are known to matter, "nobody has looked at these together".', "content")]
    (attribution,) = tagged_attributions(ADD, doc, rules, spans)
    assert attribution.speaker.name == "Heald"
    assert text[attribution.cue.start : attribution.cue.end] == "said"
    assert text[attribution.content.start : attribution.content.end] == "nobody has looked at these together"
    assert attribution.type is rules[0].type


def test_a_rule_they_refers_to_the_group_the_tagger_found_before_it():
    # Regression (Wikinews "warming"): "They estimated ..." stayed "They", the scientists
    # being the tagger's find ("found" is no cue of the rules).
    text = ("The scientists found crop yields would fall by a tenth. "
            "They estimated that world food needs would rise by half.")
    doc = build_document(text)
    rules = extract_quotes(doc)
    assert [a.speaker.name for a in rules] == ["They"]
    spans = [tagged(text, "The scientists", "source"), tagged(text, "found", "cue"),
             tagged(text, "crop yields would fall by a tenth", "content")]
    attributions = tagged_attributions(ADD, doc, rules, spans)
    assert [a.speaker.name for a in attributions] == ["The scientists", "The scientists"]
    assert [text[a.speaker.start : a.speaker.end] for a in attributions] == ["The scientists", "They"]


def test_a_continued_quote_a_colon_introduces_is_the_introducing_speaker_s():
    # Regression (Wikinews "questionnaire"): the quote after "Sunak defended ...:" went on
    # with Enver Solomon, quoted a paragraph before.
    text = ('Enver Solomon said "it must be fair".\n\n'
            'Sunak defended the record whilst promising a "formal update": "We are working intensely."')
    doc = build_document(text)
    rules = extract_quotes(doc)
    assert [(a.speaker.name, a.cue) for a in rules][-1] == ("Enver Solomon", None)
    spans = [tagged(text, "Sunak", "source"), tagged(text, "defended", "cue"), tagged(text, "the record", "content")]
    attributions = tagged_attributions(ADD, doc, rules, spans)
    assert [a.speaker.name for a in attributions] == ["Enver Solomon", "Sunak", "Sunak"]
