"""Domain errors and the one table that maps them, and framework errors, to RFC 9457."""

from __future__ import annotations

import logging
from http import HTTPStatus

from litestar import Request, Response
from litestar.exceptions import HTTPException

from service.api.schemas import Problem

PROBLEM_MEDIA_TYPE = "application/problem+json"
_TYPE_BASE = "https://claimex.dev/problems/"
log = logging.getLogger("claimex.api")


class ClaimexError(Exception):
    """An error the client can act on; `detail` is safe to show."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class InvalidRequest(ClaimexError):
    """Malformed JSON, wrong types, unknown fields, bad encodings or values."""


class UnsupportedMediaType(ClaimexError):
    """A Content-Type the endpoint does not read."""


class NotAcceptable(ClaimexError):
    """An Accept header naming no format the endpoint writes."""


class PayloadTooLarge(ClaimexError):
    """A body, text or batch over the configured limits."""


class EmptyText(ClaimexError):
    """A text with nothing but whitespace in it."""


class Overloaded(ClaimexError):
    """More extraction jobs than the server admits at once."""


class NotReady(ClaimexError):
    """The pipeline is still loading or warming up."""


class DeadlineExceeded(ClaimexError):
    """The extraction did not finish within the per-request deadline."""


class ExtractionFailed(ClaimexError):
    """The pipeline raised on a document; the trace is logged where it was caught."""


class BodyTimeout(ClaimexError):
    """The request body did not all arrive within the body timeout."""


class ClientDisconnected(ClaimexError):
    """The client closed the connection before it sent the whole request (nobody reads the answer)."""


# status, title, type slug; the only place domain errors meet HTTP.
PROBLEMS: dict[type[ClaimexError], tuple[int, str, str]] = {
    InvalidRequest: (400, "Invalid request", "invalid-request"),
    UnsupportedMediaType: (415, "Unsupported media type", "unsupported-media-type"),
    NotAcceptable: (406, "Not acceptable", "not-acceptable"),
    PayloadTooLarge: (413, "Payload too large", "payload-too-large"),
    EmptyText: (422, "Empty text", "empty-text"),
    Overloaded: (503, "Overloaded", "overloaded"),
    NotReady: (503, "Not ready", "not-ready"),
    DeadlineExceeded: (503, "Deadline exceeded", "deadline-exceeded"),
    ExtractionFailed: (500, "Internal error", "internal-error"),
    BodyTimeout: (408, "Request timeout", "request-timeout"),
    # nginx's status for a client that left: counted as such in the metrics, not as a server error.
    ClientDisconnected: (499, "Client closed request", "client-closed-request"),
}
_RETRY_AFTER = (Overloaded, NotReady, DeadlineExceeded)


def problem_response(
    status: int, title: str, slug: str, detail: str | None, path: str,
    headers: dict[str, str] | None = None,
) -> Response[Problem]:
    """Return a problem-details response."""
    problem = problem_details(status, title, slug, detail, path)
    return Response(problem, status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers)


def problem_details(status: int, title: str, slug: str, detail: str | None, path: str) -> Problem:
    """Return the problem-details body (also a line of a stream that has already started)."""
    return Problem(type=_TYPE_BASE + slug, title=title, status=status, detail=detail, instance=path)


def make_exception_handlers(retry_after_seconds: int) -> dict:
    """Return Litestar exception handlers that answer every error as problem details."""

    def domain(request: Request, exc: ClaimexError) -> Response[Problem]:
        status, title, slug = PROBLEMS[type(exc)]
        if isinstance(exc, ClientDisconnected):
            log.info("%s on %s", exc.detail, request.url.path)
        headers = {"Retry-After": str(retry_after_seconds)} if isinstance(exc, _RETRY_AFTER) else None
        if isinstance(exc, BodyTimeout):
            # The rest of the body may still trickle in: the connection is not reused.
            headers = {"Connection": "close"}
        return problem_response(status, title, slug, exc.detail, request.url.path, headers)

    def framework(request: Request, exc: HTTPException) -> Response[Problem]:
        status = exc.status_code
        if status >= 500:
            log.error("framework error on %s", request.url.path, exc_info=exc)
            return problem_response(status, "Internal error", "internal-error", "internal error", request.url.path)
        slug = exc.__class__.__name__.removesuffix("Exception").lower() or "http-error"
        headers = dict(exc.headers) if exc.headers else None
        return problem_response(status, _reason(status), slug, exc.detail, request.url.path, headers)

    def unexpected(request: Request, exc: Exception) -> Response[Problem]:
        # The trace goes to the log, never to the client.
        log.exception("unhandled error on %s", request.url.path, exc_info=exc)
        return problem_response(500, "Internal error", "internal-error", "internal error", request.url.path)

    return {ClaimexError: domain, HTTPException: framework, Exception: unexpected}


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "HTTP error"

