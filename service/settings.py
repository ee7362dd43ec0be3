"""Settings, read from the environment once, into one frozen object passed where needed.

No other module reads the environment.
"""

from __future__ import annotations

import enum
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import msgspec

PREFIX = "CLAIMEX_"
# The checkout's models/ directory (an editable install); the Docker image puts the
# artifacts in /app/models and sets CLAIMEX_MODEL_PATH to it.
DEFAULT_MODEL_PATH = Path(__file__).resolve().parent.parent / "models"


class LogLevel(enum.StrEnum):
    DEBUG = "debug"
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class SettingsError(ValueError):
    """A setting in the environment has a value that cannot be used."""


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Every tunable of the service; defaults suit one worker on a 2-core machine."""

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    log_level: LogLevel = LogLevel.INFO
    # Limits: a request body, one document's text, a batch's document count.
    max_body_bytes: int = 4 * 1024 * 1024
    max_text_chars: int = 500_000
    max_batch_documents: int = 32
    # Extraction jobs admitted at once (running + waiting); beyond it, 503.
    max_queue: int = 16
    # Threads that run extraction off the event loop, and torch's intra-op threads. Large
    # requests run on all of them but one, which stays free for small requests.
    inference_threads: int = 2
    # Concurrent documents are batched into one pipeline call up to this many
    # estimated word pieces (about 4 characters each).
    batch_token_budget: int = 8192
    torch_threads: int = 2
    model_path: Path = DEFAULT_MODEL_PATH
    # The encoder's precision: "auto" runs bf16 on CUDA and on CPUs with native bf16, else
    # fp32. bf16 kernels differ between CPU kinds (AMX, AVX512-BF16), so replicas on mixed
    # nodes can differ in scores' 3rd decimal and now and then in a span's end; "fp32"
    # gives the same answer on every node, at about 1.8 times the encoder time.
    precision: Literal["auto", "bf16", "fp32"] = "auto"
    # Seconds a client is told to wait before retrying an overloaded server.
    retry_after_seconds: int = 2
    # A JSON extraction not done within this many seconds of its admission is answered 503
    # (with Retry-After) and its work not yet started is dropped; an NDJSON stream has none.
    request_deadline_seconds: float = 30.0
    # Slow clients: a connection whose request headers are not all in within this many seconds
    # is closed; a body not all in within this many is a 408.
    header_timeout_seconds: float = 10.0
    body_timeout_seconds: float = 30.0
    # On SIGTERM: readiness answers 503 for the drain, then uvicorn stops taking connections and
    # waits up to the shutdown timeout for requests in flight; any still running then get a 503.
    # k8s/deployment.yaml's terminationGracePeriodSeconds covers preStop + both.
    shutdown_drain_seconds: float = 2.0
    shutdown_timeout_seconds: int = 30
    # API keys, one per line, in this file or in each file of this directory (a mounted
    # Kubernetes Secret); read once at start. Unset: no authentication.
    api_keys_file: Path | None = None
    # Serve /metrics on its own listener at this port instead of the main one.
    metrics_port: int | None = None
    # One JSON line per request on the logger claimex.access (replacing uvicorn's access log).
    access_log: bool = True

    def __post_init__(self) -> None:
        for name in ("port", "workers", "max_body_bytes", "max_text_chars",
                     "max_batch_documents", "max_queue", "inference_threads", "batch_token_budget",
                     "torch_threads", "retry_after_seconds", "shutdown_timeout_seconds"):
            if getattr(self, name) < 1:
                raise SettingsError(f"{PREFIX}{name.upper()} must be at least 1")
        for name in ("header_timeout_seconds", "body_timeout_seconds", "request_deadline_seconds"):
            if not getattr(self, name) > 0:
                raise SettingsError(f"{PREFIX}{name.upper()} must be more than 0")
        if not self.shutdown_drain_seconds >= 0:
            raise SettingsError(f"{PREFIX}SHUTDOWN_DRAIN_SECONDS must be 0 or more")
        if self.metrics_port is not None:
            if not 1 <= self.metrics_port <= 65535 or self.metrics_port == self.port:
                raise SettingsError(f"{PREFIX}METRICS_PORT must be a port from 1 to 65535 other than {PREFIX}PORT")
            if self.workers > 1:
                # Each worker process would try to bind the same metrics port.
                raise SettingsError(f"{PREFIX}METRICS_PORT needs {PREFIX}WORKERS=1")


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Return the Settings given by CLAIMEX_* variables of `environ` (default os.environ)."""
    environ = os.environ if environ is None else environ
    raw = {
        field.lower(): value
        for key, value in environ.items()
        if key.startswith(PREFIX) and (field := key[len(PREFIX):]) and field.lower() in _FIELDS
    }
    try:
        return msgspec.convert(raw, Settings, strict=False, dec_hook=_decode_path)
    except (msgspec.ValidationError, SettingsError) as exc:
        raise SettingsError(f"invalid setting: {exc}") from exc


_FIELDS = frozenset(Settings.__struct_fields__)


def _decode_path(kind: type, value: object) -> object:
    """Let msgspec build the Path settings from strings."""
    if kind is Path and isinstance(value, str):
        return Path(value)
    raise NotImplementedError(kind)
