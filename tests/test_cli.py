"""`claimex extract FILE|-` prints the JSON of one article."""

import json
import subprocess
import sys
from pathlib import Path

from service.cli import main

CLAIMEX = [sys.executable, "-m", "service.cli"]


def test_extract_a_file_prints_json(tmp_path, capsysbinary):
    article = tmp_path / "article.txt"
    article.write_text("Police said 12 people were hurt on Monday.", encoding="utf-8")
    assert main(["extract", str(article), "--published-at", "2022-03-12"]) == 0
    body = json.loads(capsysbinary.readouterr().out)
    assert body["published_at"] == {"value": "2022-03-12", "source": "request"}
    assert any(q["text"] == "12 people" for q in body["quantities"])


def test_extract_from_stdin():
    done = subprocess.run(CLAIMEX + ["extract", "-"], input="Prices rose 15% last year.".encode(),
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    assert json.loads(done.stdout)["quantities"][0]["text"] == "15%"


def test_bad_inputs_exit_2_with_a_message(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"caf\xe9")
    for args in (["extract", str(empty)], ["extract", str(latin)], ["extract", str(Path(tmp_path, "missing"))]):
        assert main(args) == 2
        assert capsys.readouterr().err.startswith("claimex extract:")
