"""The ASGI entry point uvicorn imports in each worker process."""

from __future__ import annotations

from litestar import Litestar

from service.api.app import create_app
from service.settings import load_settings


def app_from_environment() -> Litestar:
    """Return the app configured from this process's CLAIMEX_* variables."""
    return create_app(load_settings())
