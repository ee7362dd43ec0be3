"""The ASGI entry point uvicorn imports in each worker process."""

from __future__ import annotations

from litestar import Litestar

from service.api.access_log import log_access_as_json_lines
from service.api.app import create_app
from service.settings import load_settings


def app_from_environment() -> Litestar:
    """Return the app configured from this process's CLAIMEX_* variables."""
    settings = load_settings()
    if settings.access_log:
        # Here, not in create_app: once per worker process, and tests' apps keep their log capture.
        log_access_as_json_lines()
    return create_app(settings)
