"""JSON logs: one object per line, a request id on every line, secrets redacted.

Attacks leave traces only if requests and security events are logged in a
form machines can search (OWASP API9); and log storage is read by more people
than the API's secrets should be, so credentials never reach it (API2).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
import secrets
import time
from contextvars import ContextVar
from typing import Any, Dict, List, Optional

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.security.proxy import client_ip

LEVELS = {
    "fatal": logging.CRITICAL,
    "error": logging.ERROR,
    "warn": logging.WARNING,
    "info": logging.INFO,
    "debug": logging.DEBUG,
    "trace": logging.DEBUG,
    "silent": logging.CRITICAL + 10,
}

# Keys whose values never reach a log line, whatever logged them.
REDACTED_KEYS = {
    "authorization", "cookie", "set-cookie", "x-api-key", "api_key", "apikey",
    "password", "token", "access_token", "refresh_token", "id_token", "secret", "jwt_secret",
}
REDACTED = "[redacted]"
BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]+")
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")

request_id_var: ContextVar[Optional[str]] = ContextVar("request_id", default=None)

# LogRecord attributes that are not `extra` fields (uvicorn adds a coloured copy of its message).
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "color_message"}


def redact(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: REDACTED if str(k).lower() in REDACTED_KEYS else redact(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [redact(v) for v in value]
    if isinstance(value, str):
        return BEARER.sub(r"\1 " + REDACTED, value)
    return value


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: Dict[str, Any] = {
            "time": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = request_id_var.get()
        if request_id:
            entry["request_id"] = request_id
        access = getattr(record, "access", None)
        if access is not None:
            # The per-request line: fields RequestLogMiddleware built itself (no
            # headers, no query string; the path already redacted), so the
            # recursive redaction pass is skipped on the hot path.
            entry.update(access)
            return json.dumps(entry)
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD and not k.startswith("_")})
        if record.exc_info:
            # Stack traces stay in the log (never in responses).
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(redact(entry), default=str)


class _StdoutHandler(logging.StreamHandler):
    """Writes to whatever sys.stdout is now (containers collect stdout).

    Info and debug lines logged on the event loop are written together at the
    end of the loop's current turn: under load many requests finish in one
    turn, and a write per line costs more than the rest of the line. Warnings
    and errors (security events among them), and lines logged off the loop
    (start-up, worker threads), are written at once, after any still waiting.
    """

    def __init__(self) -> None:
        super().__init__(sys.stdout)
        self._pending: List[str] = []

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stdout

    @stream.setter
    def stream(self, value: Any) -> None:
        pass

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._pending.append(self.format(record) + self.terminator)
        except Exception:
            self.handleError(record)
            return
        if record.levelno < logging.WARNING:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:
                pass  # not on the event loop: write now
            else:
                if len(self._pending) == 1:
                    loop.call_soon(self.flush)  # the turn's first line schedules the write
                return
        self.flush()

    def flush(self) -> None:
        with self.lock:  # type: ignore[union-attr]
            lines = "".join(self._pending)
            self._pending.clear()
            if not lines:
                return
            try:
                self.stream.write(lines)
                self.stream.flush()
            except Exception:
                # Like StreamHandler: a failed write is reported on stderr, never raised.
                self.handleError(logging.makeLogRecord({"msg": lines}))


def configure_logging(level: str) -> None:
    """Send every logger's records to stdout as JSON at `level` (idempotent)."""
    # The JSON lines carry no source location, thread or process, so the
    # logging module need not look them up for every record (the switches the
    # logging HOWTO's "Optimization" section names; one record per request).
    logging._srcfile = None
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False
    root = logging.getLogger()
    root.setLevel(LEVELS[level])
    if not any(isinstance(handler, _StdoutHandler) for handler in root.handlers):
        handler = _StdoutHandler()
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)


class RequestLogMiddleware:
    """Gives each request an id (a valid incoming X-Request-Id, else a new one),
    echoes it in the response, and writes one line per request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.logger = logging.getLogger("app.request")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        incoming = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"x-request-id"), "")
        # An arbitrary incoming id could forge or break log lines; only a plain token is reused.
        request_id = incoming if VALID_REQUEST_ID.match(incoming) else secrets.token_hex(16)
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                # Appended as raw bytes: no header object built per response.
                message["headers"] = [*message.get("headers", ()), (b"x-request-id", request_id.encode("latin-1"))]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            if self.logger.isEnabledFor(logging.INFO):
                # One small dict, serialised once by JsonFormatter. The path only:
                # query strings may carry tokens.
                access = {
                    "method": scope["method"],
                    "path": redact(scope["path"]),
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "ip": client_ip(scope),
                }
                self.logger.info("request", extra={"access": access})
            request_id_var.reset(token)
