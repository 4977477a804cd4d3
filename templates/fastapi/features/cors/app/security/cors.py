"""CORS: only the origins in CORS_ORIGINS may read responses from a browser.

Starlette's CORSMiddleware does the protocol; this module adds two guards it
lacks: `*` together with credentials is refused at start-up (Starlette would
quietly accept it, letting any web page call the API with the visitor's
cookies or tokens), and rejected origins are logged as `cors.rejected` and get
no CORS grant at all: no Access-Control-Allow-Origin, and preflights a plain
204 without any Access-Control-Allow-* header.
"""

from __future__ import annotations

from typing import Sequence

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.events import security_event
from app.security.proxy import client_ip

ALLOWED_HEADERS = ["Authorization", "Content-Type", "X-API-Key", "X-Request-Id"]
EXPOSED_HEADERS = ["Location", "Retry-After", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "X-Request-Id"]


class _Preflights(CORSMiddleware):
    """Starlette's CORS, answering every preflight from a listed origin with 204.

    Starlette answers 200 "OK", or a text/plain 400 naming a method or header
    it refuses; the answer carries the grant either way and the browser
    refuses the rest. As on the Node targets: 204, no body, the same grant.
    """

    def preflight_response(self, request_headers: Headers) -> Response:
        answer = super().preflight_response(request_headers)
        grant = {name: value for name, value in answer.headers.items() if name.startswith("access-control-") or name == "vary"}
        return Response(status_code=204, headers=grant)


class CorsMiddleware:
    def __init__(self, app: ASGIApp, origins: Sequence[str], credentials: bool) -> None:
        self.app = app
        self.allow_any = "*" in origins
        self.origins = set(origins)
        self.cors = _Preflights(
            app,
            allow_origins=list(origins),
            allow_credentials=credentials,
            allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
            allow_headers=ALLOWED_HEADERS,
            expose_headers=EXPOSED_HEADERS,
            max_age=600,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        origin = next((value.decode("latin-1") for key, value in scope["headers"] if key == b"origin"), None)
        if origin is None:
            # Not a cross-origin request: nothing for CORS to do (Starlette's
            # middleware would just pass it on after parsing the headers again).
            await self.app(scope, receive, send)
            return
        if self.allow_any or origin in self.origins:
            await self.cors(scope, receive, send)
            return

        security_event("cors.rejected", origin=origin[:200], path=scope["path"], ip=client_ip(scope))
        preflight = scope["method"] == "OPTIONS" and any(key == b"access-control-request-method" for key, _ in scope["headers"])
        if preflight:
            await Response(status_code=204, headers={"Vary": "Origin"})(scope, receive, send)
        else:
            # The request is served (same-origin rules still apply in the browser),
            # but without a grant the page cannot read the answer.
            await self.app(scope, receive, send)
