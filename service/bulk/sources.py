"""Bulk inputs: JSON Lines (a file or stdin) or a directory of .txt files, read into entries.

Every line or file becomes one Entry, in input order: a validated Job, or the
problem the API would answer for the same document. Nothing is skipped silently.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import msgspec

from service.api.errors import ClaimexError, InvalidRequest, PayloadTooLarge
from service.api.requests import JSON, Job, decode_extract, validate_job
from service.api.schemas import ExtractRequest
from service.settings import Settings

TEXT_SUFFIX = ".txt"
JSONL_SUFFIX = ".jsonl"
_READ_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Entry:
    """One input document: its line (a directory's file position, from 1), its id if known,
    and either the Job to run or the problem that stopped it."""

    line: int
    id: str | None
    job: Job | None = None
    problem: ClaimexError | None = None

    @property
    def words(self) -> int:
        return len(self.job.text.split()) if self.job else 0


def read_jsonl(stream: BinaryIO, settings: Settings) -> Iterator[Entry]:
    """Yield an Entry per line of JSON Lines, each decoded and validated as POST /v1/extract's JSON.

    A line over `max_body_bytes` is refused without being held whole in memory.
    """
    limit = settings.max_body_bytes
    line = 0
    while raw := stream.readline(limit + 1):
        line += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := stream.readline(_READ_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield Entry(line, None, problem=PayloadTooLarge(f"line exceeds the limit of {limit} bytes"))
            continue
        yield _decode_line(line, raw.rstrip(b"\r\n"), settings)


def _decode_line(line: int, raw: bytes, settings: Settings) -> Entry:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Entry(line, None, problem=InvalidRequest(f"line is not valid UTF-8 (byte {exc.start})"))
    try:
        job = decode_extract(raw, JSON, {}, {}, settings)
    except ClaimexError as exc:
        return Entry(line, _id_if_any(raw), problem=exc)
    return Entry(line, job.id, job)


def _id_if_any(raw: bytes) -> str | None:
    """Return the line's `id` if it is JSON with a string id, however wrong the rest is."""
    try:
        value = msgspec.json.decode(raw)
    except msgspec.DecodeError:
        return None
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return value["id"]
    return None


def text_files(directory: Path) -> list[Path]:
    """Return the directory's .txt files in name order: the order of its records."""
    return sorted(p for p in directory.iterdir() if p.suffix == TEXT_SUFFIX and p.is_file())


def read_directory(directory: Path, settings: Settings, published_at: str | None) -> Iterator[Entry]:
    """Yield an Entry per .txt file of `directory`, in name order, its id the file name."""
    for line, path in enumerate(text_files(directory), start=1):
        try:
            job = _read_text_file(path, settings, published_at)
        except ClaimexError as exc:
            yield Entry(line, path.name, problem=exc)
            continue
        yield Entry(line, path.name, job)


def _read_text_file(path: Path, settings: Settings, published_at: str | None) -> Job:
    try:
        if path.stat().st_size > settings.max_body_bytes:
            raise PayloadTooLarge(f"file exceeds the limit of {settings.max_body_bytes} bytes")
        raw = path.read_bytes()
    except OSError as exc:
        raise InvalidRequest(f"cannot read the file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidRequest(f"file is not valid UTF-8 (byte {exc.start})") from None
    return validate_job(ExtractRequest(text=text, published_at=published_at, id=path.name), settings)


def count_lines(path: Path) -> int:
    """Return the number of lines of a file (a last line without a newline counts), for progress."""
    count, last = 0, b"\n"
    with path.open("rb") as stream:
        while chunk := stream.read(_READ_CHUNK):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (last != b"\n")


def open_source(source: str, settings: Settings, published_at: str | None) -> tuple[Iterator[Entry], int | None]:
    """Return the entries of `source` (a directory of .txt files, a JSON Lines file, or '-' for
    JSON Lines on stdin) and its number of lines for progress (None for stdin).

    Raise OSError here, before any work, if the file or directory cannot be opened.
    """
    if source == "-":
        return read_jsonl(sys.stdin.buffer, settings), None
    path = Path(source)
    if path.is_dir():
        return read_directory(path, settings, published_at), len(text_files(path))
    total = count_lines(path)
    return _read_jsonl_file(path.open("rb"), settings), total


def _read_jsonl_file(stream: BinaryIO, settings: Settings) -> Iterator[Entry]:
    with stream:
        yield from read_jsonl(stream, settings)
