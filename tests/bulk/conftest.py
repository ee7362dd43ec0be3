import json
from pathlib import Path

import pytest

from service.pipeline import Pipeline
from service.settings import DEFAULT_MODEL_PATH


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline.load(DEFAULT_MODEL_PATH)


@pytest.fixture(scope="session")
def alone() -> dict:
    """Settings that run each document alone, so its numbers cannot depend on which others shared
    its batch (bf16 scores move in the 4th decimal with the batch's padding): runs compare exactly."""
    return {"batch_token_budget": 1}


@pytest.fixture(scope="session")
def write_jsonl():
    return _write_jsonl


@pytest.fixture(scope="session")
def records():
    return _records


def _write_jsonl(path: Path, lines: list[dict | str]) -> Path:
    """Write one JSON object (or a raw string, for bad lines) per line."""
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line)) + "\n" for line in lines),
                    encoding="utf-8")
    return path


def _records(path: Path) -> list[dict]:
    """Return the output's records, each result's timing (which varies run to run) taken out."""
    loaded = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for record in loaded:
        if "result" in record:
            del record["result"]["meta"]["timing"]
    return loaded
