"""Liveness probe for the load balancer and Docker's HEALTHCHECK."""

from typing import Dict

from fastapi import APIRouter

router = APIRouter(tags=["health"])


# `async def`: the handler does no blocking work, so it runs on the event loop
# (a plain `def` would cost a worker-thread hand-off per request).
# `response_model=None`: FastAPI would otherwise validate the return value
# against its annotation on every probe, for a body that never changes.
@router.get("/health", response_model=None)
# HEAD too: some load balancers probe with it (FastAPI, unlike Starlette, adds it to no route).
@router.head("/health", response_model=None, include_in_schema=False)
async def health() -> Dict[str, str]:
    # Exempt from HTTPS enforcement and auth (probes speak plain HTTP on the
    # inside), but still rate limited like every other route.
    return {"status": "ok"}
