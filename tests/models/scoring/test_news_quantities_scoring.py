"""News quantities scorer (CQE matching): overlap, value after normalization, units by symbol or pint."""

import pytest

from models.scoring.news_quantities import figures, main, same_symbol, same_value, score, score_sentence


def _q(text, part, value, unit=None, kind="count", **extra):
    return {"text": part, "start": text.index(part), "value": value, "unit": unit, "kind": kind, **extra}


TEXT = "Oil hit $80 a barrel, 45 cents more, and 2,000 km away rates rose from 3% to 4%."
GOLD = [
    _q(TEXT, "$80 a barrel", 80.0, "USD/bbl", "money", normalized_value=80.0, normalized_unit="USD/bbl"),
    _q(TEXT, "45 cents", 45.0, "cent", "money", normalized_value=0.45, normalized_unit="USD"),
    _q(TEXT, "2,000 km", 2000.0, "km", "distance", normalized_value=2e6, normalized_unit="m"),
    _q(TEXT, "from 3% to 4%", 4.0, "%", "percent", from_value=3.0),
]


def test_a_perfect_system_scores_100():
    tally = score_sentence({"text": TEXT, "quantities": GOLD}, [dict(q) for q in GOLD])
    result = figures(tally)
    assert result["value_f1"] == result["value_unit_f1"] == 100.0
    assert not tally.misses


def test_values_match_after_normalization_and_units_by_pint_or_normalized_form():
    system = [
        _q(TEXT, "$80", 80.0, "USD", "money"),  # overlaps, value right, unit cut in half
        _q(TEXT, "45 cents more", 0.45, "USD", "money", normalized_value=0.45, normalized_unit="USD"),
        _q(TEXT, "2,000 km", 2000.0, "kilometer", "distance", normalized_value=2e6, normalized_unit="m"),
        _q(TEXT, "from 3% to 4%", 3.0, "%", "percent", value_max=4.0),  # a range, not a move: value miss
        _q(TEXT, "Oil", 1.0),  # spurious
    ]
    tally = score_sentence({"text": TEXT, "quantities": GOLD}, system)
    assert (tally.gold, tally.system, tally.value, tally.value_unit) == (4, 5, 3, 2)
    result = figures(tally)
    assert result["value_precision"] == pytest.approx(60.0)
    assert result["value_recall"] == pytest.approx(75.0)
    assert result["value_f1"] == pytest.approx(2 * 0.6 * 0.75 / 1.35 * 100)
    assert result["value_unit_f1"] == pytest.approx(2 * 0.4 * 0.5 / 0.9 * 100)
    assert sorted(why for *_, why in tally.misses) == ["spurious", "unit", "value"]


def test_matching_is_one_to_one_and_needs_overlap():
    text = "5 km and 5 km"
    gold = [_q(text, "5 km", 5.0, "km", "distance")]
    far = [{"text": "5 km", "start": 9, "value": 5.0, "unit": "km", "kind": "distance"}]
    assert score_sentence({"text": text, "quantities": gold}, far).value == 0
    twice = [dict(gold[0]), dict(gold[0])]
    tally = score_sentence({"text": text, "quantities": gold}, twice)
    assert (tally.value, tally.system) == (1, 2)


def test_unit_and_value_equality():
    assert same_symbol("km/h", "kilometer/hour") and same_symbol("points/game", "point/game")
    assert same_symbol("USD/bbl", "USD/bbl") and not same_symbol("USD/bbl", "USD")
    assert not same_symbol("km", "mi") and same_symbol(None, None) and not same_symbol("km", None)
    assert same_value({"value": 45.0, "normalized_value": 0.45}, {"value": 0.45, "normalized_value": 0.45})
    assert not same_value({"value": 4.0, "from_value": 3.0}, {"value": 4.0})


def test_classes_are_tallied_apart_and_together():
    sentences = [{"text": TEXT, "class": "rates", "quantities": GOLD}, {"text": "Comments (0)", "class": "not", "quantities": []}]
    tallies = score(sentences, extract=lambda text: [dict(q) for q in GOLD] if text == TEXT else [_q(text, "0", 0.0)])
    assert (tallies["rates"].value, tallies["not"].system, tallies["all"].gold, tallies["all"].system) == (4, 1, 4, 5)


def test_main_prints_the_figures(tmp_path, capsys):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"text": "It weighs 3 kg.", "class": "units", "quantities": [{"text": "3 kg", "start": 10, '
                    '"value": 3.0, "unit": "kg", "kind": "mass", "normalized_value": 3.0, "normalized_unit": "kg"}]}\n')
    assert main(["--data", str(path), "--errors", "5"]) == 0
    out = capsys.readouterr().out
    assert "value F1 100.0" in out and "value+unit F1 100.0" in out
