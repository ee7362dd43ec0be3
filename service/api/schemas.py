"""The API's wire types: requests, responses and problem details, each separate.

Response fields of the published contract have no defaults, so they are always
present (null when empty); only later additions may be optional.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec
from msgspec import Meta

MAX_ID_CHARS = 256
MAX_URL_CHARS = 2048
MAX_DATE_CHARS = 64


class RequestBase(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """Base of every request: immutable, unknown fields rejected."""


class ResponseBase(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """Base of every response: immutable, optional fields left out when unset."""


# Text that is blank is refused with 422 and text over CLAIMEX_MAX_TEXT_CHARS with 413, after
# decoding (requests.validate_job), so both keep their own status; the schema states them (the
# maximum is added from the settings, service/api/openapi.py). `\S` as Python reads it: a text
# with a character that str.strip() keeps.
ArticleText = Annotated[str, Meta(
    description="The article text; every offset indexes it",
    extra_json_schema={"minLength": 1, "pattern": r"\S"},
)]
# A date (2022-03-12) or a date and time (2022-03-12T09:30:00Z); requests.parse_published_at reads it.
PublishedAtText = Annotated[str, Meta(
    max_length=MAX_DATE_CHARS, description="ISO 8601 date or date-time of the article (anchors relative dates)",
    extra_json_schema={"anyOf": [{"format": "date"}, {"format": "date-time"}]},
)]


class ExtractRequest(RequestBase):
    text: ArticleText
    published_at: PublishedAtText | None = None
    id: Annotated[str, Meta(max_length=MAX_ID_CHARS, description="The caller's id, echoed back")] | None = None
    url: Annotated[str, Meta(max_length=MAX_URL_CHARS, description="Where the article appeared")] | None = None
    min_score: Annotated[float, Meta(
        ge=0.0, le=1.0, description="Leave out claims scoring below this",
    )] | None = None


class BatchRequest(RequestBase):
    # An empty list is refused with 422 and one over CLAIMEX_MAX_BATCH_DOCUMENTS with 413 (requests.decode_batch).
    documents: Annotated[list[ExtractRequest], Meta(
        description="The articles, answered in this order", extra_json_schema={"minItems": 1},
    )]


class TextSpan(ResponseBase):
    start: int
    end: int
    text: str


class SpeakerOut(ResponseBase):
    start: int
    end: int
    text: str
    name: str


class Normalized(ResponseBase):
    value: float | None
    unit: str | None
    value_max: float | None = None
    # With a move between two levels: the level it started from, in the normalized unit.
    from_value: float | None = None


class QuantityOut(ResponseBase):
    start: int
    end: int
    text: str
    value: float
    value_max: float | None
    unit: str | None
    kind: Literal[
        "count", "money", "percent", "percentage_points", "distance", "speed", "mass", "area", "volume",
        "temperature", "energy", "age", "magnitude", "mach", "other",
    ]
    qualifier: str | None
    normalized: Normalized | None
    equivalent_to: int | None
    # With equivalent_to: false when the restatement disagrees with what it restates.
    conversion_agrees: bool | None = None
    # "increase" or "decrease" when the amount is a change ("up 15 per cent"), or, with
    # from_value, the direction of a move between two levels ("rose from 3.0% to 3.25%").
    change: Literal["increase", "decrease"] | None = None
    # The level a move started from ("from 3.0%"); `value` is then the level it reached.
    from_value: float | None = None
    # The unit a rate is per ("$80 a barrel": "bbl"); `unit` is then the quotient ("USD/bbl").
    per: str | None = None


class DateOut(ResponseBase):
    start: int
    end: int
    text: str
    type: Literal["date", "time", "duration", "set"]
    value: str | None
    anchored: bool
    mod: str | None = None


class QuoteOut(ResponseBase):
    start: int
    end: int
    text: str
    type: Literal["direct", "partial", "indirect", "according_to"]
    content: TextSpan
    speaker: SpeakerOut | None
    cue: TextSpan | None
    confidence: float


class SubjectOut(ResponseBase):
    # Index into `quantities` of the quantity measured.
    quantity: int
    entity: TextSpan | None
    property: TextSpan | None


class ScorePartsOut(ResponseBase):
    # The check-worthiness classifier's probability (null if it did not run).
    model: float | None
    # What the sentence carries: a named speaker 0.4, a quantity 0.35, a date 0.25.
    structure: float


class ClaimOut(ResponseBase):
    start: int
    end: int
    text: str
    speaker: str | None
    speaker_type: Literal["person", "organization"] | None
    cue: TextSpan | None
    quantities: list[int]
    dates: list[int]
    quotes: list[int]
    subject: SubjectOut | None
    # TIMEX3 value of the date the claim is said to have happened, if the text gives one.
    event_date: str | None
    section: Literal["article", "related"]
    score: float
    score_parts: ScorePartsOut
    # Later places where the same sentence is repeated (teasers, headlines).
    occurrences: list[TextSpan] = []


class PublishedAt(ResponseBase):
    """The date relative dates were anchored on, and where it came from: "request" (the caller's
    published_at), "dateline" (a date line under the headline or a wire dateline), "stamp" (a
    labelled stamp: "Published 4 May 2021", "date 2024-08-28"), "site_header" (a date beside the
    site's navigation, used only when the article states none). "text" (any date the text
    stated) is no longer sent: the three text sources say which."""

    value: str
    source: Literal["request", "dateline", "stamp", "site_header", "text"]


class ModelInfo(ResponseBase):
    name: str
    version: str


class Timing(ResponseBase):
    queue_ms: float
    extraction_ms: float


class LanguageOut(ResponseBase):
    """The text's language as identified (ISO 639-1 code, the identifier's probability), and
    whether it was extracted: only English is."""

    code: str
    confidence: float
    supported: bool


class ResponseMeta(ResponseBase):
    # The span tagger; `models` lists every model that ran (tagger, check-worthiness).
    model: ModelInfo | None
    pipeline: dict[str, str]
    timing: Timing
    # Characters of mojibake the text layer repaired on its working copy.
    repairs: int
    models: list[ModelInfo] = []
    language: LanguageOut | None = None
    # What the caller should know about this answer ("not English: nothing extracted").
    warnings: list[str] = []


class ExtractResponse(ResponseBase):
    id: str | None
    published_at: PublishedAt | None
    quantities: list[QuantityOut]
    dates: list[DateOut]
    quotes: list[QuoteOut]
    claims: list[ClaimOut]
    meta: ResponseMeta


class BatchResponse(ResponseBase):
    results: list[ExtractResponse]


class HealthResponse(ResponseBase):
    status: Literal["ok", "failed"]


class Problem(ResponseBase):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
