"""The lexicon files: each loads and fits its schema, and a malformed file is refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from service import lexicon
from service.lexicon import LEXICON_DIR, SCHEMAS, LexiconError, load


def _write(directory: Path, name: str, text: str) -> Path:
    path = directory / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _edited(name: str, old: str, new: str) -> str:
    """Return the shipped file `name` with `old` replaced by `new` (once, and it must be there)."""
    text = (LEXICON_DIR / f"{name}.toml").read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not found once in {name}.toml"
    return text.replace(old, new)


def test_every_file_has_a_schema_and_every_schema_a_file():
    assert sorted(p.stem for p in LEXICON_DIR.glob("*.toml")) == sorted(SCHEMAS)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_each_file_loads_through_its_accessor_once(name):
    accessor = getattr(lexicon, name)
    loaded = accessor()
    assert isinstance(loaded, SCHEMAS[name])
    assert accessor() is loaded  # read once, then cached


def test_tables_are_read_only():
    cardinals = lexicon.number_words().cardinals
    with pytest.raises(TypeError):
        cardinals["eleventy"] = 110  # type: ignore[index]
    with pytest.raises(AttributeError):
        lexicon.number_words().cardinals = {}  # type: ignore[misc]


def test_a_file_that_is_not_toml_is_refused_naming_the_file(tmp_path):
    path = _write(tmp_path, "months", _edited("months", 'name = "May"', 'name = "May'))
    with pytest.raises(LexiconError, match=str(path)):
        load("months", SCHEMAS["months"], tmp_path)


def test_an_unknown_key_is_refused(tmp_path):
    _write(tmp_path, "months", _edited("months", 'name = "May"', 'name = "May"\nabbreviation = ["My"]'))
    with pytest.raises(LexiconError, match="unknown field `abbreviation`"):
        load("months", SCHEMAS["months"], tmp_path)


def test_a_value_of_the_wrong_type_is_refused_with_where_it_is(tmp_path):
    _write(tmp_path, "number_words", _edited("number_words", "eleven = 11", 'eleven = "11"'))
    with pytest.raises(LexiconError, match=r"Expected `int`, got `str` - at `\$.cardinals\[...\]`"):
        load("number_words", SCHEMAS["number_words"], tmp_path)


def test_a_code_outside_the_schema_is_refused(tmp_path):
    _write(tmp_path, "parts_of_day", _edited("parts_of_day", 'night = "NI"', 'night = "NT"'))
    with pytest.raises(LexiconError, match="Invalid enum value 'NT'"):
        load("parts_of_day", SCHEMAS["parts_of_day"], tmp_path)


def test_a_key_written_twice_is_refused(tmp_path):
    _write(tmp_path, "seasons", _edited("seasons", 'fall = "FA"', 'fall = "FA"\nfall = "WI"'))
    with pytest.raises(LexiconError, match=r"seasons.toml: Cannot overwrite a value \(at line \d+"):
        load("seasons", SCHEMAS["seasons"], tmp_path)


def test_a_word_listed_twice_is_refused(tmp_path):
    _write(tmp_path, "months", _edited("months", '["Sep", "Sept"]', '["Sep", "Sept", "Sep"]'))
    with pytest.raises(LexiconError, match="'Sep' is listed twice"):
        load("months", SCHEMAS["months"], tmp_path)


def test_a_word_in_two_tables_one_parser_reads_is_refused(tmp_path):
    _write(tmp_path, "number_words", _edited("number_words", "twenty = 20", "twenty = 20\nten = 10"))
    with pytest.raises(LexiconError, match="'ten' is in both cardinals and tens"):
        load("number_words", SCHEMAS["number_words"], tmp_path)


def test_a_word_with_capitals_in_a_lowercase_list_is_refused(tmp_path):
    _write(tmp_path, "seasons", _edited("seasons", 'winter = "WI"', 'Winter = "WI"'))
    with pytest.raises(LexiconError, match="'Winter' must be lowercase"):
        load("seasons", SCHEMAS["seasons"], tmp_path)


def test_a_missing_file_is_refused_naming_it(tmp_path):
    with pytest.raises(LexiconError, match="weekdays.toml"):
        load("weekdays", SCHEMAS["weekdays"], tmp_path)


def test_months_are_twelve_in_calendar_order():
    months = lexicon.months().month
    assert [m.name for m in months][:2] == ["January", "February"] and months[8].abbreviations == ("Sep", "Sept")


def test_a_thirteenth_month_is_refused(tmp_path):
    text = (LEXICON_DIR / "months.toml").read_text(encoding="utf-8") + '\n[[month]]\nname = "Undecimber"\n'
    _write(tmp_path, "months", text)
    with pytest.raises(LexiconError, match="12 months expected, got 13"):
        load("months", SCHEMAS["months"], tmp_path)


def test_every_season_code_has_its_first_month(tmp_path):
    _write(tmp_path, "seasons", _edited("seasons", "WI = 12\n", ""))
    with pytest.raises(LexiconError, match=r"no month for \['WI'\]"):
        load("seasons", SCHEMAS["seasons"], tmp_path)


def test_the_files_ship_in_the_package():
    import tomllib

    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["service.lexicon"]
    shipped = {p for pattern in patterns for p in LEXICON_DIR.parent.glob(pattern)}
    assert shipped == set(LEXICON_DIR.glob("*.toml"))


def test_nearly_has_one_entry_giving_both_its_meanings():
    from service.core.types import Qualifier
    from service.extractors.dates.mods import timex_mod
    from service.extractors.quantities.words import read_qualifier

    nearly = lexicon.qualifiers().qualifiers["nearly"]
    assert (nearly.quantity, nearly.timex_mod) == (Qualifier.NEARLY, "LESS_THAN")
    # Both readers take their meaning from that entry.
    assert read_qualifier("nearly 300", len("nearly ")) == (Qualifier.NEARLY, 0)
    assert timex_mod("nearly a decade") == "LESS_THAN"


def test_a_qualifier_without_a_meaning_is_refused(tmp_path):
    _write(tmp_path, "qualifiers", _edited("qualifiers", '"only"             = { ago = true }', '"only" = { }'))
    with pytest.raises(LexiconError, match="a qualifier needs quantity, timex_mod, duration or ago"):
        load("qualifiers", SCHEMAS["qualifiers"], tmp_path)


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ('"exactly"          = { quantity = "exactly" }', '"exactly" = { quantity = "precisely" }',
         "Invalid enum value 'precisely'"),
        ('"early"            = { timex_mod = "START" }', '"early" = { timex_mod = "BEGIN" }',
         "Invalid enum value 'BEGIN'"),
        ('"early"            = { timex_mod = "START" }', '"early" = { timex_mod = "START", mod = "START" }',
         "unknown field `mod`"),
        ('"~" = "about"', '"~~" = "about"', "each symbol is one character"),
        ('"about"            =', '"About"            =', "'About' must be lowercase"),
    ],
)
def test_a_malformed_qualifier_is_refused(tmp_path, old, new, error):
    _write(tmp_path, "qualifiers", _edited("qualifiers", old, new))
    with pytest.raises(LexiconError, match=error):
        load("qualifiers", SCHEMAS["qualifiers"], tmp_path)


def test_a_framing_verb_that_is_a_speech_verb_already_is_refused(tmp_path):
    text = _edited("speech_cues", 'framing = [\n    "called",', 'framing = [\n    "said", "called",')
    _write(tmp_path, "speech_cues", text)
    with pytest.raises(LexiconError, match="'said' is in both speech and framing"):
        load("speech_cues", SCHEMAS["speech_cues"], tmp_path)


def test_an_organization_ending_that_is_a_group_noun_already_is_refused(tmp_path):
    text = _edited("organizations", 'organization_endings = [\n    "inc",', 'organization_endings = [\n    "police", "inc",')
    _write(tmp_path, "organizations", text)
    with pytest.raises(LexiconError, match="'police' is in both groups and organization_endings"):
        load("organizations", SCHEMAS["organizations"], tmp_path)


def test_calendar_names_are_not_names_once_from_the_calendar_files():
    calendar = {m.name.lower() for m in lexicon.months().month} | {d.name.lower() for d in lexicon.weekdays().weekday}
    assert not calendar & set(lexicon.names().not_names)


def test_readers_build_their_sets_from_the_lexicon():
    from service.extractors.attribution.cues import EMBEDDING_VERBS, SPEECH_VERBS
    from service.extractors.attribution.people import GROUP_NOUNS, TITLES

    assert SPEECH_VERBS == set(lexicon.speech_cues().speech)
    assert EMBEDDING_VERBS == set(lexicon.speech_cues().speech) | set(lexicon.speech_cues().framing)
    assert TITLES == set(lexicon.titles().titles) and GROUP_NOUNS == set(lexicon.organizations().groups)


def test_calendar_abbreviations_are_listed_once_in_the_calendar_files():
    calendar = {a.lower() for m in lexicon.months().month for a in m.abbreviations}
    calendar |= {a.lower() for d in lexicon.weekdays().weekday for a in d.abbreviations}
    assert not calendar & set(lexicon.abbreviations().sentence_internal)
    from service.core.spans import Span
    from service.text.segment import sentences

    text = "It opened on Tues. Sept. 4 with Gen. Smith. Then it closed."
    assert len(sentences(text, Span(start=0, end=len(text)))) == 2


def test_every_unit_and_currency_alias_names_its_unit():
    from service.normalize.units import lookup_unit

    for symbol, unit in lexicon.units().units.items():
        for alias in (symbol, *unit.symbols, *unit.words):
            assert lookup_unit(alias).symbol == symbol, alias
    for code, currency in lexicon.currencies().currencies.items():
        for alias in (code, *currency.prefixes, *currency.words):
            assert lookup_unit(alias).symbol == code, alias


def test_every_currency_family_is_shared_and_read_as_itself():
    from service.normalize.iso_currencies import CURRENCY_FAMILIES
    from service.normalize.units import lookup_unit

    curated = {w for c in lexicon.currencies().currencies.values() for w in c.words}
    assert set(CURRENCY_FAMILIES) == set(lexicon.currencies().families)
    for name, family in CURRENCY_FAMILIES.items():
        assert len(family.countries) >= 2 and all(family.countries.values()), name
        assert not set(family.words) & curated, name
        assert {lookup_unit(word).symbol for word in family.words} == {name}
    assert "won" not in CURRENCY_FAMILIES  # an English verb


def test_a_glued_minor_letter_names_the_minor_unit():
    from service.normalize.units import lookup_unit

    for code, currency in lexicon.currencies().currencies.items():
        for letter in currency.minor_glued:
            spec = lookup_unit(letter)
            assert spec.symbol == currency.minor_words[0] and spec.normalized_symbol == code, letter


def test_no_word_names_both_a_unit_and_a_currency():
    unit_words = {w for unit in lexicon.units().units.values() for w in unit.words}
    assert not unit_words & {w for c in lexicon.currencies().currencies.values() for w in c.words}


@pytest.mark.parametrize(
    ("name", "old", "new", "error"),
    [
        ("units", 'symbols = ["kg"]', 'symbols = ["kg", "km"]', "'km' is listed twice"),
        ("units", 'words = ["acre", "acres"]', 'words = ["acre", "acres", "Acres"]', "'Acres' must be lowercase"),
        ("units", 'kind = "speed"\npint = "knot"', 'kind = "velocity"\npint = "knot"', "Invalid enum value 'velocity'"),
        ("units", 'a = "year"\n', "", "normalized unit 'a' has no pint name"),
        ("units", 'F = "°F"', 'F = "°K"', "glued: 'F' must be one letter naming a unit"),
        ("units", 'K = "K"', 'K = "kelvin"', "spaced: 'K' must be one letter naming a unit"),
        ("currencies", "[currencies.TRY]", "[currencies.TL]", "'TL' is not an ISO 4217 code"),
        ("currencies", 'prefixes = ["HK$", "HK $"]', 'prefixes = ["HK$", "HK $", "$"]', "'\\$' is listed twice"),
        ("currencies", 'minor_glued = ["p"]', 'minor_glued = ["pp"]', "'pp' must be one letter"),
        ("currencies", 'families = ["dinar",', 'families = ["Dinar",', "'Dinar' must be lowercase"),
    ],
)
def test_a_malformed_unit_or_currency_is_refused(tmp_path, name, old, new, error):
    _write(tmp_path, name, _edited(name, old, new))
    with pytest.raises(LexiconError, match=error):
        load(name, SCHEMAS[name], tmp_path)


def test_a_time_unit_timex3_does_not_count_in_is_refused(tmp_path):
    _write(tmp_path, "time_units", _edited("time_units", 'week = "WEEK"', 'week = "WEEK"\nmillennium = "MILLENNIUM"'))
    with pytest.raises(LexiconError, match="Invalid enum value 'MILLENNIUM'"):
        load("time_units", SCHEMAS["time_units"], tmp_path)
