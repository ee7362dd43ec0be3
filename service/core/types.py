"""Internal result types, in working-text offsets; the API has its own response types."""

from __future__ import annotations

import enum

import msgspec

from service.core.spans import Span


class QuantityKind(enum.StrEnum):
    COUNT = "count"
    MONEY = "money"
    PERCENT = "percent"
    PERCENTAGE_POINTS = "percentage_points"
    DISTANCE = "distance"
    SPEED = "speed"
    MASS = "mass"
    AREA = "area"
    VOLUME = "volume"
    TEMPERATURE = "temperature"
    ENERGY = "energy"
    AGE = "age"
    MAGNITUDE = "magnitude"  # an earthquake's magnitude: "a magnitude 6.1 earthquake"
    MACH = "mach"  # a speed as a multiple of the speed of sound: "Mach 5"
    OTHER = "other"


class Qualifier(enum.StrEnum):
    ABOUT = "about"
    NEARLY = "nearly"
    MORE_THAN = "more_than"
    LESS_THAN = "less_than"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    EXACTLY = "exactly"


class Change(enum.StrEnum):
    """The direction of a stated change: "up 15 per cent", "fell by 3 points"."""

    INCREASE = "increase"
    DECREASE = "decrease"


class TimexType(enum.StrEnum):
    DATE = "date"
    TIME = "time"
    DURATION = "duration"
    SET = "set"


class AttributionType(enum.StrEnum):
    DIRECT = "direct"
    PARTIAL = "partial"
    INDIRECT = "indirect"
    ACCORDING_TO = "according_to"


class Quantity(Span, frozen=True, kw_only=True):
    """A number with its unit; `equivalent_to` indexes the quantity it restates."""

    value: float
    value_max: float | None = None
    unit: str | None = None
    kind: QuantityKind = QuantityKind.COUNT
    qualifier: Qualifier | None = None
    normalized_value: float | None = None
    normalized_value_max: float | None = None
    normalized_unit: str | None = None
    equivalent_to: int | None = None
    # For a restatement (equivalent_to set): whether the two values agree within rounding.
    conversion_agrees: bool | None = None
    # Set when the amount is a change rather than a level: "rose 3%", "a 15% drop"; or,
    # with `from_value`, the direction of a move between two levels: "rose from 3% to 3.25%".
    change: Change | None = None
    # The level a change started from ("from 3.0%"); `value` is then the level it reached.
    from_value: float | None = None
    normalized_from_value: float | None = None
    # The unit a rate is per ("$80 a barrel": "bbl"); `unit` is then the quotient ("USD/bbl").
    per: str | None = None


class Timex(Span, frozen=True, kw_only=True):
    """A date, time, duration or set with its TIMEX3 value (None when unknowable)."""

    type: TimexType
    value: str | None
    anchored: bool
    # TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN, EQUAL_OR_MORE, ...
    mod: str | None = None


class Speaker(Span, frozen=True, kw_only=True):
    """The mention of who speaks, and the fullest name it resolves to."""

    name: str


class Attribution(Span, frozen=True, kw_only=True):
    """Who said what: the whole attribution span with its parts."""

    type: AttributionType
    content: Span
    speaker: Speaker | None
    cue: Span | None
    confidence: float


class SpeakerType(enum.StrEnum):
    """What a claim's speaker is, in schema.org's terms (author: Person or Organization)."""

    PERSON = "person"
    ORGANIZATION = "organization"


class Section(enum.StrEnum):
    """Where a block of a pasted page belongs."""

    ARTICLE = "article"  # the article's own text
    RELATED = "related"  # other stories' teasers on the same page
    BOILERPLATE = "boilerplate"  # navigation, sharing, app and cookie prompts, labels


class Subject(msgspec.Struct, frozen=True, kw_only=True):
    """What a claim's quantity measures: the property ("range") of the entity ("the new missile")."""

    quantity: int  # index into the quantities
    entity: Span | None
    property: Span | None


class ScoreParts(msgspec.Struct, frozen=True, kw_only=True):
    """The two parts a claim's score blends: the classifier's check-worthiness and the structure."""

    model: float | None
    structure: float


class Claim(Span, frozen=True, kw_only=True):
    """A checkable sentence tying a speaker to quantities, dates and quotes (indices)."""

    speaker: str | None
    speaker_type: SpeakerType | None
    cue: Span | None
    quantities: tuple[int, ...]
    dates: tuple[int, ...]
    quotes: tuple[int, ...]
    subject: Subject | None
    # The TIMEX3 value of the date the claim says it happened on, if the sentence gives one.
    event_date: str | None
    section: Section
    score: float
    score_parts: ScoreParts
    occurrences: tuple[Span, ...] = ()
