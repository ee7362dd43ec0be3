"""The document every extractor reads: repaired working text, its map, its blocks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from service.core.spans import Span
from service.text.repair import OffsetMap, repair_text
from service.text.segment import paragraphs, sentences

# The version of the text layer (repair, segmentation, sections, repeats), reported in
# every response's meta.pipeline; bump on any change of what extractors read.
TEXT_VERSION = "2"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the working text and the paragraph it belongs to."""

    start: int
    end: int
    paragraph: int


@dataclass(frozen=True, slots=True)
class Document:
    """Working text (mojibake repaired) with offsets back to the original.

    Extractors read `text` and return spans in working-text offsets; only the
    pipeline maps them back to the original through `offsets`.
    """

    original: str
    text: str
    offsets: OffsetMap
    repairs: int
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    anchor: dt.date | None = None

    def sentence_at(self, position: int) -> Sentence | None:
        """Return the sentence containing working-text `position`, if any."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].end <= position:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.sentences) and self.sentences[lo].start <= position:
            return self.sentences[lo]
        return None


def build_document(original: str, anchor: dt.date | None = None) -> Document:
    """Return the Document for `original`: repaired, split into paragraphs and sentences."""
    repaired = repair_text(original)
    blocks = tuple(paragraphs(repaired.text))
    sents = tuple(
        Sentence(span.start, span.end, index)
        for index, block in enumerate(blocks)
        for span in sentences(repaired.text, block)
    )
    return Document(
        original=original,
        text=repaired.text,
        offsets=repaired.offsets,
        repairs=repaired.repairs,
        paragraphs=blocks,
        sentences=sents,
        anchor=anchor,
    )
