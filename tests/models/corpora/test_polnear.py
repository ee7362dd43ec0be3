"""PolNeAR reader: brat standoff parsing (hand-written .ann text) and the real splits."""

from __future__ import annotations

from models.corpora.polnear import GoldSpan, parse_ann, read_split

ANN = (
    "T1\tSource 0 5\tSmith\n"
    "T2\tCue 6 10\tsaid\n"
    "T3\tContent 11 20;30 35\tthe plan\n"
    "T4\tAttribution 6 10\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tCue 40 52\taccording to\n"
    "T6\tContent 53 60\tit rose\n"
    "T7\tAttribution-no-source 40 52\taccording to\n"
    "E2\tAttribution-no-source:T7 Cue:T5 Content:T6\n"
    "T8\tDiscard 70 75\tnoise\n"
    "#1\tAnnotatorNotes T8\ta note\n"
)


def test_parse_ann_ties_parts_and_splits_discontinuous_spans():
    first, second = parse_ann(ANN)
    assert first.source == (GoldSpan(0, 5),)
    assert first.cue == (GoldSpan(6, 10),)
    assert first.content == (GoldSpan(11, 20), GoldSpan(30, 35))
    assert second.source == () and second.cue == (GoldSpan(40, 52),)


def test_parse_ann_skips_continuation_lines_and_other_labels():
    assert len(parse_ann(ANN + "a span text that ran onto a second line\n")) == 2


def test_dev_split_offsets_fall_inside_each_text(shared_data):
    documents = list(read_split(shared_data / "polnear", "dev"))
    assert len({d.article for d in documents}) == 84 and len(documents) == 94
    for document in documents:
        for attribution in document.attributions:
            for piece in attribution.source + attribution.cue + attribution.content:
                assert 0 <= piece.start < piece.end <= len(document.text)
