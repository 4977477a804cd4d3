"""`GET /admin/stats`: an example of a route only admins may call."""

from typing import Dict

from fastapi import APIRouter, Request, Security

from app.security.auth import AuthenticatedRoute, Principal
from app.security.rbac import authorized

router = APIRouter(prefix="/admin", tags=["admin"], route_class=AuthenticatedRoute)


@router.get("/stats")
def stats(request: Request, principal: Principal = Security(authorized, scopes=["admin"])) -> Dict[str, int]:
    return {"items": request.app.state.items.count()}
