"""Output formats: which one a request asks for, and the response that carries it.

The `format` query parameter wins over the Accept header. Both are read before the
body, so a bad choice is a 400 or 406 problem and a stream never starts broken.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from collections.abc import AsyncIterator, Sequence
from typing import NamedTuple

import msgspec
from litestar import Request, Response
from litestar.response import Stream

from service.api.errors import InvalidRequest, NotAcceptable, problem_details
from service.api.jsonld import claim_graph
from service.api.requests import Job
from service.api.schemas import BatchResponse, ExtractResponse, Timing

log = logging.getLogger("claimex.api")
JSON = "application/json"
JSONLD = "application/ld+json"
NDJSON = "application/x-ndjson"
JSONL = "application/jsonl"
# A cache must key a response on Accept, since it picks the body.
_VARY = {"Vary": "Accept"}
_ENCODER = msgspec.json.Encoder()


class Format(enum.StrEnum):
    JSON = "json"
    JSONLD = "jsonld"
    NDJSON = "ndjson"


# Media types written, in the server's order of preference when a client ranks them equal.
MEDIA_TYPES: dict[str, Format] = {JSON: Format.JSON, JSONLD: Format.JSONLD, NDJSON: Format.NDJSON,
                                  JSONL: Format.NDJSON}
_CANONICAL = {Format.JSON: JSON, Format.JSONLD: JSONLD, Format.NDJSON: NDJSON}


class Representation(NamedTuple):
    """The chosen format and the media type its response is labelled with."""

    format: Format
    media_type: str


class MediaRange(NamedTuple):
    type: str
    subtype: str
    q: float


def negotiate(format_param: str | None, accept: str | None) -> Representation:
    """Return the representation asked for; raise InvalidRequest (bad `format`) or NotAcceptable."""
    if format_param is not None:
        try:
            chosen = Format(format_param.strip().lower())
        except ValueError:
            names = ", ".join(f.value for f in Format)
            raise InvalidRequest(f"format must be one of {names}, not {format_param!r}") from None
        return Representation(chosen, _CANONICAL[chosen])
    if accept is None or not accept.strip():
        return Representation(Format.JSON, JSON)
    ranges = parse_accept(accept)
    best: tuple[tuple, str] | None = None
    for preference, media_type in enumerate(MEDIA_TYPES):
        match = _match(media_type, ranges)
        if match is None or match[0] == 0:
            continue
        # Higher q, then a named type over a wildcard, then the client's order, then ours.
        key = (*match, -preference)
        if best is None or key > best[0]:
            best = (key, media_type)
    if best is None:
        raise NotAcceptable(f"Accept {accept[:200]!r} names none of {', '.join(MEDIA_TYPES)}")
    return Representation(MEDIA_TYPES[best[1]], best[1])


def negotiate_request(request: Request) -> Representation:
    """Return the representation a request asks for by its `format` query parameter or Accept header."""
    return negotiate(request.query_params.get("format"), request.headers.get("accept"))


def parse_accept(accept: str) -> list[MediaRange]:
    """Return the media ranges of an Accept header in order, leaving out malformed ones."""
    ranges = []
    for item in accept.split(","):
        media, *params = item.split(";")
        kind, slash, subtype = media.strip().lower().partition("/")
        if not (slash and kind and subtype):
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value.strip())
                except ValueError:
                    q = -1.0
        if 0.0 <= q <= 1.0:
            ranges.append(MediaRange(kind, subtype, q))
    return ranges


def _match(media_type: str, ranges: Sequence[MediaRange]) -> tuple[float, int, int] | None:
    """Return (q, specificity, -position) of the most specific range matching `media_type`, if any."""
    kind, _, subtype = media_type.partition("/")
    best = None
    for position, r in enumerate(ranges):
        if r.type == kind and r.subtype == subtype:
            specificity = 2
        elif r.type == kind and r.subtype == "*":
            specificity = 1
        elif r.type == "*" and r.subtype == "*":
            specificity = 0
        else:
            continue
        if best is None or specificity > best[1]:
            best = (r.q, specificity, -position)
    return best


def single_response(representation: Representation, response: ExtractResponse, job: Job) -> Response[bytes]:
    """Return the response of POST /v1/extract in the chosen representation."""
    if representation.format is Format.JSONLD:
        body = _ENCODER.encode(claim_graph(response, job.url))
    elif representation.format is Format.NDJSON:
        body = _ENCODER.encode(response) + b"\n"
    else:
        body = _ENCODER.encode(response)
    return Response(body, media_type=representation.media_type,
                    headers={**_VARY, **server_timing([response.meta.timing])})


def batch_response(representation: Representation, responses: list[ExtractResponse],
                   jobs: list[Job]) -> Response[bytes]:
    """Return the whole response of POST /v1/extract/batch: native JSON or a JSON-LD array."""
    if representation.format is Format.JSONLD:
        body = _ENCODER.encode([claim_graph(r, job.url) for r, job in zip(responses, jobs, strict=True)])
    else:
        body = _ENCODER.encode(BatchResponse(results=responses))
    return Response(body, media_type=representation.media_type,
                    headers={**_VARY, **server_timing([r.meta.timing for r in responses])})


def server_timing(timings: list[Timing]) -> dict[str, str]:
    """Return the Server-Timing header of the longest queue wait and pipeline call among `timings`.

    The access log reads it too (a middleware sees headers, not the handler's objects).
    """
    if not timings:
        return {}
    queue = max(t.queue_ms for t in timings)
    extraction = max(t.extraction_ms for t in timings)
    return {"Server-Timing": f"queue;dur={queue}, extraction;dur={extraction}"}


def batch_stream(representation: Representation, pending: list[asyncio.Future], path: str) -> Stream:
    """Return newline-delimited JSON of the batch's results, each line sent once it and all before it are done."""
    return Stream(ndjson_lines(pending, path), media_type=representation.media_type, headers=_VARY)


async def ndjson_lines(pending: list[asyncio.Future], path: str) -> AsyncIterator[bytes]:
    """Yield one JSON line per future in order, each once it and all before it are done.

    A document that failed yields a problem line; closing the stream cancels the documents not yet run.
    """
    try:
        for index, future in enumerate(pending):
            try:
                (response,) = await future
            except Exception:
                # The stream has started: this document's line says what went wrong, the rest still come.
                log.exception("document %d of a streamed batch failed on %s", index, path)
                yield _ENCODER.encode(problem_details(500, "Internal error", "internal-error",
                                                      "internal error", path)) + b"\n"
                continue
            yield _ENCODER.encode(response) + b"\n"
    finally:
        # A client that went away: documents not yet run are dropped from the queue.
        for future in pending:
            future.cancel()
