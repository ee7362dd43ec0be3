"""Bulk runs with the real pipeline: a record per line in input order, problems as the API words them,
shards that add up to the whole."""

import json
from pathlib import Path

import msgspec

from service.api.errors import ClaimexError
from service.api.requests import JSON, decode_extract
from service.bulk.merge import merge_shards
from service.bulk.records import problem_of
from service.bulk.run import run_bulk
from service.bulk.shards import Shard
from service.bulk.sources import open_source
from service.settings import Settings

SENTENCES = [
    "Police said 12 people were hurt on Monday.",
    "Prices rose 15% in May, the statistics office said.",
    "The bridge, 1.2 km long, opened in 1998.",
    '"We will rebuild," the mayor said on Tuesday.',
    "About 3,000 homes lost power after the storm.",
    "The company said profits fell by a third last year.",
]
BAD = ["{not json", {"text": "   ", "id": "blank"}, {"text": "Fine text.", "id": "x", "colour": "red"},
       {"text": "Fine text.", "published_at": "last week"}]


def run(path: Path, out: Path, pipeline, shard: Shard = Shard(), **settings) -> int:
    settings = Settings(**settings)
    entries, total = open_source(str(path), settings, None)
    outcome = run_bulk(entries, total, out, shard, settings, load_pipeline=lambda _: pipeline)
    return outcome.failed


def api_problem(line: dict | str) -> dict:
    raw = line if isinstance(line, str) else json.dumps(line)
    try:
        decode_extract(raw.encode(), JSON, {}, {}, Settings())
    except ClaimexError as exc:
        return msgspec.to_builtins(problem_of(exc))
    raise AssertionError(f"the API accepts {raw}")


def test_round_trip_good_and_bad_lines_in_order(tmp_path, pipeline, write_jsonl, records):
    lines: list[dict | str] = []
    for i, text in enumerate(SENTENCES):
        lines.append({"text": text, "id": f"doc-{i}", "published_at": "2022-03-12"} if i % 2 else {"text": text})
        if i < len(BAD):
            lines.append(BAD[i])
    source = write_jsonl(tmp_path / "in.jsonl", lines)
    out = tmp_path / "out.jsonl"
    assert run(source, out, pipeline) == len(BAD)  # several documents per batch: the default budget
    written = records(out)
    assert [r["line"] for r in written] == list(range(1, len(lines) + 1))
    for line, record in zip(lines, written, strict=True):
        assert ("result" in record) != ("problem" in record), record
        if "problem" in record:
            assert record["problem"] == api_problem(line)
            continue
        result = record["result"]
        assert record["id"] == result["id"] == line.get("id")
        for kind in ("quantities", "dates", "quotes", "claims"):
            for span in result[kind]:
                assert line["text"][span["start"] : span["end"]] == span["text"]
    assert written[1]["id"] is None and written[3]["id"] == "blank" and written[5]["id"] == "x"
    assert any(q["text"] == "12 people" for q in written[0]["result"]["quantities"])


def test_shards_together_are_the_whole(tmp_path, pipeline, alone, write_jsonl, records):
    lines = [{"text": text, "id": f"doc-{i}"} for i, text in enumerate(SENTENCES)]
    lines += [{"text": SENTENCES[0]}, {"text": SENTENCES[1]}, BAD[0], BAD[1]]  # placed by line number
    source = write_jsonl(tmp_path / "in.jsonl", lines)
    run(source, tmp_path / "whole.jsonl", pipeline, **alone)
    parts = [tmp_path / f"part-{i}.jsonl" for i in range(3)]
    for i, part in enumerate(parts):
        run(source, part, pipeline, Shard(i, 3), **alone)
    assert all(records(part) for part in parts)  # each shard got documents
    assert sorted(r["line"] for part in parts for r in records(part)) == list(range(1, len(lines) + 1))
    merged: list[bytes] = []
    merge_shards(parts, merged.append)
    (tmp_path / "merged.jsonl").write_bytes(b"".join(merged))
    assert records(tmp_path / "merged.jsonl") == records(tmp_path / "whole.jsonl")
