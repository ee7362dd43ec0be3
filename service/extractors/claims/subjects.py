"""What a quantity measures: the property ("range") and the entity ("the new missile").

Rules read the clause before the quantity, in the patterns news copy uses:

- "the new missile has a range of more than 2,000 kilometres" (entity has a property of Q);
- "the range of the new missile is 2,000 kilometres" (the property of entity is Q);
- "the missile's range is 2,000 kilometres" (entity's property is Q).

Where no pattern holds, the tagger's measured entity and property spans (MeasEval
labels) in the same sentence are used, the nearest ones to the quantity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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


def quantity_subject(text: str, sentence: Span, quantity: Quantity, index: int,
                     tagged: Sequence[LabelledSpan] = ()) -> Subject | None:
    """Return what quantity `index` measures in `sentence`, by the rules or else by the
    tagger's `tagged` entity/property spans; None when neither finds it."""
    found = _rule_subject(text, sentence, quantity, index)
    if found is not None:
        return found
    return _tagged_subject(sentence, quantity, index, tagged)


def _rule_subject(text: str, sentence: Span, quantity: Quantity, index: int) -> Subject | None:
    """Return the subject the clause before the quantity states, if a pattern holds."""
    clause_start = _clause_start(text, sentence.start, quantity.start)
    prefix = text[clause_start : quantity.start]
    for pattern in (_HAS_PROPERTY, _PROPERTY_OF, _POSSESSIVE):
        # The earliest start that reads gives the whole noun phrase.
        for boundary in re.finditer(r"\b\w", prefix):
            match = pattern.match(prefix, boundary.start())
            if match is None:
                continue
            entity = _trimmed(text, clause_start + match.start("entity"), clause_start + match.end("entity"))
            prop = _trimmed(text, clause_start + match.start("property"), clause_start + match.end("property"))
            if entity is not None and prop is not None:
                return Subject(quantity=index, entity=entity, property=prop)
    return None


def _clause_start(text: str, sentence_start: int, quantity_start: int) -> int:
    """Return where the clause holding the quantity starts (after the last boundary word)."""
    start = sentence_start
    for match in _CLAUSE_BOUNDARY.finditer(text, sentence_start, quantity_start):
        # A boundary right before the quantity ("said 700 jobs") leaves no clause to read.
        if match.end() < quantity_start:
            start = match.end()
    return start


def _trimmed(text: str, start: int, end: int) -> Span | None:
    """Return the span with leading clause words dropped; None if nothing noun-like is left."""
    words = list(re.finditer(r"\S+", text[start:end]))
    while words and words[0].group().lower() in _LEADING_WORDS:
        words.pop(0)
    if not words or any(w.group().lower() in _NOT_NOUN for w in words):
        return None
    return Span(start=start + words[0].start(), end=start + words[-1].end())


def _tagged_subject(sentence: Span, quantity: Quantity, index: int,
                    tagged: Sequence[LabelledSpan]) -> Subject | None:
    """Return the tagger's nearest entity and property to the quantity within the sentence."""
    inside = [(s, e, label) for s, e, label in tagged
              if sentence.start <= s and e <= sentence.end and (e <= quantity.start or s >= quantity.end)]

    def nearest(label: str) -> Span | None:
        candidates = [(s, e) for s, e, lab in inside if lab == label]
        if not candidates:
            return None
        s, e = min(candidates, key=lambda c: min(abs(quantity.start - c[1]), abs(c[0] - quantity.end)))
        return Span(start=s, end=e)

    entity, prop = nearest("entity"), nearest("property")
    if entity is None and prop is None:
        return None
    return Subject(quantity=index, entity=entity, property=prop)
