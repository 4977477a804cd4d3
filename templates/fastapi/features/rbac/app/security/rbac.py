"""Role-based authorization with FastAPI's security scopes.

A route declares the roles it needs, e.g.
`Security(authorized, scopes=["admin"])`; a caller without one of them gets 403
and an `authz.denied` event. Checking roles on the server for every route
stops ordinary users from calling administrative functions (OWASP API5).
"""

from fastapi import Depends, Request
from fastapi.security import SecurityScopes

from app.events import security_event
from app.problems import ApiError
from app.security.auth import Principal, current_principal
from app.security.proxy import client_ip


# `async def`: a role check never blocks, so it needs no worker-thread hop.
async def authorized(
    security_scopes: SecurityScopes,
    request: Request,
    principal: Principal = Depends(current_principal),
) -> Principal:
    """The caller, if they hold every role the route asks for; else 403."""
    missing = [role for role in security_scopes.scopes if role not in principal.roles]
    if missing:
        security_event(
            "authz.denied",
            sub=principal.sub,
            auth=principal.auth,
            required=missing,
            path=request.url.path,
            ip=client_ip(request.scope),
        )
        raise ApiError(403, "You do not have the role this needs.")
    return principal
