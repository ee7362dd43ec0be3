"""Reading requests: media types, size limits, decoding and validation into jobs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

import anyio
import msgspec
from litestar import Request
from litestar.exceptions import InternalServerException
from litestar.exceptions.http_exceptions import RequestEntityTooLarge

from service.api.errors import (
    BodyTimeout,
    ClientDisconnected,
    EmptyText,
    InvalidRequest,
    PayloadTooLarge,
    UnsupportedMediaType,
)
from service.api.schemas import BatchRequest, ExtractRequest
from service.settings import Settings

JSON = "application/json"
TEXT = "text/plain"
_EXTRACT_DECODER = msgspec.json.Decoder(ExtractRequest)
_BATCH_DECODER = msgspec.json.Decoder(BatchRequest)
QUERY_FIELDS = ("published_at", "id", "url", "min_score")


@dataclass(frozen=True, slots=True)
class Job:
    """One validated document to extract from."""

    text: str
    published_at: dt.date | None
    id: str | None
    url: str | None = None
    # Claims scoring below this are left out of the response.
    min_score: float | None = None


def media_type(request: Request) -> tuple[str, dict[str, str]]:
    """Return the request's media type (lowercase) and its parameters."""
    raw = request.headers.get("content-type", "")
    kind, _, rest = raw.partition(";")
    params = {}
    for part in rest.split(";"):
        key, sep, value = part.partition("=")
        if sep:
            params[key.strip().lower()] = value.strip().strip('"').lower()
    return kind.strip().lower(), params


async def read_body(request: Request, settings: Settings) -> bytes:
    """Return the request body; raise PayloadTooLarge past the app's `request_max_body_size`.

    Litestar enforces that limit, from Content-Length before reading and on the bytes read.
    Raise BodyTimeout if the body takes longer than the body timeout (a client that stalls
    holds nothing for long), ClientDisconnected if the client leaves before its end.
    """
    try:
        with anyio.fail_after(settings.body_timeout_seconds):
            return await request.body()
    except TimeoutError:
        raise BodyTimeout(f"the request body did not arrive within {settings.body_timeout_seconds:g} s") from None
    except RequestEntityTooLarge:
        raise PayloadTooLarge(f"request body exceeds the limit of {settings.max_body_bytes} bytes") from None
    except InternalServerException:
        # What Litestar raises on an http.disconnect before the body's end: the client left.
        raise ClientDisconnected("the client closed the connection before sending the whole body") from None


def parse_published_at(value: str | None) -> dt.date | None:
    """Return the date of an ISO 8601 date or datetime string; raise InvalidRequest if neither."""
    if value is None:
        return None
    value = value.upper()  # RFC 3339 allows a lowercase "t" and "z"; Python reads the uppercase ones
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        raise InvalidRequest(f"published_at {value!r} is not an ISO 8601 date or datetime") from None


def validate_job(document: ExtractRequest, settings: Settings, where: str = "") -> Job:
    """Return the Job for one decoded document; raise on empty or oversized text."""
    if len(document.text) > settings.max_text_chars:
        raise PayloadTooLarge(
            f"{where}text has {len(document.text)} characters; the limit is {settings.max_text_chars}"
        )
    if not document.text.strip():
        raise EmptyText(f"{where}text is empty")
    return Job(document.text, parse_published_at(document.published_at), document.id, document.url,
               document.min_score)


def decode_extract(body: bytes, kind: str, params: Mapping[str, str], query: Mapping[str, str],
                   settings: Settings) -> Job:
    """Return the Job of a POST /v1/extract body of media type `kind`.

    The query fields (published_at, id, url, min_score) are read with either body; a field a
    JSON body sets wins over the query's.
    """
    if kind == JSON:
        document = _decode_json(_EXTRACT_DECODER, body)
        from_query = _with_query_fields(document.text, query_fields(query))  # the query's values checked too
        parse_published_at(from_query.published_at)  # a bad query date is refused even where the body has one
        given = {name: getattr(document, name) for name in QUERY_FIELDS if getattr(document, name) is not None}
        return validate_job(msgspec.structs.replace(from_query, **given), settings)
    if kind == TEXT:
        charset = params.get("charset", "utf-8")
        if charset not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(f"text/plain must be utf-8, got charset={charset}")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidRequest(f"body is not valid UTF-8 (byte {exc.start})") from None
        return validate_job(_with_query_fields(text, query_fields(query)), settings)
    raise UnsupportedMediaType(f"send {JSON} or {TEXT}; charset=utf-8, not {kind or 'no Content-Type'}")


def query_fields(query: Mapping[str, str]) -> dict[str, str]:
    """Return the request fields given in the query string; raise InvalidRequest for a `null`."""
    fields = {name: query[name] for name in QUERY_FIELDS if name in query}
    if nulls := [name for name, value in fields.items() if value == "null"]:
        # The lax conversion would read it as no value; a query parameter is left out instead.
        raise InvalidRequest(f"{', '.join(nulls)}=null: leave the parameter out for no value")
    return fields


def _with_query_fields(text: str, fields: Mapping[str, object]) -> ExtractRequest:
    """Return the ExtractRequest of `text` and `fields`, validated as the JSON body's are."""
    try:
        # Query values are strings: a lax conversion reads min_score=0.5 as a number.
        return msgspec.convert({"text": text, **fields}, ExtractRequest, strict=False)
    except msgspec.ValidationError as exc:
        raise InvalidRequest(str(exc)) from None


def decode_batch(body: bytes, kind: str, settings: Settings) -> list[Job]:
    """Return the Jobs of a POST /v1/extract/batch body, in order."""
    if kind != JSON:
        raise UnsupportedMediaType(f"send {JSON}, not {kind or 'no Content-Type'}")
    batch = _decode_json(_BATCH_DECODER, body)
    if not batch.documents:
        raise EmptyText("documents is empty")
    if len(batch.documents) > settings.max_batch_documents:
        raise PayloadTooLarge(
            f"batch has {len(batch.documents)} documents; the limit is {settings.max_batch_documents}"
        )
    return [validate_job(d, settings, where=f"documents[{i}].") for i, d in enumerate(batch.documents)]


def _decode_json(decoder: msgspec.json.Decoder, body: bytes):
    """Return the decoded body; raise InvalidRequest for anything that is not a valid request."""
    try:
        return decoder.decode(body)
    except UnicodeDecodeError as exc:
        # msgspec checks the UTF-8 of each string as it reads it.
        raise InvalidRequest(f"body is not valid UTF-8: {exc.reason} in a JSON string") from None
    except msgspec.DecodeError as exc:
        raise InvalidRequest(_decode_message(exc)) from None


def _decode_message(exc: msgspec.DecodeError) -> str:
    """Return a client-facing message for a JSON decoding or validation error."""
    if isinstance(exc, msgspec.ValidationError):
        return str(exc)
    return f"malformed JSON: {exc}"
