"""Numbers in digits and words parse to floats; the regex fragments match whole numbers."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.normalize.numbers import FRACTION, NUMBER, RATIO, parse_number, scale_factor


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12,500", 12500.0),
        ("1.2", 1.2),
        ("1.2 million", 1_200_000.0),
        ("2.4bn", 2_400_000_000.0),
        ("$2.4bn", 2_400_000_000.0),
        ("£5 million", 5_000_000.0),
        ("3m", 3_000_000.0),
        ("5k", 5000.0),
        ("1.1tn", 1.1e12),
        ("two", 2.0),
        ("Seventeen", 17.0),
        ("twenty-five", 25.0),
        ("ninety nine", 99.0),
        ("one hundred and twenty", 120.0),
        ("two hundred thousand", 200_000.0),
        ("two and a half", 2.5),
        ("two and a half million", 2_500_000.0),
        ("a dozen", 12.0),
        ("half a dozen", 6.0),
        ("a million", 1_000_000.0),
        ("half a million", 500_000.0),
        ("thousands", 1000.0),
        ("tens of thousands", 10_000.0),
        ("hundreds of thousands", 100_000.0),  # the lower bound
        ("a third of", 1 / 3),
        ("a quarter of", 0.25),
        ("two-thirds", 2 / 3),
        ("three quarters", 0.75),
        ("half", 0.5),
        ("one in five", 0.2),
        ("1 in 4", 0.25),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text", ["", "   ", "Route", "one of the", "12,34", "1.2.3", "a", "and", "9" * 400]
)
def test_parse_number_rejects_non_numbers(text):
    assert parse_number(text) is None


def test_bare_scale_word_is_its_scale():
    assert parse_number("million") == 1_000_000.0


@pytest.mark.parametrize(
    ("text", "factor"), [("5 million", 1e6), ("2.4bn", 1e9), ("3m", 1e6), ("12,000", 1.0), ("two", 1.0)]
)
def test_scale_factor(text, factor):
    assert scale_factor(text) == factor


def _numbers(text):
    return [m.group() for m in re.finditer(NUMBER, text)]


def test_number_pattern_takes_whole_numbers():
    text = "About 12,500 people, twenty-five of whom, two and a half million, half a million and 2.4bn"
    assert _numbers(text) == ["12,500", "twenty-five", "two and a half million", "half a million", "2.4bn"]


def test_number_pattern_skips_tails_of_tokens():
    # "G20" and "1.2.3" are single tokens; "someone" and "often" hide number words
    assert _numbers("G20 MH17 1.2.3 someone often") == []


def test_number_pattern_does_not_take_metre_or_kilogram_units_as_scales():
    assert _numbers("5km 3mph 5kg") == ["5", "3", "5"]


def test_fraction_needs_of():
    found = [m.group() for m in re.finditer(FRACTION, "a third of voters, a quarter century, two-thirds of them")]
    assert found == ["a third", "two-thirds"]


def test_ratio_pattern():
    assert [m.group() for m in re.finditer(RATIO, "one in five adults and 3 in 10 homes")] == [
        "one in five",
        "3 in 10",
    ]


_SCALES = {"": 1, " thousand": 1e3, " million": 1e6, " billion": 1e9, "bn": 1e9, "m": 1e6, "k": 1e3}


@given(st.integers(min_value=0, max_value=10**12), st.sampled_from(sorted(_SCALES)))
def test_integers_with_separators_and_scales_parse_back(number, scale):
    assert parse_number(f"{number:,}{scale}") == pytest.approx(number * _SCALES[scale])


@given(
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
    st.sampled_from(sorted(_SCALES)),
)
def test_decimals_with_separators_and_scales_parse_back(number, scale):
    assert parse_number(f"{number:,}{scale}") == pytest.approx(float(number) * _SCALES[scale])


@given(st.text(max_size=80))
def test_parse_number_never_raises(text):
    value = parse_number(text)
    assert value is None or value == value  # a float, never NaN


_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen".split()
_ONES += "fifteen sixteen seventeen eighteen nineteen".split()
_TENS_WORDS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def _spell_below_thousand(n, joiner, british):
    words = []
    if n >= 100:
        words += [_ONES[n // 100], "hundred"]
        n %= 100
        if n and british:
            words.append("and")
    if n >= 20:
        words.append(_TENS_WORDS[n // 10] + (joiner + _ONES[n % 10] if n % 10 else ""))
    elif n or not words:
        words.append(_ONES[n])
    return words


def _spell(n, joiner="-", british=False):
    """Spell an integer below a billion the ways news writes it: "two hundred and forty-one"."""
    words = []
    for scale, name in ((10**6, "million"), (10**3, "thousand")):
        if n >= scale:
            words += _spell_below_thousand(n // scale, joiner, british) + [name]
            n %= scale
    if n or not words:
        words += _spell_below_thousand(n, joiner, british)
    return " ".join(words)


@given(
    st.integers(min_value=0, max_value=999_999_999),
    st.sampled_from(["-", " "]),
    st.booleans(),
    st.booleans(),
)
def test_numbers_in_words_parse_back(number, joiner, british, capitalised):
    text = _spell(number, joiner, british)
    assert parse_number(text.capitalize() if capitalised else text) == number


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["thousand", "million", "billion"]))
def test_digits_with_a_scale_word_and_words_with_a_scale_word_agree(number, scale):
    assert parse_number(f"{number} {scale}") == parse_number(f"{_spell(number)} {scale}")
