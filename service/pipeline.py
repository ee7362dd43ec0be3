"""The extraction pipeline: text layer, extractors, claims; loaded once, then pure per call."""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import enum
import logging
from dataclasses import dataclass
from pathlib import Path

import msgspec

from service import __version__
from service.core.document import Document, build_document
from service.extractors.dates.anchor import find_publication_date
from service.extractors.claims.extractor import claim_candidates, extract_claims, with_checkworthiness
from service.extractors.dates.extractor import extract_dates
from service.extractors.quantities.extractor import extract_quantities
from service.extractors.attribution.extractor import extract_quotes
from service.fusion.tagged import tagged_attributions, tagged_quantities, tagged_timexes
from service.inference.checkworthiness import CheckworthinessModel
from service.fusion.policy import MIN_CONFIDENCE, SHIPPED
from service.core.spans import TaggedSpan
from service.inference.tagger import ClaimTagger
from service.core.types import Attribution, Claim, Quantity, QuantityKind, Timex

log = logging.getLogger("claimex.pipeline")

CHECKWORTHINESS_DIR = "checkworthiness"
TAGGER_DIR = "claim-tagger"
# Versions of each stage's rules, reported in every response's meta.
STAGE_VERSIONS = {
    "claimex": __version__,
    "text": "1",
    "quantities": "1",
    "dates": "2",
    "quotes": "1",
    "claims": "2",
}
WARM_UP_TEXT = (
    "Officials said on Tuesday that more than 2,000 people had been evacuated. "
    '"We are doing everything we can," the mayor said.'
)


class AnchorSource(enum.StrEnum):
    REQUEST = "request"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything found in one document, in working-text offsets of `document`."""

    document: Document
    anchor_source: AnchorSource | None
    quantities: list[Quantity]
    dates: list[Timex]
    quotes: list[Attribution]
    claims: list[Claim]


@dataclass(frozen=True, slots=True)
class Pipeline:
    """The loaded pipeline; `extract` is safe to call from several threads."""

    tagger: ClaimTagger
    checkworthiness: CheckworthinessModel

    @classmethod
    def load(cls, model_path: Path) -> Pipeline:
        """Return the pipeline with its models loaded from `model_path`; raise if unusable."""
        return cls(ClaimTagger.load(model_path / TAGGER_DIR),
                   CheckworthinessModel.load(model_path / CHECKWORTHINESS_DIR))

    def warm_up(self) -> None:
        """Run one extraction end to end so the first request pays no start-up cost."""
        self.extract(WARM_UP_TEXT, dt.date(2022, 3, 12))

    def extract(self, text: str, published_at: dt.date | None) -> Extraction:
        """Return the extraction of `text`, relative dates anchored on `published_at`
        or, failing that, on a publication date the text states."""
        return self.extract_many([(text, published_at)])[0]

    def extract_many(self, documents: list[tuple[str, dt.date | None]]) -> list[Extraction]:
        """Return the extraction of each (text, published_at), in order.

        The tagger and the check-worthiness encoder each run once over the whole
        batch, so concurrent requests share their forward passes.
        """
        anchored = [_anchored_document(text, published_at) for text, published_at in documents]
        tagged = self.tagger.tag_many([doc.text for doc, _ in anchored])
        extractions = [_extract_rules(doc, source, spans) for (doc, source), spans in zip(anchored, tagged)]
        # Only sentences that carry a claim are worth the encoder's time.
        scores = iter(self.checkworthiness.score(
            [e.document.text[c.start : c.end] for e in extractions for c in e.claims]
        ))
        return [
            dataclasses.replace(e, claims=with_checkworthiness(e.claims, [next(scores) for _ in e.claims]))
            for e in extractions
        ]


def _anchored_document(text: str, published_at: dt.date | None) -> tuple[Document, AnchorSource | None]:
    """Return the document of `text` anchored on `published_at`, else on a date it states."""
    doc = build_document(text, anchor=published_at)
    if published_at is not None:
        return doc, AnchorSource.REQUEST
    if (found := find_publication_date(doc)) is not None:
        return dataclasses.replace(doc, anchor=found), AnchorSource.TEXT
    return doc, None


def _extract_rules(doc: Document, source: AnchorSource | None, tagged: dict[str, list[TaggedSpan]]) -> Extraction:
    """Return the extraction of one document: rules combined with its tagger spans,
    claims scored by structure only (the pipeline adds check-worthiness)."""
    dates = tagged_timexes(SHIPPED["time"], extract_dates(doc), tagged["time"])
    quantities = _drop_overlapping(
        tagged_quantities(SHIPPED["quantity"], doc.text, extract_quantities(doc), tagged["quantity"]), dates
    )
    quotes = tagged_attributions(SHIPPED["attribution"], doc, extract_quotes(doc), tagged["attribution"])
    measured = [(s.start, s.end, s.label) for s in tagged["quantity"]
                if s.label in ("entity", "property") and s.confidence >= MIN_CONFIDENCE]
    claims = extract_claims(doc.text, claim_candidates(doc), quantities, dates, quotes, measured)
    return Extraction(doc, source, quantities, dates, quotes, claims)


def _drop_overlapping(quantities: list[Quantity], dates: list[Timex]) -> list[Quantity]:
    """Return the quantities no date overlaps (durations and years are dates); ages stay.

    `equivalent_to` indices are renumbered to the kept list, or cleared where the
    quantity they pointed at was dropped.
    """
    starts = [d.start for d in dates]

    def overlaps_date(q: Quantity) -> bool:
        # Dates never overlap each other, so only the last one starting before
        # the quantity's end can reach into it.
        i = bisect.bisect_left(starts, q.end)
        return i > 0 and dates[i - 1].end > q.start

    kept_index: dict[int, int] = {}
    kept: list[Quantity] = []
    for i, q in enumerate(quantities):
        if q.kind is QuantityKind.AGE or not overlaps_date(q):
            kept_index[i] = len(kept)
            kept.append(q)
    return [q if q.equivalent_to is None else _renumber(q, kept_index.get(q.equivalent_to)) for q in kept]


def _renumber(q: Quantity, target: int | None) -> Quantity:
    """Return `q` restating quantity `target`, or restating nothing if that was dropped."""
    if target is None:
        return msgspec.structs.replace(q, equivalent_to=None, conversion_agrees=None)
    return msgspec.structs.replace(q, equivalent_to=target)
