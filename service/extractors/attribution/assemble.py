"""Assembling an Attribution from its parts, with a calibrated confidence per pattern.

`confidence` is the share of such attributions that are right on PolNeAR train
(840 articles, every annotator's file weighted 1 / annotators of the article),
smoothed as (right + 1) / (found + 2): an attribution is right when its content
overlaps a gold content and its speaker, if any, overlaps that gold
attribution's source. Produced by

    python -m models.scoring.attribution --split train --calibrate

Buckets are (pattern, speaker kind): "quote" a direct quote with its own
attribution, "continued" one that inherits the speaker of the quote before it.
A bucket not seen in training falls back to its pattern's overall share.
"""

from __future__ import annotations

import enum

from service.core.spans import Span
from service.core.types import Attribution, AttributionType, Speaker
from service.extractors.attribution.speakers import SpeakerKind, speaker_kind


class Pattern(enum.Enum):
    QUOTE = "quote"
    CONTINUED = "continued"
    PARTIAL = "partial"
    ACCORDING_TO = "according_to"
    INDIRECT = "indirect"


_CALIBRATED = {
    (Pattern.QUOTE, SpeakerKind.NAMED): 0.98,  # 2099/2141
    (Pattern.QUOTE, SpeakerKind.PRONOUN): 0.98,  # 913/926
    (Pattern.QUOTE, SpeakerKind.DESCRIPTION): 0.96,  # 245/254
    (Pattern.QUOTE, None): 0.92,  # 486/526
    (Pattern.CONTINUED, SpeakerKind.NAMED): 0.87,  # 1004/1150
    (Pattern.CONTINUED, SpeakerKind.PRONOUN): 0.86,  # 377/438
    (Pattern.CONTINUED, SpeakerKind.DESCRIPTION): 0.65,  # 79/122
    (Pattern.PARTIAL, SpeakerKind.NAMED): 0.94,  # 730/778
    (Pattern.PARTIAL, SpeakerKind.PRONOUN): 0.93,  # 215/230
    (Pattern.PARTIAL, SpeakerKind.DESCRIPTION): 0.82,  # 146/177
    (Pattern.INDIRECT, SpeakerKind.NAMED): 0.96,  # 1055/1098
    (Pattern.INDIRECT, SpeakerKind.PRONOUN): 0.95,  # 339/356
    (Pattern.INDIRECT, SpeakerKind.DESCRIPTION): 0.93,  # 672/725
    (Pattern.ACCORDING_TO, SpeakerKind.NAMED): 0.89,  # 82/91
    (Pattern.ACCORDING_TO, SpeakerKind.DESCRIPTION): 0.96,  # 148/154
}
_PATTERN_SHARE = {
    Pattern.QUOTE: 0.97,  # 3742/3847
    Pattern.CONTINUED: 0.85,  # 1460/1710
    Pattern.PARTIAL: 0.92,  # 1091/1185
    Pattern.INDIRECT: 0.95,  # 2066/2179
    Pattern.ACCORDING_TO: 0.94,  # 230/245
}


def confidence(pattern: Pattern, kind: SpeakerKind | None) -> float:
    """Return the calibrated confidence of `pattern` with a speaker of `kind` (None: no speaker)."""
    return _CALIBRATED.get((pattern, kind), _PATTERN_SHARE[pattern])


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
