import threading
from dataclasses import dataclass

import pytest

from service.core.document import build_document
from service.pipeline import Extraction


@dataclass(frozen=True)
class FakeModel:
    name: str
    version: str = "0"


class FakePipeline:
    """A pipeline without a model: it finds nothing, records the texts of each call,
    raises on a text in `failing`, and holds a call with a text in `gates` until its gate is set."""

    tagger = FakeModel("fake-tagger")
    checkworthiness = FakeModel("fake-checkworthiness")

    def __init__(self, failing: tuple[str, ...] = (), gates: dict[str, threading.Event] | None = None) -> None:
        self.failing, self.gates = failing, gates or {}
        self.calls: list[list[str]] = []
        self.entered = threading.Condition()

    def extract_many(self, documents):
        texts = [text for text, _ in documents]
        with self.entered:
            self.calls.append(texts)
            self.entered.notify_all()
        for text in texts:
            if text in self.gates:
                assert self.gates[text].wait(30), "a test gate was never opened"
        if any(text in self.failing for text in texts):
            raise RuntimeError("model failure")
        return [Extraction(build_document(text), None, [], [], [], []) for text in texts]

    def wait_for(self, text: str) -> None:
        """Block until a call holding `text` has started (call off the event loop)."""
        with self.entered:
            assert self.entered.wait_for(lambda: any(text in call for call in self.calls), 30)

    @property
    def texts(self) -> list[str]:
        return [text for call in self.calls for text in call]


@pytest.fixture()
def fake_pipeline():
    return FakePipeline
