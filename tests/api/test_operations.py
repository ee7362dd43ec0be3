"""Health, readiness, metrics and OpenAPI (the batcher's own tests are in tests/serving)."""

import threading

import msgspec
from litestar.testing import TestClient

from service.api.app import create_app
from service.api.schemas import MAX_ID_CHARS, BatchRequest, ExtractRequest
from service.settings import Settings


def test_readiness_is_503_until_the_pipeline_is_loaded(pipeline, until_ready):
    release = threading.Event()

    def slow_loader(path):
        release.wait(30)
        return pipeline

    with TestClient(create_app(Settings(), load_pipeline=slow_loader)) as client:
        assert client.get("/healthz").status_code == 200
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.headers["retry-after"] == "2"
        extract = client.post("/v1/extract", json={"text": "Hello there."})
        assert extract.status_code == 503 and extract.headers["retry-after"] == "2"
        release.set()
        until_ready(client)
        assert client.post("/v1/extract", json={"text": "Hello there."}).status_code == 200


def test_a_pipeline_that_fails_to_load_fails_liveness(caplog):
    def broken_loader(path):
        raise FileNotFoundError(f"no artifact in {path}")

    with TestClient(create_app(Settings(), load_pipeline=broken_loader)) as client:
        for _ in range(200):
            if client.get("/healthz").status_code == 503:
                break
            threading.Event().wait(0.01)
        assert client.get("/healthz").json() == {"status": "failed"}
        assert client.get("/readyz").status_code == 503
    assert "pipeline failed to load" in caplog.text


def test_metrics_report_serving_vocabulary(client):
    client.post("/v1/extract", json={"text": "Police said 12 people were hurt on Monday."})
    client.post("/v1/extract", json={"text": ""})
    text = client.get("/metrics").text
    for name in ("claimex_requests_total", "claimex_request_duration_seconds_bucket",
                 "claimex_requests_in_flight", "claimex_inference_duration_seconds_count",
                 "claimex_queue_duration_seconds_count", "claimex_batch_size_bucket"):
        assert name in text, name
    assert 'route="/v1/extract",status="200"' in text
    assert 'route="/v1/extract",status="422"' in text


def resolve(document: dict, schema: dict) -> dict:
    """Return the component a `$ref` schema points to (or the schema itself)."""
    ref = schema.get("$ref")
    return document["components"]["schemas"][ref.rsplit("/", 1)[1]] if ref else schema


def test_openapi_documents_both_body_media_types(client):
    schema = client.get("/schema/openapi.json").json()
    operation = schema["paths"]["/v1/extract"]["post"]
    body = operation["requestBody"]["content"]
    assert "application/json" in body and "text/plain; charset=utf-8" in body
    assert resolve(schema, body["application/json"]["schema"])["required"] == ["text"]
    assert resolve(schema, body["text/plain; charset=utf-8"]["schema"])["type"] == "string"
    query = {p["name"] for p in operation["parameters"] if p["in"] == "query"}
    assert query == {"published_at", "id", "url", "min_score", "format"}
    batch = schema["paths"]["/v1/extract/batch"]["post"]["requestBody"]["content"]["application/json"]
    documents = resolve(schema, batch["schema"])["properties"]["documents"]
    assert resolve(schema, documents["items"]) == resolve(schema, body["application/json"]["schema"])


def test_openapi_request_schemas_are_generated_from_the_structs(client):
    # Each request component is what msgspec generates from its Struct, so the two cannot drift apart.
    document = client.get("/schema/openapi.json").json()
    _, generated = msgspec.json.schema_components([ExtractRequest, BatchRequest],
                                                  ref_template="#/components/schemas/{name}")
    for name in ("ExtractRequest", "BatchRequest"):
        published = document["components"]["schemas"][name]
        assert published["properties"].keys() == generated[name]["properties"].keys()
        assert published["required"] == generated[name]["required"]
        assert published["additionalProperties"] is False
    assert document["components"]["schemas"]["ExtractRequest"]["properties"]["id"]["anyOf"][0]["maxLength"] == MAX_ID_CHARS


def test_openapi_documents_every_error_as_problem_details_and_the_limits(small_client):
    document = small_client.get("/schema/openapi.json").json()
    for path in ("/v1/extract", "/v1/extract/batch"):
        responses = document["paths"][path]["post"]["responses"]
        assert {"400", "406", "408", "413", "415", "422", "503"} <= responses.keys()
        for status, response in responses.items():
            if status != "200":
                assert response["content"]["application/problem+json"]["schema"]["$ref"].endswith("/Problem")
        assert responses["503"]["headers"]["Retry-After"]["required"] is True
    assert "503" in document["paths"]["/readyz"]["get"]["responses"]
    schemas = document["components"]["schemas"]
    text = schemas["ExtractRequest"]["properties"]["text"]
    # small_client's limits: 500 characters, 2 documents.
    assert (text["minLength"], text["maxLength"], text["pattern"]) == (1, 500, "\\S")
    assert schemas["ArticleText"]["maxLength"] == 500
    documents = schemas["BatchRequest"]["properties"]["documents"]
    assert (documents["minItems"], documents["maxItems"]) == (1, 2)
    published_at = schemas["ExtractRequest"]["properties"]["published_at"]["anyOf"][0]
    assert published_at["anyOf"] == [{"format": "date"}, {"format": "date-time"}]
    assert set(schemas["Problem"]["required"]) == {"type", "title", "status"}


def test_openapi_documents_the_bearer_key_and_its_401_only_where_a_key_is_needed(tmp_path):
    keys = tmp_path / "keys"
    keys.write_text("k" * 32 + "\n")
    app = create_app(Settings(api_keys_file=keys), load_pipeline=lambda path: None)
    document = app.openapi_schema.to_schema()
    assert document["components"]["securitySchemes"] == {"bearer": {"type": "http", "scheme": "bearer"}}
    extract = document["paths"]["/v1/extract"]["post"]
    assert extract["security"] == [{"bearer": []}] and "WWW-Authenticate" in extract["responses"]["401"]["headers"]
    for open_path in ("/healthz", "/readyz"):
        operation = document["paths"][open_path]["get"]
        assert "401" not in operation["responses"] and "security" not in operation
    without_keys = create_app(Settings(), load_pipeline=lambda path: None).openapi_schema.to_schema()
    assert "401" not in without_keys["paths"]["/v1/extract"]["post"]["responses"]
