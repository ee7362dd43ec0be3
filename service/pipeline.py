"""The extraction pipeline: text layer, extractors, claims; loaded once, then pure per call."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import logging
from dataclasses import dataclass
from pathlib import Path

from service import __version__
from service.core.document import TEXT_VERSION, Document, build_document
from service.core.spans import TaggedSpan
from service.core.types import Attribution, Claim, Quantity, Timex
from service.extractors.claims.extractor import VERSION as CLAIMS_VERSION
from service.extractors.claims.extractor import claim_candidates, extract_claims
from service.extractors.dates.anchor import DateSource, find_publication
from service.extractors.registry import EXTRACTORS
from service.fusion.fuse import Fused, fuse
from service.inference.checkworthiness import CheckworthinessModel
from service.inference.encoder import Precision
from service.inference.tagger import ClaimTagger
from service.text.language import Language, identify_language

log = logging.getLogger("claimex.pipeline")

CHECKWORTHINESS_DIR = "checkworthiness"
TAGGER_DIR = "claim-tagger"
# Versions of each stage's rules, reported in every response's meta, as the stages declare them.
STAGE_VERSIONS = {
    "claimex": __version__,
    "text": TEXT_VERSION,
    **{extractor.name: extractor.version for extractor in EXTRACTORS},
    "claims": CLAIMS_VERSION,
}
WARM_UP_TEXT = (
    "Officials said on Tuesday that more than 2,000 people had been evacuated. "
    '"We are doing everything we can," the mayor said.'
)


class AnchorSource(enum.StrEnum):
    """Where the anchor of relative dates came from: the request, or where the text states it."""

    REQUEST = "request"
    DATELINE = DateSource.DATELINE.value
    STAMP = DateSource.STAMP.value
    SITE_HEADER = DateSource.SITE_HEADER.value


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything found in one document, in working-text offsets of `document`."""

    document: Document
    anchor_source: AnchorSource | None
    quantities: list[Quantity]
    dates: list[Timex]
    quotes: list[Attribution]
    claims: list[Claim]
    # The text's language; a text surely in a language the rules do not read is not extracted.
    language: Language | None = None


@dataclass(frozen=True, slots=True)
class Pipeline:
    """The loaded pipeline; `extract` is safe to call from several threads."""

    tagger: ClaimTagger
    checkworthiness: CheckworthinessModel

    @classmethod
    def load(cls, model_path: Path, precision: str = "auto") -> Pipeline:
        """Return the pipeline with its models loaded from `model_path`, the encoder run in
        `precision` ("bf16", "fp32", or "auto": the device's); raise ModelArtifactError if
        either is unusable or the head reads another tagger."""
        tagger = ClaimTagger.load(model_path / TAGGER_DIR, None if precision == "auto" else Precision(precision))
        checkworthiness = CheckworthinessModel.load(model_path / CHECKWORTHINESS_DIR)
        checkworthiness.check_reads(tagger.name, tagger.version)
        return cls(tagger, checkworthiness)

    def warm_up(self) -> None:
        """Run one extraction end to end so the first request pays no start-up cost."""
        self.extract(WARM_UP_TEXT, dt.date(2022, 3, 12))

    def extract(self, text: str, published_at: dt.date | None) -> Extraction:
        """Return the extraction of `text`, relative dates anchored on `published_at`
        or, failing that, on a publication date the text states."""
        return self.extract_many([(text, published_at)])[0]

    def extract_many(self, documents: list[tuple[str, dt.date | None]]) -> list[Extraction]:
        """Return the extraction of each (text, published_at), in order.

        The encoder runs once per window of the whole batch, so concurrent requests
        share forward passes; the span heads and the check-worthiness head read the
        same hidden states.
        """
        languages = [identify_language(text) for text, _ in documents]
        anchored = [_anchored_document(text, published_at) for text, published_at in documents]
        # Only texts in a language the rules read go through the encoder.
        read = [i for i, language in enumerate(languages) if language.supported]
        passes = dict(zip(read, self.tagger.run_many([anchored[i][0].text for i in read]), strict=True))
        staged = {i: (_extract_rules(anchored[i][0], passes[i].spans), claim_candidates(anchored[i][0]))
                  for i in read}
        # Every candidate sentence is scored: a check-worthy one is a claim even with no structure.
        vectors = [passes[i].pooled(c.start, c.end) for i in read for c in staged[i][1]]
        scores = iter(self.checkworthiness.score(vectors))
        extractions = []
        for i, ((doc, source), language) in enumerate(zip(anchored, languages, strict=True)):
            if i not in staged:
                extractions.append(Extraction(doc, source, [], [], [], [], language))
                continue
            fused, candidates = staged[i]
            claims = extract_claims(doc.text, candidates, fused.quantities, fused.dates, fused.quotes,
                                    fused.measured, checkworthiness=[next(scores) for _ in candidates])
            extractions.append(Extraction(doc, source, fused.quantities, fused.dates, fused.quotes, claims,
                                          language))
        return extractions

    def score_sentences(self, sentences: list[str]) -> list[float]:
        """Return the check-worthiness of each sentence read alone, as a document of its own."""
        passes = self.tagger.run_many(sentences)
        return self.checkworthiness.score([p.pooled(0, len(s)) for p, s in zip(passes, sentences, strict=True)])


def _anchored_document(text: str, published_at: dt.date | None) -> tuple[Document, AnchorSource | None]:
    """Return the document of `text` anchored on `published_at`, else on a date it states."""
    doc = build_document(text, anchor=published_at)
    if published_at is not None:
        return doc, AnchorSource.REQUEST
    if (found := find_publication(doc)) is not None:
        date, source = found
        return dataclasses.replace(doc, anchor=date), AnchorSource(source.value)
    return doc, None


def _extract_rules(doc: Document, tagged: dict[str, list[TaggedSpan]]) -> Fused:
    """Return the registered extractors' results on one document fused with its tagger spans."""
    return fuse(doc, {extractor.name: extractor.extract(doc) for extractor in EXTRACTORS}, tagged)
