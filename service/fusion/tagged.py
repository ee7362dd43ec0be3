"""Results from the claim tagger's spans, combined with the rules' as each head's
shipped strategy (service.fusion.policy.SHIPPED) says.

The rules keep every span they found (they carry parsed values, resolved dates,
named speakers). Under RULES_THEN_MODEL a tagger span is added only where it
overlaps no rule result; under RULES_RETYPED a rule timex takes the tagger's type
where the tagger confidently tags the same extent.
"""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from service.core.document import Document
from service.core.spans import Span, TaggedSpan, admit
from service.core.types import Attribution, AttributionType, Quantity, QuantityKind, Timex, TimexType
from service.extractors.attribution.people import find_people
from service.extractors.attribution.speakers import resolve_speaker
from service.fusion.policy import MIN_CONFIDENCE, Strategy, additions, confidence_floor, retyped
from service.normalize.numbers import parse_number


def _added(strategy: Strategy, taken: Sequence[Span], spans: Sequence[TaggedSpan]) -> list[TaggedSpan]:
    """Return the tagger spans to add under `strategy`: those overlapping nothing taken."""
    if strategy is not Strategy.RULES_THEN_MODEL:
        return []
    spans = [s for s in spans if s.confidence >= MIN_CONFIDENCE]
    by_extent = {(s.start, s.end): s for s in spans}
    kept = additions([(t.start, t.end, "") for t in taken], [(s.start, s.end, s.label) for s in spans])
    return [by_extent[(start, end)] for start, end, _ in kept]


def tagged_timexes(strategy: Strategy, rules: list[Timex], spans: Sequence[TaggedSpan]) -> list[Timex]:
    """Return the rules' timexes, retyped by the tagger or with the tagger's added (those
    carry no value: none is parsed), as `strategy` says."""
    if strategy is Strategy.RULES_RETYPED:
        confident = [(s.start, s.end, s.label) for s in spans if s.confidence >= confidence_floor(strategy)]
        types = retyped([(t.start, t.end, t.type.value) for t in rules], confident)
        return [t if t.type.value == label else msgspec.structs.replace(t, type=TimexType(label))
                for t, (_, _, label) in zip(rules, types, strict=True)]
    extra = [
        Timex(start=s.start, end=s.end, type=TimexType(s.label), value=None, anchored=False)
        for s in _added(strategy, rules, spans)
    ]
    return sorted(rules + extra, key=lambda t: t.start)


def tagged_quantities(strategy: Strategy, text: str, rules: list[Quantity],
                      spans: Sequence[TaggedSpan]) -> list[Quantity]:
    """Return the rules' quantities plus the tagger's quantity spans whose number parses."""
    extra = []
    for s in _added(strategy, rules, [s for s in spans if s.label == "quantity"]):
        value = parse_number(text[s.start : s.end])
        if value is not None:
            extra.append(Quantity(start=s.start, end=s.end, value=value, kind=QuantityKind.OTHER))
    if not extra:
        return rules
    merged = sorted(enumerate(rules + extra), key=lambda pair: pair[1].start)
    new_index = {old: new for new, (old, _) in enumerate(merged)}
    return [
        q if q.equivalent_to is None else msgspec.structs.replace(q, equivalent_to=new_index[q.equivalent_to])
        for _, q in merged
    ]


def tagged_attributions(strategy: Strategy, doc: Document, rules: list[Attribution],
                        spans: Sequence[TaggedSpan]) -> list[Attribution]:
    """Return the rules' attributions plus those the tagger's cue, source and content
    spans form within one sentence (a cue and a content at least)."""
    added = _added(strategy, rules, spans)
    cues = [s for s in added if s.label == "cue"]
    if not cues:
        return rules
    people = find_people(doc.text)
    extra = []
    for cue in cues:
        sentence = doc.sentence_at(cue.start)
        if sentence is None:
            continue
        inside = [s for s in added if sentence.start <= s.start and s.end <= sentence.end]
        content = _nearest(cue, [s for s in inside if s.label == "content"])
        if content is None:
            continue
        source = _nearest(cue, [s for s in inside if s.label == "source"])
        parts = [p for p in (cue, content, source) if p is not None]
        speaker = resolve_speaker(doc.text, Span(start=source.start, end=source.end), people) if source else None
        according = doc.text[cue.start : cue.end].lower().startswith("according")
        extra.append(Attribution(
            start=min(p.start for p in parts), end=max(p.end for p in parts),
            type=AttributionType.ACCORDING_TO if according else AttributionType.INDIRECT,
            content=Span(start=content.start, end=content.end), speaker=speaker,
            cue=Span(start=cue.start, end=cue.end),
            confidence=round(min(p.confidence for p in parts), 4),
        ))
    # Rules first, then each tagger attribution that overlaps no rule and no earlier one.
    return sorted(rules + admit(sorted(extra, key=lambda a: a.start), rules), key=lambda a: a.start)


def _nearest(cue: TaggedSpan, candidates: list[TaggedSpan]) -> TaggedSpan | None:
    """Return the candidate closest to the cue, or None."""
    return min(candidates, key=lambda s: min(abs(s.start - cue.end), abs(cue.start - s.end)), default=None)
