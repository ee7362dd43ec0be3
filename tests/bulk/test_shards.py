"""Shards: a stable split, the same in every process, covering every document once."""

import subprocess
import sys

import pytest

from service.bulk.shards import Shard, ShardError, parse_shard, shard_of


def test_parse_shard():
    assert parse_shard("2/4") == Shard(2, 4)
    assert str(parse_shard(" 0/1 ")) == "0/1"
    for bad in ("4/4", "1/0", "-1/3", "1-3", "a/b", ""):
        with pytest.raises(ShardError):
            parse_shard(bad)


def test_every_document_is_in_exactly_one_shard_and_the_split_is_even():
    keys = [(f"doc-{i}", i) for i in range(600)] + [(None, i) for i in range(600, 900)]
    shards = [Shard(i, 3) for i in range(3)]
    sizes = [sum(shard.holds(id, line) for id, line in keys) for shard in shards]
    assert sum(sizes) == len(keys)
    assert all(250 <= size <= 350 for size in sizes), sizes


def test_the_id_places_a_document_and_without_one_its_line_does():
    assert {shard_of("same-id", line, 3) for line in range(1, 40)} == {shard_of("same-id", 1, 3)}
    assert {shard_of(None, line, 3) for line in range(1, 40)} == {0, 1, 2}


def test_the_split_is_the_same_in_another_process():
    # Python's hash() is salted per process; a shard split on it would differ between pods.
    here = [shard_of(f"doc-{i}", i, 7) for i in range(50)]
    code = "from service.bulk.shards import shard_of; print([shard_of(f'doc-{i}', i, 7) for i in range(50)])"
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONHASHSEED": "12345"})
    assert there.stdout.strip() == str(here)
