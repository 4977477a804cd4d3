"""/metrics: Prometheus text behind a bearer token; security events counted."""

import re

import pytest

from app.config import ConfigError, load_config
from app.events import security_event
from tests.helpers import PRODUCTION_ENV, TEST_ENV, make_client

TOKEN = TEST_ENV["METRICS_TOKEN"]
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def client():
    return make_client()


def event_count(text, event):
    match = re.search(r'^security_events_total\{event="%s"\} ([0-9.]+)$' % re.escape(event), text, re.M)
    return float(match.group(1)) if match else 0.0


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}, {"Authorization": f"Bearer {TOKEN}x"}])
def test_metrics_need_the_token(client, headers):
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "security_events" not in response.text


def test_metrics_are_prometheus_text(client):
    response = client.get("/metrics", headers=AUTH)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "# TYPE security_events_total counter" in response.text


def test_security_events_are_counted(client):
    before = event_count(client.get("/metrics", headers=AUTH).text, "authz.denied")
    security_event("authz.denied", sub="test")
    security_event("authz.denied", sub="test")
    assert event_count(client.get("/metrics", headers=AUTH).text, "authz.denied") == before + 2


def test_bad_metrics_token_is_counted_as_auth_failure(client):
    before = event_count(client.get("/metrics", headers=AUTH).text, "auth.failure")
    client.get("/metrics", headers={"Authorization": "Bearer wrong"})
    assert event_count(client.get("/metrics", headers=AUTH).text, "auth.failure") == before + 1


def test_token_is_required_in_production():
    env = {**TEST_ENV, **PRODUCTION_ENV}
    del env["METRICS_TOKEN"]
    with pytest.raises(ConfigError, match="METRICS_TOKEN is required in production"):
        load_config(env)


def test_not_served_at_all_without_a_token():
    assert make_client(METRICS_TOKEN="").get("/metrics").status_code == 404


def test_responses_are_counted_by_status(client):
    def requests_with(text, route, status):
        pattern = r'^http_requests_total\{method="GET",route="%s",status_code="%s"\} ([0-9.]+)$' % (re.escape(route), status)
        match = re.search(pattern, text, re.M)
        return float(match.group(1)) if match else 0.0

    before = requests_with(client.get("/metrics", headers=AUTH).text, "unmatched", "404")
    client.get("/no-such-route")
    assert requests_with(client.get("/metrics", headers=AUTH).text, "unmatched", "404") == before + 1
    before = requests_with(client.get("/metrics", headers=AUTH).text, "/health", "200")
    client.get("/health")
    text = client.get("/metrics", headers=AUTH).text
    assert requests_with(text, "/health", "200") == before + 1
    assert 'http_request_duration_seconds_count{method="GET",route="/health"}' in text


def test_invented_methods_share_one_label(client):
    # Each distinct label value is a new time series: a client must not be able to create them at will.
    client.request("FOOBAR", "/health")
    text = client.get("/metrics", headers=AUTH).text
    assert 'method="FOOBAR"' not in text
    assert re.search(r'^http_requests_total\{method="OTHER",', text, re.M)
