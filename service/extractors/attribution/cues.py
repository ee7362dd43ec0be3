"""The speech cues (en/speech_cues.toml): verbs that introduce who said what, as frozen sets and regexes."""

from __future__ import annotations

import re

from service import lexicon

_CUES = lexicon.speech_cues()

# Verbs that attach a speaker to a direct quote ("…," the mayor said).
SPEECH_VERBS = frozenset(_CUES.speech)
# Verbs that frame a short quoted phrase inside reported speech (called it "reckless").
EMBEDDING_VERBS = SPEECH_VERBS | frozenset(_CUES.framing)
# Verbs that report speech without quote marks; present-tense forms that are
# more often nouns ("the claims", "reports") are left out.
INDIRECT_VERBS = frozenset(_CUES.indirect)
# Verbs that report a claim or finding only when "that" follows: `the poll found
# that …`, `Democrats argue that …` (without it: `found the keys`, `argue about`).
THAT_VERBS = frozenset(_CUES.that)


def _alternation(words: frozenset[str]) -> str:
    """Return a regex alternation of `words`, longest first."""
    return "|".join(sorted(map(re.escape, words), key=lambda w: (-len(w), w)))


SPEECH_CUE = re.compile(rf"\b(?:{_alternation(SPEECH_VERBS)})\b")
EMBEDDING_CUE = re.compile(rf"\b(?:{_alternation(EMBEDDING_VERBS)})\b")
INDIRECT_CUE = re.compile(rf"\b(?:{_alternation(INDIRECT_VERBS | THAT_VERBS)})\b")
ACCORDING_TO = re.compile(r"\b[Aa]ccording\s+to\b")
# Auxiliaries and adverbs allowed between a speaker and its verb ("has also said").
AUXILIARIES = (
    r"(?:(?:has|have|had|was|were|is|are|would|will|also|later|then|previously|reportedly"
    r"|once|recently|earlier|further|repeatedly|publicly|separately|again|just)\s+)*"
)
# A verb of saying right after its subject ("Eastman says", "Paris also claims"), and one
# right before an inverted subject ('...," said Bolden').
SPOKEN_AFTER = re.compile(rf"[ \t]+{AUXILIARIES}(?:{_alternation(SPEECH_VERBS | INDIRECT_VERBS | THAT_VERBS)})\b")
SPOKEN_BEFORE = re.compile(rf"\b(?:{_alternation(SPEECH_VERBS)})[ \t]+$")
