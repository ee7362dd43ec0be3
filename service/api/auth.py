"""API-key (bearer) authentication: keys read once from a file, compared in constant time.

The middleware sits in front of routing, so every path but the open ones (the probes)
needs `Authorization: Bearer <key>`, unknown paths included; without a valid key the
answer is a 401 problem with a `WWW-Authenticate: Bearer` challenge (RFC 6750).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Collection, Iterable
from pathlib import Path

import msgspec

from service.api.errors import PROBLEM_MEDIA_TYPE, problem_details
from service.settings import SettingsError

# RFC 6750's b64token: what a bearer credential may contain, so any key can be sent as one.
_TOKEN = r"[A-Za-z0-9\-._~+/]+=*"
_KEY = re.compile(_TOKEN)
_BEARER = re.compile(rf"bearer[ \t]+({_TOKEN})[ \t]*".encode("ascii"), re.IGNORECASE)
# A shorter key could be found by trying; 16 random base64 characters are 96 bits.
MIN_KEY_CHARS = 16
_REALM = b'Bearer realm="claimex"'
_ENCODER = msgspec.json.Encoder()


class ApiKeysError(SettingsError):
    """The API keys file is missing, unreadable, empty, or holds a malformed key."""


class ApiKeys:
    """The accepted keys, kept only as SHA-256 digests; `matches` compares in constant time."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._digests = tuple(hashlib.sha256(key.encode("ascii")).digest() for key in dict.fromkeys(keys))

    def __len__(self) -> int:
        return len(self._digests)

    def __repr__(self) -> str:
        return f"ApiKeys({len(self)} keys)"

    def matches(self, token: bytes) -> bool:
        """Return whether `token` is one of the keys.

        Digests have one length whatever was sent, and every key is compared (no early
        exit), so the time taken says neither which key matched nor how long keys are.
        """
        presented = hashlib.sha256(token).digest()
        found = False
        for digest in self._digests:
            found |= hmac.compare_digest(presented, digest)
        return found


def load_api_keys(path: Path) -> ApiKeys:
    """Return the keys in `path`: a file of one key per line, or a directory of such files.

    A directory is read the way Kubernetes mounts a Secret: each visible file is read
    (its `..data` links are skipped). Blank lines and `#` comments are ignored. Raise
    ApiKeysError if nothing can be read or no key is found; messages never show a key.
    """
    keys = [key for file in _key_files(path) for key in _read_keys(file)]
    if not keys:
        raise ApiKeysError(f"API keys file {path} holds no key")
    return ApiKeys(keys)


def _key_files(path: Path) -> list[Path]:
    if not path.is_dir():
        return [path]
    try:
        return sorted(p for p in path.iterdir() if not p.name.startswith(".") and p.is_file())
    except OSError as exc:
        raise ApiKeysError(f"cannot list API keys directory {path}: {exc.strerror}") from exc


def _read_keys(file: Path) -> list[str]:
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ApiKeysError(f"cannot read API keys file {file}: {exc.strerror}") from exc
    except UnicodeDecodeError:
        raise ApiKeysError(f"API keys file {file} is not UTF-8") from None
    keys = []
    for number, line in enumerate(text.splitlines(), start=1):
        key = line.strip()
        if not key or key.startswith("#"):
            continue
        if len(key) < MIN_KEY_CHARS or not _KEY.fullmatch(key):
            raise ApiKeysError(
                f"{file} line {number}: an API key must be at least {MIN_KEY_CHARS} characters "
                "of A-Z a-z 0-9 - . _ ~ + / (then = padding)")
        keys.append(key)
    return keys


def bearer_token(headers: Iterable[tuple[bytes, bytes]]) -> bytes | None:
    """Return the credential of the first Authorization header if it is a bearer token, else None."""
    for name, value in headers:
        if name.lower() == b"authorization":
            match = _BEARER.fullmatch(value)
            return match.group(1) if match else None
    return None


class ApiKeyAuth:
    """ASGI middleware: an HTTP request outside `open_paths` needs a valid bearer key, else 401."""

    def __init__(self, app, keys: ApiKeys, open_paths: Collection[str]) -> None:
        self.app = app
        self.keys = keys
        self.open_paths = frozenset(open_paths)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["path"] in self.open_paths:
            await self.app(scope, receive, send)
            return
        token = bearer_token(scope["headers"])
        if token is None:
            # RFC 6750 3.1: no error code when the request carried no credentials.
            await _unauthorized(send, scope["path"], _REALM,
                                "this server needs an API key: send Authorization: Bearer <key>")
        elif not self.keys.matches(token):
            await _unauthorized(send, scope["path"], _REALM + b', error="invalid_token"',
                                "the API key is not valid")
        else:
            await self.app(scope, receive, send)


async def _unauthorized(send, path: str, challenge: bytes, detail: str) -> None:
    body = _ENCODER.encode(problem_details(401, "Unauthorized", "unauthorized", detail, path))
    await send({"type": "http.response.start", "status": 401, "headers": [
        (b"content-type", PROBLEM_MEDIA_TYPE.encode("ascii")),
        (b"content-length", str(len(body)).encode("ascii")),
        (b"www-authenticate", challenge),
    ]})
    await send({"type": "http.response.body", "body": body})


def with_api_keys(app, keys: ApiKeys | None, open_paths: Collection[str]):
    """Return `app` behind ApiKeyAuth, or `app` itself when no keys are configured."""
    return app if keys is None else ApiKeyAuth(app, keys, open_paths)
