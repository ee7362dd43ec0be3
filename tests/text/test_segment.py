from service.core.spans import Span
from service.text.segment import paragraphs, sentences


def split(text: str) -> list[str]:
    return [text[s.start : s.end] for p in paragraphs(text) for s in sentences(text, p)]


def test_paragraphs_are_non_blank_lines_stripped():
    text = "Title\n\n  First paragraph.  \r\nSecond one.\n\n\n"
    assert [text[p.start : p.end] for p in paragraphs(text)] == ["Title", "First paragraph.", "Second one."]


def test_sentences_respect_abbreviations_initials_and_quotes():
    text = (
        "The organization was founded by science fiction writer L. Ron Hubbard in the U.S. in 1954. "
        "Mr. Smith met Gen. Ivanov on Jan. 5. "
        "\"We will win,\" he said. It was 3.5 km away! Was it?"
    )
    assert split(text) == [
        "The organization was founded by science fiction writer L. Ron Hubbard in the U.S. in 1954.",
        "Mr. Smith met Gen. Ivanov on Jan. 5.",
        "\"We will win,\" he said.",
        "It was 3.5 km away!",
        "Was it?",
    ]


def test_quoted_question_followed_by_lowercase_attribution_is_one_sentence():
    text = "\"Why now?\" she asked. Nobody answered."
    assert split(text) == ["\"Why now?\" she asked.", "Nobody answered."]


def test_sentences_of_a_block_lie_inside_it():
    text = "Intro.\nOne. Two."
    block = paragraphs(text)[1]
    assert block == Span(start=7, end=16)
    assert [(s.start, s.end) for s in sentences(text, block)] == [(7, 11), (12, 16)]


def test_a_line_broken_inside_a_dateline_is_one_block_and_one_sentence():
    from service.text.segment import paragraphs, sentences

    text = "ORLANDO, Fla.,\non Tuesday the county said 40 homes were flooded.\nA second paragraph."
    blocks = paragraphs(text)
    assert [text[b.start : b.end] for b in blocks] == [
        "ORLANDO, Fla.,\non Tuesday the county said 40 homes were flooded.", "A second paragraph."]
    assert [text[s.start : s.end] for s in sentences(text, blocks[0])] == [text[blocks[0].start : blocks[0].end]]
