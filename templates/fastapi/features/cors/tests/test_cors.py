"""CORS allow-list: exact origins only, no grant for anyone else."""

import pytest

from app.config import ConfigError, load_config
from tests.helpers import TEST_ENV, make_client

APP = "https://app.example.com"
EVIL = "https://evil.example"


@pytest.fixture
def client():
    return make_client(CORS_ORIGINS=APP)


def preflight(client, origin):
    return client.options(
        "/items",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type"},
    )


def test_listed_origin_gets_the_grant(client):
    response = client.get("/health", headers={"Origin": APP})
    assert response.headers["access-control-allow-origin"] == APP
    assert "access-control-allow-credentials" not in response.headers


def test_listed_origin_preflight_is_granted(client):
    response = preflight(client, APP)
    assert response.status_code == 204
    assert response.content == b""
    assert response.headers["access-control-allow-origin"] == APP
    assert "POST" in response.headers["access-control-allow-methods"]


def test_a_preflight_asking_for_more_gets_the_same_grant_and_the_browser_refuses_the_rest(client):
    response = client.options("/items", headers={"Origin": APP, "Access-Control-Request-Method": "TRACE", "Access-Control-Request-Headers": "x-evil"})
    assert response.status_code == 204  # not Starlette's text/plain 400
    assert response.content == b""
    assert "TRACE" not in response.headers["access-control-allow-methods"]
    assert "x-evil" not in response.headers["access-control-allow-headers"].lower()


def test_other_origin_gets_no_grant_and_is_logged(client, caplog):
    response = client.get("/health", headers={"Origin": EVIL})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers
    assert [r.event for r in caplog.records if getattr(r, "event", None)] == ["cors.rejected"]


def test_other_origin_preflight_gets_no_grant(client):
    response = preflight(client, EVIL)
    assert not any(name.startswith("access-control-allow") for name in response.headers)


def test_origin_is_matched_exactly_not_by_prefix_or_suffix(client):
    for origin in ("https://app.example.com.evil.example", "http://app.example.com", "https://evilapp.example.com", "null"):
        assert "access-control-allow-origin" not in client.get("/health", headers={"Origin": origin}).headers


def test_no_origins_by_default():
    assert "access-control-allow-origin" not in make_client().get("/health", headers={"Origin": APP}).headers


def test_credentials_only_when_enabled():
    response = make_client(CORS_ORIGINS=APP, CORS_CREDENTIALS="true").get("/health", headers={"Origin": APP})
    assert response.headers["access-control-allow-credentials"] == "true"
    assert response.headers["access-control-allow-origin"] == APP


def test_wildcard_without_credentials_is_allowed():
    response = make_client(CORS_ORIGINS="*").get("/health", headers={"Origin": EVIL})
    assert response.headers["access-control-allow-origin"] == "*"


def test_wildcard_with_credentials_is_refused_at_start_up():
    with pytest.raises(ConfigError, match="CORS_ORIGINS may not be \\* when CORS_CREDENTIALS=true"):
        load_config({**TEST_ENV, "CORS_ORIGINS": "*", "CORS_CREDENTIALS": "true"})
