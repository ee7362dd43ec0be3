"""Personal names in an article, with the titles and roles they are introduced with.

Speaker resolution looks back through these to turn "he", "Ivanov" or "the
governor" into the fullest name the article gave earlier.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from service import lexicon
from service.core.spans import Span
from service.core.types import SpeakerType
from service.extractors.attribution.cues import SPOKEN_AFTER, SPOKEN_BEFORE

_ORGANIZATIONS = lexicon.organizations()
# Titles written before a name (en/titles.toml): "President Macron".
TITLES = frozenset(lexicon.titles().titles)
# Head nouns of a person's role ("the governor", "the city's mayor").
ROLE_NOUNS = frozenset(lexicon.titles().roles)
# Collective speakers: a bare "police" or "state media" is a speaker by itself.
GROUP_NOUNS = frozenset(_ORGANIZATIONS.groups)
# Capitalized words that do not start or belong to a personal name.
_NOT_NAME = frozenset(
    [*lexicon.names().not_names, *(m.name.lower() for m in lexicon.months().month),
     *(d.name.lower() for d in lexicon.weekdays().weekday)]
)
_UPPER = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_LOWER = "a-z\u00df-\u00f6\u00f8-\u00ff"
# Only an abbreviation ("Dr.", "Gen.") or an initial may end in a period: "Moxon. Rathbun" is two.
NAME_TOKEN = rf"(?:[{_UPPER}][{_LOWER}]{{0,2}}\.|[{_UPPER}][\w'\u2019\-]*[{_LOWER}]|[{_UPPER}]\.)"
_PARTICLE = rf"(?:{'|'.join(lexicon.names().particles)})"
# A run of capitalized words, e.g. "French President Emmanuel Macron".
CAPITALIZED_RUN = re.compile(
    rf"(?<![\w.]){NAME_TOKEN}(?:[ \t]+(?:{_PARTICLE}[ \t]+|(?:al|el)-)?{NAME_TOKEN})*"
)
_TOKEN = re.compile(r"\S+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\s+$")
_APPOSITION = re.compile(r",\s+(?:the|a|an|its|his|her|their)\s+([^,.;:\"\u201c\u201d]{1,60})")


class Person(Span, frozen=True, kw_only=True):
    """A person mentioned in the text: `name` is the full name, with the role nouns attached
    to it; `by_surname` when this mention gives the surname alone ("Professor Eastman" after
    "Professor Cres Eastman"); `quoted` when it lies inside a quotation (someone the quoted
    speaker talks of)."""

    name: str
    roles: frozenset[str]
    quoted: bool = False
    by_surname: bool = False


def name_tokens(text: str, start: int, end: int) -> tuple[list[Span], set[str]]:
    """Return the name tokens of the capitalized run [start, end) and the titles stripped."""
    tokens = [Span(start=m.start(), end=m.end()) for m in _TOKEN.finditer(text, start, end)]
    titles: set[str] = set()
    cut = 0
    for index, token in enumerate(tokens):
        word = text[token.start : token.end].lower()
        if word in TITLES:
            titles.add(word.rstrip("."))
            cut = index + 1
    names = tokens[cut:]
    while names and text[names[0].start : names[0].end].lower() in _NOT_NAME:
        names = names[1:]
    if names:
        last = names[-1]
        possessive = _POSSESSIVE.search(text, last.start, last.end)
        if possessive is not None and possessive.start() > last.start:
            names[-1] = Span(start=last.start, end=possessive.start())
    return names, titles


def _roles_around(text: str, name: Span, titles: set[str]) -> frozenset[str]:
    """Return role nouns from the titles, the word before and an apposition after."""
    roles = {t for t in titles if t in ROLE_NOUNS}
    before = _WORD_BEFORE.search(text, max(0, name.start - 30), name.start)
    if before is not None and before.group(1).lower() in ROLE_NOUNS:
        roles.add(before.group(1).lower())
    apposition = _APPOSITION.match(text, name.end)
    if apposition is not None:
        words = re.findall(r"[a-z]+", apposition.group(1).lower())
        roles.update(w for w in words if w in ROLE_NOUNS)
    return frozenset(roles)


def find_people(text: str, quotations: Sequence[Span] = ()) -> list[Person]:
    """Return the people of `text` by start: every full name (two to four words) and every
    later mention of a full name by its surname alone as the subject of a verb of saying
    ("Eastman says", "said Eastman"), each marked quoted when it lies inside one of
    `quotations` (sorted, not overlapping)."""
    people = []
    ends = [q.end for q in quotations]
    by_surname: dict[str, Person] = {}
    for run in CAPITALIZED_RUN.finditer(text):
        names, titles = name_tokens(text, run.start(), run.end())
        words = [text[t.start : t.end].lower().rstrip(".") for t in names]
        if len(names) == 1 and (known := by_surname.get(words[0])) is not None and _speaks(text, names[0]):
            span, name, roles = names[0], known.name, known.roles | _roles_around(text, names[0], titles)
        elif 2 <= len(names) <= 4 and not any(w in _NOT_NAME or w in GROUP_NOUNS for w in words):
            span = Span(start=names[0].start, end=names[-1].end)
            name, roles = " ".join(text[t.start : t.end] for t in names), _roles_around(text, span, titles)
        else:
            continue
        holder = bisect.bisect_right(ends, span.start)
        person = Person(start=span.start, end=span.end, name=name, roles=roles, by_surname=len(names) == 1,
                        quoted=holder < len(quotations) and quotations[holder].start <= span.start)
        people.append(person)
        if not person.by_surname:
            by_surname[words[-1]] = person
    return people


def _speaks(text: str, name: Span) -> bool:
    """Return whether the name is the subject of a verb of saying right beside it: other
    surname mentions ("the Cruise video", "Warhol was a legend") do not move a later "he"."""
    return (SPOKEN_AFTER.match(text, name.end) is not None
            or SPOKEN_BEFORE.search(text, max(0, name.start - 20), name.start) is not None)


# Last words that make a name an organization's ("Acme Corp", "Defence Ministry").
_ORGANIZATION_WORDS = GROUP_NOUNS | frozenset(_ORGANIZATIONS.organization_endings)


# Words that make a name an institution's wherever they stand ("Department of Agriculture",
# "Church of Scientology"); role words like "spokesman" are left out, as people carry them.
_INSTITUTION_WORDS = frozenset(_ORGANIZATIONS.institutions)
# Countries that speak in the news through their governments (schema.org: Organization).
_COUNTRIES = frozenset(_ORGANIZATIONS.countries)
# Organizations named by one word that reads like a surname ("Microsoft", "Twitter").
_KNOWN_ORGANIZATIONS = frozenset(_ORGANIZATIONS.known)


def speaker_type(name: str) -> SpeakerType:
    """Return whether a resolved speaker name names an organization, group or country, or a person."""
    words = name.split()
    if not words:
        return SpeakerType.PERSON
    lowered = [w.lower().strip(".,'’") for w in words]
    last = lowered[-1]
    if last in _ORGANIZATION_WORDS or last.rstrip("s") in _ORGANIZATION_WORDS:
        return SpeakerType.ORGANIZATION
    # "CEO of the Refugee Council Enver Solomon" is a person with a role at an institution.
    if any(w in ROLE_NOUNS or w in TITLES for w in lowered):
        return SpeakerType.PERSON
    institution = max((i for i, w in enumerate(lowered) if w in _INSTITUTION_WORDS), default=None)
    if institution is not None:
        # A personal name after the institution ("Refugee Council Enver Solomon") is who speaks;
        # "Department of Agriculture" goes on with the institution's own name.
        after = words[institution + 1 :]
        named = len(after) >= 2 and all(w[:1].isupper() for w in after)
        return SpeakerType.PERSON if named else SpeakerType.ORGANIZATION
    if last in _COUNTRIES or " ".join(lowered) in _KNOWN_ORGANIZATIONS:
        return SpeakerType.ORGANIZATION
    # Acronyms ("NASA", "the UN") and "the Pentagon" name institutions, not people.
    if any(len(w) > 1 and w.isupper() and w.isalpha() for w in words):
        return SpeakerType.ORGANIZATION
    if words[0].lower() == "the" and len(words) > 1 and words[1][:1].isupper():
        return SpeakerType.ORGANIZATION
    return SpeakerType.PERSON
