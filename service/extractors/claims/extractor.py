"""Claims: the sentences that carry a quantity, a dated event or an attribution, or that the
check-worthiness model scores as check-worthy, and the article's lead.

A claim ties the sentence to the indices of its quantities, dates and quotes, names
its speaker and cue, says what its first quantity measures and when it happened,
and is reported once however often the page repeats it (the same sentence, or the
same quote in a headline and in the body). Site chrome yields no claims; other
stories' teasers yield claims marked as related.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import msgspec

from service.core.document import Document
from service.core.spans import LabelledSpan, Span
from service.core.types import Attribution, AttributionType, Claim, Quantity, ScoreParts, Section, Timex, TimexType
from service.extractors.attribution.people import speaker_type
from service.extractors.attribution.speakers import names_a_source
from service.extractors.claims.subjects import SubjectFinder
from service.text.repeats import repeat_groups, repeat_key
from service.text.sections import block_sections, is_prose, leading_stamp_end

# The version of the claim rules, reported in every response's meta.pipeline.
VERSION = "3"
# A sentence shorter than this is a label, a dateline or a caption, not a claim.
MIN_CLAIM_WORDS = 5
# The structural part of the score: what a fact-checker can check in the sentence.
STRUCTURE_WEIGHTS = {"speaker": 0.4, "quantity": 0.35, "date": 0.25, "lead": 0.25}
# Share of the model's check-worthiness in the blend with structure.
MODEL_SHARE = 0.5
# A sentence with no quantity, date or quote is a claim when the model scores it at least this
# (the head's calibrated decision point).
CHECKWORTHY = 0.5
# A quote shorter than this many words is too common to say two sentences repeat.
MIN_REPEATED_QUOTE_WORDS = 5


def _indices_within(spans: Sequence[Span], starts: list[int], sentence: Span) -> tuple[int, ...]:
    """Return the indices of `spans` (sorted by start) that lie inside `sentence`."""
    first = bisect.bisect_left(starts, sentence.start)
    last = bisect.bisect_left(starts, sentence.end)
    return tuple(i for i in range(first, last) if spans[i].end <= sentence.end)


def _attributions_over(quote_starts: list[int], quote_ends: list[int], sentence: Span) -> tuple[int, ...]:
    """Return the indices of attributions whose extent overlaps `sentence`.

    Attributions never overlap each other (extract_quotes resolves that), so
    their ends are sorted like their starts and the overlapping ones are a run.
    """
    first = bisect.bisect_right(quote_ends, sentence.start)
    last = bisect.bisect_left(quote_starts, sentence.end)
    return tuple(range(first, last))


def _voice(quotes: Sequence[Attribution], indices: tuple[int, ...]) -> Attribution | None:
    """Return the attribution that gives a claim its speaker: the first with a speaker, a
    quotation's before reported speech ('His sister pleaded with him ..., but he replied
    "I am not able to do that"': the quoted words are what a fact-checker checks)."""
    spoken = [quotes[i] for i in indices if quotes[i].speaker]
    quoted = [q for q in spoken if q.type in (AttributionType.DIRECT, AttributionType.PARTIAL)]
    return (quoted or spoken or [None])[0]


def structure_score(has_speaker: bool, has_quantity: bool, has_date: bool, is_lead: bool = False) -> float:
    """Return the structural check-worthiness in [0, 1] from what the sentence carries and
    whether it is the article's lead."""
    return min(1.0, STRUCTURE_WEIGHTS["speaker"] * has_speaker
               + STRUCTURE_WEIGHTS["quantity"] * has_quantity
               + STRUCTURE_WEIGHTS["date"] * has_date
               + STRUCTURE_WEIGHTS["lead"] * is_lead)


class Candidate(Span, frozen=True, kw_only=True):
    """A sentence that may carry a claim: its section of the page and the later places
    the page repeats it."""

    section: Section = Section.ARTICLE
    occurrences: tuple[Span, ...] = ()
    lead: bool = False  # the first sentence of the article's first paragraph


def claim_candidates(doc: Document) -> list[Candidate]:
    """Return the sentences long enough to carry a claim, first occurrences only,
    none from the page's chrome."""
    sections = block_sections(doc.text, doc.paragraphs)
    spans = [Span(start=leading_stamp_end(doc.text, s), end=s.end) for s in doc.sentences]
    groups = repeat_groups(doc.text, spans)
    repeated = {i for later in groups.values() for i in later}
    lead = _lead_sentence(doc, sections)
    return [
        Candidate(start=span.start, end=span.end, section=sections[sentence.paragraph],
                  occurrences=tuple(spans[j] for j in groups.get(i, ())), lead=i == lead)
        for i, (span, sentence) in enumerate(zip(spans, doc.sentences, strict=True))
        if i not in repeated and sections[sentence.paragraph] is not Section.BOILERPLATE
        and len(doc.text[span.start : span.end].split()) >= MIN_CLAIM_WORDS
    ]


def _lead_sentence(doc: Document, sections: Sequence[Section]) -> int | None:
    """Return the index of the first sentence of the article's first paragraph of prose, or None."""
    first = next((i for i, block in enumerate(doc.paragraphs)
                  if sections[i] is Section.ARTICLE and is_prose(doc.text[block.start : block.end])), None)
    return next((i for i, s in enumerate(doc.sentences) if s.paragraph == first), None)


def extract_claims(
    text: str,
    candidates: Sequence[Candidate],
    quantities: Sequence[Quantity],
    dates: Sequence[Timex],
    quotes: Sequence[Attribution],
    tagged_quantity_spans: Sequence[LabelledSpan] = (),
    checkworthiness: Sequence[float] | None = None,
) -> list[Claim]:
    """Return the claims among `candidates` (see `claim_candidates`) of `text`.

    Without `checkworthiness`: the candidates with a quantity, a date or an attribution,
    in text order, scored by their structure alone. With it (the model's score of each
    candidate): also those the model scores check-worthy and the lead, ranked for a
    fact-checker (see `with_checkworthiness`). `tagged_quantity_spans` are the tagger's
    entity/property spans, used for a quantity's subject where the rules find none.
    """
    quantity_starts = [q.start for q in quantities]
    date_starts = [d.start for d in dates]
    quote_starts, quote_ends = [a.start for a in quotes], [a.end for a in quotes]
    subjects = SubjectFinder(text, tagged_quantity_spans)
    claims = []
    model_at: dict[int, float] = {}
    for index, sentence in enumerate(candidates):
        q = _indices_within(quantities, quantity_starts, sentence)
        d = _indices_within(dates, date_starts, sentence)
        a = _attributions_over(quote_starts, quote_ends, sentence)
        checkworthy = checkworthiness is not None and checkworthiness[index] >= CHECKWORTHY
        if checkworthiness is not None:
            model_at[sentence.start] = checkworthiness[index]
        if not (q or d or a or sentence.lead or checkworthy):
            continue
        said = _voice(quotes, a)
        speaker = said.speaker.name if said is not None else None
        # An unresolved "I" or "he" is a speaker the fact-checker cannot check.
        named = speaker is not None and names_a_source(speaker)
        structure = round(structure_score(named, bool(q), bool(d), sentence.lead), 4)
        claims.append(
            Claim(
                start=sentence.start, end=sentence.end, speaker=speaker,
                speaker_type=speaker_type(speaker) if speaker is not None else None,
                cue=said.cue if said is not None and said.cue else next((quotes[i].cue for i in a if quotes[i].cue), None),
                quantities=q, dates=d, quotes=a,
                subject=next((s for i in q if (s := subjects.find(sentence, quantities[i], i)) is not None), None),
                event_date=_event_date(dates, d), section=sentence.section,
                score=structure, score_parts=ScoreParts(model=None, structure=structure),
                occurrences=sentence.occurrences,
            )
        )
    merged = _merge_repeated_quotes(text, claims, quotes)
    if checkworthiness is None:
        return merged
    return with_checkworthiness(merged, [model_at[claim.start] for claim in merged])


def _event_date(dates: Sequence[Timex], indices: Sequence[int]) -> str | None:
    """Return the value of the first resolved calendar date or time among `indices`."""
    return next((dates[i].value for i in indices
                 if dates[i].type in (TimexType.DATE, TimexType.TIME) and dates[i].value), None)


def _merge_repeated_quotes(text: str, claims: list[Claim], quotes: Sequence[Attribution]) -> list[Claim]:
    """Return `claims` with those whose quote repeats another quote's words (a headline
    quoting the body) folded into one claim as occurrences; the one with a speaker is kept.

    Sentences of one quote that runs over several sentences share that quote, so only
    two different quotes with the same words make a repeat.
    """
    first_with: dict[str, tuple[int, int]] = {}  # quote words -> (claim, quote) first seen
    kept: list[Claim | None] = list(claims)
    for index, claim in enumerate(claims):
        quoted = {repeat_key(text[quotes[i].content.start : quotes[i].content.end]): i for i in claim.quotes}
        quoted = {key: i for key, i in quoted.items() if len(key.split()) >= MIN_REPEATED_QUOTE_WORDS}
        earlier = next((first_with[key][0] for key, i in quoted.items()
                        if key in first_with and first_with[key][1] != i and first_with[key][0] != index), None)
        if earlier is None or kept[earlier] is None:
            for key, i in quoted.items():
                first_with.setdefault(key, (index, i))
            continue
        host, guest = (earlier, index) if claims[earlier].speaker or not claim.speaker else (index, earlier)
        merged, folded = kept[host] or claims[host], kept[guest] or claims[guest]
        places = {(o.start, o.end) for o in (*merged.occurrences, folded, *folded.occurrences)}
        kept[host] = msgspec.structs.replace(
            merged, occurrences=tuple(Span(start=s, end=e) for s, e in sorted(places)))
        kept[guest] = None
        for key in quoted:
            first_with[key] = (host, first_with[key][1] if key in first_with else quoted[key])
    return [claim for claim in kept if claim is not None]


def blended_score(model: float, structure: float) -> float:
    """Return a claim's score: the model's check-worthiness blended with its structure.

    (Keeping a structureless check-worthy sentence at its model score, max(model, blend), or
    raising the model's score by structure, model + (1 - model) * structure / 2, each cost three
    golden top-5 ranks and won no ClaimBuster recall at precision 0.80.)"""
    return MODEL_SHARE * model + (1 - MODEL_SHARE) * structure


def with_checkworthiness(claims: Sequence[Claim], checkworthiness: Sequence[float]) -> list[Claim]:
    """Return `claims` with the model's check-worthiness (one per claim) blended into the
    score, sorted for a fact-checker: the article's claims before related stories',
    each by score, highest first, then in text order."""
    scored = [
        msgspec.structs.replace(
            claim, score=round(blended_score(model, claim.score_parts.structure), 4),
            score_parts=ScoreParts(model=round(model, 4), structure=claim.score_parts.structure),
        )
        for claim, model in zip(claims, checkworthiness, strict=True)
    ]
    return sorted(scored, key=lambda c: (c.section is not Section.ARTICLE, -c.score, c.start))
