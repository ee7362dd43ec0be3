"""Sliding windows over a long token sequence, and merging their per-token outputs.

No text is cut at the encoder's 512 positions: every token is covered by some
window, and its output is taken from the window where it sits farther from an
edge (where it sees more context on both sides).
"""

from __future__ import annotations


def plan_windows(n_tokens: int, size: int, stride: int) -> list[tuple[int, int]]:
    """Return [start, end) token windows of at most `size`, each starting `stride` after the last.

    The last window ends at `n_tokens`; consecutive windows overlap by size - stride.
    """
    if not 0 < stride <= size:
        raise ValueError("stride must be in (0, size]")
    if n_tokens <= size:
        return [(0, n_tokens)]
    windows = []
    start = 0
    while start + size < n_tokens:
        windows.append((start, start + size))
        start += stride
    windows.append((n_tokens - size, n_tokens))
    return windows


def owned_ranges(windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return, per window, the contiguous [start, end) of tokens whose output it supplies.

    Where two windows overlap, the overlap is split at its middle: each token is
    taken from the window in which it sits farther from an edge.
    """
    ranges = []
    start = 0
    for (_, end), following in zip(windows, windows[1:] + [None]):
        stop = end if following is None else (following[0] + end) // 2
        ranges.append((start, stop))
        start = stop
    return ranges


def token_budget_batches(lengths: list[int], budget: int) -> list[list[int]]:
    """Return index batches, shortest first, each with rows x longest row <= budget.

    Sorting by length keeps padding (wasted work) small; the budget bounds the
    memory and latency of one forward pass. A row longer than the budget goes alone.
    """
    order = sorted(range(len(lengths)), key=lengths.__getitem__)
    batches: list[list[int]] = []
    current: list[int] = []
    for index in order:
        if current and (len(current) + 1) * lengths[index] > budget:
            batches.append(current)
            current = []
        current.append(index)
    if current:
        batches.append(current)
    return batches
