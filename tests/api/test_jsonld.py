"""schema.org Claim JSON-LD built from hand-made responses (no model)."""

from urllib.parse import unquote

import msgspec
import pytest

from service.api.jsonld import CLAIMEX, claim_graph, fragment_url
from service.api.schemas import ClaimOut, ExtractResponse, PublishedAt, ResponseMeta, ScorePartsOut, Timing

TEXT = "Police said 12 people were hurt on Monday. Prices rose. Other story: a dog won."


def claim(text: str, speaker=None, speaker_type=None, event_date=None, section="article") -> ClaimOut:
    start = TEXT.index(text)
    return ClaimOut(start=start, end=start + len(text), text=text, speaker=speaker, speaker_type=speaker_type,
                    cue=None, quantities=[], dates=[], quotes=[], subject=None, event_date=event_date,
                    section=section, score=0.5, score_parts=ScorePartsOut(model=0.5, structure=0.5))


def response(claims: list[ClaimOut], published: str | None = "2022-03-12") -> ExtractResponse:
    return ExtractResponse(
        id="a", published_at=PublishedAt(value=published, source="request") if published else None,
        quantities=[], dates=[], quotes=[], claims=claims,
        meta=ResponseMeta(model=None, pipeline={}, timing=Timing(queue_ms=0, extraction_ms=0), repairs=0),
    )


def as_json(graph) -> dict:
    return msgspec.json.decode(msgspec.json.encode(graph))


def test_a_claim_becomes_a_schema_org_claim_with_author_date_and_appearance():
    said = claim("Police said 12 people were hurt on Monday.", "Police", "organization", "2022-03-07")
    doc = as_json(claim_graph(response([said]), "https://news.example/a"))
    assert doc["@context"] == "https://schema.org"
    (node,) = doc["@graph"]
    assert node["@type"] == "Claim" and node["text"] == said.text
    assert node["author"] == {"@type": "Organization", "name": "Police"}
    assert node["datePublished"] == "2022-03-12"
    assert node["temporalCoverage"] == "2022-03-07"
    assert node["appearance"]["@type"] == "CreativeWork"
    assert node["appearance"]["url"].startswith("https://news.example/a#:~:text=")
    assert node["firstAppearance"] == node["appearance"]
    assert (node[CLAIMEX + "score"], node[CLAIMEX + "start"], node[CLAIMEX + "end"]) == (0.5, 0, len(said.text))
    assert TEXT[node[CLAIMEX + "start"] : node[CLAIMEX + "end"]] == node["text"]


def test_a_person_speaker_is_a_person():
    said = claim("Police said 12 people were hurt on Monday.", "Jane Doe", "person")
    (node,) = as_json(claim_graph(response([said]), None))["@graph"]
    assert node["author"] == {"@type": "Person", "name": "Jane Doe"}


def test_the_articles_own_voice_has_no_author_and_unknowns_are_left_out():
    own = claim("Prices rose.", event_date="PRESENT_REF")
    (node,) = as_json(claim_graph(response([own], published=None), None))["@graph"]
    assert set(node) == {"@type", "text", CLAIMEX + "score", CLAIMEX + "start", CLAIMEX + "end"}


@pytest.mark.parametrize(("value", "kept"), [
    ("2022-03-07", True), ("2022-03", True), ("2022", True), ("2022-03-07T09:30", True),
    ("2015-09-11TAF", False), ("2022-W10", False), ("XXXX-WXX-4", False), ("P3D", False), ("196", False),
])
def test_only_iso_8601_event_dates_become_temporal_coverage(value, kept):
    (node,) = as_json(claim_graph(response([claim("Prices rose.", event_date=value)]), None))["@graph"]
    assert (node.get("temporalCoverage") == value) is kept


def test_related_claims_are_other_stories_and_left_out():
    kept, teaser = claim("Prices rose."), claim("Other story: a dog won.", section="related")
    graph = as_json(claim_graph(response([kept, teaser]), None))["@graph"]
    assert [node["text"] for node in graph] == ["Prices rose."]


def test_a_short_claim_is_linked_whole_and_a_long_one_by_its_first_and_last_words():
    assert fragment_url("https://x.example/a", "Prices rose.") == "https://x.example/a#:~:text=Prices%20rose."
    long = "Police said on Monday that 12 people were hurt in the blast."
    directive = fragment_url("https://x.example/a", long).split("#:~:text=")[1]
    start, end = directive.split(",")
    assert (unquote(start), unquote(end)) == ("Police said on Monday", "hurt in the blast.")


def test_fragment_terms_escape_the_directive_syntax():
    url = fragment_url("https://x.example/a", "A well-known, 1,000-strong & loud crowd.")
    directive = url.split("#:~:text=")[1]
    # "-", "," and "&" would read as prefix, range and next directive.
    assert "-" not in directive and "&" not in directive and directive.count(",") == 0
    assert unquote(directive) == "A well-known, 1,000-strong & loud crowd."


def test_a_url_with_a_fragment_keeps_it_before_the_directive():
    assert fragment_url("https://x.example/a#top", "Prices rose.") == "https://x.example/a#top:~:text=Prices%20rose."
