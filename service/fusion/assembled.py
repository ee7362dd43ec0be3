"""Whole attributions built from the tagger's source, cue and content spans.

PolNeAR is univocal (a token belongs to at most one attribution), so the tagger's
attribution head is a tag sequence; this module links its spans into attributions:

- every cue anchors one: its content is the nearest content span that shares its
  sentence, its source the nearest source span there (none is fine: "it was said");
- a content span no cue took is left out: made a continuation of the attribution of
  its sentence (the same speaker, no cue, as the rules' continued quotes), it raised
  content overlap F1 on PolNeAR dev by 1.7 but lowered whole-attribution overlap F1
  from 58.1 to 53.2;
- the type follows the content's marks: wholly inside quote marks is direct (the marks
  are then left out of the content, as the rules report quotes), with marks inside it
  is partial, a cue "according to" is according_to, else indirect;
- the speaker is resolved to the fullest name by the rules' resolver.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence

from service.core.document import Document
from service.core.spans import Span, TaggedSpan
from service.core.types import Attribution, AttributionType, Speaker
from service.extractors.attribution.extractor import document_people
from service.extractors.attribution.people import Person
from service.extractors.attribution.resolution import resolve_speaker

OPENING_MARKS = "\"'\u201c\u2018\u00ab\u201e"
CLOSING_MARKS = "\"'\u201d\u2019\u00bb"
DOUBLE_MARKS = "\"\u201c\u201d\u00ab\u00bb\u201e"
_PARTICIPLE_CLAUSE = re.compile(r"[A-Z][a-z]+ing\b[^,]*,\s+")
# Qualifier words a source span runs into before a number ("According to the Ministry over 345").
_TRAILING_QUALIFIERS = re.compile(
    r"(?:\s+(?:over|about|nearly|almost|around|some|roughly|approximately|more|less|fewer|than|at|least|up|to))+$"
)
# "a group called the Sea Org": naming, not speech, where the "content" is a short name
# without quote marks.
_NAMING_CUES = frozenset({"called", "named", "dubbed", "termed", "titled", "nicknamed", "known as"})
_NAME_WORDS = 5
# "the parents were advised to ...": the subject of a passive verb of telling is the addressee.
_ADDRESSEE_CUE = re.compile(
    r"(?i:(?:was|were|is|are|be|been|being)\s+(?:\w+\s+)?(?:advised|told|asked|warned|informed|urged|instructed|ordered))$"
)
# Blanks and trailing punctuation PolNeAR keeps inside a content span.
_EDGE = " \t\r\n,.;:"


def assembled(doc: Document, spans: Sequence[TaggedSpan], known: Sequence[Speaker] = (),
              people: Sequence[Person] | None = None) -> list[Attribution]:
    """Return the attributions the tagger's attribution spans form in `doc`, by start.
    `known` are speakers found otherwise (the rules'): a pronoun may refer to them; `people`
    are the text's (found here when not given)."""
    people = document_people(doc) if people is None else people
    starts = [s.start for s in doc.sentences]
    spans = [_trimmed(doc.text, s) for s in _joined(doc.text, spans)]
    by_sentence: dict[int, list[TaggedSpan]] = defaultdict(list)
    for span in spans:
        for sentence in _sentences_of(doc, starts, span):
            by_sentence[sentence].append(span)
    found: list[Attribution] = []
    taken: set[int] = set()
    earlier: list[Speaker] = []
    # Speakers in text order, the rules' taken in as the cues reach them.
    known = sorted(known, key=lambda k: k.start)
    next_known = 0
    for cue in (s for s in spans if s.label == "cue"):
        near = by_sentence.get(_sentence_index(doc, starts, cue.start), [])
        content = _nearest(cue, [c for c in near if c.label == "content" and id(c) not in taken])
        if content is None or _names(doc.text, cue, content):
            continue
        taken.add(id(content))
        source = _nearest(cue, [s for s in near if s.label == "source"])
        if source is not None and _ADDRESSEE_CUE.search(doc.text, cue.start, cue.end):
            source = None
        speaker = None
        if source is not None:
            while next_known < len(known) and known[next_known].start < source.start:
                earlier.append(known[next_known])
                next_known += 1
            speaker = resolve_speaker(doc.text, Span(start=source.start, end=source.end), people, earlier)
            earlier.append(speaker)
        parts = [p for p in (cue, content, source) if p is not None]
        found.append(_attribution(doc.text, content, cue, speaker, parts))
    return sorted(found, key=lambda a: (a.start, a.end))


def _trimmed(text: str, span: TaggedSpan) -> TaggedSpan:
    """Return a source without a leading participle clause ("Speaking in the parents'
    defense, Tom Molomby") or trailing qualifier words ("the Ministry over" before a
    number); other spans as they are. Cues keep their auxiliaries and
    adverbs ("has also said"), as PolNeAR marks them: cutting them cost 5.9 cue exact F1
    on PolNeAR dev."""
    if span.label != "source":
        return span
    clause = _PARTICIPLE_CLAUSE.match(text, span.start, span.end)
    start = clause.end() if clause is not None and clause.end() < span.end else span.start
    qualifiers = _TRAILING_QUALIFIERS.search(text, start, span.end)
    end = qualifiers.start() if qualifiers is not None and qualifiers.start() > start else span.end
    return span if (start, end) == (span.start, span.end) else TaggedSpan(start, end, span.label, span.confidence)


def _names(text: str, cue: TaggedSpan, content: TaggedSpan) -> bool:
    """Return whether `cue` names rather than reports: "called" + a short name ("the Sea Org");
    a short content in quote marks is speech ("called the plan \"a disgrace\"")."""
    words = text[content.start : content.end]
    return (" ".join(text[cue.start : cue.end].lower().split()) in _NAMING_CUES
            and len(words.split()) <= _NAME_WORDS and not _marks_in(words))


def _joined(text: str, spans: Sequence[TaggedSpan]) -> list[TaggedSpan]:
    """Return the spans by start, each run of same-label spans with only blanks between
    them joined into one ("according" + "to": a B- tag where I- was meant)."""
    joined: list[TaggedSpan] = []
    for span in sorted(spans, key=lambda s: s.start):
        last = joined[-1] if joined else None
        if last is not None and last.label == span.label and not text[last.end : span.start].strip():
            joined[-1] = TaggedSpan(last.start, span.end, span.label, min(last.confidence, span.confidence))
        else:
            joined.append(span)
    return joined


def _attribution(text: str, content: TaggedSpan, cue: TaggedSpan | None, speaker: Speaker | None,
                 parts: list[TaggedSpan]) -> Attribution:
    """Return the attribution of `content` with its cue and speaker, typed by its marks."""
    kind, words = _typed(text, content, cue)
    extent = [p for p in parts if p is not content] + [words]
    return Attribution(
        start=min(p.start for p in extent), end=max(p.end for p in extent), type=kind,
        content=Span(start=words.start, end=words.end), speaker=speaker,
        cue=Span(start=cue.start, end=cue.end) if cue is not None else None,
        confidence=round(min(p.confidence for p in parts), 4),
    )


def _typed(text: str, content: TaggedSpan, cue: TaggedSpan | None) -> tuple[AttributionType, Span]:
    """Return the type of an attribution of `content` and the content's extent to report."""
    start, end = content.start, content.end
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    while start < end and text[start] in _EDGE:
        start += 1
    inner = text[start:end]
    if len(inner) >= 2 and inner[0] in OPENING_MARKS and inner[-1] in CLOSING_MARKS + ",.":
        close = end - 1 if inner[-1] in CLOSING_MARKS else end - 2
        if close > start and text[close] in CLOSING_MARKS and not _marks_in(text[start + 1 : close]):
            return AttributionType.DIRECT, Span(start=start + 1, end=close)
    if cue is not None and text[cue.start : cue.end].lower().startswith("according"):
        return AttributionType.ACCORDING_TO, Span(start=content.start, end=content.end)
    if _marks_in(text[content.start : content.end]):
        return AttributionType.PARTIAL, Span(start=content.start, end=content.end)
    return AttributionType.INDIRECT, Span(start=content.start, end=content.end)


def _marks_in(text: str) -> bool:
    """Return whether `text` holds a double quote mark (single ones are mostly apostrophes)."""
    return any(ch in DOUBLE_MARKS for ch in text)


def _sentence_index(doc: Document, starts: list[int], position: int) -> int:
    """Return the index of the sentence holding `position` (-1 outside every sentence);
    `starts` are the sentences' starts."""
    index = bisect.bisect_right(starts, position) - 1
    return index if index >= 0 and position < doc.sentences[index].end else -1


def _sentences_of(doc: Document, starts: list[int], span: TaggedSpan) -> range:
    """Return the indices of the sentences `span` overlaps."""
    first = max(bisect.bisect_right(starts, span.start) - 1, 0)
    last = bisect.bisect_left(starts, span.end)
    return range(first, last) if doc.sentences else range(0)


def _nearest(cue: TaggedSpan, candidates: list[TaggedSpan]) -> TaggedSpan | None:
    """Return the candidate closest to the cue, or None."""
    return min(candidates, key=lambda s: max(s.start - cue.end, cue.start - s.end, 0), default=None)
