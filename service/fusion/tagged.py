"""Results from the claim tagger's spans, combined with the rules' as each head's
shipped strategy (service.fusion.policy.SHIPPED) says.

The rules keep every span they found (they carry parsed values, resolved dates,
named speakers). Under RULES_THEN_MODEL a tagger span is added only where it
overlaps no rule result; under RULES_RETYPED a rule timex takes the tagger's type
where the tagger confidently tags the same extent. Attributions can also be built
model first: the tagger's attributions, then the rules' that overlap none of them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import msgspec

from service.core.document import Document
from service.core.spans import Span, TaggedSpan, admit
from service.core.types import Attribution, Quantity, QuantityKind, Timex, TimexType
from service.extractors.attribution.cues import ACCORDING_TO, EMBEDDING_CUE, INDIRECT_CUE
from service.extractors.attribution.extractor import document_people, group_pronouns_resolved
from service.fusion.assembled import assembled
from service.fusion.policy import ASSEMBLY_CONFIDENCE, MIN_CONFIDENCE, Strategy, additions, confidence_floor, retyped
from service.normalize.numbers import parse_number

# What may stand between a clause and the quote it introduces with a colon: no sentence end.
_COLON_GAP = re.compile(r"[^.!?\n]*:\s*")


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
                        spans: Sequence[TaggedSpan], floor: float = ASSEMBLY_CONFIDENCE) -> list[Attribution]:
    """Return the attributions of `doc` as `strategy` combines the rules' with those the
    tagger's source, cue and content spans form (service.fusion.assembled): model first,
    spans of confidence >= `floor` take part."""
    if strategy not in (Strategy.MODEL, Strategy.MODEL_THEN_RULES, Strategy.RULES_THEN_MODEL):
        return rules
    known = [a.speaker for a in rules if a.speaker is not None]
    people = document_people(doc)
    model = assembled(doc, [s for s in spans if s.confidence >= floor], known, people)
    if strategy is Strategy.MODEL:
        return model
    if strategy is Strategy.RULES_THEN_MODEL:
        rules = _with_model_speakers(doc.text, rules, model)
        merged = sorted(rules + admit(model, rules), key=lambda a: a.start)
    else:
        merged = sorted(model + admit(rules, model), key=lambda a: a.start)
    return group_pronouns_resolved(doc.text, merged, people)


def _says(text: str, cue: Span) -> bool:
    """Return whether the cue holds a verb of saying or "according to"."""
    return any(pattern.search(text, cue.start, cue.end) for pattern in (EMBEDDING_CUE, INDIRECT_CUE, ACCORDING_TO))


def _introduced(text: str, quote: Attribution, model: list[Attribution], ends: list[int]) -> Attribution:
    """Return a cue-less quote with the speaker of the model attribution that introduces it
    with a colon in the same sentence ('Sunak defended the government's record whilst
    promising ...: "The Home Secretary and I ..."'), else the quote as it is: a colon's quote
    is its clause's subject's, not the speaker of a quote before it."""
    # The model's attributions never overlap, so their ends are sorted like their starts.
    index = bisect.bisect_right(ends, quote.start) - 1
    introducing = model[index] if index >= 0 else None
    if introducing is None or introducing.speaker is None or _COLON_GAP.fullmatch(
            text, introducing.end, quote.start) is None:
        return quote
    return msgspec.structs.replace(quote, speaker=introducing.speaker)


def _with_model_speakers(text: str, rules: list[Attribution], model: list[Attribution]) -> list[Attribution]:
    """Return the rules' attributions, each one without a speaker or a cue taking the speaker
    and cue of a model attribution whose content holds its content ("Heald said although ...,
    \"nobody has looked at these together\"": the rules saw the quote, the tagger its source);
    a quote the rules continued from a speaker before it takes them only from a verb of saying."""
    # Tagger contents never overlap (one head's spans), so the one that may hold a rule's
    # content is the last to start at or before it.
    donors = sorted((m for m in model if m.speaker is not None and m.cue is not None), key=lambda m: m.content.start)
    starts = [m.content.start for m in donors]
    completed = []
    ends = [m.end for m in model]
    for rule in rules:
        index = bisect.bisect_right(starts, rule.content.start) - 1
        donor = donors[index] if (rule.speaker is None or rule.cue is None) and index >= 0 else None
        if donor is not None and rule.content.end > donor.content.end + 1:
            donor = None
        if donor is not None and rule.speaker is not None and not _says(text, donor.cue):
            donor = None  # a continued quote keeps its speaker against "was supported by ..."
        if donor is None:
            completed.append(_introduced(text, rule, model, ends) if rule.cue is None else rule)
            continue
        completed.append(msgspec.structs.replace(
            rule, start=min(rule.start, donor.start), end=max(rule.end, donor.end),
            speaker=donor.speaker, cue=donor.cue, confidence=min(rule.confidence, donor.confidence)))
    return completed
