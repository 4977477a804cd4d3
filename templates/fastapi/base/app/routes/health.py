"""Liveness probe for the load balancer and Docker's HEALTHCHECK."""

from typing import Dict

from fastapi import APIRouter

router = APIRouter(tags=["health"])


# `async def`: the handler does no blocking work, so it runs on the event loop
# (a plain `def` would cost a worker-thread hand-off per request).
@router.get("/health")
async def health() -> Dict[str, str]:
    # Exempt from HTTPS enforcement and auth (probes speak plain HTTP on the
    # inside), but still rate limited like every other route.
    return {"status": "ok"}
