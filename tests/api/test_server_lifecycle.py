"""The real server (`claimex serve`) under slow clients and a SIGTERM with requests in flight."""

import signal
import socket
import threading
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.server
WIKINEWS = Path(__file__).resolve().parents[1] / "data" / "wikinews"
SETTINGS = {
    "CLAIMEX_HEADER_TIMEOUT_SECONDS": "1", "CLAIMEX_BODY_TIMEOUT_SECONDS": "1",
    "CLAIMEX_SHUTDOWN_DRAIN_SECONDS": "1", "CLAIMEX_SHUTDOWN_TIMEOUT_SECONDS": "3",
    "CLAIMEX_MAX_QUEUE": "32",
}
STALLS = [
    b"",
    b"POST /v1/extract HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n",
    b"POST /v1/extract HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 900\r\n\r\n{\"te",
]


@pytest.fixture(scope="module")
def live(start_claimex):
    """One server for the module; the SIGTERM test, last, stops it."""
    with start_claimex(**SETTINGS) as server:
        yield server


def port_of(live) -> int:
    return int(live.base.rsplit(":", 1)[1])


def test_stalled_connections_are_closed_after_the_timeouts(live):
    connections = []
    for i in range(20):
        sock = socket.create_connection(("127.0.0.1", port_of(live)), timeout=5)
        sock.sendall(STALLS[i % 3])
        connections.append((i % 3, sock))
    answers: dict[int, bytes] = {}
    deadline = time.monotonic() + 30  # a hang guard; the timeouts are 1 s
    for index, (kind, sock) in enumerate(connections):
        sock.settimeout(max(0.1, deadline - time.monotonic()))
        received = b""
        while chunk := sock.recv(65536):  # until the server closes it (a timeout here fails the test)
            received += chunk
        answers[index] = received
        sock.close()
    for index, (kind, _) in enumerate(connections):
        if kind == 2:  # headers sent, body stalled: a 408 problem, then closed
            assert answers[index].startswith(b"HTTP/1.1 408"), answers[index][:200]
            assert b"application/problem+json" in answers[index]
        else:  # nothing or partial headers: closed without an answer
            assert answers[index] == b""


def test_sigterm_with_requests_in_flight_answers_each_with_200_or_a_503_problem(live):
    article = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(WIKINEWS.glob("*.txt"))[:4])
    outcomes: list[httpx.Response | Exception] = []

    def send(i: int) -> None:
        try:
            outcomes.append(httpx.post(f"{live.base}/v1/extract", json={"text": f"{i}. {article}"}, timeout=120))
        except Exception as exc:  # noqa: BLE001 - reported below
            outcomes.append(exc)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while in_flight(live) < 20:  # the 20, besides this metrics request
        assert time.monotonic() < deadline, "the requests never got in flight"
        time.sleep(0.05)
    live.process.send_signal(signal.SIGTERM)
    ready = httpx.get(f"{live.base}/readyz", timeout=5)
    assert ready.status_code == 503 and ready.headers["content-type"].startswith("application/problem+json")
    for thread in threads:
        thread.join(120)
    assert len(outcomes) == 20
    statuses = []
    for outcome in outcomes:
        assert isinstance(outcome, httpx.Response), repr(outcome)
        statuses.append(outcome.status_code)
        if outcome.status_code != 200:
            assert outcome.status_code == 503, outcome.text
            assert outcome.headers["content-type"].startswith("application/problem+json")
            assert outcome.headers["retry-after"]
    assert 503 in statuses, "no request was cut off: the test did not reach the shutdown deadline"
    live.process.wait(30)
    assert "cut off at the shutdown deadline" in live.log_path.read_text()


def in_flight(live) -> float:
    text = httpx.get(f"{live.base}/metrics", timeout=5).text
    line = next(line for line in text.splitlines() if line.startswith("claimex_requests_in_flight "))
    return float(line.split()[1]) - 1
