"""Liveness probe for the load balancer and Docker's HEALTHCHECK."""

from typing import Dict

from fastapi import APIRouter

router = APIRouter(tags=["health"])


@router.get("/health")
def health() -> Dict[str, str]:
    # Exempt from HTTPS enforcement and auth (probes speak plain HTTP on the
    # inside), but still rate limited like every other route.
    return {"status": "ok"}
