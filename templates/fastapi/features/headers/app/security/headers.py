"""Security headers on every response: 2xx, 4xx, 5xx, 404 and 429 alike.

A pure ASGI middleware (not a route decorator or BaseHTTPMiddleware) so even
answers produced by other middleware and error handlers carry them.
"""

from __future__ import annotations

from typing import Dict, List, Tuple

from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_HEADERS = {
    # Browsers must not guess a content type (stops MIME-sniffing XSS).
    "X-Content-Type-Options": "nosniff",
    # A JSON API loads nothing and is framed by nobody (XSS, clickjacking).
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    # URLs (which may hold ids) don't leak to other sites.
    "Referrer-Policy": "no-referrer",
    # Other origins cannot embed our responses (Spectre-style leaks).
    "Cross-Origin-Resource-Policy": "same-origin",
    # Personal data must not stay in shared or browser caches.
    "Cache-Control": "no-store",
}


# The one HTML page: the interactive docs (/docs, off in production unless
# DOCS_ENABLED) load Swagger UI from its CDN and start it with an inline script.
# Every other response is JSON and may load nothing at all.
DOCS_PATH = "/docs"
DOCS_CSP = (
    "default-src 'none'; script-src 'unsafe-inline' https://cdn.jsdelivr.net; "
    "style-src 'unsafe-inline' https://cdn.jsdelivr.net; img-src data: https://fastapi.tiangolo.com; "
    "connect-src 'self'; frame-ancestors 'none'"
)


def _encode(headers: Dict[str, str]) -> List[Tuple[bytes, bytes]]:
    return [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]


# The headers never change, so they are encoded once here rather than per response.
RAW_HEADERS = _encode(SECURITY_HEADERS)
RAW_DOCS_HEADERS = _encode({**SECURITY_HEADERS, "Content-Security-Policy": DOCS_CSP})
# Names we set replace any earlier value; x-powered-by is dropped (don't advertise the stack).
REPLACED = {name for name, _ in RAW_HEADERS} | {b"x-powered-by"}


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(name, value) for name, value in message.get("headers", ()) if name.lower() not in REPLACED]
                is_docs_page = scope["path"] == DOCS_PATH and any(
                    name.lower() == b"content-type" and value.startswith(b"text/html") for name, value in headers
                )
                headers.extend(RAW_DOCS_HEADERS if is_docs_page else RAW_HEADERS)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)
