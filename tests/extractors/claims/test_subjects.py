"""What a quantity measures: rules on the clause before it, the tagger's spans otherwise."""

import itertools
import random

import pytest

from service.core.document import build_document
from service.core.spans import Span
from service.extractors.claims.subjects import SubjectFinder, quantity_subject
from service.extractors.quantities.extractor import extract_quantities


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


def test_a_long_sentence_full_of_quantities_gives_each_quantity_its_own_clause():
    # One sentence of about 100,000 characters: every quantity's subject is read from its own
    # clause (this was a rescan of the sentence per quantity, quadratic).
    parts = [f"the range of the missile is {1000 + i} kilometres and" for i in range(2500)]
    text = " ".join(parts) + " nothing else."
    doc = build_document(text)
    quantities = extract_quantities(doc)
    assert len(quantities) == len(parts)
    finder = SubjectFinder(doc.text)
    sentence = Span(start=0, end=len(text))
    part_start = 0
    for index, (quantity, part) in enumerate(zip(quantities, parts, strict=True)):
        found = finder.find(sentence, quantity, index)
        assert found is not None and found.quantity == index
        assert (found.entity.start, found.entity.end) == (part_start + 13, part_start + 24)
        assert text[found.property.start : found.property.end] == "range"
        part_start += len(part) + 1


def test_tagged_spans_nearest_to_each_of_many_quantities():
    # No rule reads "ice extent 5 km"; the tagger's spans, given in any order, are used: the
    # nearest before or after each quantity (here its own part's), of two equally near the first given.
    parts = [f"ice extent {i} km was measured then" for i in range(3000)]
    text = " ".join(parts) + "."
    doc = build_document(text)
    quantities = extract_quantities(doc)
    assert len(quantities) == len(parts)
    tagged, starts = [], []
    for part_start in itertools.accumulate((len(p) + 1 for p in parts[:-1]), initial=0):
        starts.append(part_start)
        tagged += [(part_start, part_start + 3, "entity"), (part_start + 4, part_start + 10, "property")]
    random.Random(0).shuffle(tagged)
    finder = SubjectFinder(doc.text, tagged)
    sentence = Span(start=0, end=len(text))
    for index, (quantity, part_start) in enumerate(zip(quantities, starts, strict=True)):
        found = finder.find(sentence, quantity, index)
        assert (found.entity.start, found.property.start) == (part_start, part_start + 4)
    # "a 5 km b": "a" and "b" are one character away; the first given wins.
    text = "a 5 km b."
    (quantity,) = extract_quantities(build_document(text))
    for first, second in (((0, 1, "entity"), (7, 8, "entity")), ((7, 8, "entity"), (0, 1, "entity"))):
        found = SubjectFinder(text, [first, second]).find(Span(start=0, end=len(text)), quantity, 0)
        assert (found.entity.start, found.entity.end) == first[:2]
