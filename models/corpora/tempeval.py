"""TempEval-3 TimeML reader: each document's TEXT with its gold TIMEX3 spans and creation time.

Offsets are character offsets into `TempevalDocument.text`, the content of <TEXT> with
every tag removed and entities unescaped (the offsets TimeML itself uses). The creation
time is the TIMEX3 with functionInDocument="CREATION_TIME", which sits outside <TEXT>.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path

PARTS = ("TimeBank", "AQUAINT")
# AQUAINT is the development part; TimeBank is kept for training.
DEV_PART = "AQUAINT"

_TEXT = re.compile(r"<TEXT>(?P<body>.*?)</TEXT>", re.DOTALL)
_TAG = re.compile(r"<(?P<close>/)?(?P<name>[A-Za-z0-9_]+)(?P<attrs>[^>]*?)/?>")
_ATTR = re.compile(r'(?P<key>[A-Za-z_]+)="(?P<value>[^"]*)"')
_CREATION = re.compile(r"<TIMEX3\b(?P<attrs>[^>]*functionInDocument=\"CREATION_TIME\"[^>]*)>")
_DAY = re.compile(r"(?P<year>\d{4})-?(?P<month>\d{2})-?(?P<day>\d{2})")


@dataclass(frozen=True, slots=True)
class Timex3:
    """One TIMEX3 (gold or system): its extent in the document's text, type, value and mod."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class TempevalDocument:
    """One TimeML document: its name, part, plain text, gold TIMEX3s and creation date."""

    name: str
    part: str
    text: str
    timexes: tuple[Timex3, ...]
    creation_date: dt.date | None


def default_root(repo_root: Path | None = None) -> Path:
    """Return the TBAQ-cleaned folder of the shared data beside the checkout."""
    root = repo_root if repo_root is not None else Path(__file__).resolve().parents[2]
    return root.parent / "shared" / "data" / "tempeval3" / "TBAQ-cleaned"


def _attributes(text: str) -> dict[str, str]:
    return {m["key"]: unescape(m["value"]) for m in _ATTR.finditer(text)}


def _creation_date(markup: str) -> dt.date | None:
    match = _CREATION.search(markup)
    if match is None:
        return None
    day = _DAY.match(_attributes(match["attrs"]).get("value", ""))
    if day is None:
        return None
    return dt.date(int(day["year"]), int(day["month"]), int(day["day"]))


def strip_timeml(body: str) -> tuple[str, tuple[Timex3, ...]]:
    """Return the text of a TimeML fragment with tags removed, and its TIMEX3 spans in that text."""
    pieces: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    closed: list[tuple[int, int, dict[str, str]]] = []
    position = 0
    for tag in _TAG.finditer(body):
        chunk = unescape(body[position : tag.start()])
        pieces.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag["name"] != "TIMEX3":
            continue
        if tag["close"] is None:
            open_timex = (length, _attributes(tag["attrs"]))
        elif open_timex is not None:
            closed.append((open_timex[0], length, open_timex[1]))
            open_timex = None
    pieces.append(unescape(body[position:]))
    text = "".join(pieces)
    timexes = tuple(
        Timex3(start, end, text[start:end], attrs.get("type", ""), attrs.get("value", ""), attrs.get("mod"))
        for start, end, attrs in closed
    )
    return text, timexes


def parse_document(markup: str, name: str = "", part: str = "") -> TempevalDocument:
    """Return the document a TimeML file holds; empty text if it has no <TEXT>."""
    body = _TEXT.search(markup)
    text, timexes = strip_timeml(body["body"]) if body is not None else ("", ())
    return TempevalDocument(name, part, text, timexes, _creation_date(markup))


def read_part(part: str = DEV_PART, root: Path | None = None) -> Iterator[TempevalDocument]:
    """Yield the documents of one part ("AQUAINT" or "TimeBank"), sorted by file name."""
    folder = (root if root is not None else default_root()) / part
    for path in sorted(folder.glob("*.tml")):
        yield parse_document(path.read_text(encoding="utf-8"), path.stem, part)
