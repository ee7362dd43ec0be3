"""What a quantity measures: rules on the clause before it, the tagger's spans otherwise."""

import pytest

from service.core.document import build_document
from service.extractors.quantities.extractor import extract_quantities
from service.extractors.claims.subjects import quantity_subject
from service.core.spans import Span


def subject_of(text: str, tagged=()) -> tuple[str | None, str | None] | None:
    doc = build_document(text)
    (quantity, *_) = extract_quantities(doc)
    found = quantity_subject(doc.text, Span(start=0, end=len(text)), quantity, 0, tagged)
    if found is None:
        return None
    assert found.quantity == 0
    return tuple(text[s.start : s.end] if s else None for s in (found.entity, found.property))


@pytest.mark.parametrize(("text", "expected"), [
    ("Defence officials confirmed that the new missile has a range of more than 2,000 kilometres.",
     ("the new missile", "range")),
    ("Officials in the capital say the new missile has a range of 2,000 km.", ("the new missile", "range")),
    ("The range of the Hwasong-15 missile is about 13,000 kilometres, analysts said.",
     ("the Hwasong-15 missile", "range")),
    ("The bridge's total length is 1.2 kilometres.", ("The bridge", "length")),
    ("Russia has a population of 144 million people.", ("Russia", "population")),
])
def test_rules_read_the_clause_before_the_quantity(text, expected):
    assert subject_of(text) == expected


def test_no_pattern_no_subject():
    assert subject_of("The company said 700,000 jobs were lost.") is None


def test_tagger_spans_fill_in_where_no_pattern_holds():
    text = "Arctic sea ice extent shrank to 3.4 million square kilometres."
    tagged = [(0, 14, "entity"), (15, 21, "property")]
    assert subject_of(text, tagged) == ("Arctic sea ice", "extent")
    # Spans outside the sentence or overlapping the quantity are not used.
    assert subject_of(text, [(text.index("3.4"), len(text) - 1, "entity")]) is None
