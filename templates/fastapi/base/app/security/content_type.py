"""Body routes accept the content types they declare, and nothing else (415).

FastAPI would otherwise try to validate any body it gets; answering 415 early
keeps odd parsers and content-sniffing tricks away from the handlers.
"""

from fastapi import Request

from app.problems import ApiError


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


# `async def`: a header check never blocks, so it needs no worker-thread hop.
async def require_json(request: Request) -> None:
    kind = media_type(request)
    if kind != "application/json" and not (kind.startswith("application/") and kind.endswith("+json")):
        raise ApiError(415, "Send the body as application/json.")
