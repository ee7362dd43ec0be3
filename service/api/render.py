"""Turn an Extraction (working-text offsets) into the response (original-text offsets).

This is the one place offsets are mapped back: every span's text is sliced from
the original, so `text[start:end] == span.text` holds by construction.
"""

from __future__ import annotations

from service.api.schemas import (
    ClaimOut,
    DateOut,
    ExtractResponse,
    LanguageOut,
    ModelInfo,
    Normalized,
    PublishedAt,
    QuantityOut,
    QuoteOut,
    ResponseMeta,
    ScorePartsOut,
    SpeakerOut,
    SubjectOut,
    TextSpan,
    Timing,
)
from service.core.document import Document
from service.core.spans import Span
from service.core.types import Attribution, Claim, Quantity, Timex
from service.pipeline import STAGE_VERSIONS, Extraction
from service.text.language import Language


class _Mapper:
    """Maps working-text spans of one document to original-text spans."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc

    def span(self, span: Span) -> TextSpan:
        start, end = self.doc.offsets.to_original(span.start, span.end)
        return TextSpan(start=start, end=end, text=self.doc.original[start:end])

    def quantity(self, q: Quantity) -> QuantityOut:
        s = self.span(q)
        normalized = (
            Normalized(value=q.normalized_value, unit=q.normalized_unit, value_max=q.normalized_value_max,
                       from_value=q.normalized_from_value)
            if q.normalized_value is not None or q.normalized_unit is not None else None
        )
        return QuantityOut(
            start=s.start, end=s.end, text=s.text, value=q.value, value_max=q.value_max,
            unit=q.unit, kind=q.kind.value, qualifier=q.qualifier.value if q.qualifier else None,
            normalized=normalized, equivalent_to=q.equivalent_to, conversion_agrees=q.conversion_agrees,
            change=q.change.value if q.change else None, from_value=q.from_value, per=q.per,
        )

    def date(self, d: Timex) -> DateOut:
        s = self.span(d)
        return DateOut(start=s.start, end=s.end, text=s.text, type=d.type.value, value=d.value,
                       anchored=d.anchored, mod=d.mod)

    def quote(self, a: Attribution) -> QuoteOut:
        s = self.span(a)
        speaker = None
        if a.speaker is not None:
            m = self.span(a.speaker)
            speaker = SpeakerOut(start=m.start, end=m.end, text=m.text, name=a.speaker.name)
        return QuoteOut(
            start=s.start, end=s.end, text=s.text, type=a.type.value, content=self.span(a.content),
            speaker=speaker, cue=self.span(a.cue) if a.cue else None, confidence=a.confidence,
        )

    def optional(self, span: Span | None) -> TextSpan | None:
        return self.span(span) if span is not None else None

    def claim(self, c: Claim) -> ClaimOut:
        s = self.span(c)
        subject = (
            SubjectOut(quantity=c.subject.quantity, entity=self.optional(c.subject.entity),
                       property=self.optional(c.subject.property))
            if c.subject is not None else None
        )
        return ClaimOut(
            start=s.start, end=s.end, text=s.text, speaker=c.speaker,
            speaker_type=c.speaker_type.value if c.speaker_type else None, cue=self.optional(c.cue),
            quantities=list(c.quantities), dates=list(c.dates), quotes=list(c.quotes), subject=subject,
            event_date=c.event_date, section=c.section.value, score=c.score,
            score_parts=ScorePartsOut(model=c.score_parts.model, structure=c.score_parts.structure),
            occurrences=[self.span(o) for o in c.occurrences],
        )


def render_extraction(
    extraction: Extraction, request_id: str | None, models: list[ModelInfo], timing: Timing,
    min_score: float | None = None,
) -> ExtractResponse:
    """Return the API response for `extraction`, every offset into the original text;
    claims scoring below `min_score` are left out."""
    mapper = _Mapper(extraction.document)
    anchor = extraction.document.anchor
    published_at = (
        PublishedAt(value=anchor.isoformat(), source=extraction.anchor_source.value)
        if anchor is not None and extraction.anchor_source is not None else None
    )
    return ExtractResponse(
        id=request_id,
        published_at=published_at,
        quantities=[mapper.quantity(q) for q in extraction.quantities],
        dates=[mapper.date(d) for d in extraction.dates],
        quotes=[mapper.quote(a) for a in extraction.quotes],
        claims=[mapper.claim(c) for c in extraction.claims if min_score is None or c.score >= min_score],
        meta=ResponseMeta(model=models[0] if models else None, pipeline=dict(STAGE_VERSIONS), timing=timing,
                          repairs=extraction.document.repairs, models=models,
                          language=_language(extraction.language), warnings=_warnings(extraction.language)),
    )


def _language(language: Language | None) -> LanguageOut | None:
    if language is None:
        return None
    return LanguageOut(code=language.code, confidence=language.confidence, supported=language.supported)


def _warnings(language: Language | None) -> list[str]:
    """Return the warnings of an answer: a text in a language claimex does not read."""
    if language is None or language.supported:
        return []
    return [f"the text is in language {language.code!r} (confidence {language.confidence:.2f}), not English: "
            "claimex reads English only, so nothing was extracted"]
