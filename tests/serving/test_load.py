"""A bounded load against the real server: every answer is a 200 or a 503 with Retry-After.

The full-size runs (50 clients x 60 s, the 30-minute soak, a maximal batch) are in bench/.
"""

import collections
import threading
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.server
WIKINEWS = Path(__file__).resolve().parents[1] / "data" / "wikinews"
CLIENTS = 20
SECONDS = 20


def test_twenty_clients_for_twenty_seconds_get_only_200_or_503_with_retry_after(start_claimex):
    texts = [p.read_text(encoding="utf-8") for p in sorted(WIKINEWS.glob("*.txt"))]
    answers: list[tuple[int, str | None, str]] = []
    failures: list[BaseException] = []

    def client(index: int, base: str, until: float) -> None:
        try:
            with httpx.Client(timeout=120) as http:
                sent = index
                while time.monotonic() < until:
                    response = http.post(f"{base}/v1/extract", json={"text": texts[sent % len(texts)]})
                    answers.append((response.status_code, response.headers.get("retry-after"),
                                    response.headers.get("content-type", "")))
                    sent += CLIENTS
                    if response.status_code == 503:
                        time.sleep(0.5)
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    with start_claimex(CLAIMEX_LOG_LEVEL="warning") as live:
        until = time.monotonic() + SECONDS
        threads = [threading.Thread(target=client, args=(i, live.base, until)) for i in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert httpx.get(f"{live.base}/readyz").status_code == 200
    assert not failures, failures
    statuses = collections.Counter(status for status, _, _ in answers)
    assert set(statuses) <= {200, 503}, statuses
    assert statuses[200] > 0
    for status, retry_after, content_type in answers:
        if status == 503:
            assert retry_after is not None and int(retry_after) >= 1
            assert content_type.startswith("application/problem+json")
