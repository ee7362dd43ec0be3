"""Speaker mentions: finding the noun phrase that speaks ("Oleg Ivanov, the regional
governor": titles and apposition kept), its kind, and the name tokens it holds.

`resolution.py` turns a mention into the fullest name the article gives.
"""

from __future__ import annotations

import enum
import re

from service.core.spans import Span
from service.extractors.attribution.people import CAPITALIZED_RUN, GROUP_NOUNS, ROLE_NOUNS, TITLES, name_tokens


class SpeakerKind(enum.Enum):
    NAMED = "named"
    PRONOUN = "pronoun"
    DESCRIPTION = "description"


PERSON_PRONOUNS = frozenset({"he", "she"})
_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
# A speaker still named by its pronoun refers to no organization.
UNRESOLVED = _PRONOUNS | {"it"}
# Pronouns that, left as a speaker's name, say nobody in particular said it.
_ANONYMOUS = UNRESOLVED | {"you", "me", "us", "them"}
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
    # Sentence adverbs that report hearsay: "Allegedly, his sister pleaded ..., but he replied".
    + """allegedly reportedly apparently reputedly supposedly""".split()
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
# A role of a place or body before a capitalized run: "Governor of Washington Chris Gregoire".
_ROLE_OF = re.compile(r"([A-Za-z]+)\s+of\s+(?:the\s+)?$")
# Titles and role nouns a role of a place or body opens with.
_ROLE_WORDS = TITLES | ROLE_NOUNS


def names_a_source(name: str) -> bool:
    """Return whether a speaker's name says who spoke: not a pronoun left unresolved
    ("I", "we", "he", "you": a debater's "I think", or a pronoun with no one before it)."""
    return name.strip().lower() not in _ANONYMOUS


def mention_words(text: str, start: int, end: int) -> list[str]:
    return [m.group(0).strip(".'\u2019").lower() for m in _WORD.finditer(text, start, end)]


def _is_noun_phrase(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] reads as a speaker noun phrase without apposition."""
    words = mention_words(text, start, end)
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
    if _is_noun_phrase(text, start, head_end) and _is_apposition(mention_words(text, comma + 1, end)):
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


def mention_head(text: str, mention: Span) -> tuple[int, int]:
    """Return the mention without its apposition."""
    comma = text.find(",", mention.start, mention.end)
    start, end = _trim(text, mention.start, comma if comma >= 0 else mention.end)
    tag = _PARTY_TAG.search(text, start, end)
    return (start, tag.start()) if tag is not None and tag.end() == end else (start, end)


def speaker_kind(text: str, mention: Span) -> SpeakerKind:
    """Return whether the mention is a pronoun, contains a proper name, or only describes."""
    start, end = mention_head(text, mention)
    words = mention_words(text, start, end)
    if len(words) == 1 and words[0] in _PRONOUNS:
        return SpeakerKind.PRONOUN
    named = name_span(text, start, end) or apposition_name(text, mention, end)
    return SpeakerKind.NAMED if named else SpeakerKind.DESCRIPTION


def name_span(text: str, start: int, end: int) -> list[Span]:
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
    if role is not None and role.group(1).lower() in _ROLE_WORDS and len(names) > 2:
        # "Governor of Washington Chris Gregoire": the run opens with the role's place or body.
        return names[-2:]
    return names


def apposition_name(text: str, mention: Span, head_end: int) -> list[Span]:
    """Return the name an apposition gives ("Malaysia's Prime Minister, Najib Razak")."""
    if head_end >= mention.end:
        return []
    start, end = _trim(text, head_end, mention.end)
    return name_span(text, start, end)
