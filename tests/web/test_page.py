"""The claims page at GET /: served by the app, and driven in headless Chromium against the real server.

The browser test skips where /usr/bin/chromium is absent (`.ci/run` installs Debian's `chromium`).
With WRITE_DOCS_SCREENSHOT=1 it also writes its screenshot to docs/claims-page.png.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from litestar.testing import TestClient

from models.scoring.pasted_pages import build_pasted_page
from service.api.app import create_app
from service.settings import Settings
from service.web.page import assemble_page

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "tests" / "data" / "wikinews" / "GUM_news_crane.txt"
DOCS_SCREENSHOT = ROOT / "docs" / "claims-page.png"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}
# What the crane article says, whatever the model's version: a speaker, a number, a date
# (short enough that all of them show in one screenshot).
SPEAKER, QUANTITY, DATE = "Khaled Al-Maeena", "107 or more", "yesterday"


@pytest.fixture()
def page_client() -> Iterator[TestClient]:
    # The page needs no model: a stand-in pipeline that only warms up.
    app = create_app(Settings(), load_pipeline=lambda path: SimpleNamespace(warm_up=lambda: None))
    with TestClient(app) as client:
        yield client


def test_get_root_serves_the_page_with_its_form(page_client):
    response = page_client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    for needle in ('<textarea id="text"', '<label for="text">', 'type="date"', '<button id="extract" type="submit"',
                   'id="claims"', 'id="detail"', 'fetch("v1/extract"'):
        assert needle in html, needle
    assert "{{PAGE_" not in html
    # Text reaches the page as text nodes only.
    assert "innerHTML" not in html and "insertAdjacentHTML" not in html and "document.write" not in html
    # No external request: no absolute URL in any attribute or fetch, and a CSP that forbids them.
    assert not re.search(r"""(src|href|action)\s*=\s*["']?(https?:)?//""", html)
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "connect-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_page_is_left_out_of_the_openapi_schema(page_client):
    assert "/" not in page_client.get("/schema/openapi.json").json()["paths"]


def test_assembled_page_policy_admits_exactly_the_inlined_files():
    page, policy = assemble_page("<style>{{PAGE_CSS}}</style><script>{{PAGE_JS}}</script>", "p{}", "1;")
    assert page == b"<style>p{}</style><script>1;</script>"
    # base64 sha256 of "1;" and of "p{}"
    assert "script-src 'sha256-CImjRDTlhukYQ2AnxOi0wzgPhGQ3Mb3rVwJK24dFz1M='" in policy
    assert "style-src 'sha256-gG2yISYereRMiG2lMXrbiUgi0Ubw9p7QCeWcroOvy9Y='" in policy
    _, other = assemble_page("<style>{{PAGE_CSS}}</style><script>{{PAGE_JS}}</script>", "p{}", "2;")
    assert other != policy
    with pytest.raises(ValueError):
        assemble_page("<style>{{PAGE_CSS}}</style><script>{{PAGE_JS}}</script>", "p{}", "'</script>'")


# --- the browser test -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(start_claimex) -> Iterator[str]:
    """Start `claimex serve` (the README's command, real pipeline) on a loopback port; yield its URL."""
    with start_claimex(CLAIMEX_LOG_LEVEL="warning") as live:
        yield live.base


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium driven by Playwright (no browser download)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} not found: install Debian's chromium package (.ci/run does)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (test extras)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def _rgb(css_colour: str) -> tuple[int, int, int]:
    """Return the (r, g, b) of a computed `rgb(...)` colour."""
    r, g, b = (int(part) for part in re.findall(r"\d+", css_colour)[:3])
    return r, g, b


@pytest.mark.server
@pytest.mark.browser
def test_page_highlights_a_real_article_in_chromium(server, browser, tmp_path):
    from PIL import Image

    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(server + "/")

    # An empty text comes back as a problem whose detail the page shows.
    page.click("#extract")
    page.wait_for_selector("#error:not([hidden])")
    assert "text is empty" in page.inner_text("#error")

    page.fill("#text", ARTICLE.read_text(encoding="utf-8"))
    page.fill("#published-at", "2015-09-12")
    with page.expect_response(lambda r: r.url.endswith("/v1/extract") and r.status == 200) as answered:
        page.click("#extract")
    body = answered.value.json()
    page.wait_for_selector("#article .claim")
    assert page.is_hidden("#error")

    # Drawn from offsets, the article reads exactly as the text sent.
    assert page.eval_on_selector("#article", "node => node.textContent") == page.input_value("#text")
    # A speaker span may carry its apposition ("Khaled Al-Maeena, editor at large at ...").
    assert any(SPEAKER in text for text in page.locator("#article mark.hl-speaker").all_inner_texts())
    assert QUANTITY in page.locator("#article mark.hl-quantity").all_inner_texts()
    assert DATE in page.locator("#article mark.hl-date").all_inner_texts()
    sections = [claim["section"] for claim in body["claims"]]
    assert page.locator("#claims .claim-item").count() == sections.count("article")
    assert page.locator("#related-claims .claim-item").count() == sections.count("related")

    # Click the first claim that names a speaker; the detail panel shows its speaker and score.
    chosen = next(i for i, claim in enumerate(body["claims"]) if claim["speaker"] and claim["section"] == "article")
    claim = body["claims"][chosen]
    page.click(f'#claims .claim-item[data-claim="{chosen}"]')
    assert page.inner_text('#detail dd[data-field="speaker"]') == claim["speaker"]
    assert float(page.inner_text('#detail dd[data-field="score"]')) == claim["score"]
    assert page.locator(f'#article .claim.selected[data-claim="{chosen}"]').count() >= 1
    assert page.get_attribute(f'#claims .claim-item[data-claim="{chosen}"]', "aria-pressed") == "true"

    # Clicking a sentence in the text selects that claim too.
    other = next(i for i in range(len(body["claims"])) if i != chosen)
    page.click(f'#article .claim[data-claim="{other}"]')
    assert page.inner_text('#detail dd[data-field="text"]') == body["claims"][other]["text"]
    # And from the keyboard: focus a sentence in the text, press Enter.
    page.focus(f'#article .claim[data-claim="{chosen}"]')
    page.keyboard.press("Enter")
    assert page.inner_text('#detail dd[data-field="text"]') == claim["text"]

    page.evaluate("window.scrollTo(0, 0); document.getElementById('text').scrollTop = 0")
    shot = tmp_path / "claims-page.png"
    page.screenshot(path=str(shot))
    colours = {
        kind: _rgb(page.eval_on_selector(selector, "node => getComputedStyle(node).backgroundColor"))
        for kind, selector in [("speaker", "#article .hl-speaker"), ("quantity", "#article .hl-quantity"),
                               ("date", "#article .hl-date"), ("claim", "#article .claim:not(.selected)"),
                               ("selected", "#article .claim.selected")]
    }
    box = page.locator("#article").bounding_box()

    # Offsets count code points; an emoji is two UTF-16 units in the browser. Markup is text.
    page.fill("#text", "\U0001F642 <b>Officials</b> said on Monday that more than 300 people had been evacuated.")
    with page.expect_response(lambda r: r.url.endswith("/v1/extract") and r.status == 200):
        page.click("#extract")
    page.wait_for_function("document.querySelectorAll('#article b').length === 0 && "
                           "document.querySelector('#article').textContent.includes('<b>Officials</b>')")
    assert page.locator("#article mark.hl-quantity").all_inner_texts() == ["more than 300 people"]
    assert page.locator("#article mark.hl-date").all_inner_texts() == ["Monday"]

    # A pasted page: other stories' teasers are listed apart from the article's claims.
    pasted = build_pasted_page(0)
    page.fill("#text", pasted.text)
    page.fill("#published-at", "")
    with page.expect_response(lambda r: r.url.endswith("/v1/extract") and r.status == 200) as answered:
        page.click("#extract")
    sections = [claim["section"] for claim in answered.value.json()["claims"]]
    page.wait_for_selector("#related-claims:not([hidden]) .claim-item")
    assert page.is_visible("#related-heading") and "related" in sections
    assert page.locator("#related-claims .claim-item").count() == sections.count("related")
    assert page.locator("#claims .claim-item").count() == sections.count("article")
    assert page.locator("#article .claim.related").count() >= sections.count("related")
    context.close()

    assert len(set(colours.values())) == len(colours), colours
    image = Image.open(shot).convert("RGB")
    assert image.size == (VIEWPORT["width"], VIEWPORT["height"])
    # Count each colour inside the article only (the legend's swatches wear them too).
    article = image.crop((max(0, int(box["x"])), max(0, int(box["y"])), int(box["x"] + box["width"]),
                          min(int(box["y"] + box["height"]), image.height)))
    counts = {colour: n for n, colour in article.getcolors(maxcolors=article.width * article.height)}
    for kind, colour in colours.items():
        assert counts.get(colour, 0) >= 30, f"{kind} {colour} barely on screen: {counts.get(colour, 0)} pixels"
    assert all(url.startswith((server + "/", "data:")) for url in requested), requested
    if os.environ.get("WRITE_DOCS_SCREENSHOT") == "1":
        DOCS_SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(shot, DOCS_SCREENSHOT)
