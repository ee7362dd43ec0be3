"""Bulk inputs: every line or file becomes one entry, validated exactly as the API validates."""

import io

import pytest

from service.api.errors import ClaimexError, EmptyText, InvalidRequest, PayloadTooLarge
from service.api.requests import JSON, decode_extract
from service.bulk.sources import count_lines, open_source, read_directory, read_jsonl
from service.settings import Settings

SETTINGS = Settings(max_body_bytes=200, max_text_chars=100)
BAD_LINES = [
    b"not json",
    b"[1, 2]",
    b'{"text": "  ", "id": "blank"}',
    b'{"text": "Prices rose.", "id": "extra", "extra": 1}',
    b'{"text": "Prices rose.", "published_at": "yesterday"}',
    b'{"text": "' + b"x" * 120 + b'", "id": "long"}',
    b'{"text": "Prices rose.", "id": 7}',
    b"",
]


def api_problem(line: bytes) -> ClaimexError:
    """Return what POST /v1/extract raises for the same JSON body."""
    with pytest.raises(ClaimexError) as caught:
        decode_extract(line, JSON, {}, {}, SETTINGS)
    return caught.value


def entries_of(*lines: bytes):
    return list(read_jsonl(io.BytesIO(b"\n".join(lines) + b"\n"), SETTINGS))


def test_each_bad_line_gets_the_api_problem_with_its_line_number():
    good = b'{"text": "Police said 12 people were hurt.", "id": "good", "published_at": "2022-03-12"}'
    entries = entries_of(good, *BAD_LINES, good)
    assert [e.line for e in entries] == list(range(1, len(BAD_LINES) + 3))
    assert entries[0].job.id == "good" and entries[0].problem is None
    assert entries[-1].job is not None
    for entry, line in zip(entries[1:-1], BAD_LINES, strict=True):
        expected = api_problem(line)
        assert entry.job is None
        assert (type(entry.problem), entry.problem.detail) == (type(expected), expected.detail), line


def test_the_id_of_a_bad_line_is_kept_when_it_can_be_read():
    ids = [e.id for e in entries_of(*BAD_LINES)]
    assert ids == [None, None, "blank", "extra", None, "long", None, None]


def test_problem_kinds_are_the_api_kinds():
    kinds = [type(e.problem) for e in entries_of(*BAD_LINES)]
    assert kinds == [InvalidRequest, InvalidRequest, EmptyText, InvalidRequest, InvalidRequest,
                     PayloadTooLarge, InvalidRequest, InvalidRequest]


def test_a_line_over_the_body_limit_is_refused_and_the_next_line_still_read():
    huge = b'{"text": "' + b"y" * 5000 + b'"}'
    entries = entries_of(huge, b'{"text": "Prices rose.", "id": "after"}')
    assert isinstance(entries[0].problem, PayloadTooLarge)
    assert entries[0].problem.detail == "line exceeds the limit of 200 bytes"
    assert (entries[1].line, entries[1].job.id) == (2, "after")


def test_a_line_that_is_not_utf8_is_a_problem_not_a_crash():
    (entry,) = entries_of(b'{"text": "caf\xe9"}')
    assert isinstance(entry.problem, InvalidRequest)
    assert entry.problem.detail == "line is not valid UTF-8 (byte 13)"


def test_crlf_line_ends_and_a_last_line_without_newline_are_read():
    entries = list(read_jsonl(io.BytesIO(b'{"text": "One."}\r\n{"text": "Two."}'), SETTINGS))
    assert [e.job.text for e in entries] == ["One.", "Two."]


def test_a_directory_is_read_in_name_order_with_file_names_as_ids(tmp_path):
    (tmp_path / "b.txt").write_text("Prices rose 15% in May.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Police said 12 people were hurt.", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"caf\xe9")
    (tmp_path / "d.txt").write_text("   ", encoding="utf-8")
    (tmp_path / "e.txt").write_text("z" * 150, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    entries = list(read_directory(tmp_path, SETTINGS, "2022-03-12"))
    assert [(e.line, e.id) for e in entries] == [(1, "a.txt"), (2, "b.txt"), (3, "c.txt"), (4, "d.txt"), (5, "e.txt")]
    assert entries[0].job.published_at.isoformat() == "2022-03-12"
    assert entries[0].job.id == "a.txt"
    assert entries[2].problem.detail == "file is not valid UTF-8 (byte 3)"
    assert isinstance(entries[3].problem, EmptyText)
    assert isinstance(entries[4].problem, PayloadTooLarge)


def test_open_source_counts_lines_for_progress(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"text": "One."}\n{"text": "Two."}\n{"text": "Three."}')
    assert count_lines(path) == 3
    entries, total = open_source(str(path), SETTINGS, None)
    assert total == 3 and len(list(entries)) == 3
    with pytest.raises(OSError):
        open_source(str(tmp_path / "missing.jsonl"), SETTINGS, None)
