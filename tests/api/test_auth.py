"""API keys: 401 problem details without a valid bearer key, probes open, keys compared in constant time."""

import hmac
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from litestar.testing import TestClient

from service.api import auth
from service.api.app import create_app
from service.api.auth import ApiKeys, ApiKeysError, bearer_token, load_api_keys
from service.settings import Settings, SettingsError

KEY = "kA7-q2._~+/Zr9xW4mPb"
SECOND_KEY = "Qm9sZCBhbmQgcmFuZG9tIGtleQ=="
WRONG_KEY = "kA7-q2._~+/Zr9xW4mPc"
ARTICLE = {"text": "Police said 12 people were hurt on Monday.", "published_at": "2022-03-12"}


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture()
def keys_file(tmp_path: Path) -> Path:
    path = tmp_path / "api-keys"
    path.write_text(f"# newsroom pipeline\n{KEY}\n\n  {SECOND_KEY}  \n", encoding="utf-8")
    return path


@pytest.fixture()
def auth_client(pipeline, keys_file, until_ready) -> Iterator[TestClient]:
    app = create_app(Settings(api_keys_file=keys_file), load_pipeline=lambda path: pipeline)
    with TestClient(app, raise_server_exceptions=False) as client:
        until_ready(client)
        yield client


def assert_unauthorized(response, challenge: str) -> dict:
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["www-authenticate"] == challenge
    problem = response.json()
    assert problem["status"] == 401
    assert problem["type"].endswith("/unauthorized")
    return problem


def test_a_request_without_a_key_is_401_with_a_bearer_challenge(auth_client):
    problem = assert_unauthorized(auth_client.post("/v1/extract", json=ARTICLE), 'Bearer realm="claimex"')
    assert problem["instance"] == "/v1/extract"
    assert "Authorization: Bearer" in problem["detail"]


@pytest.mark.parametrize("header", [
    f"Bearer {WRONG_KEY}", f"Bearer {KEY[:-1]}", f"Bearer {KEY}x", "Bearer " + KEY.lower(),
])
def test_a_wrong_key_is_401_invalid_token(auth_client, header):
    response = auth_client.post("/v1/extract", json=ARTICLE, headers={"Authorization": header})
    problem = assert_unauthorized(response, 'Bearer realm="claimex", error="invalid_token"')
    assert KEY not in response.text and problem["detail"] == "the API key is not valid"


@pytest.mark.parametrize("header", [f"Basic {KEY}", KEY, "Bearer", "Bearer ", f"Bearer {KEY} extra", "Bearer a\"b"])
def test_other_schemes_and_malformed_credentials_are_401_without_a_key(auth_client, header):
    response = auth_client.post("/v1/extract", json=ARTICLE, headers={"Authorization": header})
    assert_unauthorized(response, 'Bearer realm="claimex"')


@pytest.mark.parametrize("key", [KEY, SECOND_KEY])
def test_a_right_key_gets_the_extraction(auth_client, key):
    response = auth_client.post("/v1/extract", json=ARTICLE, headers=bearer(key))
    assert response.status_code == 200, response.text
    assert any(q["text"] == "12 people" for q in response.json()["quantities"])


def test_the_scheme_is_case_insensitive(auth_client):
    response = auth_client.post("/v1/extract/batch", json={"documents": [ARTICLE]},
                                headers={"Authorization": f"bearer  {KEY}"})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/metrics"])
def test_probes_and_metrics_stay_open(auth_client, path):
    assert auth_client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/", "/schema/openapi.json"])
def test_the_page_and_the_schema_need_a_key(auth_client, path):
    # A browser sends no bearer key, and the page's own requests would need one: closed, like the API.
    assert_unauthorized(auth_client.get(path), 'Bearer realm="claimex"')
    assert auth_client.get(path, headers=bearer(KEY)).status_code == 200


def test_unknown_paths_need_a_key_before_they_are_404(auth_client):
    assert_unauthorized(auth_client.get("/v1/nothing-here"), 'Bearer realm="claimex"')
    assert auth_client.get("/v1/nothing-here", headers=bearer(KEY)).status_code == 404
    assert_unauthorized(auth_client.get("/healthz/extra"), 'Bearer realm="claimex"')


def test_without_a_keys_file_no_key_is_needed(client):
    assert client.post("/v1/extract", json=ARTICLE).status_code == 200


def test_every_key_is_compared_in_constant_time(auth_client, monkeypatch):
    calls = []
    real = hmac.compare_digest

    def recording(a, b):
        calls.append((len(a), len(b)))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", recording)
    # The first key matches; the second is compared all the same.
    assert auth_client.get("/schema/openapi.json", headers=bearer(KEY)).status_code == 200
    assert calls == [(32, 32), (32, 32)]
    calls.clear()
    # A short wrong key is compared as a digest of the same length as every other.
    assert auth_client.get("/schema/openapi.json", headers=bearer("short")).status_code == 401
    assert calls == [(32, 32), (32, 32)]


def test_api_keys_match_only_their_keys_and_never_show_them():
    keys = ApiKeys([KEY, SECOND_KEY, KEY])
    assert len(keys) == 2
    assert keys.matches(KEY.encode()) and keys.matches(SECOND_KEY.encode())
    assert not keys.matches(WRONG_KEY.encode()) and not keys.matches(b"")
    assert KEY not in repr(keys) and KEY not in str(vars(keys))


def test_bearer_token_reads_the_first_authorization_header():
    assert bearer_token([(b"Authorization", f"Bearer {KEY}".encode())]) == KEY.encode()
    assert bearer_token([(b"authorization", b"Basic x"), (b"authorization", f"Bearer {KEY}".encode())]) is None
    assert bearer_token([(b"x-api-key", KEY.encode())]) is None


def test_a_directory_is_read_as_kubernetes_mounts_a_secret(tmp_path):
    # kubelet writes the Secret's keys into a timestamped directory, points ..data at it,
    # and links each key's name to ..data/<name>.
    stamped = tmp_path / "..2026_01_01_00_00_00.000000001"
    stamped.mkdir()
    (stamped / "pipeline").write_text(KEY + "\n", encoding="utf-8")
    (stamped / "dashboard").write_text(SECOND_KEY, encoding="utf-8")
    (tmp_path / "..data").symlink_to(stamped.name)
    for name in ("pipeline", "dashboard"):
        (tmp_path / name).symlink_to(f"..data/{name}")
    keys = load_api_keys(tmp_path)
    assert len(keys) == 2 and keys.matches(KEY.encode()) and keys.matches(SECOND_KEY.encode())


@pytest.mark.parametrize(("content", "message"), [
    (b"", "holds no key"),
    (b"\n  \n# only a comment\n", "holds no key"),
    (b"tooshort\n", "line 1: an API key must be at least 16"),
    (KEY.encode() + b"\nhas a space in the middle ok\n", "line 2"),
    (b"caf\xe9caf\xe9caf\xe9caf\xe9caf\xe9", "is not UTF-8"),
])
def test_a_bad_keys_file_fails_the_start(tmp_path, content, message):
    path = tmp_path / "api-keys"
    path.write_bytes(content)
    with pytest.raises(ApiKeysError, match=message) as caught:
        create_app(Settings(api_keys_file=path))
    assert KEY not in str(caught.value)
    assert isinstance(caught.value, SettingsError)


def test_a_missing_keys_file_or_an_empty_directory_fails_the_start(tmp_path):
    with pytest.raises(ApiKeysError, match="cannot read API keys file .*No such file"):
        create_app(Settings(api_keys_file=tmp_path / "absent"))
    (tmp_path / "..data").mkdir()
    with pytest.raises(ApiKeysError, match="holds no key"):
        create_app(Settings(api_keys_file=tmp_path))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_keys_file_fails_the_start(keys_file):
    keys_file.chmod(0)
    with pytest.raises(ApiKeysError, match="cannot read API keys file .*Permission denied"):
        create_app(Settings(api_keys_file=keys_file))


@pytest.mark.server
def test_claimex_serve_does_not_start_with_a_missing_keys_file(tmp_path):
    installed = Path(sys.executable).parent / "claimex"
    command = str(installed) if installed.exists() else shutil.which("claimex")
    env = {**os.environ, "CLAIMEX_PORT": "1", "CLAIMEX_API_KEYS_FILE": str(tmp_path / "absent"), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run([command, "serve"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert f"cannot read API keys file {tmp_path / 'absent'}: No such file or directory" in done.stderr
