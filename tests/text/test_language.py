"""Language identification: English is read; a text surely in another language is not."""

import pytest

from service.text.language import identify_language

ENGLISH = "Defence officials confirmed on Tuesday that the new missile has a range of more than 2,000 kilometres."


@pytest.mark.parametrize(("text", "code"), [
    ("Le ministre a confirmé mardi que plus de 2 000 personnes avaient été évacuées de la région.", "fr"),
    ("El ministro confirmó el martes que más de 2.000 personas habían sido evacuadas de la zona.", "es"),
    ("Der Minister bestätigte am Dienstag, dass mehr als 2.000 Menschen evakuiert worden seien.", "de"),
])
def test_a_text_in_another_language_is_identified_and_not_supported(text, code):
    language = identify_language(text)
    assert language.code == code and language.confidence >= 0.95 and not language.supported


def test_english_is_supported():
    language = identify_language(ENGLISH)
    assert language.code == "en" and language.supported


def test_a_text_too_short_to_tell_is_read_as_english():
    # "Thank you" and the like may be given another language; too short to refuse.
    assert identify_language("Gracias, señor.").supported
