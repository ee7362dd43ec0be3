"""The POST /v1/extract contract: shapes, offsets and every error case."""

import json

import pytest

ARTICLE = (
    "Russia tests new missile\n\n"
    "Defence officials confirmed on Tuesday that the new missile has a range of more than "
    "2,000 kilometres (1,243 miles).\n\n"
    "\"We are ready,\" the minister said. Analysts said the minister was expected to resign."
)
SPAN_LISTS = ("quantities", "dates", "quotes", "claims")


def assert_offsets(text: str, body: dict) -> None:
    """Every span in the response slices the sent text exactly."""
    def check(span):
        assert text[span["start"] : span["end"]] == span["text"], span

    for kind in SPAN_LISTS:
        for item in body[kind]:
            check(item)
            for part in ("content", "speaker", "cue"):
                if isinstance(item.get(part), dict):
                    check(item[part])
            for part in ("entity", "property"):
                if isinstance((item.get("subject") or {}).get(part), dict):
                    check(item["subject"][part])
            for occurrence in item.get("occurrences", []):
                check(occurrence)


def test_json_request_answers_the_full_contract(client):
    response = client.post("/v1/extract", json={"text": ARTICLE, "published_at": "2022-03-12", "id": "a1"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) >= {"id", "published_at", "quantities", "dates", "quotes", "claims", "meta"}
    assert body["id"] == "a1"
    assert body["published_at"] == {"value": "2022-03-12", "source": "request"}
    assert_offsets(ARTICLE, body)
    quantity = next(q for q in body["quantities"] if "2,000" in q["text"])
    assert set(quantity) == {"start", "end", "text", "value", "value_max", "unit", "kind", "qualifier",
                             "normalized", "equivalent_to"}
    assert quantity["value"] == 2000
    tuesday = next(d for d in body["dates"] if d["text"] == "Tuesday")
    assert tuesday == {"start": ARTICLE.index("Tuesday"), "end": ARTICLE.index("Tuesday") + 7,
                       "text": "Tuesday", "type": "date", "value": "2022-03-08", "anchored": True}
    assert any(q["type"] == "direct" and q["content"]["text"].startswith("We are ready") for q in body["quotes"])
    for claim in body["claims"]:
        assert set(claim) >= {"start", "end", "text", "speaker", "quantities", "dates", "quotes", "score"}
        assert 0.0 <= claim["score"] <= 1.0
        assert all(0 <= i < len(body["quantities"]) for i in claim["quantities"])
    meta = body["meta"]
    assert meta["model"]["name"] == "claimex-claim-tagger"
    assert [m["name"] for m in meta["models"]] == ["claimex-claim-tagger", "claimex-checkworthiness"]
    assert meta["pipeline"]["claimex"]
    assert meta["timing"]["extraction_ms"] > 0


def test_an_attributed_number_is_one_claim_with_speaker_cue_subject_and_date(client):
    body = client.post("/v1/extract", json={"text": ARTICLE, "published_at": "2022-03-12"}).json()
    claim = next(c for c in body["claims"] if "range" in c["text"])
    assert claim["speaker"] == "Defence officials"
    assert claim["speaker_type"] == "organization"
    assert claim["cue"]["text"] == "confirmed"
    assert claim["event_date"] == "2022-03-08"
    assert claim["section"] == "article"
    (quantity, *_) = [body["quantities"][i] for i in claim["quantities"]]
    assert quantity["qualifier"] == "more_than"
    assert claim["subject"]["quantity"] == body["quantities"].index(quantity)
    assert (claim["subject"]["entity"]["text"], claim["subject"]["property"]["text"]) == ("the new missile", "range")
    parts = claim["score_parts"]
    assert claim["score"] == pytest.approx(0.5 * parts["model"] + 0.5 * parts["structure"], abs=1e-3)
    scores = [c["score"] for c in body["claims"]]
    assert scores == sorted(scores, reverse=True)


def test_min_score_leaves_out_lower_claims_in_json_and_query(client):
    everything = client.post("/v1/extract", json={"text": ARTICLE}).json()["claims"]
    assert len(everything) >= 2
    cut = (everything[0]["score"] + everything[-1]["score"]) / 2
    kept = client.post("/v1/extract", json={"text": ARTICLE, "min_score": cut}).json()["claims"]
    assert kept == [c for c in everything if c["score"] >= cut] and 0 < len(kept) < len(everything)
    plain = client.post(f"/v1/extract?min_score={cut}", content=ARTICLE.encode(),
                        headers={"content-type": "text/plain; charset=utf-8"}).json()["claims"]
    assert plain == kept


@pytest.mark.parametrize("value", [-0.1, 1.5, "high"])
def test_min_score_outside_zero_to_one_is_400(client, value):
    response = client.post("/v1/extract", json={"text": ARTICLE, "min_score": value})
    assert response.status_code == 400
    assert "min_score" in response.json()["detail"]


def test_plain_text_body_with_published_at_in_the_query(client):
    response = client.post(
        "/v1/extract?published_at=2022-03-12T09:30:00Z", content=ARTICLE.encode(),
        headers={"Content-Type": "text/plain; charset=utf-8"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["published_at"] == {"value": "2022-03-12", "source": "request"}
    assert_offsets(ARTICLE, response.json())


def test_query_fields_apply_to_a_json_body_which_wins_where_it_sets_them(client):
    response = client.post("/v1/extract?published_at=2022-03-12&id=from-query", json={"text": ARTICLE, "id": "a1"})
    assert response.status_code == 200, response.text
    assert response.json()["id"] == "a1"
    assert response.json()["published_at"] == {"value": "2022-03-12", "source": "request"}
    # Checked even where the body wins: an invalid query value is a 400 either way.
    problem(client.post("/v1/extract?id=" + "x" * 300, json={"text": ARTICLE, "id": "a1"}), 400)
    body = {"text": ARTICLE, "published_at": "2022-03-12"}
    assert "published_at" in problem(client.post("/v1/extract?published_at=not-a-date", json=body), 400)["detail"]
    assert "min_score" in problem(client.post("/v1/extract?min_score=null", json={"text": ARTICLE}), 400)["detail"]


def test_published_at_reads_rfc3339_lowercase_t_and_z(client):
    body = client.post("/v1/extract", json={"text": ARTICLE, "published_at": "2022-03-12t23:30:00z"}).json()
    assert body["published_at"] == {"value": "2022-03-12", "source": "request"}


def test_publication_date_found_in_the_text(client):
    text = "Scientology defector arrested\n\nSaturday, October 9, 2010\n\nHe was released on Thursday."
    body = client.post("/v1/extract", json={"text": text}).json()
    assert body["published_at"] == {"value": "2010-10-09", "source": "dateline"}
    thursday = next(d for d in body["dates"] if d["text"] == "Thursday")
    assert thursday["value"] == "2010-10-07" and thursday["anchored"] is True


def test_without_any_anchor_relative_dates_are_not_guessed(client):
    body = client.post("/v1/extract", json={"text": "The minister visited on Thursday."}).json()
    assert body["published_at"] is None
    thursday = next(d for d in body["dates"] if d["text"] == "Thursday")
    assert thursday["anchored"] is False
    assert thursday["value"] in (None, "XXXX-WXX-4")


def test_offsets_index_the_original_text_after_mojibake_repair(client):
    text = "â€œWe will not back down,â€ the mayor said on Tuesday. Ã‰tÃ© 😀 ok."
    body = client.post("/v1/extract", json={"text": text, "published_at": "2022-03-12"}).json()
    assert body["meta"]["repairs"] >= 2
    assert_offsets(text, body)
    quote = body["quotes"][0]
    assert quote["content"]["text"].startswith("We will not back down")
    assert body["dates"][0]["text"] == "Tuesday"


def test_batch_returns_results_in_order(client):
    documents = [{"text": "First: 12 people were hurt.", "id": "1"},
                 {"text": "Second: prices rose 15%.", "id": "2"}]
    response = client.post("/v1/extract/batch", json={"documents": documents})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["id"] for r in results] == ["1", "2"]
    for sent, result in zip(documents, results):
        assert_offsets(sent["text"], result)


def problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["title"] and body["type"].startswith("https://")
    return body


@pytest.mark.parametrize("payload", [
    b"{not json", b'{"text": 5}', b"[]", b'{"text": "a", "published_at": 7}', b"",
    b'{"text": "x\\ud800y"}',
])
def test_malformed_json_and_wrong_types_are_400(client, payload):
    problem(client.post("/v1/extract", content=payload, headers={"Content-Type": "application/json"}), 400)


def test_unknown_field_is_400_and_names_it(client):
    body = problem(client.post("/v1/extract", json={"text": "hello", "txet": "typo"}), 400)
    assert "txet" in body["detail"]


def test_invalid_published_at_is_400(client):
    problem(client.post("/v1/extract", json={"text": "hello", "published_at": "last tuesday"}), 400)


@pytest.mark.parametrize("content_type", ["application/xml", "text/html", "text/plain; charset=latin-1", None])
def test_unsupported_media_type_is_415(client, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    problem(client.post("/v1/extract", content=b"<a>hello</a>", headers=headers), 415)


def test_invalid_utf8_plain_text_is_400(client):
    problem(client.post("/v1/extract", content=b"caf\xe9", headers={"Content-Type": "text/plain"}), 400)


@pytest.mark.parametrize("text", ["", "   \n\t "])
def test_empty_text_is_422(client, text):
    problem(client.post("/v1/extract", json={"text": text}), 422)


def test_body_over_the_limit_is_413(small_client):
    problem(small_client.post("/v1/extract", json={"text": "word " * 1000}), 413)


def test_streamed_body_over_the_limit_is_413_without_content_length(small_client):
    def chunks():
        yield b'{"text": "'
        yield b"word " * 1000
        yield b'"}'

    body = problem(small_client.post("/v1/extract", content=chunks(), headers={"Content-Type": "application/json"}), 413)
    assert body["type"].endswith("/payload-too-large") and "2000 bytes" in body["detail"]


def test_text_over_the_limit_is_413(small_client):
    problem(small_client.post("/v1/extract", json={"text": "é" * 501}), 413)


def test_batch_over_the_count_limit_is_413(small_client):
    documents = [{"text": "one"}, {"text": "two"}, {"text": "three"}]
    problem(small_client.post("/v1/extract/batch", json={"documents": documents}), 413)


def test_empty_batch_is_422_and_bad_document_names_its_index(client):
    problem(client.post("/v1/extract/batch", json={"documents": []}), 422)
    body = problem(client.post("/v1/extract/batch", json={"documents": [{"text": "ok"}, {"text": " "}]}), 422)
    assert "documents[1]" in body["detail"]


def test_unknown_route_and_method_are_problem_details(client):
    problem(client.get("/v1/nothing"), 404)
    problem(client.get("/v1/extract"), 405)


def test_response_is_valid_json_with_non_ascii_text(client):
    text = "Le président a dit « 300 km » ce mardi. 東京で5人が負傷した。"
    response = client.post("/v1/extract", json={"text": text})
    assert response.status_code == 200
    assert_offsets(text, json.loads(response.content.decode("utf-8")))


def test_a_text_not_in_english_is_answered_with_a_warning_and_no_extraction(client):
    # Read as English, "2 000 kilomètres" gave two counts, 2 and 0.
    text = ("Le ministre de la Défense a confirmé mardi que le nouveau missile a une portée de plus de "
            "2 000 kilomètres, selon un communiqué publié par le gouvernement.")
    body = client.post("/v1/extract", json={"text": text, "published_at": "2022-03-12"}).json()
    assert body["meta"]["language"]["code"] == "fr" and body["meta"]["language"]["supported"] is False
    assert body["meta"]["warnings"] and "English only" in body["meta"]["warnings"][0]
    assert all(body[kind] == [] for kind in SPAN_LISTS)


def test_an_english_text_reports_its_language_and_no_warning(client):
    body = client.post("/v1/extract", json={"text": ARTICLE, "published_at": "2022-03-12"}).json()
    assert body["meta"]["language"] == {"code": "en", "confidence": body["meta"]["language"]["confidence"],
                                        "supported": True}
    assert "warnings" not in body["meta"] and body["claims"]
