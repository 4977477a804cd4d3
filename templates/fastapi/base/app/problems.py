"""RFC 9457 problem details: the one shape of every error this API returns.

Clients get a status, a title and a short fixed detail; never a stack trace,
an exception message, a file path or the framework's name (those help an
attacker map the system). The real error goes to the log.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any, Dict, List, Mapping, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

logger = logging.getLogger("app.errors")

PROBLEM_JSON = "application/problem+json"


class AsciiJSONResponse(JSONResponse):
    """JSON with every non-ASCII character escaped (`\\u00e9`), which is still plain JSON.

    JSON may carry a lone UTF-16 surrogate (`"\\ud800"`) that no UTF-8 text can
    hold: rendered as UTF-8, an item named so would make every answer that
    includes it a 500. Escaped, it goes back to the client as it came.
    """

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=True, allow_nan=False, indent=None, separators=(",", ":")).encode("ascii")

# Errors whose detail is chosen by this code base and safe to show; anything
# else (e.g. a library's 400 message) is replaced by the generic title.
GENERIC_DETAIL = {
    400: "The request is malformed.",
    401: "Authentication is required.",
    403: "You are not allowed to do this.",
    404: "The resource does not exist.",
    405: "This method is not allowed here.",
    413: "The request body is too large.",
    415: "This content type is not supported here.",
    422: "The request body is invalid.",
    429: "Too many requests.",
    500: "Something went wrong on our side.",
    503: "The service is unavailable; try again later.",
}


def problem(
    status: int,
    detail: Optional[str] = None,
    headers: Optional[Mapping[str, str]] = None,
    **extra: Any,
) -> JSONResponse:
    """A problem+json response for `status`."""
    title = HTTPStatus(status).phrase
    body: Dict[str, Any] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail or GENERIC_DETAIL.get(status, title),
        **extra,
    }
    return AsciiJSONResponse(body, status_code=status, headers=dict(headers or {}), media_type=PROBLEM_JSON)


class ApiError(StarletteHTTPException):
    """An HTTP error raised by our own code; its detail is meant for the client."""


def _field(location: Any) -> str:
    parts = [str(part) for part in location]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:]
    return ".".join(parts)


# A body with thousands of unknown fields must not get an answer thousands of lines long.
MAX_REPORTED_ERRORS = 20


def validation_errors(error: RequestValidationError) -> List[Dict[str, str]]:
    items = error.errors()[:MAX_REPORTED_ERRORS]
    return [{"field": _field(item.get("loc", ())), "message": str(item.get("msg", "invalid"))} for item in items]


def _is_malformed_json(error: RequestValidationError) -> bool:
    # pydantic 1 / FastAPI < 0.100 say "value_error.jsondecode"; pydantic 2 says "json_invalid".
    return any(item.get("type") in ("value_error.jsondecode", "json_invalid") for item in error.errors())


async def http_exception_handler(request: Request, error: StarletteHTTPException) -> JSONResponse:
    # Only ApiError carries a detail written for clients; framework details stay generic.
    detail = error.detail if isinstance(error, ApiError) and isinstance(error.detail, str) else None
    return problem(error.status_code, detail, headers=getattr(error, "headers", None))


async def validation_exception_handler(request: Request, error: RequestValidationError) -> JSONResponse:
    if _is_malformed_json(error):
        return problem(400, "The request body is not valid JSON.")
    return problem(422, errors=validation_errors(error))


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, http_exception_handler)
    app.add_exception_handler(RequestValidationError, validation_exception_handler)


class UnhandledErrorMiddleware:
    """Turns an exception escaping a handler into a generic 500 problem.

    It sits inside the other middleware (unlike Starlette's own error handler,
    which is outermost), so the 500 still gets security headers, a request id
    and a log line.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            logger.exception("unhandled error on %s %s", scope.get("method"), scope.get("path"))
            if started:
                raise
            await problem(500)(scope, receive, send)
