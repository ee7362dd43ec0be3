"""The words the rule system knows, as data: one TOML file per concept under `en/`.

Months, weekdays, seasons, parts of day, time units, number words, qualifiers, speech
cues, titles, organization and name words, abbreviations, units and currencies live in
`en/*.toml` (HeidelTime keeps its `resources/english/*` the same way), so a linguist
edits words without touching Python. Each file is read once, on first use, which the
readers do at import; a file that does not fit its schema (an unknown key, a wrong
type, a word listed twice) raises LexiconError naming the file, at start-up, never
later.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TypeVar

import msgspec
import msgspec.toml

from service.lexicon.schema import (
    Abbreviations,
    Currencies,
    Months,
    Names,
    NumberWords,
    Organizations,
    PageLabels,
    PartsOfDay,
    Qualifiers,
    Seasons,
    SpeechCues,
    TimeUnits,
    Titles,
    Units,
    Weekdays,
)

LEXICON_DIR = Path(__file__).resolve().parent / "en"

# Each file of en/ and the schema it is checked against.
SCHEMAS: dict[str, type[msgspec.Struct]] = {
    "abbreviations": Abbreviations,
    "currencies": Currencies,
    "months": Months,
    "names": Names,
    "number_words": NumberWords,
    "organizations": Organizations,
    "page_labels": PageLabels,
    "parts_of_day": PartsOfDay,
    "qualifiers": Qualifiers,
    "seasons": Seasons,
    "speech_cues": SpeechCues,
    "time_units": TimeUnits,
    "titles": Titles,
    "units": Units,
    "weekdays": Weekdays,
}

T = TypeVar("T", bound=msgspec.Struct)


class LexiconError(ValueError):
    """A lexicon file is missing, is not TOML, or does not fit its schema."""


def load(name: str, schema: type[T], directory: Path = LEXICON_DIR) -> T:
    """Return `directory/<name>.toml` decoded into `schema`; raise LexiconError saying which file and why."""
    path = directory / f"{name}.toml"
    try:
        return msgspec.toml.decode(path.read_bytes(), type=schema)
    except (OSError, msgspec.DecodeError, msgspec.ValidationError) as error:
        raise LexiconError(f"lexicon file {path}: {error}") from error


@functools.cache
def months() -> Months:
    """Return the month names and abbreviations (en/months.toml), in calendar order."""
    return load("months", Months)


@functools.cache
def weekdays() -> Weekdays:
    """Return the weekday names and abbreviations (en/weekdays.toml), Monday first."""
    return load("weekdays", Weekdays)


@functools.cache
def seasons() -> Seasons:
    """Return the season words and their TIMEX3 codes (en/seasons.toml)."""
    return load("seasons", Seasons)


@functools.cache
def parts_of_day() -> PartsOfDay:
    """Return the part-of-day words and their TIMEX3 codes (en/parts_of_day.toml)."""
    return load("parts_of_day", PartsOfDay)


@functools.cache
def number_words() -> NumberWords:
    """Return the number words: cardinals, tens, scales, fractions, ordinals (en/number_words.toml)."""
    return load("number_words", NumberWords)


@functools.cache
def qualifiers() -> Qualifiers:
    """Return the qualifier phrases with their quantity and TIMEX3 meanings (en/qualifiers.toml)."""
    return load("qualifiers", Qualifiers)


@functools.cache
def speech_cues() -> SpeechCues:
    """Return the verbs that attach a speaker to what was said (en/speech_cues.toml)."""
    return load("speech_cues", SpeechCues)


@functools.cache
def titles() -> Titles:
    """Return the titles and role nouns people are named with (en/titles.toml)."""
    return load("titles", Titles)


@functools.cache
def organizations() -> Organizations:
    """Return the words that make a speaker a group, an organization or a country (en/organizations.toml)."""
    return load("organizations", Organizations)


@functools.cache
def names() -> Names:
    """Return the capitalized words that are not personal names, and name particles (en/names.toml)."""
    return load("names", Names)


@functools.cache
def abbreviations() -> Abbreviations:
    """Return the abbreviations whose period does not end a sentence (en/abbreviations.toml)."""
    return load("abbreviations", Abbreviations)


@functools.cache
def units() -> Units:
    """Return the units with their kinds, pint names and aliases (en/units.toml)."""
    return load("units", Units)


@functools.cache
def currencies() -> Currencies:
    """Return the currencies with the prefixes and words that name them (en/currencies.toml)."""
    return load("currencies", Currencies)


@functools.cache
def time_units() -> TimeUnits:
    """Return the calendar and clock units durations count in, with their TIMEX3 units (en/time_units.toml)."""
    return load("time_units", TimeUnits)


@functools.cache
def page_labels() -> PageLabels:
    """Return the labels that open lists of other stories and the site section names (en/page_labels.toml)."""
    return load("page_labels", PageLabels)
