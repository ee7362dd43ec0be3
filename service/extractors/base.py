"""The Extractor: one stage that reads a Document and returns its spans, and what it
declares about itself (its name in responses, its rules' version, the tagger head its
spans are fused with). `service.extractors.registry` lists them in pipeline order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from service.core.document import Document
from service.core.spans import HasExtent


@dataclass(frozen=True, slots=True)
class Extractor:
    """A registered extraction stage: pure, `Document -> list of spans` sorted by start."""

    # The stage's name in every response's `meta.pipeline`, and its results' key.
    name: str
    # The version of the stage's rules, reported in `meta.pipeline`; bump on any change of output.
    version: str
    # The claim tagger head whose spans fusion combines with this stage's (None: rules only).
    head: str | None
    extract: Callable[[Document], Sequence[HasExtent]]
