"""Bare FastAPI baseline: the same two routes as the generated app, no security
controls except the JWT check itself (PyJWT, HS256, iss/aud/exp pinned like the
generated app). Handlers are plain `def`, like the generated app's."""

import json
import logging
import os
import sys
import time

import jwt
import uvicorn
from fastapi import FastAPI, Header, HTTPException

SECRET = os.environ["JWT_SECRET"]
ISSUER = os.environ["JWT_ISSUER"]
AUDIENCE = os.environ["JWT_AUDIENCE"]

app = FastAPI()

# Reference points for the report (bench/run.js, "What the goals allow"): BENCH_EXTRA=log adds
# one info line per request through stdlib logging (JSON to stdout, like the generated app);
# BENCH_EXTRA=burn:N adds N µs of busy work per request. Both as a pure ASGI wrapper.
EXTRA = os.environ.get("BENCH_EXTRA", "")


def with_extra(inner):
    if EXTRA == "log":
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log = logging.getLogger("bench.request")
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False

        async def logged(scope, receive, send):
            if scope["type"] != "http":
                return await inner(scope, receive, send)
            start = time.perf_counter()
            status = 500

            async def send_status(message):
                nonlocal status
                if message["type"] == "http.response.start":
                    status = message["status"]
                await send(message)

            await inner(scope, receive, send_status)
            log.info(json.dumps({"method": scope["method"], "path": scope["path"], "status": status,
                                 "duration_ms": round((time.perf_counter() - start) * 1000, 2), "msg": "request completed"}))

        return logged
    if EXTRA.startswith("burn:"):
        burn_ns = int(float(EXTRA[5:]) * 1000)

        async def burned(scope, receive, send):
            start = time.perf_counter_ns()
            while time.perf_counter_ns() - start < burn_ns:
                pass
            return await inner(scope, receive, send)

        return burned
    return inner


@app.get("/health")
def health():
    return {"status": "ok"}


@app.get("/me")
def me(authorization: str = Header(default="")):
    if not authorization.startswith("Bearer "):
        raise HTTPException(status_code=401)
    try:
        payload = jwt.decode(
            authorization[7:], SECRET, algorithms=["HS256"], issuer=ISSUER, audience=AUDIENCE,
            options={"require": ["exp", "sub"]},
        )
    except jwt.PyJWTError:
        raise HTTPException(status_code=401)
    roles = payload.get("roles")
    return {"sub": payload["sub"], "roles": roles if isinstance(roles, list) else [], "auth": "jwt"}


if __name__ == "__main__":
    uvicorn.run(
        with_extra(app), host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8000")),
        proxy_headers=False, server_header=False, access_log=False, log_config=None,
        # Without a level uvicorn 0.17 takes its NOTSET logger for TRACE and wraps the app in a message logger.
        log_level="warning",
    )
