"""Claims: the sentences that carry a quantity, a dated event or an attribution.

A claim ties the sentence to the indices of its quantities, dates and quotes,
names its speaker, and is reported once however often the page repeats it.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

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


def _attributions_over(quotes: Sequence[Attribution], sentence: Span) -> tuple[int, ...]:
    """Return the indices of attributions whose extent overlaps `sentence`."""
    return tuple(i for i, quote in enumerate(quotes) if quote.overlaps(sentence))


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
    checkworthiness: Sequence[float] | None = None,
) -> list[Claim]:
    """Return the claims among `candidates` (see `claim_candidates`), in text order.

    `checkworthiness` holds the model's score for each candidate, or is None
    where no model is loaded (the score is then structure alone).
    """
    quantity_starts = [q.start for q in quantities]
    date_starts = [d.start for d in dates]
    claims = []
    for index, sentence in enumerate(candidates):
        q = _indices_within(quantities, quantity_starts, sentence)
        d = _indices_within(dates, date_starts, sentence)
        a = _attributions_over(quotes, sentence)
        if not (q or d or a):
            continue
        speaker = next((quotes[i].speaker.name for i in a if quotes[i].speaker), None)
        score = structure_score(speaker is not None, bool(q), bool(d))
        if checkworthiness is not None:
            score = MODEL_SHARE * checkworthiness[index] + (1 - MODEL_SHARE) * score
        claims.append(
            Claim(
                start=sentence.start, end=sentence.end, speaker=speaker,
                quantities=q, dates=d, quotes=a, score=round(score, 4),
                occurrences=sentence.occurrences,
            )
        )
    return claims
