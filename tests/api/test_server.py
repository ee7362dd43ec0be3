"""Start the real server with the README's command on a loopback port and call it over HTTP."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.server
README = Path(__file__).resolve().parents[2] / "README.md"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def claimex_command() -> str:
    """The console script installed beside this interpreter (what the README runs)."""
    found = Path(sys.executable).parent / "claimex"
    return str(found) if found.exists() else shutil.which("claimex")


def test_readme_starts_the_service_with_claimex_serve():
    assert "claimex serve" in README.read_text(encoding="utf-8")


def test_real_server_answers_over_http(tmp_path):
    port = free_port()
    env = {**os.environ, "CLAIMEX_HOST": "127.0.0.1", "CLAIMEX_PORT": str(port), "HF_HUB_OFFLINE": "1"}
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen([claimex_command(), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300  # a guard against a hung start, not a speed check: shared machines are slow
        while True:
            assert server.poll() is None, (tmp_path / "server.log").read_text()
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "server never became ready"
            time.sleep(0.2)
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
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    # uvicorn shuts down gracefully, then re-raises SIGTERM so the exit tells why it stopped.
    log_text = (tmp_path / "server.log").read_text()
    assert server.returncode in (0, -signal.SIGTERM), log_text
    assert "Application shutdown complete" in log_text
