"""Bare FastAPI baseline: the same two routes as the generated app, no security
controls except the JWT check itself (PyJWT, HS256, iss/aud/exp pinned like the
generated app). Handlers are plain `def`, like the generated app's."""

import os

import jwt
import uvicorn
from fastapi import FastAPI, Header, HTTPException

SECRET = os.environ["JWT_SECRET"]
ISSUER = os.environ["JWT_ISSUER"]
AUDIENCE = os.environ["JWT_AUDIENCE"]

app = FastAPI()


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
        app, host=os.environ.get("HOST", "127.0.0.1"), port=int(os.environ.get("PORT", "8000")),
        proxy_headers=False, server_header=False, access_log=False, log_config=None,
        # Without a level uvicorn 0.17 takes its NOTSET logger for TRACE and wraps the app in a message logger.
        log_level="warning",
    )
