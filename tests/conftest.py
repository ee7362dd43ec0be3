import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from hypothesis import settings

# No per-example deadline anywhere: these machines are shared and a loaded core makes
# hypothesis's 200 ms deadline fail tests that are right (seen on the window tiling test).
settings.register_profile("claimex", deadline=None)
settings.load_profile("claimex")

# The model loads from installed files only; a test must never reach for a hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

# The public gold data lives beside the checkout (../shared/data), never inside it.
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The public data beside the checkout; tests that need it skip where it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DATA}")
    return SHARED_DATA


# Waiting on a start guards against a hung server; it is no speed check (shared machines are slow).
SERVER_START_SECONDS = 300


@dataclass(frozen=True)
class LiveServer:
    """A running `claimex serve`: its base URL, process and log file."""

    base: str
    process: subprocess.Popen
    log_path: Path


@pytest.fixture(scope="session")
def start_claimex(tmp_path_factory):
    """Return a context manager that runs `claimex serve` (the README's command, the real
    pipeline) on a free loopback port with extra CLAIMEX_* settings and yields a LiveServer
    once /readyz answers 200; the server gets SIGTERM on exit."""

    @contextlib.contextmanager
    def start(**settings: str) -> Iterator[LiveServer]:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        env = {**os.environ, "CLAIMEX_HOST": "127.0.0.1", "CLAIMEX_PORT": str(port), "HF_HUB_OFFLINE": "1",
               **settings}
        log_path = tmp_path_factory.mktemp("server") / "server.log"
        installed = Path(sys.executable).parent / "claimex"
        command = str(installed) if installed.exists() else shutil.which("claimex")
        with log_path.open("wb") as log:
            server = subprocess.Popen([command, "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + SERVER_START_SECONDS
            while True:
                assert server.poll() is None, log_path.read_text()
                try:
                    if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "server never became ready"
                time.sleep(0.2)
            yield LiveServer(base, server, log_path)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()

    return start
