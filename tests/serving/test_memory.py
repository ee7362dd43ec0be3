"""The memory bounds: kernel caches capped unless the environment says otherwise, heap trims counted."""

import os

from service.serving import memory
from service.serving.memory import KERNEL_CACHE_VARIABLES, HeapTrimmer, cap_kernel_caches


def test_kernel_caches_are_capped_unless_the_environment_sets_them(monkeypatch):
    # Set, then deleted: the test's end restores the variable as it was, absent or not.
    monkeypatch.setenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "unset below")
    monkeypatch.delenv("ONEDNN_PRIMITIVE_CACHE_CAPACITY")
    monkeypatch.setenv("LRU_CACHE_CAPACITY", "32")
    cap_kernel_caches(256)
    assert os.environ["ONEDNN_PRIMITIVE_CACHE_CAPACITY"] == "256"
    assert os.environ["LRU_CACHE_CAPACITY"] == "32"
    assert set(KERNEL_CACHE_VARIABLES) == {"ONEDNN_PRIMITIVE_CACHE_CAPACITY", "LRU_CACHE_CAPACITY"}


def test_the_heap_is_trimmed_once_enough_characters_were_extracted(monkeypatch):
    calls = []
    monkeypatch.setattr(memory, "_malloc_trim", lambda: calls.append)
    trimmer = HeapTrimmer(after_chars=100)
    for chars in (40, 40, 30, 99, 1, 500):
        trimmer.extracted(chars)
    assert calls == [0, 0, 0]


def test_glibc_has_malloc_trim_here():
    # The service runs on glibc (python:3.11-slim, Debian); elsewhere trimming is skipped.
    assert memory._malloc_trim() is not None
