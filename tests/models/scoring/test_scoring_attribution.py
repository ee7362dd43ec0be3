"""Attribution scorer: matching rules on hand-built documents, and a run on PolNeAR dev."""

from __future__ import annotations

import pytest

from models.corpora.polnear import GoldAttribution, GoldSpan, PolnearDocument
from models.scoring.attribution import System, main, score, system_attributions
from service.fusion.policy import Strategy
from service.inference.tagger import ClaimTagger
from service.settings import DEFAULT_MODEL_PATH

TEXT = '"We will rebuild," the mayor said. "It will take years."'


def _gold(*pieces: tuple[int, int], source=(19, 28), cue=(29, 33)) -> GoldAttribution:
    return GoldAttribution(
        source=(GoldSpan(*source),), cue=(GoldSpan(*cue),), content=tuple(GoldSpan(*p) for p in pieces)
    )


def _document(gold: GoldAttribution, annotator: str = "aaaa") -> PolnearDocument:
    return PolnearDocument(article="a", annotator=annotator, split="dev", text=TEXT, attributions=(gold,))


def test_continued_quote_joins_the_attribution_it_continues():
    (found,) = system_attributions(TEXT)
    assert found.source == ((19, 28),) and found.cue == ((29, 33),)
    assert [TEXT[a:b] for a, b in found.content] == ["We will rebuild,", "It will take years."]


def test_polnear_extents_match_under_trim_but_not_exact():
    # PolNeAR content keeps the quote marks; the service reports the words inside them.
    result = score([_document(_gold((0, 18), (35, 56)))])
    assert result.tallies[("attribution", "trim")].f1()[2] == 100.0
    assert result.tallies[("attribution", "exact")].f1()[2] == 0.0
    assert result.tallies[("source", "exact")].f1()[2] == 100.0


def test_annotators_of_one_article_share_its_weight():
    right = _document(_gold((0, 18), (35, 56)), "aaaa")
    wrong = _document(_gold((0, 18), (35, 56), source=(0, 3), cue=(4, 8)), "bbbb")
    tally = score([right, wrong]).tallies[("source", "exact")]
    assert (tally.gold, tally.gold_hit) == (1.0, 0.5)


@pytest.fixture(scope="module")
def tagger() -> ClaimTagger:
    return ClaimTagger.load(DEFAULT_MODEL_PATH / "claim-tagger")


def test_the_service_system_scores_the_attributions_the_fusion_builds(tagger):
    text = "Officials said on Monday that the bridge would reopen in May. The weather was fine."
    (found,) = system_attributions(text, system=System(tagger, Strategy.MODEL))
    assert [text[a:b] for a, b in found.source] == ["Officials"]
    assert [text[a:b] for a, b in found.cue] == ["said"]
    ((start, end),) = found.content
    assert "the bridge would reopen in May" in text[start:end]


def test_scorer_prints_dev_figures(shared_data, capsys):
    assert main(["--data", str(shared_data), "--split", "dev", "--calibrate", "--system", "rules"]) == 0
    out = capsys.readouterr().out
    assert "PolNeAR dev (rules): 84 articles, 94 annotation files" in out
    assert "attribution" in out and "quote/named" in out
