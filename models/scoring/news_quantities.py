"""Score the quantity extractor on the news golden set: value F1 and value+unit F1, as CQE does.

    python -m models.scoring.news_quantities [--data PATH] [--errors N]

The set (tests/data/golden_quantities_news.jsonl) is sentences written for issue 14's
classes and short Wikinews quotes, each with every quantity's exact span, value, unit and
normalized value. Matching follows CQE (Almasian et al., EMNLP 2023): a system quantity
matches a gold one when their spans overlap and their values are equal after
normalization; it matches value+unit when the unit is the same too. Here:
- values are equal when the values agree, or the normalized values do ("45 cents" read as
  0.45 USD is the same amount); a range's upper bound and a move's starting level must
  agree too, so "from 3.0% to 3.25%" read as the range 3.0-3.25 is a miss;
- units are the same when the symbols are (case and a plural "s" aside), when pint reads
  them as one unit ("km/h" and "kph"), part by part for rates ("USD/bbl"), or when the
  normalized units and values agree;
- matching is one to one, each gold quantity taking the first overlapping system one.
Normalized accuracy and kind accuracy are over the value+unit matches.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from models.scoring.figures import precision_recall_f1

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "data" / "golden_quantities_news.jsonl"
_BOUNDS = ("value_max", "from_value")


@dataclass(slots=True)
class Tally:
    """Counts behind the figures; `misses` keeps (sentence, gold text or None, system text or None, why)."""

    gold: int = 0
    system: int = 0
    value: int = 0
    value_unit: int = 0
    normalized: int = 0
    kind: int = 0
    misses: list[tuple[str, str | None, str | None, str]] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        for name in ("gold", "system", "value", "value_unit", "normalized", "kind"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)


def read_golden(path: Path = GOLDEN) -> list[dict]:
    """Return the golden sentences: {"text", "class", "quantities": [{text, start, value, ...}]}."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def predict(text: str) -> list[dict]:
    """Return the shipped extractor's quantities in `text` as records shaped like the gold ones."""
    from service.core.document import build_document
    from service.extractors.quantities.extractor import extract_quantities

    doc = build_document(text)
    records = []
    for q in extract_quantities(doc):
        start, end = doc.offsets.to_original(q.start, q.end)
        records.append({
            "text": doc.original[start:end], "start": start, "value": q.value, "kind": q.kind.value,
            "unit": q.unit, "value_max": q.value_max, "from_value": q.from_value,
            "normalized_value": q.normalized_value, "normalized_unit": q.normalized_unit,
        })
    return records


def same_number(a: float | None, b: float | None, tolerance: float = 1e-6) -> bool:
    """Return whether two numbers agree within a relative `tolerance` (None only matches None)."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=tolerance, abs_tol=1e-12)


def same_value(gold: dict, system: dict) -> bool:
    """Return whether the system's amount is the gold one: the value or the normalized value,
    and the range's upper bound and the move's starting level."""
    if not all(same_number(gold.get(name), system.get(name)) for name in _BOUNDS):
        return False
    if same_number(gold["value"], system["value"]):
        return True
    g, s = gold.get("normalized_value"), system.get("normalized_value")
    return g is not None and s is not None and same_number(g, s, 1e-4)


def same_unit(gold: dict, system: dict) -> bool:
    """Return whether the system's unit is the gold one, by symbol, by pint or by normalized form."""
    if same_symbol(gold.get("unit"), system.get("unit")):
        return True
    g, s = gold.get("normalized_unit"), system.get("normalized_unit")
    return (g is not None and same_symbol(g, s)
            and same_number(gold.get("normalized_value"), system.get("normalized_value"), 1e-4))


def same_symbol(a: str | None, b: str | None) -> bool:
    """Return whether two unit strings name one unit; a rate's parts are compared one by one."""
    if a is None or b is None:
        return a is None and b is None
    a_parts, b_parts = a.strip().split("/"), b.strip().split("/")
    return len(a_parts) == len(b_parts) and all(_same_part(x, y) for x, y in zip(a_parts, b_parts))


def _same_part(a: str, b: str) -> bool:
    a, b = a.strip(), b.strip()
    if a == b or a.casefold().rstrip("s") == b.casefold().rstrip("s"):
        return True
    units = _pint_units(a), _pint_units(b)
    return None not in units and units[0] == units[1]


@lru_cache(maxsize=1024)
def _pint_units(symbol: str):
    """Return pint's reading of a unit symbol as its root units and factor, or None."""
    from service.normalize.pint_units import UNIT_REGISTRY

    try:
        quantity = UNIT_REGISTRY.Quantity(1, symbol).to_root_units()
    except Exception:  # pint raises many types for what it cannot read; any means "not a unit"
        return None
    return round(quantity.magnitude, 9), str(quantity.units)


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["start"] + len(b["text"]) and b["start"] < a["start"] + len(a["text"])


def _match(gold: list[dict], system: list[dict], test: Callable[[dict, dict], bool]) -> list[tuple[dict, dict]]:
    """Return one-to-one (gold, system) pairs: each gold takes the first free overlapping system one passing `test`."""
    free = list(system)
    pairs = []
    for g in gold:
        for s in free:
            if _overlaps(g, s) and test(g, s):
                pairs.append((g, s))
                free.remove(s)
                break
    return pairs


def score_sentence(sentence: dict, system: list[dict]) -> Tally:
    """Return the tally of one sentence's system quantities against its gold ones."""
    gold = sentence["quantities"]
    tally = Tally(gold=len(gold), system=len(system))
    tally.value = len(_match(gold, system, same_value))
    pairs = _match(gold, system, lambda g, s: same_value(g, s) and same_unit(g, s))
    tally.value_unit = len(pairs)
    tally.normalized = sum(
        same_number(g.get("normalized_value"), s.get("normalized_value"), 1e-4)
        and same_symbol(g.get("normalized_unit"), s.get("normalized_unit")) for g, s in pairs
    )
    tally.kind = sum(g["kind"] == s["kind"] for g, s in pairs)
    matched_gold = [id(g) for g, _ in pairs]
    matched_system = [id(s) for _, s in pairs]
    for g in gold:
        if id(g) not in matched_gold:
            near = next((s for s in system if _overlaps(g, s)), None)
            why = "missed" if near is None else "value" if not same_value(g, near) else "unit"
            tally.misses.append((sentence["text"], _describe(g), _describe(near) if near else None, why))
    for s in system:
        if id(s) not in matched_system and not any(_overlaps(g, s) for g in gold):
            tally.misses.append((sentence["text"], None, _describe(s), "spurious"))
    return tally


def _describe(q: dict) -> str:
    bounds = "".join(f" {name}={q[name]:g}" for name in _BOUNDS if q.get(name) is not None)
    return f"{q['text']!r} {q['value']:g}{bounds} {q.get('unit')} [{q['kind']}]"


def score(sentences: Sequence[dict], extract: Callable[[str], list[dict]] = predict) -> dict[str, Tally]:
    """Return the tally of every sentence class and of all of them ("all")."""
    tallies: dict[str, Tally] = {"all": Tally()}
    for sentence in sentences:
        tally = score_sentence(sentence, extract(sentence["text"]))
        tallies.setdefault(sentence.get("class", "other"), Tally()).add(tally)
        tallies["all"].add(tally)
    return tallies


def figures(tally: Tally) -> dict[str, float]:
    """Return value F1, value+unit F1 (with their precision and recall), normalized and kind accuracy, in %."""
    out = {}
    for name, hits in (("value", tally.value), ("value_unit", tally.value_unit)):
        p, r, f = precision_recall_f1(hits, tally.system, hits, tally.gold)
        out |= {f"{name}_precision": 100 * p, f"{name}_recall": 100 * r, f"{name}_f1": 100 * f}
    out["normalized_accuracy"] = 100 * tally.normalized / tally.value_unit if tally.value_unit else 0.0
    out["kind_accuracy"] = 100 * tally.kind / tally.value_unit if tally.value_unit else 0.0
    return out


def report(name: str, tally: Tally) -> str:
    f = figures(tally)
    return (f"{name:15} gold {tally.gold:4} system {tally.system:4}  value F1 {f['value_f1']:5.1f} "
            f"(P {f['value_precision']:5.1f} R {f['value_recall']:5.1f})  value+unit F1 {f['value_unit_f1']:5.1f}  "
            f"normalized {f['normalized_accuracy']:5.1f}  kind {f['kind_accuracy']:5.1f}")


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures of every class and of the whole set, then the first misses."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=GOLDEN, help="the golden JSON Lines file")
    parser.add_argument("--errors", type=int, default=0, help="print this many misses")
    args = parser.parse_args(argv)
    sentences = read_golden(args.data)
    tallies = score(sentences)
    print(f"{len(sentences)} sentences, {args.data}")
    for name in sorted(tallies, key=lambda n: (n == "all", n)):
        print(report(name, tallies[name]))
    for text, gold, system, why in tallies["all"].misses[: args.errors]:
        print(f"- {why:8} gold {gold}  system {system}\n    in {text!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
