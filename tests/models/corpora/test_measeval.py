"""MeasEval reader: splits, offsets that slice the text, modifiers split and deduplicated spans."""

import pytest

from models.corpora.measeval import DEV_SPLIT, read_quantities, read_split


def test_trial_split_reads_every_annotated_paragraph(shared_data):
    documents = read_split("trial", shared_data / "measeval")
    assert DEV_SPLIT == "trial"
    assert len(documents) == 65
    assert sum(len(d.quantities) for d in documents) == 281


def test_gold_offsets_slice_the_text(shared_data):
    for document in read_split("train", shared_data / "measeval"):
        for quantity in document.quantities:
            assert document.text[quantity.start : quantity.end] == quantity.text


def test_unknown_split_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown MeasEval split"):
        read_split("test", tmp_path)


def test_tsv_rows_are_deduplicated_and_run_together_modifiers_split(tmp_path):
    text = "Five samples at 2 m."
    header = "docId\tannotSet\tannotType\tstartOffset\tendOffset\tannotId\ttext\tother\n"
    rows = [
        "d\t1\tQuantity\t0\t4\tT1\tFive\t{\"mods\": [\"IsCount\"]}\n",
        "d\t1\tMeasuredEntity\t5\t12\tT2\tsamples\t{\"HasQuantity\": \"T1\"}\n",
        "d\t2\tQuantity\t16\t19\tT3\t2 m\t{\"mods\": [\"IsRangeHasTolerance\"], \"unit\": \"m\"}\n",
        "d\t3\tQuantity\t16\t19\tT4\t2 m\t{\"unit\": \"m\"}\n",
    ]
    tsv = tmp_path / "d.tsv"
    tsv.write_text(header + "".join(rows), encoding="utf-8")
    five, two_metres = read_quantities(tsv, text)
    assert (five.text, five.unit, five.modifiers) == ("Five", None, frozenset({"IsCount"}))
    assert (two_metres.text, two_metres.unit) == ("2 m", "m")
    assert two_metres.modifiers == frozenset({"IsRange", "HasTolerance"})
