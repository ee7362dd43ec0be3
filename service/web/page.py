"""GET /: one self-contained HTML page (stylesheet and script inlined, no build step).

The page's files live in `static/` and are read once, at import. Their exact bytes are
hashed into a Content-Security-Policy that admits only them and requests to this origin,
so the browser itself refuses any external request or injected script.
"""

from __future__ import annotations

import base64
import hashlib
from importlib.resources import files

from litestar import Response, get
from litestar.enums import MediaType

_STATIC = files("service.web") / "static"
_CSS_SLOT = "{{PAGE_CSS}}"
_JS_SLOT = "{{PAGE_JS}}"


def _hash_source(text: str) -> str:
    """Return the CSP source expression that admits exactly this inline text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def assemble_page(html: str, css: str, js: str) -> tuple[bytes, str]:
    """Return the page with `css` and `js` inlined into their slots, and its CSP header value."""
    if "</style" in css.lower() or "</script" in js.lower():
        raise ValueError("an inlined file would close its own element")
    if html.count(_CSS_SLOT) != 1 or html.count(_JS_SLOT) != 1:
        raise ValueError("the page template needs exactly one stylesheet slot and one script slot")
    page = html.replace(_CSS_SLOT, css).replace(_JS_SLOT, js)
    policy = "; ".join([
        "default-src 'none'",
        f"script-src {_hash_source(js)}",
        f"style-src {_hash_source(css)}",
        "connect-src 'self'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    ])
    return page.encode("utf-8"), policy


def _read(name: str) -> str:
    return (_STATIC / name).read_text(encoding="utf-8")


PAGE, CONTENT_SECURITY_POLICY = assemble_page(_read("index.html"), _read("page.css"), _read("page.js"))
_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


@get("/", include_in_schema=False, summary="The claims page")
async def claims_page() -> Response[bytes]:
    """Return the claims page."""
    return Response(PAGE, media_type=MediaType.HTML, headers=_HEADERS)
