"""Claims: the sentences that carry a quantity, a dated event or an attribution.

A claim ties the sentence to the indices of its quantities, dates and quotes,
names its speaker, and is reported once however often the page repeats it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

import msgspec

from service.document import Document
from service.spans import Span
from service.text.repeats import repeat_groups
from service.types import Attribution, Claim, Quantity, Timex

# A sentence shorter than this is a label, a dateline or a caption, not a claim.
MIN_CLAIM_WORDS = 5
# The structural part of the score: what a fact-checker can check in the sentence.
STRUCTURE_WEIGHTS = {"speaker": 0.4, "quantity": 0.35, "date": 0.25}
# Share of the model's check-worthiness in the final score (the rest is structure).
MODEL_SHARE = 0.5


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


def structure_score(has_speaker: bool, has_quantity: bool, has_date: bool) -> float:
    """Return the structural check-worthiness in [0, 1] from what the sentence carries."""
    return (
        STRUCTURE_WEIGHTS["speaker"] * has_speaker
        + STRUCTURE_WEIGHTS["quantity"] * has_quantity
        + STRUCTURE_WEIGHTS["date"] * has_date
    )


class Candidate(Span, frozen=True, kw_only=True):
    """A sentence that may carry a claim, with the later places the page repeats it."""

    occurrences: tuple[Span, ...] = ()


def claim_candidates(doc: Document) -> list[Candidate]:
    """Return the sentences long enough to carry a claim, first occurrences only."""
    spans = [Span(start=s.start, end=s.end) for s in doc.sentences]
    groups = repeat_groups(doc.text, spans)
    repeated = {i for later in groups.values() for i in later}
    return [
        Candidate(start=span.start, end=span.end, occurrences=tuple(spans[j] for j in groups.get(i, ())))
        for i, span in enumerate(spans)
        if i not in repeated and len(doc.text[span.start : span.end].split()) >= MIN_CLAIM_WORDS
    ]


def extract_claims(
    candidates: Sequence[Candidate],
    quantities: Sequence[Quantity],
    dates: Sequence[Timex],
    quotes: Sequence[Attribution],
) -> list[Claim]:
    """Return the claims among `candidates` (see `claim_candidates`), in text order,
    scored by their structure alone (see `with_checkworthiness`)."""
    quantity_starts = [q.start for q in quantities]
    date_starts = [d.start for d in dates]
    quote_starts, quote_ends = [a.start for a in quotes], [a.end for a in quotes]
    claims = []
    for sentence in candidates:
        q = _indices_within(quantities, quantity_starts, sentence)
        d = _indices_within(dates, date_starts, sentence)
        a = _attributions_over(quote_starts, quote_ends, sentence)
        if not (q or d or a):
            continue
        speaker = next((quotes[i].speaker.name for i in a if quotes[i].speaker), None)
        score = structure_score(speaker is not None, bool(q), bool(d))
        claims.append(
            Claim(
                start=sentence.start, end=sentence.end, speaker=speaker,
                quantities=q, dates=d, quotes=a, score=round(score, 4),
                occurrences=sentence.occurrences,
            )
        )
    return claims


def with_checkworthiness(claims: Sequence[Claim], checkworthiness: Sequence[float]) -> list[Claim]:
    """Return `claims` with the model's check-worthiness (one per claim) blended into the score."""
    return [
        msgspec.structs.replace(
            claim, score=round(MODEL_SHARE * model + (1 - MODEL_SHARE) * claim.score, 4)
        )
        for claim, model in zip(claims, checkworthiness, strict=True)
    ]
