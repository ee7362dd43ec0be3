import time
from collections.abc import Iterator

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from service.api.app import create_app
from service.pipeline import Pipeline
from service.settings import DEFAULT_MODEL_PATH, Settings


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.load(DEFAULT_MODEL_PATH)


def wait_ready(client: TestClient, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while client.get("/readyz").status_code != 200:
        assert time.monotonic() < deadline, "pipeline never became ready"
        time.sleep(0.05)


def make_client(pipeline: Pipeline, **overrides) -> Iterator[TestClient]:
    app: Litestar = create_app(Settings(**overrides), load_pipeline=lambda path: pipeline)
    with TestClient(app, raise_server_exceptions=False) as client:
        wait_ready(client)
        yield client


@pytest.fixture(scope="session")
def until_ready():
    """The function that waits for a client's /readyz to answer 200."""
    return wait_ready


@pytest.fixture()
def client(pipeline: Pipeline) -> Iterator[TestClient]:
    yield from make_client(pipeline)


@pytest.fixture()
def small_client(pipeline: Pipeline) -> Iterator[TestClient]:
    """A client with tiny limits, to reach every 413."""
    yield from make_client(pipeline, max_body_bytes=2000, max_text_chars=500, max_batch_documents=2)


@pytest.fixture(scope="module")
def shared_client(pipeline: Pipeline) -> Iterator[TestClient]:
    """One client for a whole module (hypothesis tests call it many times)."""
    yield from make_client(pipeline)
