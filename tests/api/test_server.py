"""Start the real server with the README's command on a loopback port and call it over HTTP."""

import signal
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.server
README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_starts_the_service_with_claimex_serve():
    assert "claimex serve" in README.read_text(encoding="utf-8")


def test_real_server_answers_over_http(start_claimex):
    with start_claimex() as live:
        base = live.base
        assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
        text = "Officials said on Monday that more than 300 people had been evacuated."
        response = httpx.post(f"{base}/v1/extract", json={"text": text, "published_at": "2022-03-12"}, timeout=30)
        assert response.status_code == 200, response.text
        body = response.json()
        assert any(q["text"] == "more than 300 people" for q in body["quantities"])
        assert any(d["value"] == "2022-03-07" for d in body["dates"])
        bad = httpx.post(f"{base}/v1/extract", content=b"{", headers={"Content-Type": "application/json"})
        assert bad.status_code == 400 and bad.headers["content-type"].startswith("application/problem+json")
        assert "claimex_requests_total" in httpx.get(f"{base}/metrics").text
    # uvicorn shuts down gracefully, then re-raises SIGTERM so the exit tells why it stopped.
    log_text = live.log_path.read_text()
    assert live.process.returncode in (0, -signal.SIGTERM), log_text
    assert "Application shutdown complete" in log_text
