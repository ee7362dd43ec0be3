"""Score the shipped date extractor on TempEval-3 TimeML, the way TempEval-3 scores TIMEX3.

    python -m models.scoring.dates [--data PATH] [--part AQUAINT] [--errors N]

Each document's TEXT goes through `build_document(text, anchor=creation date)` and
`extract_dates`; spans are mapped back to the TEXT's offsets. Definitions (those of the
official TempEval-3 scorer, UzZaman et al. 2013):

- strict extent P/R/F1: a system span counts when a gold span has exactly its extent;
- relaxed extent P/R/F1: a system span counts when it overlaps a gold span (any overlap);
  system and gold spans are paired one-to-one, each gold with the unpaired system span
  that overlaps it most;
- type accuracy and value accuracy: the share of relaxed pairs whose type (DATE, TIME,
  DURATION, SET) or value string is the gold one;
- value F1 (and type F1): F1 where a true positive is a relaxed pair with the right
  value: P = right-valued pairs / system spans, R = right-valued pairs / gold spans. This
  equals relaxed F1 x value accuracy, the "value F1" TempEval-3 ranks systems by.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from models.corpora.tempeval import DEV_PART, PARTS, TempevalDocument, Timex3, default_root, read_part
from models.scoring.figures import precision_recall_f1
from service.core.document import build_document
from service.extractors.dates.extractor import extract_dates


@dataclass(slots=True)
class Counts:
    """Running totals over documents."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    right_type: int = 0
    right_value: int = 0
    errors: list[str] = field(default_factory=list)


def system_timexes(document: TempevalDocument) -> list[Timex3]:
    """Return the extractor's TIMEX3s for a document, in the offsets of its text."""
    doc = build_document(document.text, anchor=document.creation_date)
    found = []
    for timex in extract_dates(doc):
        start, end = doc.offsets.to_original(timex.start, timex.end)
        value = timex.value if timex.value is not None else ""
        found.append(Timex3(start, end, document.text[start:end], timex.type.upper(), value, timex.mod))
    return found


def pair_relaxed(gold: Sequence[Timex3], system: Sequence[Timex3]) -> list[tuple[Timex3, Timex3]]:
    """Return one-to-one (gold, system) pairs of overlapping spans, each gold with its largest overlap."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        best, best_overlap = None, 0
        for index, s in enumerate(system):
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if index not in used and overlap > best_overlap:
                best, best_overlap = index, overlap
        if best is not None:
            used.add(best)
            pairs.append((g, system[best]))
    return pairs


def score_document(document: TempevalDocument, counts: Counts) -> None:
    """Add one document's gold, system, strict, relaxed, type and value counts to `counts`."""
    system = system_timexes(document)
    pairs = pair_relaxed(document.timexes, system)
    counts.gold += len(document.timexes)
    counts.system += len(system)
    counts.relaxed += len(pairs)
    gold_extents = {(g.start, g.end) for g in document.timexes}
    counts.strict += sum((s.start, s.end) in gold_extents for s in system)
    for g, s in pairs:
        counts.right_type += g.type == s.type
        counts.right_value += g.value == s.value
        if (g.start, g.end, g.type, g.value) != (s.start, s.end, s.type, s.value):
            counts.errors.append(f"{document.name}\tMISMATCH\t{g.text!r} {g.type} {g.value}\t{s.text!r} {s.type} {s.value}")
    paired_gold = {id(g) for g, _ in pairs}
    paired_system = {id(s) for _, s in pairs}
    for g in document.timexes:
        if id(g) not in paired_gold:
            counts.errors.append(f"{document.name}\tMISSED\t{g.text!r} {g.type} {g.value}\t{_context(document, g)}")
    for s in system:
        if id(s) not in paired_system:
            counts.errors.append(f"{document.name}\tSPURIOUS\t{s.text!r} {s.type} {s.value}\t{_context(document, s)}")


def _context(document: TempevalDocument, span: Timex3) -> str:
    return " ".join(document.text[max(0, span.start - 50) : span.end + 30].split())


def _f1(right: int, system: int, gold: int) -> tuple[float, float, float]:
    return precision_recall_f1(right, system, right, gold)


def score(documents: Iterable[TempevalDocument]) -> Counts:
    """Return the counts of the extractor over `documents`."""
    counts = Counts()
    for document in documents:
        score_document(document, counts)
    return counts


def report(counts: Counts) -> dict[str, float]:
    """Return the TempEval-3 figures (percentages) from `counts`."""
    figures = {}
    for name, right in (("strict", counts.strict), ("relaxed", counts.relaxed)):
        p, r, f = _f1(right, counts.system, counts.gold)
        figures.update({f"{name}_precision": p, f"{name}_recall": r, f"{name}_f1": f})
    for name, right in (("type", counts.right_type), ("value", counts.right_value)):
        figures[f"{name}_accuracy"] = right / counts.relaxed if counts.relaxed else 0.0
        figures[f"{name}_f1"] = _f1(right, counts.system, counts.gold)[2]
    return {key: round(100 * value, 2) for key, value in figures.items()}


def main(argv: list[str] | None = None) -> int:
    """Print the figures for one part; with --errors N, also the first N errors."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default ../shared/data)")
    parser.add_argument("--part", choices=PARTS, default=DEV_PART)
    parser.add_argument("--errors", type=int, default=0, help="print this many errors")
    args = parser.parse_args(argv)
    root = args.data / "tempeval3" / "TBAQ-cleaned" if args.data is not None else default_root()
    documents = list(read_part(args.part, root))
    counts = score(documents)
    print(f"TempEval-3 {args.part}: {len(documents)} documents, {counts.gold} gold, {counts.system} system TIMEX3")
    for key, value in report(counts).items():
        print(f"{key:20s} {value:6.2f}")
    for line in counts.errors[: args.errors]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
