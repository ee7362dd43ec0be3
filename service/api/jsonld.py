"""schema.org `Claim` JSON-LD of an extraction: what ClaimReview tools (Google Fact Check Tools) read.

One object per document, `{"@context": "https://schema.org", "@graph": [Claim, ...]}`, holding
the claims of the article itself; claims of the "related" section are other stories' teasers
and are left out. A claim in the article's own voice has no `author`: claimex does not know who
wrote the article, and the author is optional where a named Person or Organization would have
to be invented. claimex's own fields (score, offsets into the sent text) use absolute IRI keys
outside schema.org, which JSON-LD keeps and schema.org readers skip; `additionalProperty`
would be flagged, as schema.org defines it on products and places, not on creative works.
"""

from __future__ import annotations

import re
from typing import Literal
from urllib.parse import quote

import msgspec

from service.api.schemas import ClaimOut, ExtractResponse, ResponseBase

SCHEMA_ORG = "https://schema.org"
# claimex's own vocabulary, for the fields schema.org has no property for.
CLAIMEX = "https://claimex.dev/ns#"
# A long claim is linked by its first and last words (a text fragment's start and end).
FRAGMENT_EDGE_WORDS = 4
# TIMEX3 values that are ISO 8601 dates or times (not "PRESENT_REF", "XXXX-WXX-4", "P3D", "2022-03-08TMO").
_ISO_8601 = re.compile(r"\d{4}(-\d{2}(-\d{2}(T\d{2}(:\d{2}(:\d{2})?)?)?)?)?")
_AUTHOR_TYPES: dict[str | None, Literal["Person", "Organization"]] = {
    "person": "Person", "organization": "Organization",
    # Every named speaker has a type today; were one missing, most speakers are people.
    None: "Person",
}


class Agent(ResponseBase):
    type: Literal["Person", "Organization"] = msgspec.field(name="@type")
    name: str


class Appearance(ResponseBase):
    type: Literal["CreativeWork"] = msgspec.field(name="@type")
    # The article's URL with a text fragment (`#:~:text=`) that scrolls to the claim.
    url: str


class ClaimNode(ResponseBase, kw_only=True):
    type: Literal["Claim"] = msgspec.field(name="@type")
    text: str
    author: Agent | None = None
    date_published: str | None = msgspec.field(default=None, name="datePublished")
    # When the text says the claimed event happened (an ISO 8601 date).
    temporal_coverage: str | None = msgspec.field(default=None, name="temporalCoverage")
    appearance: Appearance | None = None
    first_appearance: Appearance | None = msgspec.field(default=None, name="firstAppearance")
    score: float = msgspec.field(name=CLAIMEX + "score")
    start: int = msgspec.field(name=CLAIMEX + "start")
    end: int = msgspec.field(name=CLAIMEX + "end")


class ClaimGraph(ResponseBase):
    context: Literal["https://schema.org"] = msgspec.field(name="@context")
    graph: list[ClaimNode] = msgspec.field(name="@graph")


def claim_graph(response: ExtractResponse, url: str | None) -> ClaimGraph:
    """Return the JSON-LD of one document's article claims; `url` is where the article appeared."""
    published = response.published_at.value if response.published_at is not None else None
    nodes = [claim_node(claim, published, url) for claim in response.claims if claim.section == "article"]
    return ClaimGraph(context=SCHEMA_ORG, graph=nodes)


def claim_node(claim: ClaimOut, published: str | None, url: str | None) -> ClaimNode:
    """Return the schema.org Claim of one claim of an article published on `published` at `url`."""
    author = Agent(type=_AUTHOR_TYPES[claim.speaker_type], name=claim.speaker) if claim.speaker else None
    coverage = claim.event_date if claim.event_date and _ISO_8601.fullmatch(claim.event_date) else None
    # claimex sees one article, so where the claim appears in it is also its first known appearance.
    appearance = Appearance(type="CreativeWork", url=fragment_url(url, claim.text)) if url else None
    return ClaimNode(
        type="Claim", text=claim.text, author=author, date_published=published, temporal_coverage=coverage,
        appearance=appearance, first_appearance=appearance, score=claim.score, start=claim.start, end=claim.end,
    )


def fragment_url(url: str, text: str) -> str:
    """Return `url` with a text fragment directive that highlights `text` in the page."""
    words = text.split()
    if len(words) > 2 * FRAGMENT_EDGE_WORDS:
        terms = [" ".join(words[:FRAGMENT_EDGE_WORDS]), " ".join(words[-FRAGMENT_EDGE_WORDS:])]
    else:
        terms = [" ".join(words)]
    directive = ":~:text=" + ",".join(_fragment_term(term) for term in terms)
    # The directive follows any fragment the URL already has.
    return url + directive if "#" in url else url + "#" + directive


def _fragment_term(term: str) -> str:
    # quote() leaves "-" alone, but in a text directive it marks a prefix or suffix.
    return quote(term, safe="").replace("-", "%2D")
