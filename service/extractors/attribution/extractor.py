"""Who said what: quoted passages attributed to their speakers, plus reported speech.

A quoted passage is a quote only when a speech cue or speaker is attached to it
(trailing `"…," the mayor said`, leading `Smith said: "…"`, dash `"…" -Smith`,
or a verb framing it: `pledged his "full backing"`), or when it is a whole
quoted sentence following a quote of the same speaker. Short quoted phrases
with no cue are titles, names or scare quotes and yield nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import msgspec

from service.core.document import Document
from service.core.spans import Span, filter_spans, outside
from service.core.types import Attribution, AttributionType, Speaker
from service.extractors.attribution.assemble import Pattern, build_attribution
from service.extractors.attribution.cues import AUXILIARIES, EMBEDDING_CUE, SPEECH_CUE
from service.extractors.attribution.people import Person, find_people
from service.extractors.attribution.quote_marks import Quotation, find_quotations
from service.extractors.attribution.reported import find_reported_speech
from service.extractors.attribution.resolution import resolve_speaker
from service.extractors.attribution.speakers import (
    speaker_after,
    speaker_before,
    speaker_kind,
    speaker_mention,
)
from service.extractors.base import Extractor

# Pronouns resolved against earlier speakers, not against the people named in the text.
_GROUP_PRONOUNS = frozenset({"they", "it"})
_WINDOW = 160  # how far around a quote its attribution is looked for
_CUE_FIRST = re.compile(rf"[ \t]*,?[ \t]*(?P<cue>{SPEECH_CUE.pattern})")
_DASH = re.compile(r"[ \t]*[-\u2013\u2014]+[ \t]*")
_AUX_TAIL = re.compile(rf"\s+{AUXILIARIES}$")
# What may sit between a leading cue and its colon: "told reporters", "said on Monday".
_CUE_TAIL = re.compile(r"(?:\s+[\w'\u2019.\-]+){0,5}\s*[:,]?\s*")
_SET_OFF_BEFORE = ".!?\u2026:,;\u2014\u2013\"\u201d\u2019\u00bb"
_SENTENCE_REST = re.compile(r"[^.!?\n]*")
_SMALL_WORDS = frozenset("of the and a an in on at for to".split())
_BETWEEN_SENTENCES = " \t\n.!?"


class _Context:
    """What attributing one quotation needs to know about the document."""

    def __init__(self, doc: Document, people: Sequence[Person], reported: Sequence[Attribution] = ()) -> None:
        self.doc, self.text, self.people = doc, doc.text, people
        self.paragraph_starts = [p.start for p in doc.paragraphs]
        # Reported speech with a speaker, not overlapping, by end.
        self.reported = sorted((a for a in reported if a.speaker is not None), key=lambda a: a.end)
        self.reported_ends = [a.end for a in self.reported]

    def paragraph_index(self, position: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, position) - 1)

    def reported_before(self, q: Quotation) -> Speaker | None:
        """Return the speaker of reported speech that ends right before `q`, with only the
        sentence's end between ('Heald noted the findings show ... important. "An air-quality
        cleanup ..."'), else None."""
        index = bisect.bisect_right(self.reported_ends, q.start) - 1
        if index < 0 or self.text[self.reported[index].end : q.start].strip(_BETWEEN_SENTENCES):
            return None
        return self.reported[index].speaker

    def sentence_end(self, position: int, limit: int) -> int:
        sentence = self.doc.sentence_at(position)
        return min(sentence.end, limit) if sentence is not None else limit


def _strip_end_punctuation(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1] in ".!?\u2026" or text[end - 1].isspace()):
        end -= 1
    return end


_Found = tuple[Span, Span | None]  # (speaker mention, cue)


def _trailing(ctx: _Context, q: Quotation, hi: int) -> _Found | None:
    """Return (speaker mention, cue) attached after the closing mark, if any."""
    text = ctx.text
    hi = min(hi, q.end + _WINDOW)
    cue_first = _CUE_FIRST.match(text, q.end, hi)
    if cue_first is not None:
        cue = Span(start=cue_first.start("cue"), end=cue_first.end("cue"))
        stop = _strip_end_punctuation(text, cue.end, ctx.sentence_end(cue.start, hi))
        mention = speaker_after(text, cue.end, stop)
        if mention is not None:
            return mention, cue
    cue_match = SPEECH_CUE.search(text, q.end, hi)
    if cue_match is not None:
        aux = _AUX_TAIL.search(text, q.end, cue_match.start())
        lo = q.end + 1 if text[q.end : q.end + 1] == "," else q.end
        mention = speaker_mention(text, lo, aux.start() if aux else cue_match.start())
        if mention is not None and not _starts_new_report(text, q, mention, cue_match.end(), hi):
            return mention, Span(start=cue_match.start(), end=cue_match.end())
    dash = _DASH.match(text, q.end, hi)
    if dash is not None:
        stop = _strip_end_punctuation(text, dash.end(), ctx.sentence_end(dash.end(), hi))
        mention = speaker_mention(text, dash.end(), stop)
        if mention is not None and mention.end == stop:
            return mention, None
    return None


def _starts_new_report(text: str, q: Quotation, mention: Span, cue_end: int, hi: int) -> bool:
    """Whether `Name said …` after a quote ending in a period is the next sentence's report."""
    if text[q.content.end - 1] != "." or not text[mention.start].isupper():
        return False
    rest = _SENTENCE_REST.match(text, cue_end, hi)
    words = rest.group(0).split() if rest else []
    return len(words) > 4 or "that" in words


def _leading(ctx: _Context, q: Quotation, lo: int) -> _Found | None:
    """Return (speaker mention, cue) of `Smith said: "…"` or `The minister: "…"`, if any."""
    text = ctx.text
    sep = q.start
    while sep > lo and text[sep - 1].isspace():
        sep -= 1
    if sep <= lo or text[sep - 1] not in ":,":
        return None
    sentence = ctx.doc.sentence_at(sep - 1)
    clause = max(lo, sentence.start if sentence else lo, q.start - _WINDOW)
    cues = list(SPEECH_CUE.finditer(text, clause, sep))
    if cues and _CUE_TAIL.fullmatch(text, cues[-1].end(), sep):
        cue = cues[-1]
        aux = _AUX_TAIL.search(text, clause, cue.start())
        mention = speaker_before(text, clause, aux.start() if aux else cue.start())
        if mention is not None:
            return mention, Span(start=cue.start(), end=cue.end())
    if text[sep - 1] == ":":
        mention = speaker_before(text, clause, sep - 1)
        if mention is not None:
            return mention, None
    return None


def _framing(ctx: _Context, q: Quotation, lo: int) -> _Found | None:
    """Return (speaker, cue) of a verb framing the quote: `He pledged his "full backing"`."""
    sentence = ctx.doc.sentence_at(q.start)
    clause = max(lo, sentence.start if sentence else lo, q.start - _WINDOW)
    for cue in EMBEDDING_CUE.finditer(ctx.text, clause, q.start):
        aux = _AUX_TAIL.search(ctx.text, clause, cue.start())
        mention = speaker_before(ctx.text, clause, aux.start() if aux else cue.start())
        if mention is not None:
            return mention, Span(start=cue.start(), end=cue.end())
    return None


def _is_set_off(text: str, q: Quotation, paragraph: Span) -> bool:
    """Whether the quote starts a sentence or follows a colon/comma (not mid-clause)."""
    before = text[max(paragraph.start, q.start - 8) : q.start].rstrip()
    return q.start - paragraph.start < 1 or not before or before[-1] in _SET_OFF_BEFORE


def _is_full_clause(text: str, content: Span) -> bool:
    words = text[content.start : content.end].split()
    return len(words) >= 6 or (len(words) >= 3 and text[content.end - 1] in ".!?\u2026,")


def _is_title(text: str, content: Span) -> bool:
    """Whether the quoted words read as a name or title ("Desert Storm", "Imagine")."""
    words = text[content.start : content.end].split()
    if len(words) > 5 or text[content.end - 1] in ".!?,":
        return False
    return all(w[0].isupper() or not w[0].isalpha() or w in _SMALL_WORDS for w in words)


def _attribute(
    ctx: _Context, q: Quotation, bounds: Span, earlier: list[tuple[int, Speaker]],
    speakers: list[Speaker],
) -> Attribution | None:
    """Return the attribution of quotation `q` whose cues lie within `bounds`, if it is a quote."""
    text = ctx.text
    paragraph = ctx.doc.paragraphs[ctx.paragraph_index(q.start)]
    set_off = _is_set_off(text, q, paragraph)
    found = _trailing(ctx, q, bounds.end) or _leading(ctx, q, bounds.start)
    pattern = Pattern.QUOTE if set_off else Pattern.PARTIAL
    if found is None and not set_off:
        found = _framing(ctx, q, bounds.start)
    if found is not None:
        if pattern is Pattern.PARTIAL and _is_title(text, q.content):
            return None
        mention, cue = found
        speaker = resolve_speaker(text, mention, ctx.people, speakers)
        type_ = AttributionType.DIRECT if set_off else AttributionType.PARTIAL
        kind = speaker_kind(text, mention)
        return build_attribution(type_, pattern, q.content, speaker, kind, cue, q)
    if not (set_off and _is_full_clause(text, q.content)):
        return None
    index = ctx.paragraph_index(q.start)
    # A quoted sentence right after a speaker's quote, or after their reported speech in its
    # paragraph, goes on with that speaker: the later of the two.
    speaker = earlier[-1][1] if earlier and earlier[-1][0] >= index - 1 else None
    reporter = ctx.reported_before(q)
    if reporter is not None and (speaker is None or reporter.start > speaker.start):
        speaker = reporter
    if speaker is not None:
        kind = speaker_kind(text, speaker)
        return build_attribution(
            AttributionType.DIRECT, Pattern.CONTINUED, q.content, speaker, kind, None, q
        )
    return build_attribution(AttributionType.DIRECT, Pattern.QUOTE, q.content, None, None, None, q)


def _lead_in_start(ctx: _Context, q: Quotation, paragraph: Span) -> int:
    """Return where a quote's attribution may start: the paragraph before it when that
    paragraph ends in `Rathbun stated,` or `he wrote:` and the quote opens its own."""
    index = ctx.paragraph_index(q.start)
    if q.start > paragraph.start or index == 0:
        return paragraph.start
    previous = ctx.doc.paragraphs[index - 1]
    tail = ctx.text[previous.start : previous.end].rstrip()
    return previous.start if tail.endswith((",", ":")) else paragraph.start


def _attribute_quotations(ctx: _Context, quotations: Sequence[Quotation]) -> list[Attribution]:
    """Return the attributions of the quotations that are quotes, in order."""
    found: list[Attribution] = []
    earlier: list[tuple[int, Speaker]] = []  # (paragraph index, speaker) of each quote
    speakers: list[Speaker] = []
    paragraphs = ctx.doc.paragraphs
    for i, q in enumerate(quotations):
        first = paragraphs[ctx.paragraph_index(q.start)]
        last = paragraphs[ctx.paragraph_index(max(q.start, q.end - 1))]
        lo = max(_lead_in_start(ctx, q, first), quotations[i - 1].end if i else 0)
        hi = min(last.end, quotations[i + 1].start if i + 1 < len(quotations) else last.end)
        bounds = Span(start=lo, end=max(lo, hi))
        attribution = _attribute(ctx, q, bounds, earlier, speakers)
        if attribution is None:
            continue
        found.append(attribution)
        if attribution.speaker is not None:
            earlier.append((ctx.paragraph_index(q.end - 1), attribution.speaker))
            speakers.append(attribution.speaker)
    return found


def document_people(doc: Document, quotations: Sequence[Quotation] | None = None) -> list[Person]:
    """Return the people of `doc` (find_people), those inside its quotations marked quoted."""
    return find_people(doc.text, find_quotations(doc.text, doc.paragraphs) if quotations is None else quotations)


def extract_quotes(doc: Document) -> list[Attribution]:
    """Return the attributions of `doc` (quotes first, then reported speech), sorted by start."""
    quotations = find_quotations(doc.text, doc.paragraphs)
    people = document_people(doc, quotations)
    reported = filter_spans(find_reported_speech(doc, people))
    ctx = _Context(doc, people, reported)
    quoted = filter_spans(_attribute_quotations(ctx, quotations))
    quoted = [_as_mixed(q, reported) for q in quoted]
    quoted = filter_spans(quoted)
    # Reported speech only where no quote was found: a quote is the stronger evidence.
    reported = outside(reported, quoted)
    return group_pronouns_resolved(doc.text, sorted(quoted + reported, key=lambda a: (a.start, a.end)), people)


def group_pronouns_resolved(text: str, attributions: list[Attribution], people: Sequence[Person]
                            ) -> list[Attribution]:
    """Return `attributions` (in text order) with a speaker still named "they" or "it"
    resolved against the speakers before it: reported speech is found sentence by sentence,
    and the rules' and the tagger's attributions apart, so "They estimated by 2050 ..." after
    the tagger's "The scientists found ..." had no one to refer to."""
    earlier: list[Speaker] = []
    resolved = []
    for attribution in attributions:
        speaker = attribution.speaker
        if speaker is not None and speaker.name.lower() in _GROUP_PRONOUNS:
            named = resolve_speaker(text, Span(start=speaker.start, end=speaker.end), people, earlier)
            if named.name != speaker.name:
                attribution = msgspec.structs.replace(attribution, speaker=named)
        if attribution.speaker is not None:
            earlier.append(attribution.speaker)
        resolved.append(attribution)
    return resolved


def _as_mixed(quote: Attribution, reported: Sequence[Attribution]) -> Attribution:
    """Return a partial quote widened to the reported clause around it with the same cue.

    `Smith said it would be "improper" to comment`: a partial attribution whose
    content is the whole reported clause, the quoted word inside it.
    """
    if quote.type is not AttributionType.PARTIAL or quote.cue is None:
        return quote
    i = bisect.bisect_right([r.start for r in reported], quote.start) - 1
    if i < 0 or reported[i].cue != quote.cue or not reported[i].content.contains(quote.content):
        return quote
    return msgspec.structs.replace(reported[i], type=AttributionType.PARTIAL, confidence=quote.confidence)


EXTRACTOR = Extractor(name="quotes", version="1", head="attribution", extract=extract_quotes)
