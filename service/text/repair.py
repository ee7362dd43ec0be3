"""Mojibake repair on a working copy that keeps an exact map back to the original text.

Extractors read the repaired working text; every span they return is mapped back
through `OffsetMap.to_original`, so offsets in the response always index the text
exactly as the client sent it.
"""

from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

import ftfy
import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-1252" codec)

# A UTF-8 lead byte read as cp1252/latin-1 (Â..ô) followed by continuation bytes
# read the same way (0x80-0xBF, in latin-1 or in cp1252's printable specials).
_CONTINUATION = (
    "\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE_RUN = re.compile(f"[\u00c2-\u00f4][{_CONTINUATION}]+")
# "â€" is the first two bytes of U+201x punctuation; when the third byte was lost
# (0x9D has no cp1252 character and is often dropped) a closing quote stood there.
_LOST_CLOSING_QUOTE = "\u00e2\u20ac"
_DAGGER = "\u2020"
_OPENING_QUOTE = "\u201c"
_CLOSING_DOUBLE_QUOTE = "\u201d"


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """For each working-text character, the original range [start, end) it came from."""

    starts: array
    ends: array
    original_length: int

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        """Return the map of a working copy identical to the original."""
        return cls(array("q", range(length)), array("q", range(1, length + 1)), length)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Return the original [start, end) covered by working-text [start, end)."""
        if end <= start:
            point = self.starts[start] if start < len(self.starts) else self.original_length
            return point, point
        return self.starts[start], self.ends[end - 1]


@dataclass(frozen=True, slots=True)
class RepairedText:
    """The working text, its map to the original, and how many repairs were made."""

    text: str
    offsets: OffsetMap
    repairs: int


class _Builder:
    """Accumulates working text piece by piece along with each character's origin."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.starts = array("q")
        self.ends = array("q")

    def copy(self, original: str, start: int, end: int) -> None:
        self.parts.append(original[start:end])
        self.starts.extend(range(start, end))
        self.ends.extend(range(start + 1, end + 1))

    def replace(self, replacement: str, origins: list[tuple[int, int]]) -> None:
        self.parts.append(replacement)
        for start, end in origins:
            self.starts.append(start)
            self.ends.append(end)


def _decode_run(run: str, offset: int) -> tuple[str, list[tuple[int, int]]] | None:
    """Return the repaired run with each character's original range, or None to keep it."""
    fixed = ftfy.fix_encoding(run)
    if fixed != run:
        aligned = _align_utf8(run, offset)
        if aligned is not None and aligned[0] == fixed:
            return aligned
        # ftfy repaired something it did not decode byte for byte: attribute
        # every repaired character to the whole run, which still maps exactly.
        return fixed, [(offset, offset + len(run))] * len(fixed)
    if run.endswith(_LOST_CLOSING_QUOTE):
        head = run[: -len(_LOST_CLOSING_QUOTE)]
        head_fixed = _decode_run(head, offset) if head else ("", [])
        text, origins = head_fixed if head_fixed is not None else (head, _single(offset, len(head)))
        end = offset + len(run)
        return text + _CLOSING_DOUBLE_QUOTE, origins + [(end - 2, end)]
    return None


def _single(offset: int, length: int) -> list[tuple[int, int]]:
    return [(offset + i, offset + i + 1) for i in range(length)]


def _align_utf8(run: str, offset: int) -> tuple[str, list[tuple[int, int]]] | None:
    """Decode the run's cp1252 bytes as UTF-8, one character per byte group."""
    try:
        raw = run.encode("sloppy-windows-1252")
    except UnicodeEncodeError:
        return None
    if len(raw) != len(run):
        return None
    chars: list[str] = []
    origins: list[tuple[int, int]] = []
    i = 0
    while i < len(raw):
        lead = raw[i]
        width = 1 if lead < 0x80 else 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
        try:
            chars.append(raw[i : i + width].decode("utf-8"))
        except UnicodeDecodeError:
            return None
        origins.append((offset + i, offset + i + width))
        i += width
    return "".join(chars), origins


def repair_text(original: str) -> RepairedText:
    """Return the mojibake-repaired working copy of `original` with its offset map."""
    builder = _Builder()
    cursor = 0
    repairs = 0
    for match in _MOJIBAKE_RUN.finditer(original):
        decoded = _decode_run(match.group(), match.start())
        if decoded is None:
            continue
        builder.copy(original, cursor, match.start())
        builder.replace(*decoded)
        cursor = match.end()
        repairs += 1
    builder.copy(original, cursor, len(original))
    text = "".join(builder.parts)
    text, starts, ends, dagger_repairs = _repair_daggers(text, builder.starts, builder.ends)
    return RepairedText(text, OffsetMap(starts, ends, len(original)), repairs + dagger_repairs)


def _repair_daggers(text: str, starts: array, ends: array) -> tuple[str, array, array, int]:
    """Turn a `†` that stands where a closing quote was lost back into `”`.

    Python's and ftfy's cp1252 decoding turn `â€` + a swallowed space into `†`;
    it is a closing quote when it follows a word and closes a quote opened on its
    line. A space swallowed with it is restored as a zero-width insertion.
    """
    if _DAGGER not in text:
        return text, starts, ends, 0
    chars: list[str] = []
    new_starts, new_ends = array("q"), array("q")
    repairs = 0
    curly_open = 0
    straight_open = False
    for i, char in enumerate(text):
        if char == "\n":
            curly_open, straight_open = 0, False
        elif char == _OPENING_QUOTE:
            curly_open += 1
        elif char == _CLOSING_DOUBLE_QUOTE:
            curly_open = max(0, curly_open - 1)
        elif char == '"':
            straight_open = not straight_open
        elif char == _DAGGER and i and not text[i - 1].isspace() and (curly_open or straight_open):
            if curly_open:
                curly_open -= 1
            else:
                straight_open = False
            repairs += 1
            chars.append(_CLOSING_DOUBLE_QUOTE)
            new_starts.append(starts[i])
            new_ends.append(ends[i])
            if i + 1 < len(text) and text[i + 1].isalnum():
                chars.append(" ")
                new_starts.append(ends[i])
                new_ends.append(ends[i])
            continue
        chars.append(char)
        new_starts.append(starts[i])
        new_ends.append(ends[i])
    return "".join(chars), new_starts, new_ends, repairs
