"""The registry: every extractor declared once, with a version and a head the tagger has;
the response's stage versions come from the stages themselves."""

import json

from service.core.document import TEXT_VERSION, build_document
from service.extractors.claims.extractor import VERSION as CLAIMS_VERSION
from service.extractors.registry import EXTRACTORS
from service.pipeline import STAGE_VERSIONS
from service.settings import DEFAULT_MODEL_PATH

TAGGER_HEADS = set(json.loads((DEFAULT_MODEL_PATH / "claim-tagger" / "config.json").read_text())["heads"])


def test_names_are_unique_and_heads_are_the_taggers():
    names = [e.name for e in EXTRACTORS]
    assert len(names) == len(set(names)) == 3
    assert {e.head for e in EXTRACTORS if e.head is not None} <= TAGGER_HEADS
    assert all(e.version for e in EXTRACTORS)


def test_stage_versions_are_declared_by_the_stages():
    assert STAGE_VERSIONS == {"claimex": STAGE_VERSIONS["claimex"], "text": TEXT_VERSION,
                              **{e.name: e.version for e in EXTRACTORS}, "claims": CLAIMS_VERSION}


def test_every_extractor_returns_spans_of_the_text_sorted_by_start():
    doc = build_document("Officials said on Tuesday that more than 2,000 people had been evacuated.")
    for extractor in EXTRACTORS:
        found = extractor.extract(doc)
        assert found, extractor.name
        assert [s.start for s in found] == sorted(s.start for s in found)
        assert all(0 <= s.start < s.end <= len(doc.text) for s in found)
