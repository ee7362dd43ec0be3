"""Merging shard outputs: input order restored, nothing lost or doubled, unfinished shards refused."""

import pytest

from service.bulk.merge import MergeError, merge_shards
from service.bulk.records import BulkRecord, encode_line


def lines(*numbers: int) -> bytes:
    return b"".join(encode_line(BulkRecord(line=n, id=f"d{n}")) for n in numbers)


def merged(*paths) -> bytes:
    out: list[bytes] = []
    merge_shards(list(paths), out.append)
    return b"".join(out)


def test_shards_merge_back_into_input_order(tmp_path):
    a, b, c = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "c.jsonl"
    a.write_bytes(lines(1, 4, 5, 9))
    b.write_bytes(lines(2, 3, 8))
    c.write_bytes(b"")
    assert merged(c, b, a) == lines(1, 2, 3, 4, 5, 8, 9)


def test_a_torn_doubled_or_disordered_shard_is_refused(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_bytes(lines(1, 3))
    for bad in (lines(2) + lines(4)[:10], lines(3), lines(4, 2), b"not a record\n"):
        b.write_bytes(bad)
        with pytest.raises(MergeError):
            merged(a, b)
