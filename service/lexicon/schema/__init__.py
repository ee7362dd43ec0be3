"""The shape of each lexicon file, as a frozen msgspec Struct checked while it is decoded.

Decoding rejects unknown keys and values of the wrong type; `__post_init__` rejects
what a type cannot say: a word listed twice, a word in two tables that one reader
merges, a reference to a unit that is not defined. Lists stay tuples in file order
(the order some regexes are built in); tables become read-only mappings.

The tables are grouped by what they describe: `time` (calendar and clock words),
`words` (numbers, qualifiers, speech, people and page words), `measures` (units and
currencies); `base` holds the checks they share.
"""

from service.lexicon.schema.measures import Currencies, Currency, PintReading, Unit, Units
from service.lexicon.schema.time import Month, Months, PartsOfDay, Seasons, TimeUnits, Weekday, Weekdays
from service.lexicon.schema.words import (
    Abbreviations,
    Names,
    NumberWords,
    Organizations,
    PageLabels,
    QualifierSense,
    Qualifiers,
    SpeechCues,
    Titles,
)

__all__ = [
    "Abbreviations", "Currencies", "Currency", "Month", "Months", "Names", "NumberWords", "Organizations",
    "PageLabels", "PartsOfDay", "PintReading", "QualifierSense", "Qualifiers", "Seasons", "SpeechCues",
    "TimeUnits", "Titles", "Unit", "Units", "Weekday", "Weekdays",
]
