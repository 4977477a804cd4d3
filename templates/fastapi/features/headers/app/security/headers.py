"""Security headers on every response: 2xx, 4xx, 5xx, 404 and 429 alike.

A pure ASGI middleware (not a route decorator or BaseHTTPMiddleware) so even
answers produced by other middleware and error handlers carry them.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
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


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
                if scope["path"] == DOCS_PATH and headers.get("content-type", "").startswith("text/html"):
                    headers["Content-Security-Policy"] = DOCS_CSP
                # Don't advertise the stack.
                if "x-powered-by" in headers:
                    del headers["x-powered-by"]
            await send(message)

        await self.app(scope, receive, send_with_headers)
