"""What a quantity measures: the property ("range") and the entity ("the new missile").

Rules read the clause before the quantity, in the patterns news copy uses:

- "the new missile has a range of more than 2,000 kilometres" (entity has a property of Q);
- "the range of the new missile is 2,000 kilometres" (the property of entity is Q);
- "the missile's range is 2,000 kilometres" (entity's property is Q).

Where no pattern holds, the tagger's measured entity and property spans (MeasEval
labels) in the same sentence are used, the nearest ones to the quantity.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from service.core.spans import LabelledSpan, Span
from service.core.types import Quantity, Subject

# A noun phrase of a few words, starting after a clause boundary.
_NP = r"(?:(?:the|a|an|its|their|his|her|our|this|that|these|those)\s+)?(?:[\w'’-]+\s+){0,4}?[\w'’-]+"
_PROPERTY = r"(?:[a-z-]+\s+)?[a-z-]+"
_HAS_PROPERTY = re.compile(
    rf"(?P<entity>{_NP})\s+(?:has|have|had|with|having|boasts?|carr(?:y|ies))\s+(?:a|an)\s+"
    rf"(?:(?:estimated|maximum|minimum|total|top|reported|combined|average)\s+)?(?P<property>{_PROPERTY})\s+of\s+$",
    re.IGNORECASE,
)
_PROPERTY_OF = re.compile(
    rf"(?:the|its|their|a|an)\s+(?:(?:estimated|maximum|minimum|total|top|reported|combined|average)\s+)?"
    rf"(?P<property>{_PROPERTY})\s+of\s+(?P<entity>{_NP})\s+"
    r"(?:is|was|are|were|has\s+been|had\s+been|will\s+be|stands\s+at|stood\s+at|reached|totals?|totalled|totaled"
    r"|rose\s+to|fell\s+to|climbed\s+to|dropped\s+to|hit)\s+$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(
    rf"(?P<entity>{_NP})['’]s?\s+(?:(?:estimated|maximum|minimum|total|top|reported|combined|average)\s+)?"
    rf"(?P<property>{_PROPERTY})\s+(?:is|was|are|were|has\s+been|stands\s+at|stood\s+at|reached|totals?|totalled"
    r"|rose\s+to|fell\s+to|hit)\s+$",
    re.IGNORECASE,
)
# Where the clause holding the quantity begins: the entity never reaches back past these.
_CLAUSE_BOUNDARY = re.compile(
    r"(?:^|[,;:(\"“”]\s*|\b(?:that|which|who|whereas|while|because|although|and|but|said|says|told)\s+)",
    re.IGNORECASE,
)
_LEADING_WORDS = frozenset({"that", "which", "who", "and", "but", "while"})
# Nothing that starts a clause or a verb phrase is an entity or property.
_NOT_NOUN = frozenset("""is was are were be been has have had will would said says say told it
    there here which who that what when where confirmed announced reported claimed believe
    believes think thinks estimate estimated estimates added noted warned""".split())


# A pattern's match holds at most 14 whitespace-separated tokens (its `\s+` bound the count),
# so it starts within the prefix's last few tokens; earlier word starts are not tried.
_WINDOW_TOKENS = 24
_WORD_START = re.compile(r"\b\w")
_TOKEN = re.compile(r"\S+")


def quantity_subject(text: str, sentence: Span, quantity: Quantity, index: int,
                     tagged: Sequence[LabelledSpan] = ()) -> Subject | None:
    """Return what quantity `index` measures in `sentence`, by the rules or else by the
    tagger's `tagged` entity/property spans; None when neither finds it."""
    return SubjectFinder(text, tagged).find(sentence, quantity, index)


class SubjectFinder:
    """Finds the subjects of the quantities of one text (see `quantity_subject`).

    Each sentence is scanned once, for its clause boundaries, its tokens and the tagger's
    spans inside it; every quantity then looks its clause and nearest spans up by bisection,
    so a long sentence full of quantities costs linear time, not quadratic.
    """

    def __init__(self, text: str, tagged: Sequence[LabelledSpan] = ()) -> None:
        self._text = text
        # The tagger's spans by start; an equal start keeps the given order (nearest() ties).
        self._tagged = sorted(((s, e, label, i) for i, (s, e, label) in enumerate(tagged)),
                              key=lambda t: (t[0], t[3]))
        self._tagged_starts = [t[0] for t in self._tagged]
        self._sentences: dict[tuple[int, int], _SentenceScan] = {}

    def find(self, sentence: Span, quantity: Quantity, index: int) -> Subject | None:
        """Return what quantity `index` measures in `sentence`; None when nothing says."""
        key = (sentence.start, sentence.end)
        if (scan := self._sentences.get(key)) is None:
            scan = self._sentences[key] = self._scan(sentence)
        found = _rule_subject(self._text, scan, quantity, index)
        if found is not None:
            return found
        return _tagged_subject(scan, quantity, index)

    def _scan(self, sentence: Span) -> _SentenceScan:
        first = bisect.bisect_left(self._tagged_starts, sentence.start)
        last = bisect.bisect_right(self._tagged_starts, sentence.end)
        inside = [t for t in self._tagged[first:last] if t[1] <= sentence.end]
        return _SentenceScan(
            start=sentence.start,
            boundary_ends=[m.end() for m in _CLAUSE_BOUNDARY.finditer(self._text, sentence.start, sentence.end)],
            token_starts=[m.start() for m in _TOKEN.finditer(self._text, sentence.start, sentence.end)],
            nearest={label: _NearestSpans([t for t in inside if t[2] == label]) for label in ("entity", "property")},
        )


@dataclass(frozen=True, slots=True)
class _SentenceScan:
    """What one sentence's quantities share: where its clause boundaries end, where its
    tokens start, and the tagger's entity and property spans inside it."""

    start: int
    boundary_ends: list[int]
    token_starts: list[int]
    nearest: dict[str, _NearestSpans]


class _NearestSpans:
    """Spans of one label, by end and by start, for the nearest one before or after a quantity."""

    def __init__(self, spans: list[tuple[int, int, str, int]]) -> None:
        self._by_end = sorted((e, i, s) for s, e, _, i in spans)
        self._by_start = sorted((s, i, e) for s, e, _, i in spans)

    def nearest(self, quantity: Quantity) -> Span | None:
        """Return the span nearest to `quantity` among those wholly before or after it; of
        equally near ones, the first given (as `min` over the given order picks)."""
        best: tuple[int, int, int, int] | None = None  # (distance, given index, start, end)
        # Before: the latest end at or before the quantity's start (the distance is start - end).
        at = bisect.bisect_right(self._by_end, (quantity.start, float("inf"))) - 1
        if at >= 0:
            end = self._by_end[at][0]
            e, i, s = self._by_end[bisect.bisect_left(self._by_end, (end, -1))]
            best = (quantity.start - e, i, s, e)
        # After: the earliest start at or after the quantity's end (the distance is start - end).
        at = bisect.bisect_left(self._by_start, (quantity.end, -1))
        if at < len(self._by_start):
            s, i, e = self._by_start[at]
            if best is None or (s - quantity.end, i) < best[:2]:
                best = (s - quantity.end, i, s, e)
        return None if best is None else Span(start=best[2], end=best[3])


def _rule_subject(text: str, scan: _SentenceScan, quantity: Quantity, index: int) -> Subject | None:
    """Return the subject the clause before the quantity states, if a pattern holds."""
    clause_start = _clause_start(scan, quantity.start)
    # From a token start (whitespace before it), word boundaries read as in the whole clause.
    last_token = bisect.bisect_left(scan.token_starts, quantity.start) - _WINDOW_TOKENS
    window_start = clause_start if last_token <= 0 else max(clause_start, scan.token_starts[last_token])
    prefix = text[window_start : quantity.start]
    for pattern in (_HAS_PROPERTY, _PROPERTY_OF, _POSSESSIVE):
        # The earliest start that reads gives the whole noun phrase.
        for boundary in _WORD_START.finditer(prefix):
            match = pattern.match(prefix, boundary.start())
            if match is None:
                continue
            entity = _trimmed(text, window_start + match.start("entity"), window_start + match.end("entity"))
            prop = _trimmed(text, window_start + match.start("property"), window_start + match.end("property"))
            if entity is not None and prop is not None:
                return Subject(quantity=index, entity=entity, property=prop)
    return None


def _clause_start(scan: _SentenceScan, quantity_start: int) -> int:
    """Return where the clause holding the quantity starts (after the last boundary word).

    A boundary right before the quantity ("said 700 jobs") leaves no clause to read, so the
    last boundary ending before the quantity counts (one ending at or past it does not).
    """
    at = bisect.bisect_left(scan.boundary_ends, quantity_start) - 1
    return scan.boundary_ends[at] if at >= 0 else scan.start


def _trimmed(text: str, start: int, end: int) -> Span | None:
    """Return the span with leading clause words dropped; None if nothing noun-like is left."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[0].group().lower() in _LEADING_WORDS:
        words.pop(0)
    if not words or any(w.group().lower() in _NOT_NOUN for w in words):
        return None
    return Span(start=start + words[0].start(), end=start + words[-1].end())


def _tagged_subject(scan: _SentenceScan, quantity: Quantity, index: int) -> Subject | None:
    """Return the tagger's nearest entity and property to the quantity within the sentence."""
    entity, prop = scan.nearest["entity"].nearest(quantity), scan.nearest["property"].nearest(quantity)
    if entity is None and prop is None:
        return None
    return Subject(quantity=index, entity=entity, property=prop)
