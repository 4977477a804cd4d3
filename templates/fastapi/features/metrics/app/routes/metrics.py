"""`GET /metrics` for Prometheus, behind `Authorization: Bearer $METRICS_TOKEN`.

Metrics reveal traffic, errors and internals; only the scraper may read them.
The token is compared in constant time so its bytes cannot be guessed one by
one from response timing.
"""

import hmac

from fastapi import APIRouter, Request, Response
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

from app.events import security_event
from app.problems import ApiError
from app.security.proxy import client_ip

router = APIRouter(include_in_schema=False)


@router.get("/metrics")
def metrics(request: Request) -> Response:
    token = request.app.state.config.metrics_token
    if token is None:
        # No token configured (allowed outside production): no metrics endpoint at all.
        raise ApiError(404, "The resource does not exist.")
    presented = request.headers.get("authorization", "").encode()
    if not hmac.compare_digest(presented, f"Bearer {token}".encode()):
        security_event("auth.failure", reason="bad metrics token", path="/metrics", ip=client_ip(request.scope))
        raise ApiError(401, "Valid credentials are required.", headers={"WWW-Authenticate": 'Bearer realm="metrics"'})
    return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)
