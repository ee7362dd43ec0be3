"""Speaker mentions: finding the noun phrase that speaks, and resolving it to a name.

A mention keeps its titles and apposition ("Oleg Ivanov, the regional
governor"); its name is the fullest form the article gives: "he" is the most
recent person named before it outside quotations (by full name, or by surname as
the subject of a verb of saying), "Ivanov" the earlier full name ending in it,
"the governor" the earlier person introduced with that role.
"""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Iterator, Sequence

from service.core.spans import Span
from service.core.types import Speaker, SpeakerType
from service.extractors.attribution.people import (
    CAPITALIZED_RUN,
    GROUP_NOUNS,
    ROLE_NOUNS,
    TITLES,
    Person,
    name_tokens,
    speaker_type,
)


class SpeakerKind(enum.Enum):
    NAMED = "named"
    PRONOUN = "pronoun"
    DESCRIPTION = "description"


PERSON_PRONOUNS = frozenset({"he", "she"})
_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
# A speaker still named by its pronoun refers to no organization.
_UNRESOLVED = _PRONOUNS | {"it"}
# Pronouns that, left as a speaker's name, say nobody in particular said it.
_ANONYMOUS = _UNRESOLVED | {"you", "me", "us", "them"}
_DETERMINERS = frozenset(
    """the a an his her its their our one two three several many some other both all
    another each this these those local senior top""".split()
)
# Words that mark a clause, not a noun phrase, in front of a cue.
_CLAUSE_WORDS = frozenset(
    """that which when where while if because although though was were is are be been
    being has have had will would could should can may might must not did does do it
    there this what whether then than after before since until as so""".split()
)
_INTRO_WORDS = frozenset(
    """on in at but and however meanwhile later yesterday today earlier also so then after
    before when while last speaking asked separately still yet now instead""".split()
    # Spoken openers, from debate transcripts: "Well, let me say", "Secondly, I believe".
    + """well let secondly thirdly lastly finally look yes okay indeed frankly honestly again
    moreover furthermore besides""".split()
)
_RELATIVES = frozenset({"who", "whose", "which"})
_NOT_APPOSITION = frozenset({"adding", "saying", "but", "and", "according"})
_LEADING_CONJUNCTION = re.compile(
    r"(?:(?:But|And|So|Yet|Still|Meanwhile|Now|but|and|yet|while|although|though)\s+)+"
)
_FUNCTION_TAIL = frozenset("of to in on at for with by from and or the a an".split())
_BAD_CHARS = re.compile("[\"\u201c\u201d\u00ab\u00bb:;!?()\\[\\]{}\n\u2018]")
# A US party tag after a lawmaker's name: "Rep. Trey Gowdy (R-S.C.)", "Gov. Pat McCrory (R)".
_PARTY_TAG = re.compile(r"[ \t]\([RDI](?:-[A-Z][A-Za-z.]{1,6})?\)")
_WORD = re.compile(r"[^\s,]+")
_MAX_WORDS = 10
_MAX_APPOSITION_WORDS = 20
# A word right before a name that makes the name an object ("told Xinhua", "met with Kim"),
# or a thing's ("won the Budweiser Man of the Match award").
_OBJECT_MARKER = re.compile(r"\b(?:(?:told|to|with|by|from|against|asked|thanked)\s+(?:the\s+)?|the\s+)$")
_LOOKBACK = 200  # people searched back from a mention; keeps resolution linear
# A role of a place or body before a capitalized run: "Governor of Washington Chris Gregoire".
_ROLE_OF = re.compile(r"([A-Za-z]+)\s+of\s+(?:the\s+)?$")
# A named holder's statement or finding, which speaks for the holder ("Cornyn's statement",
# "PC World's recent analysis of ..."); not "Cornyn's spokesman", a person of their own.
_VOICE_OF = re.compile(
    r"(?P<holder>[A-Z][\w.&\-]*?(?:[ \t]+[A-Z][\w.&\-]*?){0,3})['\u2019]s\s+(?:[a-z]+\s+)?"
    r"(?:statement|analysis|report|study|survey|data|figures|research|website|blog|account|letter"
    r"|announcement|release|tweet|post)\b"
)
# A body a person speaks for, after the name: "of The Globe and Mail", "for Food Standards".
_OF_BODY = re.compile(r"[ \t]+(?:of|for|at|from)[ \t]+(?:the[ \t]+)?[A-Z]")
# Lowercase words inside an organization's name ("Department of Agriculture").
_NAME_JOINERS = frozenset({"of", "for", "and", "on", "de", "the"})


def names_a_source(name: str) -> bool:
    """Return whether a speaker's name says who spoke: not a pronoun left unresolved
    ("I", "we", "he", "you": a debater's "I think", or a pronoun with no one before it)."""
    return name.strip().lower() not in _ANONYMOUS


def _words(text: str, start: int, end: int) -> list[str]:
    return [m.group(0).strip(".'\u2019").lower() for m in _WORD.finditer(text, start, end)]


def _is_noun_phrase(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] reads as a speaker noun phrase without apposition."""
    words = _words(text, start, end)
    if not 1 <= len(words) <= _MAX_WORDS or "," in text[start:end]:
        return False
    if words[0] in _PRONOUNS:
        return len(words) == 1
    if any(w in _CLAUSE_WORDS for w in words) or words[-1] in _FUNCTION_TAIL:
        return False
    if any(len(w) > 4 and w.endswith(".") for w in text[start:end].split()):
        return False  # a sentence ends inside: only "Mr." or "L." may carry a period
    first = text[start]
    if first.isupper():
        # "Citing privacy rules, …" and "Speaking on Monday, …" introduce, not name.
        return words[0] not in _INTRO_WORDS and not words[0].endswith("ing")
    return words[0] in _DETERMINERS or words[-1] in GROUP_NOUNS or words[-1] in ROLE_NOUNS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Return [start, end) without surrounding blanks, commas and dashes."""
    while start < end and (text[start].isspace() or text[start] in ",-\u2013\u2014"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",-\u2013\u2014"):
        end -= 1
    return start, end


def _has_bad_chars(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a character no speaker holds (party tags aside)."""
    for bad in _BAD_CHARS.finditer(text, start, end):
        if bad.group(0) not in "()":
            return True
        tag_start = text.rfind(" ", start, bad.start() + 1)
        tag = _PARTY_TAG.match(text, max(start, tag_start), end) if tag_start >= 0 else None
        if tag is None or not tag.start() < bad.start() < tag.end():
            return True
    return False


def speaker_mention(text: str, start: int, end: int) -> Span | None:
    """Return text[start:end] trimmed if it reads as a speaker ("NAME[, APPOSITION]"), else None."""
    start, end = _trim(text, start, end)
    if end <= start or _has_bad_chars(text, start, end):
        return None
    comma = text.find(",", start, end)
    if comma < 0:
        return Span(start=start, end=end) if _is_noun_phrase(text, start, end) else None
    head_end = _trim(text, start, comma)[1]
    if _is_noun_phrase(text, start, head_end) and _is_apposition(_words(text, comma + 1, end)):
        return Span(start=start, end=end)
    return None


def _is_apposition(words: list[str]) -> bool:
    """Whether the words after "NAME," describe it ("the regional governor", "who …")."""
    if not 1 <= len(words) <= _MAX_APPOSITION_WORDS:
        return False
    if words[0] in _RELATIVES:
        return True
    return not any(w in _CLAUSE_WORDS for w in words) and words[0] not in _NOT_APPOSITION


def speaker_before(text: str, start: int, end: int) -> Span | None:
    """Return the speaker mention ending at `end` (before a cue), dropping intro phrases."""
    start, end = _trim(text, start, end)
    conjunction = _LEADING_CONJUNCTION.match(text, start, end)
    if conjunction is not None:
        start = conjunction.end()
    while start < end:
        mention = speaker_mention(text, start, end)
        if mention is not None:
            return mention
        comma = text.find(",", start, end)
        if comma < 0:
            return None
        start = comma + 1  # "On Monday, the minister said" -> "the minister"
        conjunction = _LEADING_CONJUNCTION.match(text, _trim(text, start, end)[0], end)
        if conjunction is not None:
            start = conjunction.end()  # "…, but critics say" -> "critics"
    return None


def speaker_after(text: str, start: int, end: int) -> Span | None:
    """Return the speaker mention starting at `start` (after a cue), cut at a comma if needed."""
    mention = speaker_mention(text, start, end)
    if mention is not None:
        return mention
    comma = text.find(",", start, end)
    return speaker_mention(text, start, comma) if comma >= 0 else None


def _head(text: str, mention: Span) -> tuple[int, int]:
    """Return the mention without its apposition."""
    comma = text.find(",", mention.start, mention.end)
    start, end = _trim(text, mention.start, comma if comma >= 0 else mention.end)
    tag = _PARTY_TAG.search(text, start, end)
    return (start, tag.start()) if tag is not None and tag.end() == end else (start, end)


def speaker_kind(text: str, mention: Span) -> SpeakerKind:
    """Return whether the mention is a pronoun, contains a proper name, or only describes."""
    start, end = _head(text, mention)
    words = _words(text, start, end)
    if len(words) == 1 and words[0] in _PRONOUNS:
        return SpeakerKind.PRONOUN
    named = _name_span(text, start, end) or _apposition_name(text, mention, end)
    return SpeakerKind.NAMED if named else SpeakerKind.DESCRIPTION


def _name_span(text: str, start: int, end: int) -> list[Span]:
    """Return the name tokens of the capitalized run ending the phrase, titles stripped."""
    runs = list(CAPITALIZED_RUN.finditer(text, start, end))
    # Only a run that ends the phrase names it: "Scientology officials" is a description.
    if not runs or text[runs[-1].end() : end].strip():
        return []
    names, _ = name_tokens(text, runs[-1].start(), runs[-1].end())
    words = [text[t.start : t.end].lower() for t in names]
    names = [t for t, w in zip(names, words) if w not in _DETERMINERS]
    words = [w for w in words if w not in _DETERMINERS]
    if all(w in GROUP_NOUNS or w in ROLE_NOUNS or w in TITLES for w in words):
        return []
    role = _ROLE_OF.search(text, max(start, runs[-1].start() - 40), runs[-1].start())
    if role is not None and role.group(1).lower() in TITLES | ROLE_NOUNS and len(names) > 2:
        # "Governor of Washington Chris Gregoire": the run opens with the role's place or body.
        return names[-2:]
    return names


def _earlier_people(people: Sequence[Person], before: int) -> Iterator[Person]:
    """Yield the people named before `before`, latest first, within a bounded lookback."""
    index = bisect.bisect_right(people, before, key=lambda p: p.end)
    for person in reversed(people[max(0, index - _LOOKBACK) : index]):
        yield person


def _apposition_name(text: str, mention: Span, head_end: int) -> list[Span]:
    """Return the name an apposition gives ("Malaysia's Prime Minister, Najib Razak")."""
    if head_end >= mention.end:
        return []
    start, end = _trim(text, head_end, mention.end)
    return _name_span(text, start, end)


def _person_named(people: Sequence[Person], before: int, surname: str) -> str | None:
    """Return the latest earlier full name ending with `surname`."""
    for person in _earlier_people(people, before):
        if person.name.split()[-1].lower() == surname.lower():
            return person.name
    return None


def _person_with_role(people: Sequence[Person], before: int, role: str) -> str | None:
    for person in _earlier_people(people, before):
        if role in person.roles:
            return person.name
    return None


def _latest_person(text: str, people: Sequence[Person], before: int) -> str | None:
    """Return the latest person named before `before` outside quotations who is not the
    object of a verb or a preposition ("X told Y ...": a later "he" is X); else the latest
    outside quotations; else the latest. A name inside a quote is someone the quoted speaker
    talks of: '"... we've convinced Food Standards ...," he said' is not Food Standards."""
    fallback = quoted = None
    for person in _earlier_people(people, before):
        if person.quoted:
            quoted = quoted or person.name
            continue
        fallback = fallback or person.name
        word = _OBJECT_MARKER.search(text, max(0, person.start - 12), person.start)
        if word is None:
            return person.name
    return fallback or quoted


def _latest_organization(earlier: Sequence[Speaker]) -> str | None:
    """Return the latest earlier speaker that names an organization ("KCNA": a later "it")."""
    for speaker in reversed(earlier[-_LOOKBACK:]):
        if speaker.name.lower() not in _UNRESOLVED and speaker_type(speaker.name) is SpeakerType.ORGANIZATION:
            return speaker.name
    return None


def _latest_group(earlier: Sequence[Speaker]) -> str | None:
    for speaker in reversed(earlier[-_LOOKBACK:]):
        if speaker.name.split()[-1].lower() in GROUP_NOUNS:
            return speaker.name
    return None


def _person_of_body(text: str, start: int, end: int, people: Sequence[Person]) -> str | None:
    """Return the full name a phrase opens with before the body the person speaks for
    ("Matthew Ingram of The Globe and Mail", "Lydia Buchtmann for Food Standards ...")."""
    run = CAPITALIZED_RUN.match(text, start, end)
    if run is None or _OF_BODY.match(text, run.end(), end) is None:
        return None
    index = bisect.bisect_left(people, run.start(), key=lambda p: p.start)
    for person in people[index:]:
        if person.start >= run.end():
            break
        if not person.by_surname and person.end == run.end():
            return person.name
    return None


def _organization_named(text: str, start: int, end: int) -> str | None:
    """Return the whole proper name of an organization or country the phrase is, of two
    words or more, without a leading "the" or "both" ("North Korea", "U.S. Department of
    Agriculture"): person names drop words such as "North" or "Department", an
    organization's keeps them."""
    words = text[start:end].split()
    while words and words[0].lower() in ("the", "both"):
        words = words[1:]
    if len(words) < 2 or not words[-1][:1].isupper():
        return None
    if not all(w[:1].isupper() or w in _NAME_JOINERS for w in words):
        return None
    name = " ".join(words)
    return name if speaker_type(name) is SpeakerType.ORGANIZATION else None


def resolve_speaker(
    text: str, mention: Span, people: Sequence[Person], earlier: Sequence[Speaker] = ()
) -> Speaker:
    """Return the Speaker for `mention`, named by the fullest earlier name it refers to."""
    start, end = _head(text, mention)
    surface = " ".join(text[start:end].split())
    words = _words(text, start, end)
    name: str | None = None
    if words and words[0] in PERSON_PRONOUNS and len(words) == 1:
        name = _latest_person(text, people, mention.start)
    elif words == ["they"]:
        name = _latest_group(earlier)
    elif words == ["it"]:
        name = _latest_organization(earlier)
    elif (voice := _VOICE_OF.match(text, start, end)) is not None:
        # "Cornyn's statement added": the statement speaks for Cornyn.
        held = resolve_speaker(text, Span(start=start, end=voice.end("holder")), people, earlier)
        name = held.name
    elif (person := _person_of_body(text, start, end, people)) is not None:
        name = person
    elif (organization := _organization_named(text, start, end)) is not None:
        name = organization
    else:
        tokens = _name_span(text, start, end) or _apposition_name(text, mention, end)
        if len(tokens) == 1:
            token = text[tokens[0].start : tokens[0].end]
            name = _person_named(people, mention.start, token) or token
        elif tokens:
            name = " ".join(text[t.start : t.end] for t in tokens)
        elif words and words[0] == "the" and words[-1] in ROLE_NOUNS:
            name = _person_with_role(people, mention.start, words[-1])
    return Speaker(start=mention.start, end=mention.end, name=name or surface)
