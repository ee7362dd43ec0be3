"""`claimex extract` in bulk and `claimex merge`: arguments that do not go together fail before any work."""

import pytest

from service.bulk.records import BulkRecord, encode_line
from service.cli import EXIT_USAGE, main


@pytest.fixture()
def inputs(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("Prices rose 15% in May.", encoding="utf-8")
    (tmp_path / "one.txt").write_text("Prices rose 15% in May.", encoding="utf-8")
    (tmp_path / "in.jsonl").write_text('{"text": "Prices rose 15% in May."}\n', encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("args", "says"), [
    (["one.txt", "--shard", "0/2"], "--output and --shard are for bulk input"),
    (["one.txt", "--output", "out.jsonl"], "--output and --shard are for bulk input"),
    (["docs", "--jsonl"], "a directory is read as .txt files"),
    (["in.jsonl", "--published-at", "2022-03-12"], "JSON Lines give published_at per line"),
    (["docs", "--published-at", "last week"], "is not an ISO 8601 date"),
    (["missing.jsonl"], "No such file"),
    (["in.jsonl", "--output", "no/such/dir/out.jsonl"], "No such file"),
])
def test_unusable_arguments_exit_2_with_a_message(inputs, capsys, monkeypatch, args, says):
    monkeypatch.chdir(inputs)
    assert main(["extract", *args]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("claimex extract: ") and says in err, err


def test_an_output_that_is_not_ours_is_left_alone(inputs, capsys):
    out = inputs / "notes.jsonl"
    out.write_text("my own notes\n", encoding="utf-8")
    assert main(["extract", str(inputs / "in.jsonl"), "--output", str(out)]) == EXIT_USAGE
    assert "is not a claimex extract record" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "my own notes\n"


def test_a_bad_shard_is_a_usage_error(inputs, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["extract", str(inputs / "in.jsonl"), "--shard", "3/3"])
    assert exited.value.code == EXIT_USAGE
    assert "need 0 <= I < N" in capsys.readouterr().err


def test_merge_writes_the_shards_in_input_order(tmp_path, capsys):
    def record(line: int) -> bytes:
        return encode_line(BulkRecord(line=line, id=f"d{line}"))

    (tmp_path / "0.jsonl").write_bytes(record(2) + record(3))
    (tmp_path / "1.jsonl").write_bytes(record(1) + record(4))
    out = tmp_path / "all.jsonl"
    assert main(["merge", str(tmp_path / "0.jsonl"), str(tmp_path / "1.jsonl"), "--output", str(out)]) == 0
    assert out.read_bytes() == record(1) + record(2) + record(3) + record(4)
    (tmp_path / "1.jsonl").write_bytes(record(1) + record(4)[:5])
    assert main(["merge", str(tmp_path / "0.jsonl"), str(tmp_path / "1.jsonl")]) == EXIT_USAGE
    assert "ends in a torn line" in capsys.readouterr().err
