"""JSON logs: request ids, one line per request, events, nothing secret."""

import asyncio
import json
import logging

import pytest

from app.events import security_event
from tests.helpers import make_client

SECRETS = ("s3cr3t-token-value", "k3y-value", "hunter2", "cookie-value")


@pytest.fixture
def client():
    return make_client(LOG_LEVEL="info")


def logged_output(capsys):
    # Lines logged on the event loop are written at the end of its turn: flush first.
    for handler in logging.getLogger().handlers:
        handler.flush()
    return capsys.readouterr().out


def log_lines(capsys):
    return [json.loads(line) for line in logged_output(capsys).splitlines() if line.startswith("{")]


def test_request_id_is_generated_and_echoed(client):
    first = client.get("/health").headers["x-request-id"]
    second = client.get("/health").headers["x-request-id"]
    assert first and second and first != second


def test_valid_incoming_request_id_is_reused(client):
    assert client.get("/health", headers={"X-Request-Id": "abc-123"}).headers["x-request-id"] == "abc-123"


@pytest.mark.parametrize("bad", ["has space", "x" * 200, "inject\"}{", ""])
def test_invalid_incoming_request_id_is_replaced(client, bad):
    assert client.get("/health", headers={"X-Request-Id": bad}).headers["x-request-id"] != bad


def test_one_json_line_per_request_with_request_id(client, capsys):
    capsys.readouterr()
    response = client.get("/nope?token=s3cr3t-token-value", headers={"X-Request-Id": "req-1"})
    lines = [line for line in log_lines(capsys) if line["msg"] == "request"]
    assert len(lines) == 1
    line = lines[0]
    assert (line["method"], line["path"], line["status"], line["request_id"]) == ("GET", "/nope", 404, "req-1")
    assert response.headers["x-request-id"] == "req-1"


def test_credentials_never_reach_the_log(client, capsys):
    capsys.readouterr()
    client.get(
        "/items?api_key=k3y-value",
        headers={"Authorization": "Bearer s3cr3t-token-value", "X-API-Key": "k3y-value", "Cookie": "sid=cookie-value"},
    )
    security_event("auth.failure", password="hunter2", token="s3cr3t-token-value", authorization="Bearer s3cr3t-token-value")
    output = logged_output(capsys)
    assert output.strip()
    for secret in SECRETS:
        assert secret not in output


def test_security_events_are_json_lines_with_event_and_request_id(client, capsys):
    capsys.readouterr()

    def emit():
        security_event("authz.denied", sub="alice")
        return {"ok": True}

    client.app.add_api_route("/emit", emit)
    client.get("/emit", headers={"X-Request-Id": "req-2"})
    events = [line for line in log_lines(capsys) if line.get("event")]
    assert events == [
        {**events[0], "event": "authz.denied", "sub": "alice", "request_id": "req-2", "level": "warning"}
    ]


def test_errors_are_logged_with_their_trace_but_not_answered(client, capsys):
    def boom():
        raise RuntimeError("database password is hunter3")

    client.app.add_api_route("/boom", boom)
    capsys.readouterr()
    response = client.get("/boom")
    assert response.status_code == 500 and "hunter3" not in response.text
    assert any("RuntimeError" in line.get("error", "") for line in log_lines(capsys))


def test_silent_level_writes_nothing(capsys):
    client = make_client(LOG_LEVEL="silent")
    capsys.readouterr()
    client.get("/health")
    assert logged_output(capsys) == ""


def test_info_lines_on_the_event_loop_are_written_by_the_end_of_its_turn(capsys):
    make_client(LOG_LEVEL="info")
    logger = logging.getLogger("app.test")

    async def log_on_the_loop():
        capsys.readouterr()
        logger.info("batched")
        before = capsys.readouterr().out
        await asyncio.sleep(0)  # let the loop finish its turn
        return before, capsys.readouterr().out

    before, after = asyncio.run(log_on_the_loop())
    assert before == "" and '"msg": "batched"' in after


def test_warnings_are_written_at_once(capsys):
    make_client(LOG_LEVEL="info")

    async def warn_on_the_loop():
        capsys.readouterr()
        security_event("auth.failure", reason="test")
        return capsys.readouterr().out

    assert '"event": "auth.failure"' in asyncio.run(warn_on_the_loop())
