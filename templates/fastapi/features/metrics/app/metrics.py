"""Prometheus metrics (prometheus-client): security events, requests, latency.

A burst of `auth.failure` or `ratelimit.exceeded` is an attack in progress,
and a rise in 5xx answers is an outage; counting them lets the shipped alert
rules (ops/alerts.yml) page someone (OWASP API9).
"""

import time
from typing import Any, Dict, Tuple

from prometheus_client import Counter, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SECURITY_EVENTS = Counter("security_events", "Security events, by name.", ["event"])
# Labelled by route pattern (/items/{item_id}), never the raw path: raw paths
# would let clients create unbounded label values (memory exhaustion).
HTTP_REQUESTS = Counter("http_requests", "HTTP responses.", ["method", "route", "status_code"])
HTTP_DURATION = Histogram("http_request_duration_seconds", "Time to the response headers.", ["method", "route"])


def route_pattern(scope: Scope) -> str:
    # FastAPI records the matched route in the scope; middleware answers (429, 308...) have none.
    route = scope.get("route")
    return getattr(route, "path", None) or "unmatched"


# The server accepts any method token; a label per invented method would let a
# client grow the metrics (and this process's memory) without bound.
KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


class RequestMetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        # `.labels()` looks its child up (and validates the values) on every call;
        # the children are kept here per label tuple instead. This holds no more
        # entries than prometheus-client itself keeps for those labels.
        self._requests: Dict[Tuple[str, str, str], Any] = {}
        self._durations: Dict[Tuple[str, str], Any] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()

        async def counting_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                route = route_pattern(scope)
                method = scope["method"] if scope["method"] in KNOWN_METHODS else "OTHER"
                key = (method, route, str(message["status"]))
                requests = self._requests.get(key)
                if requests is None:
                    requests = self._requests[key] = HTTP_REQUESTS.labels(*key)
                requests.inc()
                duration = self._durations.get(key[:2])
                if duration is None:
                    duration = self._durations[key[:2]] = HTTP_DURATION.labels(*key[:2])
                duration.observe(time.perf_counter() - started)
            await send(message)

        await self.app(scope, receive, counting_send)
