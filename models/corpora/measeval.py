"""MeasEval (SemEval-2021 Task 8) reader: each paragraph's text with its gold Quantity spans.

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
class MeasEvalDocument:
    """One annotated paragraph: its id, split, text and gold quantities sorted by start."""

    doc_id: str
    split: str
    text: str
    quantities: tuple[GoldQuantity, ...]


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
        documents.append(MeasEvalDocument(tsv.stem, split, text, read_quantities(tsv, text)))
    return documents


def read_quantities(tsv: Path, text: str) -> tuple[GoldQuantity, ...]:
    """Return the distinct Quantity annotations of one TSV, sorted by (start, end)."""
    found: dict[tuple[int, int], GoldQuantity] = {}
    with tsv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["annotType"] != "Quantity":
                continue
            start, end = int(row["startOffset"]), int(row["endOffset"])
            other = json.loads(row["other"]) if row.get("other") else {}
            modifiers = frozenset(m for mod in other.get("mods", ()) for m in _MODIFIER_RE.findall(mod))
            found.setdefault(
                (start, end), GoldQuantity(start, end, text[start:end], other.get("unit"), modifiers)
            )
    return tuple(found[key] for key in sorted(found))
