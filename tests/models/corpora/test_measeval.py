"""MeasEval reader: splits, offsets that slice the text, modifiers split and deduplicated spans."""

import pytest

from models.corpora.measeval import DEV_SPLIT, read_quantities, read_spans, read_split


def test_trial_split_reads_every_annotated_paragraph(shared_data):
    documents = read_split("trial", shared_data / "measeval")
    assert DEV_SPLIT == "trial"
    assert len(documents) == 65
    assert sum(len(d.quantities) for d in documents) == 281
    assert sum(len(d.entities) for d in documents) == 203
    assert sum(len(d.properties) for d in documents) == 144


def test_gold_offsets_slice_the_text(shared_data):
    for document in read_split("train", shared_data / "measeval"):
        for span in (*document.quantities, *document.entities, *document.properties):
            assert document.text[span.start : span.end] == span.text


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


def test_entities_and_properties_are_read_once_each(tmp_path):
    text = "The mean height of the trees was 12 m."
    header = "docId\tannotSet\tannotType\tstartOffset\tendOffset\tannotId\ttext\tother\n"
    rows = [
        "d\t1\tQuantity\t33\t37\tT1\t12 m\t{\"unit\": \"m\"}\n",
        "d\t1\tMeasuredEntity\t19\t28\tT2\tthe trees\t{\"HasQuantity\": \"T1\"}\n",
        "d\t1\tMeasuredProperty\t4\t15\tT3\tmean height\t{\"HasQuantity\": \"T1\"}\n",
        "d\t2\tMeasuredEntity\t19\t28\tT4\tthe trees\t{\"HasQuantity\": \"T5\"}\n",
    ]
    tsv = tmp_path / "d.tsv"
    tsv.write_text(header + "".join(rows), encoding="utf-8")
    assert [s.text for s in read_spans(tsv, text, "MeasuredEntity")] == ["the trees"]
    assert [s.text for s in read_spans(tsv, text, "MeasuredProperty")] == ["mean height"]
