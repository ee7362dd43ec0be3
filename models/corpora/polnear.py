"""PolNeAR reader: each article's text with its gold attributions, per annotator.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates attributions in brat
standoff: `T` lines are spans (`Source`, `Cue`, `Content`, a span may be split
in pieces `start end;start end`), `E` lines tie them (`Attribution:T4
Content:T3 Cue:T2 Source:T1`; `Attribution-no-source` has no source). Offsets
are character offsets into the article's `text/*.txt`. An article annotated by
several annotators has one `.ann` per annotator (the name ends in the id);
each becomes its own `PolnearDocument` with the same text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SPLITS = ("train", "dev")
_ROLES = {"Source": "source", "Cue": "cue", "Content": "content", "Content2": "content"}
_PIECE = re.compile(r"(\d+) (\d+)")
_ANN_NAME = re.compile(r"(?P<article>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One contiguous piece of a gold span: [start, end) into the article text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One gold attribution: its source, cue and content, each a tuple of pieces."""

    source: tuple[GoldSpan, ...]
    cue: tuple[GoldSpan, ...]
    content: tuple[GoldSpan, ...]


@dataclass(frozen=True, slots=True)
class PolnearDocument:
    """One annotator's annotation of one article: its text and gold attributions."""

    article: str
    annotator: str
    split: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def default_root(repo_root: Path | None = None) -> Path:
    """Return the polnear folder of the shared data beside the checkout."""
    root = repo_root if repo_root is not None else Path(__file__).resolve().parents[2]
    return root.parent / "shared" / "data" / "polnear"


def _pieces(offsets: str) -> tuple[GoldSpan, ...]:
    """Return the pieces of a brat offset field (`12 20;25 30`), in order."""
    return tuple(GoldSpan(int(a), int(b)) for a, b in _PIECE.findall(offsets))


def parse_ann(ann: str) -> tuple[GoldAttribution, ...]:
    """Return the attributions of one brat `.ann` text, in the order of their `E` lines."""
    spans: dict[str, tuple[GoldSpan, ...]] = {}
    events: list[list[str]] = []
    for line in ann.splitlines():
        fields = line.split("\t")
        if len(fields) < 2 or not fields[0]:
            continue  # a span's text may run over several lines
        if fields[0][0] == "T" and " " in fields[1]:
            spans[fields[0]] = _pieces(fields[1].split(" ", 1)[1])
        elif fields[0][0] == "E" and fields[1].startswith("Attribution"):
            events.append(fields[1].split())
    return tuple(a for a in (_attribution(e, spans) for e in events) if a.content or a.cue)


def _attribution(roles: list[str], spans: dict[str, tuple[GoldSpan, ...]]) -> GoldAttribution:
    """Return the attribution an `E` line's `Role:T1` list describes."""
    parts: dict[str, list[GoldSpan]] = {"source": [], "cue": [], "content": []}
    for role in roles:
        name, _, ref = role.partition(":")
        if name in _ROLES:
            parts[_ROLES[name]].extend(spans.get(ref, ()))
    return GoldAttribution(
        **{key: tuple(sorted(set(value), key=lambda s: (s.start, s.end))) for key, value in parts.items()}
    )


def read_split(root: Path, split: str) -> Iterator[PolnearDocument]:
    """Yield one document per `.ann` file of `split` (train or dev), sorted by file name."""
    folder = root / split
    for ann_path in sorted((folder / "attributions").glob("*.ann")):
        name = _ANN_NAME.match(ann_path.name)
        if name is None:
            continue
        text_path = folder / "text" / f"{name['article']}.txt"
        yield PolnearDocument(
            article=name["article"],
            annotator=name["annotator"],
            split=split,
            text=text_path.read_text(encoding="utf-8"),
            attributions=parse_ann(ann_path.read_text(encoding="utf-8")),
        )
