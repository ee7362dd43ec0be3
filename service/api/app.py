"""The Litestar app: `create_app(settings)` is the one place it is assembled."""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from litestar import Litestar, Request, Response, get, post
from litestar.datastructures import State
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig, ResponseSpec
from litestar.openapi.spec import Components

from service import __version__
from service.api.access_log import with_access_log
from service.api.auth import load_api_keys, with_api_keys
from service.api.errors import NotReady, Overloaded, make_exception_handlers
from service.api.formats import Format, batch_response, batch_stream, negotiate_request, single_response
from service.api.metrics import CONTENT_TYPE, Metrics, MetricsMiddleware, metrics_listener
from service.api.openapi import BatchOperation, ExtractOperation, ReadinessOperation, complete_document
from service.api.requests import decode_batch, decode_extract, media_type, read_body
from service.api.schemas import BatchResponse, ExtractResponse, HealthResponse
from service.api.shutdown import CutOffMiddleware, is_draining
from service.inference.encoder import set_intra_op_threads
from service.pipeline import Pipeline
from service.serving.batcher import ExtractionRunner, Readiness, load_in_background
from service.settings import Settings
from service.web.page import claims_page

PipelineLoader = Callable[[Path], Pipeline]


@post("/v1/extract", operation_class=ExtractOperation, status_code=200,
      summary="Extract quantities, dates, attributions and claims from one article")
async def extract(request: Request, state: State) -> Response[ExtractResponse]:
    settings: Settings = state.settings
    representation = negotiate_request(request)
    kind, params = media_type(request)
    admit_before_reading(state)
    body = await read_body(request, settings)
    job = decode_extract(body, kind, params, request.query_params, settings)
    (response,) = await state.runner.extract([job])
    return single_response(representation, response, job)


@post("/v1/extract/batch", operation_class=BatchOperation, status_code=200,
      summary="Extract from several articles; results in the order sent")
async def extract_batch(request: Request, state: State) -> Response[BatchResponse]:
    settings: Settings = state.settings
    representation = negotiate_request(request)
    kind, _ = media_type(request)
    admit_before_reading(state)
    body = await read_body(request, settings)
    jobs = decode_batch(body, kind, settings)
    if representation.format is Format.NDJSON:
        return batch_stream(representation, state.runner.submit_each(jobs), request.url.path)
    return batch_response(representation, await state.runner.extract(jobs), jobs)


def admit_before_reading(state: State) -> None:
    """Refuse from the headers alone (NotReady, Overloaded) a call the runner would refuse once the body
    was read and decoded, so refusals cost no reading and retries no throughput."""
    runner: ExtractionRunner = state.runner
    if runner.state is not Readiness.READY:
        raise NotReady(f"the pipeline is {runner.state.value}; retry shortly")
    if runner.is_full():
        state.metrics.rejected.inc()
        raise Overloaded("the extraction queue is full; retry shortly")


@get("/healthz", summary="Liveness: the process serves requests and its model did not fail to load",
     responses={503: ResponseSpec(HealthResponse, description="The model failed to load", generate_examples=False)})
async def healthz(state: State) -> Response[HealthResponse]:
    runner: ExtractionRunner = state.runner
    if runner.state is Readiness.FAILED:
        return Response(HealthResponse(status="failed"), status_code=503)
    return Response(HealthResponse(status="ok"))


@get("/readyz", operation_class=ReadinessOperation,
     summary="Readiness: the model is loaded and warmed, and the server is not shutting down")
async def readyz(request: Request, state: State) -> HealthResponse:
    if is_draining(request.scope):
        raise NotReady("the server is shutting down")
    if state.runner.state is not Readiness.READY:
        raise NotReady(f"pipeline is {state.runner.state.value}")
    return HealthResponse(status="ok")


@get("/metrics", summary="Prometheus metrics", include_in_schema=False)
async def metrics(state: State) -> Response[bytes]:
    return Response(state.metrics.exposition(), media_type=CONTENT_TYPE)


def create_app(settings: Settings, load_pipeline: PipelineLoader | None = None) -> Litestar:
    """Return the app; its lifespan loads the pipeline in the background once (with
    `load_pipeline`, default Pipeline.load in the settings' precision)."""
    load_pipeline = load_pipeline or functools.partial(Pipeline.load, precision=settings.precision)
    # Read once, before anything starts: a bad keys file fails the start.
    api_keys = load_api_keys(settings.api_keys_file) if settings.api_keys_file else None
    metrics_registry = Metrics()
    runner = ExtractionRunner(metrics_registry, settings.max_queue, settings.inference_threads,
                              settings.batch_token_budget, deadline_s=settings.request_deadline_seconds)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        set_intra_op_threads(settings.torch_threads)
        load_in_background(runner, load_pipeline, settings.model_path)
        yield
        await runner.close()

    handlers = [extract, extract_batch, healthz, readyz, claims_page]
    hooks = [lifespan]
    open_paths = ["/healthz", "/readyz"]
    if settings.metrics_port is None:  # on the main port, open like the probes
        handlers.append(metrics)
        open_paths.append("/metrics")
    else:  # first, so a port in use fails the start before the model loads
        hooks.insert(0, metrics_listener(metrics_registry, settings.host, settings.metrics_port))
    app = Litestar(
        route_handlers=handlers,
        state=State({"settings": settings, "runner": runner, "metrics": metrics_registry}),
        lifespan=hooks,
        exception_handlers=make_exception_handlers(settings.retry_after_seconds),
        # Litestar refuses a body over the limit from its Content-Length, or as soon as the bytes read pass it.
        request_max_body_size=settings.max_body_bytes,
        # The metrics count the 503 that CutOffMiddleware sends for a request cut off at shutdown.
        middleware=[DefineMiddleware(MetricsMiddleware, metrics=metrics_registry),
                    DefineMiddleware(CutOffMiddleware, retry_after_seconds=settings.retry_after_seconds)],
        openapi_config=OpenAPIConfig(title="claimex", version=__version__, path="/schema",
                                     components=Components()),
        logging_config=None,
        debug=False,
    )
    complete_document(app.openapi_schema, settings, open_paths)
    # Litestar runs app middleware on matched routes only; these wrap its whole handler (as its
    # CORS does), so 404s and 405s are logged and need a key too.
    app.asgi_handler = with_access_log(with_api_keys(app.asgi_handler, api_keys, open_paths), settings.access_log)
    return app
