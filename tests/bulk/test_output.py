"""Resuming: a torn last line is cut off, whole records say where to go on, foreign files are refused."""

import pytest

from service.api.errors import EmptyText
from service.api.requests import Job
from service.bulk.output import LineWriter, Resumed, ResumeError, resume
from service.bulk.records import BulkRecord, encode_line, problem_of
from service.bulk.run import not_yet_written
from service.bulk.shards import Shard
from service.bulk.sources import Entry


def record(line: int, id: str | None, problem: bool = False) -> bytes:
    if problem:
        return encode_line(BulkRecord(line=line, id=id, problem=problem_of(EmptyText("text is empty"))))
    return encode_line(BulkRecord(line=line, id=id))


def entries(count: int) -> list[Entry]:
    return [Entry(line, f"d{line}", Job("Prices rose.", None, f"d{line}")) for line in range(1, count + 1)]


def test_nothing_to_resume_without_a_file(tmp_path):
    assert resume(tmp_path / "out.jsonl", Shard()) == Resumed()


def test_a_torn_last_line_is_cut_off_and_the_whole_ones_counted(tmp_path):
    out = tmp_path / "out.jsonl"
    whole = record(1, "d1") + record(2, "d2", problem=True) + record(4, None)
    out.write_bytes(whole + record(5, "d5")[:17])
    assert resume(out, Shard()) == Resumed(records=3, problems=1, last_line=4, last_id=None)
    assert out.read_bytes() == whole


def test_a_file_that_is_not_our_output_is_refused_and_left_alone(tmp_path):
    out = tmp_path / "out.jsonl"
    for content in (b"hello\n", record(2, "d2") + record(1, "d1"), record(1, "d1") + b'{"id": "x"}\n'):
        out.write_bytes(content)
        with pytest.raises(ResumeError):
            resume(out, Shard())
        assert out.read_bytes() == content


def test_another_shards_output_is_refused(tmp_path):
    out = tmp_path / "out.jsonl"
    mine = [e for e in entries(30) if Shard(0, 3).holds(e.id, e.line)]
    out.write_bytes(b"".join(record(e.line, e.id) for e in mine))
    assert resume(out, Shard(0, 3)).records == len(mine)
    with pytest.raises(ResumeError):
        resume(out, Shard(1, 3))


def test_entries_after_the_last_record_are_the_ones_run():
    done = Resumed(records=3, problems=0, last_line=3, last_id="d3")
    assert [e.line for e in not_yet_written(iter(entries(6)), Shard(), done)] == [4, 5, 6]
    assert [e.line for e in not_yet_written(iter(entries(6)), Shard(), Resumed())] == [1, 2, 3, 4, 5, 6]


def test_an_input_that_does_not_match_the_output_is_refused():
    with pytest.raises(ResumeError):
        list(not_yet_written(iter(entries(6)), Shard(), Resumed(3, 0, 3, "other")))
    with pytest.raises(ResumeError):
        list(not_yet_written(iter(entries(2)), Shard(), Resumed(3, 0, 3, "d3")))


def test_line_writer_appends_whole_lines(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(record(1, "d1"))
    writer = LineWriter.append_to(out)
    writer.write(record(2, "d2"))
    writer.write(record(3, "d3") * 2000)
    writer.close()
    assert out.read_bytes() == record(1, "d1") + record(2, "d2") + record(3, "d3") * 2000
