"""The speech-cue lexicon: verbs that introduce who said what, as frozen sets and regexes."""

from __future__ import annotations

import re

# Verbs that attach a speaker to a direct quote ("…," the mayor said).
SPEECH_VERBS = frozenset(
    """said says say told tells added adds warned warns claimed claims confirmed confirms
    vowed vows stressed stresses insisted insists reported reports announced announces
    stated states explained explains noted notes argued argues denied denies admitted admits
    wrote writes asked asks replied replies declared declares acknowledged acknowledges
    continued continues recalled recalls commented comments responded responds tweeted
    tweets posted concluded concludes cautioned cautions conceded concedes countered
    urged urges promised promises pledged pledges predicted predicts suggested suggests
    exclaimed shouted whispered remarked observed recounted testified emphasised emphasized
    emphasises emphasizes maintained maintains complained complains agreed agrees joked
    jokes quipped quips alleged alleges revealed reveals believes believed""".split()
)
# Verbs that frame a short quoted phrase inside reported speech (called it "reckless").
EMBEDDING_VERBS = SPEECH_VERBS | frozenset(
    """called calls described describes dubbed termed labelled labeled branded praised
    condemned criticised criticized expressed offered welcomed hailed""".split()
)
# Verbs that report speech without quote marks; present-tense forms that are
# more often nouns ("the claims", "reports") are left out.
INDIRECT_VERBS = frozenset(
    """said says told added warned claimed confirmed vowed stressed insisted reported
    announced stated explained noted argued denied admitted wrote declared acknowledged
    believes believed predicted estimated alleged suggested maintained conceded revealed
    cautioned promised pledged say""".split()
)
# Verbs that report a claim or finding only when "that" follows: `the poll found
# that …`, `Democrats argue that …` (without it: `found the keys`, `argue about`).
THAT_VERBS = frozenset(
    """found finds find show shows showed shown indicated indicates indicate suggests
    suggest believe think thinks thought know knows knew agreed agree agrees argue
    argues learned realized realised recognized recognised concluded conclude
    concludes assert asserts asserted contend contends contended claim feared fears
    fear hoped hopes hope expects expect worry worries worried insist warn warns
    acknowledge acknowledges admit admits deny denies note notes stress emphasize
    emphasized emphasised mentioned complained explain recalled testified""".split()
)


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
