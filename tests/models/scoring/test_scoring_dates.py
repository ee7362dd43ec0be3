from models.corpora.tempeval import Timex3, parse_document
from models.scoring.dates import Counts, main, pair_relaxed, report, score_document

_MARKUP = """<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2022-03-12" functionInDocument="CREATION_TIME">
</TIMEX3></DCT><TEXT>The minister visited on <TIMEX3 tid="t1" type="DATE" value="2022-03-10">Thursday</TIMEX3>
and will stay for <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.</TEXT></TimeML>"""


def test_pairs_are_one_to_one_by_largest_overlap():
    gold = [Timex3(0, 10, "", "DATE", "x")]
    system = [Timex3(8, 12, "", "DATE", "x"), Timex3(0, 9, "", "DATE", "x")]
    assert pair_relaxed(gold, system) == [(gold[0], system[1])]


def test_a_written_document_scores_perfectly():
    counts = Counts()
    score_document(parse_document(_MARKUP, "doc"), counts)
    figures = report(counts)
    assert (counts.gold, counts.system, counts.strict) == (2, 2, 2)
    assert figures["strict_f1"] == figures["value_f1"] == 100.0


def test_value_f1_is_relaxed_f1_times_value_accuracy():
    counts = Counts(gold=10, system=8, strict=6, relaxed=8, right_type=8, right_value=6)
    figures = report(counts)
    assert abs(figures["value_f1"] - figures["relaxed_f1"] * figures["value_accuracy"] / 100) < 0.01


def test_scorer_runs_on_the_dev_part(shared_data, capsys):
    assert main(["--data", str(shared_data), "--errors", "1"]) == 0
    out = capsys.readouterr().out
    assert "TempEval-3 AQUAINT: 73 documents, 579 gold" in out
    assert "value_f1" in out
