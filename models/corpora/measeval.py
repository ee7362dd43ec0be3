"""MeasEval (SemEval-2021 Task 8) reader: each paragraph's text with its gold Quantity,
MeasuredEntity and MeasuredProperty spans.

A split folder holds one TSV per annotated paragraph (`docId annotSet annotType
startOffset endOffset annotId text other`) and the paragraph texts (`txt/` in trial,
`text/` in train). Offsets are character offsets into the text. A quantity is
annotated once per annotation set, so the same span can appear several times; it
is kept once. Paragraphs without a TSV were not annotated and are skipped.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path

SPLITS = ("trial", "train")
# The trial split (65 paragraphs) is the development part; train is for calibration.
DEV_SPLIT = "trial"

# Some modifier lists run two together: "IsRangeHasTolerance" is IsRange + HasTolerance.
_MODIFIER_RE = re.compile(r"(?:Is|Has)[A-Z][a-z]+")


@dataclass(frozen=True, slots=True)
class GoldQuantity:
    """One gold Quantity: its extent in the paragraph, surface unit and modifiers."""

    start: int
    end: int
    text: str
    unit: str | None
    modifiers: frozenset[str]


@dataclass(frozen=True, slots=True)
class GoldSpan:
    """One gold MeasuredEntity or MeasuredProperty: its extent in the paragraph."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class MeasEvalDocument:
    """One annotated paragraph: its id, split, text and gold spans, each kind sorted by start."""

    doc_id: str
    split: str
    text: str
    quantities: tuple[GoldQuantity, ...]
    entities: tuple[GoldSpan, ...] = ()
    properties: tuple[GoldSpan, ...] = ()


def default_root(repo_root: Path | None = None) -> Path:
    """Return the measeval folder of the shared data beside the checkout."""
    root = repo_root if repo_root is not None else Path(__file__).resolve().parents[2]
    return root.parent / "shared" / "data" / "measeval"


def read_split(split: str = DEV_SPLIT, root: Path | None = None) -> list[MeasEvalDocument]:
    """Return the annotated paragraphs of one split ("trial" or "train"), sorted by id."""
    if split not in SPLITS:
        raise ValueError(f"unknown MeasEval split {split!r}; expected one of {SPLITS}")
    folder = (root if root is not None else default_root()) / split
    texts = next(p for p in (folder / "txt", folder / "text") if p.is_dir())
    documents = []
    for tsv in sorted((folder / "tsv").glob("*.tsv")):
        text = (texts / f"{tsv.stem}.txt").read_text(encoding="utf-8")
        documents.append(MeasEvalDocument(
            tsv.stem, split, text, read_quantities(tsv, text),
            read_spans(tsv, text, "MeasuredEntity"), read_spans(tsv, text, "MeasuredProperty"),
        ))
    return documents


def _rows(tsv: Path, annot_type: str) -> list[dict[str, str]]:
    """Return the TSV rows of one annotation type."""
    with tsv.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if row["annotType"] == annot_type]


def read_spans(tsv: Path, text: str, annot_type: str) -> tuple[GoldSpan, ...]:
    """Return the distinct spans of one annotation type ("MeasuredEntity", ...), sorted."""
    extents = {(int(row["startOffset"]), int(row["endOffset"])) for row in _rows(tsv, annot_type)}
    return tuple(GoldSpan(start, end, text[start:end]) for start, end in sorted(extents))


def read_quantities(tsv: Path, text: str) -> tuple[GoldQuantity, ...]:
    """Return the distinct Quantity annotations of one TSV, sorted by (start, end)."""
    found: dict[tuple[int, int], GoldQuantity] = {}
    for row in _rows(tsv, "Quantity"):
        start, end = int(row["startOffset"]), int(row["endOffset"])
        other = json.loads(row["other"]) if row.get("other") else {}
        modifiers = frozenset(m for mod in other.get("mods", ()) for m in _MODIFIER_RE.findall(mod))
        found.setdefault((start, end), GoldQuantity(start, end, text[start:end], other.get("unit"), modifiers))
    return tuple(found[key] for key in sorted(found))
