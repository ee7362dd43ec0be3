"""What the OpenAPI document needs beyond what Litestar derives from the handlers.

The handlers read their bodies themselves (JSON or text/plain), so Litestar sees no
request type, and answer errors as problem details, which it does not see either. The
request and problem schemas are generated from the msgspec Structs in schemas.py, never
restated here; the operations below only add what a Struct cannot say: the text/plain
alternative, its query fields, the `format` parameter and which errors each answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec
from litestar.openapi.spec import (
    OpenAPI,
    OpenAPIHeader,
    OpenAPIMediaType,
    OpenAPIResponse,
    Operation,
    Parameter,
    Reference,
    RequestBody,
    Schema,
    SecurityScheme,
)
from litestar.openapi.spec.enums import OpenAPIType

from service.api.errors import PROBLEM_MEDIA_TYPE
from service.api.formats import JSONLD, NDJSON, Format
from service.api.requests import JSON, QUERY_FIELDS, TEXT
from service.api.schemas import BatchRequest, ExtractRequest, Problem
from service.settings import Settings

_REF_TEMPLATE = "#/components/schemas/{name}"
# The text/plain body of POST /v1/extract: ExtractRequest's `text` on its own.
PLAIN_TEXT = "ArticleText"
PLAIN_TEXT_MEDIA_TYPE = f"{TEXT}; charset=utf-8"


def request_components(settings: Settings) -> dict[str, dict[str, Any]]:
    """Return the JSON Schemas of the request bodies and of problem details by component name,
    generated from the Structs, with the limits that come from the settings."""
    _, components = msgspec.json.schema_components([ExtractRequest, BatchRequest, Problem],
                                                   ref_template=_REF_TEMPLATE)
    components[ExtractRequest.__name__]["properties"]["text"]["maxLength"] = settings.max_text_chars
    components[BatchRequest.__name__]["properties"]["documents"]["maxItems"] = settings.max_batch_documents
    components[PLAIN_TEXT] = dict(components[ExtractRequest.__name__]["properties"]["text"])
    return components


def complete_document(openapi: OpenAPI, settings: Settings, open_paths: list[str]) -> None:
    """Add to a built document the request schemas (Litestar fills `components.schemas` itself) and,
    with API keys on, the bearer scheme and a 401 on every operation outside `open_paths`."""
    openapi.components.schemas.update(request_components(settings))
    if settings.api_keys_file is None:
        return
    openapi.components.security_schemes = {"bearer": SecurityScheme(type="http", scheme="bearer")}
    for path, item in (openapi.paths or {}).items():
        if path in open_paths:
            continue
        for operation in (item.get, item.post):
            if operation is not None:
                operation.security = [{"bearer": []}]
                operation.responses.update(problem_responses(401))


def _ref(name: str) -> Reference:
    return Reference(ref=_REF_TEMPLATE.format(name=name))


def _query_fields() -> list[Parameter]:
    """Return ExtractRequest's fields other than `text` as the query parameters of a text/plain body."""
    _, components = msgspec.json.schema_components([ExtractRequest], ref_template=_REF_TEMPLATE)
    properties = components[ExtractRequest.__name__]["properties"]
    parameters = []
    for name in QUERY_FIELDS:
        # A query value is never null: document the non-null branch of `T | None`.
        schema = next(s for s in properties[name]["anyOf"] if s.get("type") != "null")
        parameters.append(Parameter(
            name=name, param_in="query", required=False, schema=schema,
            description=f"{schema.get('description', name)} (with either body; a JSON body's own wins)",
        ))
    return parameters


_FORMAT = Parameter(
    name="format", param_in="query", required=False,
    schema=Schema(type=OpenAPIType.STRING, enum=[f.value for f in Format]),
    description="Output format; wins over Accept (application/json, application/ld+json, "
                "application/x-ndjson or application/jsonl)",
)
_CLAIM_GRAPH = Schema(
    type=OpenAPIType.OBJECT, required=["@context", "@graph"],
    description="schema.org JSON-LD: the article's claims as `Claim` nodes in `@graph` (text, author, "
                "datePublished, temporalCoverage, appearance, firstAppearance; score and offsets under "
                "https://claimex.dev/ns# keys)",
)


# What each error status means here; every one is a problem-details body.
ERRORS = {
    401: "No valid API key in `Authorization: Bearer` (with CLAIMEX_API_KEYS_FILE set)",
    400: "Malformed JSON, bytes that are not UTF-8, wrong types, unknown fields, a bad published_at "
         "or an unknown `format`",
    406: "Accept names no format the endpoint writes",
    408: "The body did not all arrive within CLAIMEX_BODY_TIMEOUT_SECONDS",
    413: "Body, text or batch over the limits",
    415: "A Content-Type the endpoint does not read",
    422: "Blank text, or an empty batch",
    500: "Internal error (the trace is in the log, never in the answer)",
    503: "Loading, overloaded, past the request deadline or shutting down; retry after Retry-After seconds",
}
EXTRACT_ERRORS = (400, 406, 408, 413, 415, 422, 500, 503)


def problem_responses(*statuses: int) -> dict[str, OpenAPIResponse]:
    """Return the documented problem-details responses for `statuses`."""
    responses = {}
    for status in statuses:
        headers = {
            503: {"Retry-After": OpenAPIHeader(schema=Schema(type=OpenAPIType.INTEGER), required=True,
                                               description="Seconds to wait before retrying")},
            401: {"WWW-Authenticate": OpenAPIHeader(schema=Schema(type=OpenAPIType.STRING), required=True)},
        }.get(status)
        responses[str(status)] = OpenAPIResponse(
            description=ERRORS[status], headers=headers,
            content={PROBLEM_MEDIA_TYPE: OpenAPIMediaType(schema=_ref(Problem.__name__))},
        )
    return responses


def _document_formats(operation: Operation, jsonld: Schema, ndjson_line: str) -> None:
    """Add the JSON-LD and NDJSON media types to the 200 response."""
    content = operation.responses["200"].content
    content[JSONLD] = OpenAPIMediaType(schema=jsonld)
    content[NDJSON] = OpenAPIMediaType(schema=Schema(type=OpenAPIType.STRING, description=ndjson_line))


@dataclass
class ExtractOperation(Operation):
    """POST /v1/extract: a JSON ExtractRequest or a text/plain article with its fields in the query."""

    def __post_init__(self) -> None:
        self.request_body = RequestBody(required=True, content={
            JSON: OpenAPIMediaType(schema=_ref(ExtractRequest.__name__)),
            PLAIN_TEXT_MEDIA_TYPE: OpenAPIMediaType(schema=_ref(PLAIN_TEXT)),
        })
        self.parameters = [*(self.parameters or []), *_query_fields(), _FORMAT]
        _document_formats(self, _CLAIM_GRAPH, "One line: the ExtractResponse JSON")
        self.responses.update(problem_responses(*EXTRACT_ERRORS))


@dataclass
class BatchOperation(Operation):
    """POST /v1/extract/batch: a JSON BatchRequest."""

    def __post_init__(self) -> None:
        self.request_body = RequestBody(required=True, content={
            JSON: OpenAPIMediaType(schema=_ref(BatchRequest.__name__)),
        })
        self.parameters = [*(self.parameters or []), _FORMAT]
        _document_formats(self, Schema(type=OpenAPIType.ARRAY, items=_CLAIM_GRAPH),
                          "Streamed: one ExtractResponse JSON per line, in the order sent")
        self.responses.update(problem_responses(*EXTRACT_ERRORS))


@dataclass
class ReadinessOperation(Operation):
    """GET /readyz: 503 while loading or shutting down."""

    def __post_init__(self) -> None:
        self.responses.update(problem_responses(503))
        self.responses["503"].description = "Loading, failed, or shutting down"
