"""Reported speech without quote marks: indirect speech and "according to".

Leading: `Analysts said the minister was expected to resign.`,
`X told reporters (that) …`, `According to the ministry, the talks will resume.`
Trailing: `The plant could reopen, officials said.`, `… must be stopped, says Macron`,
`…, according to police.`
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from service import lexicon
from service.core.document import Document, Sentence
from service.core.spans import Span
from service.core.types import Attribution, AttributionType
from service.extractors.attribution.assemble import Pattern, build_attribution
from service.extractors.attribution.cues import ACCORDING_TO, AUXILIARIES, INDIRECT_CUE, INDIRECT_VERBS, THAT_VERBS
from service.extractors.attribution.people import CAPITALIZED_RUN, Person
from service.extractors.attribution.resolution import resolve_speaker
from service.extractors.attribution.speakers import speaker_before, speaker_kind, speaker_mention

_REACH = 150  # a leading cue sits near the start of its sentence
_TAIL_REACH = 160
_AUX_TAIL = re.compile(rf"\s+{AUXILIARIES}$")
_THAT = re.compile(
    r"(?:\s+(?:on|in|at|last|this|late|early|during|earlier|yesterday|today)\b"
    r"[^,.;:\"\u201c\u201d]{0,30}?)?\s+that\b"
)
_TOLD_OBJECT = re.compile(
    r"\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w'\u2019.\-]*(?:[ \t]+[A-Z][\w'\u2019.\-]*){0,3}|[a-z]+)"
)
_CUE_FIRST_TAIL = re.compile(rf"\s*(?P<cue>{INDIRECT_CUE.pattern})\s+(?P<speaker>.+)", re.DOTALL)
# What may follow a trailing cue: "the agency said in a June report", "he said of the plan".
_CUE_ADJUNCT = (
    r"(?:\s+(?:in|on|at|during|last|this|of|about|after|before|late|early|earlier|yesterday"
    rf"|today|{'|'.join(day.name for day in lexicon.weekdays().weekday)})\b[^,;:\n]{{0,50}}?)?"
)
_SPEAKER_FIRST_TAIL = re.compile(
    rf"\s*(?P<speaker>.+?)\s+{AUXILIARIES}(?P<cue>{INDIRECT_CUE.pattern}){_CUE_ADJUNCT}",
    re.DOTALL,
)
_ACCORDING_TAIL = re.compile(rf"\s*(?P<cue>{ACCORDING_TO.pattern})\s+(?P<speaker>.+)", re.DOTALL)
_ACCORDING_LEAD = re.compile(r"(?:(?:But|And|However,?)\s+)?(?P<cue>According\s+to)\s+")
# A clause after "said" without "that" must have a finite verb we can see.
_FINITE = frozenset(
    """was were is are will would could should can may might must had has have did does
    do won't can't isn't wasn't aren't weren't doesn't didn't""".split()
)
# A report set off by commas inside its own content: ", Graham said,".
_INSET = re.compile(r",[^,;:\n]{3,120}?,")
_LOWER_WORD = re.compile(r"[ \t]+[a-z]")
_SUBJECT_PRONOUNS = frozenset("he she they we i it there".split())
_CLOSING_MARK = re.compile("[.,!?]?[\"\u201d\u2019]")
_OPENING_MARK = re.compile("(?:^|(?<=\\s))[\"\u201c\u2018]")
_END_MARKS = ".!?\u2026;:,\"'\u201d\u2019 \t"


def _content(text: str, start: int, end: int, *, needs_verb: bool) -> Span | None:
    """Return the reported clause in [start, end) if it reads as one."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _END_MARKS:
        end -= 1
    closer = _CLOSING_MARK.match(text, end)
    if closer is not None and _OPENING_MARK.search(text, start, end):
        end = closer.end()  # keep the mark that closes a quoted phrase inside the clause
    if end <= start or not text[start].isalnum():
        return None
    words = text[start:end].lower().split()
    if len(words) < 3 or (needs_verb and not _reads_as_clause(words)):
        return None
    return Span(start=start, end=end)


def _reads_as_clause(words: list[str]) -> bool:
    """Whether words after a cue without "that" read as a clause: a finite verb we can see."""
    if _FINITE.intersection(words) or words[0] in _SUBJECT_PRONOUNS:
        return True
    # A regular past tense after a short subject: "the senator voted against it".
    return any(w.endswith("ed") and len(w) > 4 for w in words[1:5])


def _build(
    text: str,
    type_: AttributionType,
    content: Span,
    mention: Span,
    cue: Span,
    people: Sequence[Person],
) -> Attribution:
    speaker = resolve_speaker(text, mention, people)
    pattern = Pattern.ACCORDING_TO if type_ is AttributionType.ACCORDING_TO else Pattern.INDIRECT
    kind = speaker_kind(text, mention)
    return build_attribution(type_, pattern, content, speaker, kind, cue, content)


def _leading_according(
    text: str, sentence: Sentence, people: Sequence[Person]
) -> Attribution | None:
    lead = _ACCORDING_LEAD.match(text, sentence.start, sentence.end)
    if lead is None:
        return None
    comma = text.find(",", lead.end(), min(sentence.end, lead.end() + _REACH))
    mention = speaker_mention(text, lead.end(), comma) if comma > 0 else None
    if mention is None:
        # No comma: "According to Rathbun the property was returned" ends the name at a lower-case word.
        name = CAPITALIZED_RUN.match(text, lead.end(), sentence.end)
        if name is not None and _LOWER_WORD.match(text, name.end(), sentence.end):
            mention, comma = Span(start=name.start(), end=name.end()), name.end() - 1
    content = _content(text, comma + 1, sentence.end, needs_verb=False) if mention else None
    if mention is None or content is None:
        return None
    cue = Span(start=lead.start("cue"), end=lead.end("cue"))
    return _build(text, AttributionType.ACCORDING_TO, content, mention, cue, people)


def _leading_indirect(
    text: str, sentence: Sentence, people: Sequence[Person]
) -> Attribution | None:
    lo, hi = sentence.start, sentence.end
    for n, cue in enumerate(INDIRECT_CUE.finditer(text, lo, min(hi, lo + _REACH))):
        if n == 3:
            break
        aux = _AUX_TAIL.search(text, lo, cue.start())
        mention = speaker_before(text, lo, aux.start() if aux else cue.start())
        if mention is None:
            continue
        position = cue.end()
        if cue.group(0) == "told":
            audience = _TOLD_OBJECT.match(text, position, hi)
            if audience is None:
                continue
            position = audience.end()
        that = _THAT.match(text, position, hi)
        if that is None and cue.group(0) in THAT_VERBS and cue.group(0) not in INDIRECT_VERBS:
            continue
        content = _content(text, that.end() if that else position, hi, needs_verb=that is None)
        if content is not None:
            cue_span = Span(start=cue.start(), end=cue.end())
            return _build(text, AttributionType.INDIRECT, content, mention, cue_span, people)
    return None


def _trailing(text: str, sentence: Sentence, people: Sequence[Person]) -> Attribution | None:
    end = sentence.end
    while end > sentence.start and text[end - 1] in ".!? \t":
        end -= 1
    comma = end
    for _ in range(2):
        comma = text.rfind(",", max(sentence.start, end - _TAIL_REACH), comma)
        if comma < 0:
            return None
        found = _trailing_tail(text, comma + 1, end)
        if found is None:
            continue
        type_, mention, cue = found
        content = _content(text, sentence.start, comma, needs_verb=False)
        if content is not None:
            return _build(text, type_, content, mention, cue, people)
    return None


def _trailing_tail(text: str, lo: int, hi: int) -> tuple[AttributionType, Span, Span] | None:
    """Return (type, speaker mention, cue) if text[lo:hi] is `says Macron`/`officials said`."""
    for regex, type_ in (
        (_ACCORDING_TAIL, AttributionType.ACCORDING_TO),
        (_CUE_FIRST_TAIL, AttributionType.INDIRECT),
        (_SPEAKER_FIRST_TAIL, AttributionType.INDIRECT),
    ):
        match = regex.fullmatch(text, lo, hi)
        if match is None:
            continue
        mention = speaker_mention(text, match.start("speaker"), match.end("speaker"))
        if mention is not None and mention.end == match.end("speaker"):
            return type_, mention, Span(start=match.start("cue"), end=match.end("cue"))
    return None


def _parenthetical(text: str, sentence: Sentence, people: Sequence[Person]) -> Attribution | None:
    """Return `The museum, Mr. Obama said, would …`: content is the sentence around the report."""
    end = sentence.end
    while end > sentence.start and text[end - 1] in _END_MARKS:
        end -= 1
    for inset in _INSET.finditer(text, sentence.start, end):
        found = _trailing_tail(text, inset.start() + 1, inset.end() - 1)
        if found is None:
            continue
        type_, mention, cue = found
        content = _content(text, sentence.start, end, needs_verb=False)
        if content is not None and len(text[inset.end() : end].split()) >= 2:
            return _build(text, type_, content, mention, cue, people)
    return None


def find_reported_speech(doc: Document, people: Sequence[Person]) -> list[Attribution]:
    """Return indirect-speech and according-to attributions, at most one per sentence."""
    found = []
    for sentence in doc.sentences:
        attribution = (
            _leading_according(doc.text, sentence, people)
            or _leading_indirect(doc.text, sentence, people)
            or _parenthetical(doc.text, sentence, people)
            or _trailing(doc.text, sentence, people)
        )
        if attribution is not None:
            found.append(attribution)
    return found
