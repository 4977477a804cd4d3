"""Prometheus metrics (prometheus-client): security events and responses.

A burst of `auth.failure` or `ratelimit.exceeded` is an attack in progress,
and a rise in 5xx answers is an outage; counting them lets the shipped alert
rules (ops/alerts.yml) page someone (OWASP API9).
"""

from prometheus_client import Counter
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_EVENTS = Counter("security_events", "Security events, by name.", ["event"])
# Labelled by method and status only: raw paths would let clients create
# unbounded label values (a memory exhaustion of its own).
HTTP_REQUESTS = Counter("http_requests", "HTTP responses, by method and status.", ["method", "status_code"])


class RequestMetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                HTTP_REQUESTS.labels(method=scope["method"], status_code=str(message["status"])).inc()
            await send(message)

        await self.app(scope, receive, counting_send)
