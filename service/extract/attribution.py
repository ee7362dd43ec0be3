"""Assembling an Attribution from its parts, with a fixed confidence per pattern.

The confidences are documented constants, not probabilities; a later issue
calibrates them against annotated data:

    pattern        named speaker  description  pronoun  no speaker
    quote          0.90           0.85         0.80     0.40
    continued      0.70           0.70         0.70     -
    partial        0.75           0.70         0.65     -
    according_to   0.80           0.75         -        -
    indirect       0.70           0.65         0.60     -

"quote" is a direct quote with its own attribution; "continued" a quote that
inherits the speaker of the quote before it.
"""

from __future__ import annotations

import enum

from service.extract.speakers import SpeakerKind, speaker_kind
from service.spans import Span
from service.types import Attribution, AttributionType, Speaker


class Pattern(enum.Enum):
    QUOTE = "quote"
    CONTINUED = "continued"
    PARTIAL = "partial"
    ACCORDING_TO = "according_to"
    INDIRECT = "indirect"


_BASE = {
    Pattern.QUOTE: 0.9,
    Pattern.CONTINUED: 0.7,
    Pattern.PARTIAL: 0.75,
    Pattern.ACCORDING_TO: 0.8,
    Pattern.INDIRECT: 0.7,
}
_SPEAKER_PENALTY = {SpeakerKind.NAMED: 0.0, SpeakerKind.DESCRIPTION: 0.05, SpeakerKind.PRONOUN: 0.1}
_NO_SPEAKER = 0.4


def confidence(pattern: Pattern, kind: SpeakerKind | None) -> float:
    """Return the fixed confidence of `pattern` with a speaker of `kind` (None: no speaker)."""
    if kind is None:
        return _NO_SPEAKER
    if pattern is Pattern.CONTINUED:
        return _BASE[pattern]
    return round(_BASE[pattern] - _SPEAKER_PENALTY[kind], 2)


_PATTERN_OF_TYPE = {
    AttributionType.DIRECT: Pattern.QUOTE,
    AttributionType.PARTIAL: Pattern.PARTIAL,
    AttributionType.INDIRECT: Pattern.INDIRECT,
    AttributionType.ACCORDING_TO: Pattern.ACCORDING_TO,
}


def pattern_of(attribution: Attribution) -> Pattern:
    """Return the pattern an attribution was found by (a continued quote's speaker lies outside it)."""
    speaker = attribution.speaker
    if speaker is not None and not attribution.contains(speaker):
        return Pattern.CONTINUED
    return _PATTERN_OF_TYPE[attribution.type]


def confidence_bucket(text: str, attribution: Attribution) -> str:
    """Return the calibration bucket of an attribution: "pattern/speaker kind" ("quote/named")."""
    speaker = attribution.speaker
    kind = speaker_kind(text, speaker).value if speaker is not None else "none"
    return f"{pattern_of(attribution).value}/{kind}"


def build_attribution(
    type_: AttributionType,
    pattern: Pattern,
    content: Span,
    speaker: Speaker | None,
    kind: SpeakerKind | None,
    cue: Span | None,
    extent: Span,
) -> Attribution:
    """Return the Attribution covering `extent` and its parts (a continued speaker lies outside)."""
    parts = [extent, content] + [p for p in (cue,) if p is not None]
    if speaker is not None and pattern is not Pattern.CONTINUED:
        parts.append(speaker)
    return Attribution(
        start=min(p.start for p in parts),
        end=max(p.end for p in parts),
        type=type_,
        content=Span(start=content.start, end=content.end),
        speaker=speaker,
        cue=cue,
        confidence=confidence(pattern, kind),
    )
