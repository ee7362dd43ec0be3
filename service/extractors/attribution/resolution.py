"""Speaker resolution: a mention named by the fullest form the article gives.

"he" is the most recent person named before it outside quotations (by full name, or by
surname as the subject of a verb of saying), "Ivanov" the earlier full name ending in it,
"the governor" the earlier person introduced with that role; an organization keeps its
whole name ("North Korea"), and a statement speaks for its holder ("Cornyn's statement").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from service.core.spans import Span
from service.core.types import Speaker, SpeakerType
from service.extractors.attribution.people import CAPITALIZED_RUN, GROUP_NOUNS, ROLE_NOUNS, Person, speaker_type
from service.extractors.attribution.speakers import (
    PERSON_PRONOUNS,
    UNRESOLVED,
    apposition_name,
    mention_head,
    mention_words,
    name_span,
)

# A word right before a name that makes the name an object ("told Xinhua", "met with Kim"),
# or a thing's ("won the Budweiser Man of the Match award").
_OBJECT_MARKER = re.compile(r"\b(?:(?:told|to|with|by|from|against|asked|thanked)\s+(?:the\s+)?|the\s+)$")
_LOOKBACK = 200  # people searched back from a mention; keeps resolution linear
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


def _earlier_people(people: Sequence[Person], before: int) -> Iterator[Person]:
    """Yield the people named before `before`, latest first, within a bounded lookback."""
    index = bisect.bisect_right(people, before, key=lambda p: p.end)
    for person in reversed(people[max(0, index - _LOOKBACK) : index]):
        yield person


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
        if speaker.name.lower() not in UNRESOLVED and speaker_type(speaker.name) is SpeakerType.ORGANIZATION:
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
    start, end = mention_head(text, mention)
    surface = " ".join(text[start:end].split())
    words = mention_words(text, start, end)
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
        tokens = name_span(text, start, end) or apposition_name(text, mention, end)
        if len(tokens) == 1:
            token = text[tokens[0].start : tokens[0].end]
            name = _person_named(people, mention.start, token) or token
        elif tokens:
            name = " ".join(text[t.start : t.end] for t in tokens)
        elif words and words[0] == "the" and words[-1] in ROLE_NOUNS:
            name = _person_with_role(people, mention.start, words[-1])
    return Speaker(start=mention.start, end=mention.end, name=name or surface)
