"""Graceful shutdown: once SIGTERM/SIGINT arrives, new requests get 503.

uvicorn stops accepting connections and lets in-flight requests finish; a
request that still reaches the app (e.g. on a kept-alive connection) is told to
retry elsewhere instead of racing the process exit. The load balancer retries it
on a healthy instance.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from app.problems import problem


class ShutdownSignal:
    """Set once by the server when the process is asked to stop."""

    def __init__(self) -> None:
        self.stopping = False

    def set(self) -> None:
        self.stopping = True


class ShutdownMiddleware:
    def __init__(self, app: ASGIApp, signal: ShutdownSignal) -> None:
        self.app = app
        self.signal = signal

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.signal.stopping:
            await problem(503, "The server is shutting down.", headers={"Connection": "close"})(scope, receive, send)
            return
        await self.app(scope, receive, send)
