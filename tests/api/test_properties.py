"""Properties over random input: no 5xx ever, every span slices the text it was sent."""

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

# Characters that stress the text layer and the extractors: quotes of every kind,
# mojibake pieces, digits and units, RTL, emoji, NUL and other controls.
NASTY = list("\"'“”‘’«»„†â€œ™\x9dÃ©ðŸ˜€0123456789.,%$£€-–— \n\t\x00\u200f\u202eאבגعربي😀🇫🇷")
nasty_text = st.text(alphabet=st.sampled_from(NASTY) | st.characters(codec="utf-8"), max_size=400)


def assert_contract(text: str, response) -> None:
    assert response.status_code < 500, response.text
    if response.status_code != 200:
        assert response.headers["content-type"].startswith("application/problem+json")
        return
    body = response.json()
    for kind in ("quantities", "dates", "quotes", "claims"):
        for item in body[kind]:
            spans = [item] + [item[p] for p in ("content", "speaker", "cue") if isinstance(item.get(p), dict)]
            spans += item.get("occurrences", [])
            for span in spans:
                assert 0 <= span["start"] <= span["end"] <= len(text)
                assert text[span["start"] : span["end"]] == span["text"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=nasty_text)
def test_random_unicode_never_5xx_and_spans_hold(shared_client, text):
    response = shared_client.post("/v1/extract", json={"text": text, "published_at": "2022-03-12"})
    assert_contract(text, response)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=nasty_text)
def test_random_plain_text_bodies_never_5xx(shared_client, text):
    response = shared_client.post("/v1/extract", content=text.encode("utf-8"),
                                  headers={"Content-Type": "text/plain; charset=utf-8"})
    assert_contract(text, response)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_random_bytes_as_json_never_5xx(shared_client, body):
    response = shared_client.post("/v1/extract", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code < 500, response.text


def test_100k_characters_of_mixed_text(shared_client):
    rng = random.Random(2026)
    words = ["said", "“We", "will”", "2,000", "km", "Tuesday", "â€œ", "â€", "†", "F-35", "(217", "miles)",
             "the", "minister", "according", "to", "\x00", "😀", "עברית", "15%", "$2.4bn", "\n\n", "\"", "'"]
    text = " ".join(rng.choice(words) for _ in range(30_000))[:100_000]
    response = shared_client.post("/v1/extract", json={"text": text}, timeout=120)
    assert response.status_code == 200
    assert_contract(text, response)


def test_json_lone_surrogate_escape_is_a_client_error(shared_client):
    raw = json.dumps({"text": "a"}).replace('"a"', '"\\ud83d quoted"').encode()
    response = shared_client.post("/v1/extract", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == 400
