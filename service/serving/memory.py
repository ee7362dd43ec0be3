"""Bounding the memory the inference libraries keep between requests.

bf16 on CPU runs through oneDNN, which compiles kernels for each input shape and keeps
them in two caches (oneDNN's primitive cache and ideep's, 1,024 entries each by
default). Requests of varied lengths give varied shapes, so the caches filled with
kernels and the process grew with the variety of its inputs, not their count: one
process extracting 150 varied documents went from 494 to 1,141 MiB, of which the heap in
use grew 380 -> 560 MiB (fp32, which takes no oneDNN kernels, stayed near 650 MiB).
Capped, the caches keep the kernels of recent shapes only. What large batches free stays
in glibc's heap; malloc_trim hands the free pages back. bench/service_soak.py measures it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os

log = logging.getLogger("claimex.memory")
# Kernels kept per cache. In one process with two inference threads over 1,000-1,500 varied
# documents (8 callers): at 256 the heap in use kept growing (287 -> 426 MiB, RSS 668 -> 869);
# at 64 it stayed at 265-297 MiB from the 100th document on (RSS 742-781) for about the same
# CPU time per document (287 s per 1,000 against 278 s at 256; fp32 took 514 s).
KERNEL_CACHE_CAPACITY = 64
# The libraries read these once, when they first compile a kernel.
KERNEL_CACHE_VARIABLES = ("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "LRU_CACHE_CAPACITY")
# Characters extracted between two malloc_trim calls (a trim takes milliseconds).
TRIM_AFTER_CHARS = 100_000


def cap_kernel_caches(capacity: int = KERNEL_CACHE_CAPACITY) -> None:
    """Cap oneDNN's and ideep's kernel caches at `capacity` entries unless the process
    environment already sets them; effective only before the first forward pass."""
    for name in KERNEL_CACHE_VARIABLES:
        os.environ.setdefault(name, str(capacity))


class HeapTrimmer:
    """Calls glibc's malloc_trim after every TRIM_AFTER_CHARS characters extracted (elsewhere: nothing)."""

    def __init__(self, after_chars: int = TRIM_AFTER_CHARS) -> None:
        self.after_chars = after_chars
        self._since = 0
        self._trim = _malloc_trim()

    def extracted(self, chars: int) -> None:
        """Count `chars` extracted; trim the heap once enough have been since the last trim."""
        self._since += chars
        if self._trim is not None and self._since >= self.after_chars:
            self._since = 0
            self._trim(0)


def _malloc_trim():
    """Return glibc's malloc_trim, or None where the C library has none (musl, macOS)."""
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):
        log.info("no malloc_trim in the C library: freed heap pages stay with the process")
        return None
