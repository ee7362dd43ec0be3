"""CLAIMEX_METRICS_PORT: /metrics on a listener of its own, off the main port and its API keys."""

import socket
from collections.abc import Iterator

import httpx
import pytest
from litestar.testing import TestClient

from service.api.app import create_app
from service.settings import Settings

KEY = "kA7-q2._~+/Zr9xW4mPb"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture()
def apart(pipeline, until_ready, tmp_path) -> Iterator[tuple[TestClient, str]]:
    keys = tmp_path / "api-keys"
    keys.write_text(KEY + "\n", encoding="utf-8")
    port = free_port()
    settings = Settings(api_keys_file=keys, metrics_port=port)
    with TestClient(create_app(settings, load_pipeline=lambda path: pipeline), raise_server_exceptions=False) as client:
        until_ready(client)
        yield client, f"http://127.0.0.1:{port}"


def test_metrics_are_served_apart_without_a_key(apart):
    client, listener = apart
    assert client.get("/healthz").status_code == 200
    scraped = httpx.get(f"{listener}/metrics", timeout=10)
    assert scraped.status_code == 200
    assert 'claimex_requests_total{method="GET",route="/healthz",status="200"}' in scraped.text


def test_the_main_port_no_longer_serves_metrics(apart):
    client, _ = apart
    assert client.get("/metrics").status_code == 401  # not open there any more
    assert client.get("/metrics", headers={"Authorization": f"Bearer {KEY}"}).status_code == 404


def test_the_listener_closes_with_the_app(pipeline, until_ready):
    port = free_port()
    with TestClient(create_app(Settings(metrics_port=port), load_pipeline=lambda path: pipeline)) as client:
        until_ready(client)
        assert httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10).status_code == 200
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=10)


def test_a_metrics_port_in_use_fails_the_start(pipeline):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        app = create_app(Settings(metrics_port=taken.getsockname()[1]), load_pipeline=lambda path: pipeline)
        with pytest.raises(ExceptionGroup) as caught:
            with TestClient(app):
                pass
    assert caught.group_contains(OSError, match="in use")
