"""The counted noun after a number: "14 suspected gang members", "four space shuttle orbiters",
"the 131-page document". Each reader matches at one position, in constant time."""

from __future__ import annotations

import re

from service.normalize.numbers import parse_number

# Up to four words after the number: modifiers, then the counted plural ("14 suspected gang
# members", "three remaining Space Shuttle orbiters").
_NOUN_TAIL_RE = re.compile(
    r"[ \t\u00a0]+([A-Za-z]+(?:-[a-z]+)?)(?:[ \t\u00a0]+([A-Za-z]+(?:-[a-z]+)?))?"
    r"(?:[ \t\u00a0]+([A-Za-z]+))?(?:[ \t\u00a0]+([a-z]+))?\b"
)
# A count written as a modifier: "the 131-page document", "a 15-member panel", "a 300-seat chamber".
_HYPHEN_NOUN_RE = re.compile(r"-(?P<noun>[a-z]{3,})(?=[ \u00a0]+[A-Za-z])")
# Hyphened words after a number that are no counted noun: "3-fold", "3-time", "2-nil", "40-odd".
_NOT_HYPHEN_NOUNS = frozenset({"fold", "time", "nil", "odd", "old", "plus", "ish", "something", "way", "and", "for", "the"})

_IRREGULAR_PLURALS = frozenset(
    {"people", "children", "schoolchildren", "grandchildren", "men", "women", "police", "personnel", "staff",
     "aircraft", "cattle"}
)
# Nouns that modify a counted plural: "19 police officers", "300 aid workers".
_NOUN_MODIFIERS = frozenset(
    {"police", "security", "aid", "army", "rescue", "health", "border", "government", "rebel"}
)
# Adjectives between a number and its counted plural: "300 new jobs", "12 armed men".
_ADJECTIVES = frozenset(
    {
        "new", "other", "more", "additional", "young", "local", "foreign", "former", "senior",
        "civilian", "elderly", "dead", "small", "large", "big", "major", "key", "top", "extra",
        "unarmed", "innocent", "separate", "different", "full", "suspected", "alleged", "known",
        "hard", "remaining",
    }
)
# Comparatives count too: "three newer versions", "two larger ships"; "20 professional clubs".
_ADJECTIVE_ENDINGS = ("ed", "ian", "ese", "ish", "er", "al", "ive", "ic", "ous", "ful")
# Words that never modify a counted plural though they may stand before one ("5 will attend talks").
_NOT_MODIFIERS = frozenset(
    {
        "will", "would", "could", "should", "may", "might", "must", "can", "did", "had", "have",
        "were", "are", "was", "been", "also", "still", "then", "now", "and", "but", "the", "per",
        "than", "that", "which", "who", "from", "with", "into", "for", "nor", "not", "all", "each",
    }
)
_NOT_PLURAL_NOUNS = frozenset(
    {
        "was", "has", "does", "goes", "this", "thus", "his", "hers", "its", "ours", "yours",
        "theirs", "yes", "plus", "always", "perhaps", "whereas", "besides", "towards",
        "afterwards", "sometimes", "times", "percents", "news", "means", "series", "whereas",
        "includes", "remains", "says", "seems", "gets", "makes", "takes", "becomes", "comes",
    }
)


def counted_noun(text: str, start: int, end: int, position: int) -> tuple[str, int] | None:
    """Return the counted plural (with the words modifying it) at `position`, after the number
    [start, end), and where it ends, else None. A spelled-out whole number above one ("four")
    may also count a plural after a noun pair."""
    noun = _NOUN_TAIL_RE.match(text, position)
    if noun is None:
        return None
    value = parse_number(text[start:end])  # None for a range ("six to eight")
    many = value is None or (value >= 2 and value == int(value))
    words = [word for word in noun.groups() if word]
    counted = _counted_noun(words, many) or (_compound_noun(words) if many and text[start].isalpha() else None)
    if counted is None:
        return None
    found, last = counted
    return found, noun.end(last + 1)


def hyphen_noun(text: str, end: int) -> tuple[str, int] | None:
    """Return the noun of a number written as a modifier ("131-page") and where it ends, else None."""
    match = _HYPHEN_NOUN_RE.match(text, end)
    if match is None or match["noun"] in _NOT_HYPHEN_NOUNS:
        return None
    return match["noun"], match.end()


def _counted_noun(words: list[str], many: bool) -> tuple[str, int] | None:
    """Return the counted plural among the words after a number and its index, its modifiers
    before it: "police officers", "suspected gang members" -> "members", "wide-body jets".
    A bare word modifies the plural only after an adjective and a whole number above one:
    "one theory suggests" and "0.4 scale heights" are no counts; nor (as the golden sets
    have it) is "900 asylum seekers", where the noun pair stays off the span."""
    first = words[0]
    if len(words) > 1 and first in _NOUN_MODIFIERS and is_plural_noun(words[1]):
        return f"{first} {words[1]}", 1
    for index, word in enumerate(words):
        if index and word in _NOUN_MODIFIERS and index + 1 < len(words) and is_plural_noun(words[index + 1]):
            return (f"{word} {words[index + 1]}", index + 1) if _is_adjective(words[index - 1]) else None
        if word.islower() and is_plural_noun(word):
            modifiers = words[:index]
            if all(_is_adjective(m) or "-" in m for m in modifiers[:-1]) and (
                not modifiers
                or _is_adjective(modifiers[-1])
                or "-" in modifiers[-1]
                or (many and index > 1 and "-" not in modifiers[-2] and _is_adjective(modifiers[-2]) and _is_noun_modifier(modifiers[-1]))
            ):
                return word, index
        if not (_is_adjective(word) or "-" in word or (many and index > 0 and _is_noun_modifier(word))):
            return None
    return None


def _compound_noun(words: list[str]) -> tuple[str, int] | None:
    """Return the plural after one or two bare nouns and its index: "space shuttle orbiters".
    Only a spelled-out number takes it: "four" is no count without its noun, while "900" in
    "900 asylum seekers" counts alone."""
    for index in (1, 2):
        if index < len(words) and words[index].islower() and is_plural_noun(words[index]):
            return (words[index], index) if all(_is_noun_modifier(w) for w in words[:index]) else None
    return None


def _is_noun_modifier(word: str) -> bool:
    """Return whether a bare singular word may modify the plural after it: "gang members", "gold medals"."""
    return word.islower() and len(word) > 2 and word not in _NOT_MODIFIERS and not is_plural_noun(word)


def _is_adjective(word: str) -> bool:
    """Return whether a word may stand between a number and its noun: "Syrian", "armed", "new"."""
    if word[0].isupper():
        return word.lower() not in _NOT_PLURAL_NOUNS and not is_plural_noun(word.lower())
    return word in _ADJECTIVES or (len(word) > 4 and word.endswith(_ADJECTIVE_ENDINGS))


def is_plural_noun(word: str) -> bool:
    """Return whether a lowercase word reads as a counted plural noun ("migrants", "people")."""
    if word in _IRREGULAR_PLURALS:
        return True
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in _NOT_PLURAL_NOUNS
    )
