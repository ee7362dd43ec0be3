"""The language of a text, identified by py3langid (langid.py's maintained fork; its model
ships in the wheel, so nothing is fetched at run time).

The extractors' rules, word lists and models are English; other languages' numbers
("2 000 kilomètres"), dates and speech cues would come out as garbage, so a text
identified as another language is answered with a warning and no extraction.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from py3langid.langid import MODEL_FILE, LanguageIdentifier

SUPPORTED = frozenset({"en"})
# Only this much of a text is read: the language of a page shows in its first few thousand
# characters, and identification time grows with the length.
_SAMPLE_CHARS = 5_000
# A text is taken as not English only when it is long enough to tell and the identifier is
# this sure: short English lines ("Thank you.") are sometimes given another language.
MIN_WORDS = 8
MIN_CONFIDENCE = 0.95


@dataclass(frozen=True, slots=True)
class Language:
    """An identified language: its ISO 639-1 code, the identifier's probability, and whether
    the text was long enough to tell."""

    code: str
    confidence: float
    long_enough: bool

    @property
    def supported(self) -> bool:
        """Whether the text is extracted: English, or not surely another language."""
        return self.code in SUPPORTED or not self.long_enough or self.confidence < MIN_CONFIDENCE


@functools.cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> Language:
    """Return the most probable language of `text` (of its first 5,000 characters)."""
    sample = text[:_SAMPLE_CHARS]
    code, probability = _identifier().classify(sample)
    return Language(code=str(code), confidence=round(float(probability), 4),
                    long_enough=len(sample.split()) >= MIN_WORDS)
