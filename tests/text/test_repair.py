from hypothesis import given, settings
from hypothesis import strategies as st

from service.text.repair import repair_text


def mapped(original: str, working_start: int, working_end: int) -> str:
    repaired = repair_text(original)
    start, end = repaired.offsets.to_original(working_start, working_end)
    return original[start:end]


def test_clean_text_is_untouched_and_maps_to_itself():
    text = "Daniel Montalvo, 19, was released on US$ 20,000 bail on Thursday."
    repaired = repair_text(text)
    assert repaired.text == text
    assert repaired.repairs == 0
    assert repaired.offsets.to_original(7, 15) == (7, 15)


def test_utf8_read_as_cp1252_is_repaired_with_exact_offsets():
    original = "He said â€œwe will winâ€\x9d and donâ€™t forget"
    repaired = repair_text(original)
    assert repaired.text == "He said “we will win” and don’t forget"
    open_quote = repaired.text.index("“")
    assert mapped(original, open_quote, open_quote + 1) == "â€œ"
    word = repaired.text.index("don’t")
    assert mapped(original, word, word + 5) == "donâ€™t"


def test_trailing_lost_byte_closing_quote_is_restored():
    # The third byte of ” (0x9D) has no cp1252 character and is often dropped.
    original = "â€œWe will not back down,â€ the mayor said."
    repaired = repair_text(original)
    assert repaired.text == "“We will not back down,” the mayor said."
    close = repaired.text.index("”")
    assert mapped(original, close, close + 1) == "â€"


def test_dagger_where_a_closing_quote_stood_is_restored():
    # ftfy and cp1252 decoders turn "â€ " (closing quote, lost byte, space) into "†".
    original = "He said “we will win†and left."
    repaired = repair_text(original)
    assert repaired.text == "He said “we will win” and left."
    quote = repaired.text.index("“")
    end = repaired.text.index("” ") + 1
    assert mapped(original, quote, end) == "“we will win†"


def test_dagger_as_a_footnote_mark_is_kept():
    assert repair_text("Smith† wrote the report.").text == "Smith† wrote the report."


def test_latin_mojibake_and_emoji():
    assert repair_text("Ã©tÃ© in SÃ£o Paulo").text == "été in São Paulo"
    assert repair_text("ðŸ˜€ fine").text == "😀 fine"


def test_correct_non_ascii_is_not_touched():
    text = "Araújo Noguera said «non» — 5 °C, €300, naïve café"
    assert repair_text(text).text == text


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aâ€œ™\x9d†Ã©ðŸ˜ \n\"“”")) | st.characters(), max_size=200))
def test_every_working_span_maps_inside_the_original(original):
    repaired = repair_text(original)
    n = len(repaired.text)
    assert len(repaired.offsets.starts) == n == len(repaired.offsets.ends)
    previous = 0
    for i in range(n):
        start, end = repaired.offsets.to_original(i, i + 1)
        assert previous <= start <= end <= len(original)
        previous = start
    if n:
        assert repaired.offsets.to_original(0, n)[1] <= len(original)
