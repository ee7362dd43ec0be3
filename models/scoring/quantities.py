"""Score the shipped quantity extractor on MeasEval: span F1 (exact and overlap), unit and modifiers.

    python -m models.scoring.quantities [--data PATH] [--split trial|train] [--errors N]

The extractor runs as the service runs it (build_document, then extract_quantities),
and its spans are mapped back to the original text. Where MeasEval's conventions
differ from ours, the figures show it rather than hide it:
- durations ("50 min") are MeasEval quantities but ours are dates; a second line
  counts the dates extractor's durations as quantities too;
- MeasEval spans take in lists ("2.1, 3.4 and 5 m") and tolerances ("1.2±0.2‰");
  ours are one number (or range) each, so those only match by overlap;
- counts: MeasEval spans stop before the counted noun ("Five" samples), ours take it
  in ("Five samples"); the scorer trims the noun (and an adjective before it) off,
  and compares the count as having no unit, as MeasEval does.
Unit accuracy and modifier accuracy are over spans matched by overlap.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from models.corpora.measeval import DEV_SPLIT, SPLITS, MeasEvalDocument, read_split
from models.scoring.figures import precision_recall_f1
from service.core.document import build_document
from service.core.types import Qualifier, Quantity, QuantityKind, TimexType
from service.extractors.dates.extractor import extract_dates
from service.extractors.quantities.extractor import extract_quantities
from service.normalize.numbers import parse_number
from service.normalize.units import lookup_unit

_APPROXIMATE = frozenset({Qualifier.ABOUT, Qualifier.NEARLY})
# MeasEval marks open bounds ("above 2618 m", "up to 1 week") as ranges.
_OPEN_BOUNDS = frozenset({Qualifier.MORE_THAN, Qualifier.LESS_THAN, Qualifier.AT_LEAST, Qualifier.AT_MOST})
MODIFIERS = ("IsApproximate", "IsRange", "IsCount")


@dataclass(frozen=True, slots=True)
class Predicted:
    """One predicted quantity in original-text offsets, with what the scorer compares."""

    start: int
    end: int
    text: str
    unit: str | None
    modifiers: frozenset[str]


@dataclass(slots=True)
class Tally:
    """Counts behind the figures; `errors` keeps (doc_id, gold text or None, predicted text or None)."""

    gold: int = 0
    predicted: int = 0
    exact: int = 0
    overlap: int = 0
    unit_right: int = 0
    modifier_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MODIFIERS, 0))
    errors: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def predict(text: str, durations: bool = False) -> list[Predicted]:
    """Return the extractor's quantities (and, with `durations`, duration dates) in `text`."""
    doc = build_document(text)
    found = [_from_quantity(doc, q) for q in extract_quantities(doc)]
    if durations:
        found += [
            _predicted(doc, d.start, d.end, "duration", frozenset())
            for d in extract_dates(doc)
            if d.type is TimexType.DURATION
        ]
    return sorted(found, key=lambda p: (p.start, p.end))


def _from_quantity(doc, q: Quantity) -> Predicted:
    modifiers = set()
    if q.qualifier in _APPROXIMATE:
        modifiers.add("IsApproximate")
    if q.value_max is not None or q.qualifier in _OPEN_BOUNDS:
        modifiers.add("IsRange")
    if q.kind is QuantityKind.COUNT:
        modifiers.add("IsCount")
    if q.kind is QuantityKind.COUNT:
        return _predicted(doc, q.start, _count_end(doc.text, q), None, frozenset(modifiers))
    return _predicted(doc, q.start, q.end, q.unit, frozenset(modifiers))


def _count_end(text: str, q: Quantity) -> int:
    """Return where the number of a count ends, before its noun ("12,000 Syrian migrants")."""
    span = text[q.start : q.end]
    words = span.split()
    kept = len(words) - (len(q.unit.split()) if q.unit and span.endswith(q.unit) else 0)
    if 1 < kept < len(words) and parse_number(words[kept - 1]) is None:
        kept -= 1  # an adjective (or "of") between the number and its noun
    return q.start + _prefix_length(span, kept) if 0 < kept < len(words) else q.end


def _prefix_length(span: str, word_count: int) -> int:
    """Return the length of the first `word_count` whitespace-separated words of `span`."""
    position = 0
    for _ in range(word_count):
        while position < len(span) and span[position].isspace():
            position += 1
        while position < len(span) and not span[position].isspace():
            position += 1
    return position


def _predicted(doc, start: int, end: int, unit: str | None, modifiers: frozenset[str]) -> Predicted:
    start, end = doc.offsets.to_original(start, end)
    return Predicted(start, end, doc.original[start:end], unit, modifiers)


def canonical_unit(unit: str | None) -> str | None:
    """Return the canonical symbol of a surface unit ("kilometres" -> "km"), else it stripped."""
    if unit is None or not unit.strip():
        return None
    spec = lookup_unit(unit)
    return spec.symbol if spec is not None else unit.strip()


def score_document(document: MeasEvalDocument, tally: Tally, durations: bool = False) -> None:
    """Add one paragraph's matches to `tally`: exact spans, then one-to-one overlaps."""
    predicted = predict(document.text, durations)
    tally.gold += len(document.quantities)
    tally.predicted += len(predicted)
    exact = {(p.start, p.end) for p in predicted}
    tally.exact += sum((g.start, g.end) in exact for g in document.quantities)
    unused = list(predicted)
    for gold in document.quantities:
        match = next((p for p in unused if p.start < gold.end and gold.start < p.end), None)
        if match is None:
            tally.errors.append((document.doc_id, gold.text, None))
            continue
        unused.remove(match)
        tally.overlap += 1
        tally.unit_right += canonical_unit(gold.unit) == canonical_unit(match.unit)
        for name in MODIFIERS:
            tally.modifier_right[name] += (name in gold.modifiers) == (name in match.modifiers)
    tally.errors += [(document.doc_id, None, p.text) for p in unused]


def f1(right: int, gold: int, predicted: int) -> tuple[float, float, float]:
    """Return (precision, recall, F1) in percent."""
    precision, recall, f = precision_recall_f1(right, predicted, right, gold)
    return 100 * precision, 100 * recall, 100 * f


def report(tally: Tally, label: str) -> str:
    """Return the figures of one tally as printable lines."""
    lines = [f"{label}: gold {tally.gold}, predicted {tally.predicted}"]
    for name, right in (("exact", tally.exact), ("overlap", tally.overlap)):
        p, r, f = f1(right, tally.gold, tally.predicted)
        lines.append(f"  span {name:7s} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}")
    matched = tally.overlap or 1
    lines.append(f"  unit accuracy (on {tally.overlap} matched spans) {100 * tally.unit_right / matched:5.1f}")
    for name in MODIFIERS:
        lines.append(f"  {name:13s} accuracy {100 * tally.modifier_right[name] / matched:5.1f}")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the MeasEval figures of one split; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default ../shared/data)")
    parser.add_argument("--split", choices=SPLITS, default=DEV_SPLIT)
    parser.add_argument("--errors", type=int, default=0, help="print this many unmatched spans")
    args = parser.parse_args(argv)
    # --data names the shared data folder, as every scorer's does; MeasEval is its measeval/.
    documents = read_split(args.split, None if args.data is None else args.data / "measeval")
    for durations, label in ((False, "quantities"), (True, "quantities + duration dates")):
        tally = Tally()
        for document in documents:
            score_document(document, tally, durations)
        print(report(tally, f"MeasEval {args.split} ({len(documents)} paragraphs), {label}"))
    for doc_id, gold, predicted in tally.errors[: args.errors]:
        print(f"  {doc_id}  missed {gold!r}" if predicted is None else f"  {doc_id}  spurious {predicted!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
