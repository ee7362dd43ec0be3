"""Score the shipped attribution rules on PolNeAR: source, cue, content and whole attributions.

    python -m models.scoring.attribution [--data PATH] [--split dev] [--errors N] [--calibrate]
                                         [--system service|rules] [--model models/claim-tagger]
                                         [--strategy rules_then_model|model_then_rules|...] [--floor F]

Each article goes through `build_document` and `extract_quotes` (the rules), then, with
`--system service` (the default), through the tagger and the attribution fusion exactly
as the service runs them (`service.fusion.tagged.tagged_attributions` with the shipped
strategy, or `--strategy`); spans are mapped back to the article's offsets. Definitions:

- Parts (source, cue, content) are scored as PolNeAR's tag sequence reads them: every
  contiguous gold piece is one gold span (a quote split by its attribution is two content
  spans), and every distinct system speaker, cue or content span is one system span.
  `exact`: a span counts when the other side has exactly its extent. `trim`: the same after
  removing, from both ends of both sides, blanks, quote marks and `.,;:!?` and a leading
  "that" (PolNeAR keeps marks, trailing commas and "that" inside content; the service
  reports the words between the marks). `overlap`: a span counts when it overlaps one on
  the other side. P = counted system spans / system spans, R = counted gold / gold.
- Whole attributions: a system attribution and the quotes that continue it (a later quote
  whose speaker is the earlier mention) form one attribution; it matches a gold one when the
  source, the cue and the set of content pieces all match (each part exact, trim or
  overlap; a missing source or cue matches only a missing one).
- Articles annotated by several annotators: PolNeAR's own loader picks one annotator at
  random for such an article; we score against every annotator and weight each by
  1 / (number of annotators), which is the expected score of that random choice and keeps
  each article's weight at one.
- `--calibrate` prints, per confidence bucket (pattern and speaker kind), how many system
  attributions are correct: content overlapping a gold content and, when it names a
  speaker, that speaker overlapping the same gold attribution's source.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from models.corpora.polnear import GoldAttribution, PolnearDocument, default_root, read_split
from models.scoring.figures import precision_recall_f1
from service.core.document import Document, build_document
from service.core.types import Attribution
from service.extractors.attribution.assemble import confidence_bucket
from service.extractors.attribution.extractor import extract_quotes
from service.fusion.policy import ASSEMBLY_CONFIDENCE, SHIPPED, Strategy
from service.fusion.tagged import tagged_attributions
from service.inference.tagger import ClaimTagger

Piece = tuple[int, int]
PARTS = ("source", "cue", "content")
MODES = ("exact", "trim", "overlap")
_TRIM = " \t\r\n\"'\u201c\u201d\u2018\u2019\u00ab\u00bb.,;:!?"


@dataclass(frozen=True, slots=True)
class SystemAttribution:
    """A system attribution in article offsets: each part a tuple of pieces."""

    source: tuple[Piece, ...]
    cue: tuple[Piece, ...]
    content: tuple[Piece, ...]
    bucket: str


@dataclass(slots=True)
class Tally:
    """Weighted counts for one part and mode: counted system, system, counted gold, gold."""

    system_hit: float = 0.0
    system: float = 0.0
    gold_hit: float = 0.0
    gold: float = 0.0

    def f1(self) -> tuple[float, float, float]:
        """Return (precision, recall, F1) in percent."""
        p, r, f = precision_recall_f1(self.system_hit, self.system, self.gold_hit, self.gold)
        return 100 * p, 100 * r, 100 * f


@dataclass(slots=True)
class Score:
    tallies: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    buckets: dict[str, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0.0, 0.0]))
    errors: list[str] = field(default_factory=list)


@dataclass(slots=True)
class System:
    """What is scored: the rules alone (no tagger), or the rules and the tagger fused by
    `strategy` as the service fuses them. Each text is run once."""

    tagger: ClaimTagger | None = None
    strategy: Strategy = SHIPPED["attribution"]
    floor: float = ASSEMBLY_CONFIDENCE
    _runs: dict[str, tuple[Document, list[Attribution]]] = field(default_factory=dict)

    def quotes(self, text: str) -> tuple[Document, list[Attribution]]:
        """Return the document of `text` and its attributions in working-text offsets."""
        if text not in self._runs:
            doc = build_document(text)
            found = extract_quotes(doc)
            if self.tagger is not None:
                found = tagged_attributions(self.strategy, doc, found, self.tagger.tag(doc.text)["attribution"],
                                            self.floor)
            self._runs[text] = doc, found
        return self._runs[text]


RULES = System()


def system_attributions(text: str, *, merge: bool = True, system: System = RULES) -> list[SystemAttribution]:
    """Return the system's attributions of `text` in its offsets, continued quotes merged
    into the attribution they continue (unless `merge` is False)."""
    doc, found = system.quotes(text)
    original = doc.offsets.to_original
    groups: list[SystemAttribution] = []
    by_speaker: dict[Piece, int] = {}
    for a in found:
        speaker = original(a.speaker.start, a.speaker.end) if a.speaker else None
        content = original(a.content.start, a.content.end)
        continued = a.speaker is not None and not (a.start <= a.speaker.start and a.speaker.end <= a.end)
        if merge and continued and speaker in by_speaker:
            index = by_speaker[speaker]
            g = groups[index]
            groups[index] = SystemAttribution(g.source, g.cue, g.content + (content,), g.bucket)
            continue
        cue = (original(a.cue.start, a.cue.end),) if a.cue else ()
        bucket = confidence_bucket(doc.text, a)
        groups.append(SystemAttribution((speaker,) if speaker else (), cue, (content,), bucket))
        if speaker is not None:
            by_speaker[speaker] = len(groups) - 1
    return groups


def _trim(text: str, piece: Piece, part: str) -> Piece:
    start, end = piece
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    if part == "content" and text[start : start + 5].lower() == "that ":
        return _trim(text, (start + 5, end), part)
    return start, end


def _same(text: str, a: Piece, b: Piece, part: str, mode: str) -> bool:
    if mode == "exact":
        return a == b
    if mode == "trim":
        return _trim(text, a, part) == _trim(text, b, part)
    return a[0] < b[1] and b[0] < a[1]


def _hits(text: str, ours: set[Piece], theirs: set[Piece], part: str, mode: str) -> int:
    return sum(any(_same(text, a, b, part, mode) for b in theirs) for a in ours)


def _whole_match(text: str, s: SystemAttribution, g: GoldAttribution, mode: str) -> bool:
    """Whether system attribution `s` matches gold `g` in every part under `mode`."""
    for part in PARTS:
        ours = getattr(s, part)
        theirs = [(p.start, p.end) for p in getattr(g, part)]
        if part != "content":  # one source, one cue: compare their whole extents
            ours = (ours[0][0], ours[-1][1]) if ours else None
            theirs = (theirs[0][0], theirs[-1][1]) if theirs else None
            if (ours is None) != (theirs is None):
                return False
            if ours is not None and not _same(text, ours, theirs, part, mode):
                return False
        elif len(ours) != len(theirs) or not all(
            any(_same(text, a, b, part, mode) for b in theirs) for a in ours
        ):
            return False
    return True


def _correct(s: SystemAttribution, gold: Sequence[GoldAttribution]) -> bool:
    """Whether `s` overlaps a gold attribution's content and, if it has one, its source."""
    for g in gold:
        contents = [(p.start, p.end) for p in g.content]
        sources = [(p.start, p.end) for p in g.source]
        if not any(a[0] < b[1] and b[0] < a[1] for a in s.content for b in contents):
            continue
        if not s.source or any(a[0] < b[1] and b[0] < a[1] for a in s.source for b in sources):
            return True
    return False


def score_document(document: PolnearDocument, weight: float, score: Score, system: System = RULES) -> None:
    """Add one annotator's document, weighted, to `score`."""
    text, gold = document.text, document.attributions
    found = system_attributions(text, system=system)
    for part in PARTS:
        ours = {p for s in found for p in getattr(s, part)}
        theirs = {(p.start, p.end) for g in gold for p in getattr(g, part)}
        for mode in MODES:
            tally = score.tallies[(part, mode)]
            tally.system += weight * len(ours)
            tally.gold += weight * len(theirs)
            tally.system_hit += weight * _hits(text, ours, theirs, part, mode)
            tally.gold_hit += weight * _hits(text, theirs, ours, part, mode)
    for mode in MODES:
        tally = score.tallies[("attribution", mode)]
        tally.system += weight * len(found)
        tally.gold += weight * len(gold)
        tally.system_hit += weight * sum(any(_whole_match(text, s, g, mode) for g in gold) for s in found)
        tally.gold_hit += weight * sum(any(_whole_match(text, s, g, mode) for s in found) for g in gold)
    for s in system_attributions(text, merge=False, system=system):
        bucket = score.buckets[s.bucket]
        bucket[0] += weight * _correct(s, gold)
        bucket[1] += weight
        if len(score.errors) < 10_000 and not _correct(s, gold):
            score.errors.append(f"{document.article}: FP {_show(text, s)}")


def _show(text: str, s: SystemAttribution) -> str:
    part = lambda pieces: " | ".join(text[a:b] for a, b in pieces) or "-"  # noqa: E731
    return f"[{s.bucket}] source={part(s.source)!r} cue={part(s.cue)!r} content={part(s.content)[:90]!r}"


def score(documents: Iterable[PolnearDocument], system: System = RULES) -> Score:
    """Return the weighted score of `system` over `documents` (all annotators of each article)."""
    documents = list(documents)
    annotators = Counter(d.article for d in documents)
    total = Score()
    for document in documents:
        score_document(document, 1.0 / annotators[document.article], total, system)
    return total


def main(argv: list[str] | None = None) -> int:
    """Print the figures for one split; --errors N prints false positives, --calibrate buckets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default ../shared/data)")
    parser.add_argument("--split", choices=("train", "dev"), default="dev")
    parser.add_argument("--errors", type=int, default=0)
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--system", choices=("service", "rules"), default="service",
                        help="the service (rules and tagger fused) or the rules alone")
    parser.add_argument("--model", type=Path, default=Path(__file__).resolve().parents[1] / "claim-tagger")
    parser.add_argument("--strategy", choices=tuple(Strategy), default=SHIPPED["attribution"],
                        help="with --system service: how rules and tagger combine (default: shipped)")
    parser.add_argument("--floor", type=float, default=ASSEMBLY_CONFIDENCE,
                        help="with a model-first strategy: the confidence a tagger span needs")
    args = parser.parse_args(argv)
    root = args.data / "polnear" if args.data is not None else default_root()
    documents = list(read_split(root, args.split))
    system = RULES if args.system == "rules" else System(ClaimTagger.load(args.model), Strategy(args.strategy), args.floor)
    result = score(documents, system)
    articles = len({d.article for d in documents})
    described = "rules" if system.tagger is None else f"service, {system.strategy.value}"
    print(f"PolNeAR {args.split} ({described}): {articles} articles, {len(documents)} annotation files")
    print(f"{'':12s}" + "".join(f"{mode:>24s}" for mode in MODES))
    for part in PARTS + ("attribution",):
        cells = ["{:6.1f} {:6.1f} {:6.1f}".format(*result.tallies[(part, m)].f1()) for m in MODES]
        print(f"{part:12s}" + "".join(f"{c:>24s}" for c in cells))
    print("(each cell: precision recall F1, percent)")
    if args.calibrate:
        for bucket, (right, n) in sorted(result.buckets.items()):
            print(f"{bucket:32s} {right:8.1f} / {n:8.1f} = {right / n:.3f}")
    for line in result.errors[: args.errors]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
