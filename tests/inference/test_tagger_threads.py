"""The tagger used from several inference threads at once (the server runs one per consumer)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from service.inference.tagger import ClaimTagger
from service.settings import DEFAULT_MODEL_PATH

pytestmark = pytest.mark.model
TEXT = ('Officials said on Tuesday that more than 2,000 people had been evacuated. '
        '"We are doing everything we can," the mayor said. ') * 40


@pytest.fixture(scope="module")
def tagger() -> ClaimTagger:
    return ClaimTagger.load(DEFAULT_MODEL_PATH / "claim-tagger")


def test_each_thread_tokenizes_with_its_own_copy(tagger):
    seen = []
    barrier = threading.Barrier(2)

    def tokenizer_of_this_thread():
        barrier.wait(30)
        seen.append(tagger._own_tokenizer())
        return tagger._own_tokenizer()

    with ThreadPoolExecutor(2) as pool:
        again = list(pool.map(lambda _: tokenizer_of_this_thread(), range(2)))
    assert seen[0] is not seen[1] and set(map(id, again)) == set(map(id, seen))
    assert tagger.tokenizer not in seen


def test_threads_tagging_at_once_find_what_one_thread_finds(tagger):
    alone = tagger.tag(TEXT)
    with ThreadPoolExecutor(3) as pool:
        together = list(pool.map(tagger.tag, [TEXT] * 6))
    assert all(found == alone for found in together)
