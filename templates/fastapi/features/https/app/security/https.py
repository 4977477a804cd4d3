"""HTTPS enforcement, HSTS and the Host allow-list.

- Plain HTTP exposes tokens and keys to anyone on the path, so with FORCE_HTTPS
  a GET/HEAD is redirected (308) to https:// on the same Host, path and query,
  and any other method gets 403: redirecting a POST would mean the body was
  already sent in clear, and silently re-sending it teaches clients bad habits.
- The redirect uses the request's own Host, checked against ALLOWED_HOSTS,
  never X-Forwarded-Host: an attacker-chosen host would turn it into an open
  redirect or poison caches (Host header injection).
- Strict-Transport-Security on HTTPS responses makes browsers refuse plain HTTP
  for this host afterwards (SSL stripping).
- /health is exempt so that load balancers can probe over plain HTTP inside
  the network.

Whether a request came over HTTPS is `scope["scheme"]`, which
ProxyHeadersMiddleware sets from X-Forwarded-Proto only for trusted proxies.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.events import security_event
from app.problems import problem
from app.security.proxy import client_ip

EXEMPT_PATHS = ("/health",)
# host, host:port, [v6]:port; anything else is not a valid Host header.
HOST_PATTERN = re.compile(r"^(?P<name>[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(?P<port>\d{1,5}))?$")


def _host_header(scope: Scope) -> Optional[str]:
    for key, value in scope.get("headers", []):
        if key == b"host":
            return value.decode("latin-1")
    return None


class HttpsMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        force_https: bool,
        hsts_max_age: int,
        allowed_hosts: Sequence[str],
    ) -> None:
        self.app = app
        self.force_https = force_https
        # Encoded once: the header is the same on every response.
        self.hsts = (b"strict-transport-security", f"max-age={hsts_max_age}; includeSubDomains".encode("latin-1"))
        self.allowed_hosts = {host.lower() for host in allowed_hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] not in EXEMPT_PATHS and await self.rejected(scope, receive, send):
            return

        if scope["scheme"] != "https":
            await self.app(scope, receive, send)
            return

        async def send_with_hsts(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), self.hsts]
            await send(message)

        await self.app(scope, receive, send_with_hsts)

    async def rejected(self, scope: Scope, receive: Receive, send: Send) -> bool:
        """Answer requests for unknown hosts or over plain HTTP; True if answered."""
        host = _host_header(scope) or ""
        match = HOST_PATTERN.match(host)
        if match is None or (self.allowed_hosts and match.group("name").lower() not in self.allowed_hosts):
            await problem(400, "This host is not served here.")(scope, receive, send)
            return True

        if scope["scheme"] == "http" and self.force_https:
            security_event("https.rejected", method=scope["method"], path=scope["path"], ip=client_ip(scope))
            if scope["method"] in ("GET", "HEAD"):
                query = scope.get("query_string", b"").decode("latin-1")
                # raw_path keeps the client's percent-encoding; some servers append the query.
                raw_path = scope.get("raw_path") or scope["path"].encode()
                path = raw_path.split(b"?", 1)[0].decode("latin-1") or "/"
                location = f"https://{host}{path}" + (f"?{query}" if query else "")
                await Response(status_code=308, headers={"Location": location})(scope, receive, send)
            else:
                await problem(403, "Use HTTPS.")(scope, receive, send)
            return True
        return False
