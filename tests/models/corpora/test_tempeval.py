import datetime as dt

from models.corpora.tempeval import DEV_PART, parse_document, read_part, strip_timeml

# A TimeML fragment written for this test (no corpus text is committed).
_MARKUP = """<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2022-03-12" functionInDocument="CREATION_TIME">
March 12, 2022</TIMEX3></DCT>
<TEXT>The minister <EVENT eid="e1">visited</EVENT> on <TIMEX3 tid="t1" type="DATE" value="2022-03-10">Thursday</TIMEX3>
&amp; stayed <TIMEX3 tid="t2" type="DURATION" value="P3D" mod="MORE_THAN">more than three days</TIMEX3>.</TEXT></TimeML>"""


def test_strip_timeml_offsets_index_the_tag_free_text():
    text, timexes = strip_timeml('a <X>b</X> &amp; <TIMEX3 type="SET" value="P1Y">every year</TIMEX3>')
    assert text == "a b & every year"
    assert [(t.start, t.end, t.text, t.type, t.value) for t in timexes] == [(6, 16, "every year", "SET", "P1Y")]


def test_parse_document_reads_text_timexes_and_creation_date():
    document = parse_document(_MARKUP, "doc", "test")
    assert document.creation_date == dt.date(2022, 3, 12)
    assert [(t.text, t.value, t.mod) for t in document.timexes] == [
        ("Thursday", "2022-03-10", None),
        ("more than three days", "P3D", "MORE_THAN"),
    ]
    for timex in document.timexes:
        assert document.text[timex.start : timex.end] == timex.text
    assert "DCT" not in document.text and "March 12" not in document.text


def test_parse_document_without_text_is_empty():
    document = parse_document("<TimeML></TimeML>")
    assert (document.text, document.timexes, document.creation_date) == ("", (), None)


def test_dev_part_reads_every_file_with_a_creation_date(shared_data):
    documents = list(read_part(DEV_PART, shared_data / "tempeval3" / "TBAQ-cleaned"))
    assert len(documents) == 73
    assert sum(len(d.timexes) for d in documents) == 579
    assert all(d.creation_date is not None for d in documents)
    for document in documents:
        for timex in document.timexes:
            assert document.text[timex.start : timex.end] == timex.text
