from service.core.spans import Span
from service.text.repeats import repeat_groups, repeat_key


def test_key_ignores_case_punctuation_and_spacing():
    assert repeat_key("Russia tests  new missile!") == repeat_key("RUSSIA tests new missile")


def test_teaser_headline_repeated_three_times_is_one_group():
    lines = [
        "Russia tests new hypersonic missile",
        "Share",
        "Russia tests new hypersonic missile",
        "The test took place on Tuesday.",
        "Share",
        "Russia tests new hypersonic missile.",
    ]
    text = "\n".join(lines)
    spans, cursor = [], 0
    for line in lines:
        spans.append(Span(start=cursor, end=cursor + len(line)))
        cursor += len(line) + 1
    # "Share" repeats too, but it is a label, not a block worth grouping.
    assert repeat_groups(text, spans) == {0: [2, 5]}
