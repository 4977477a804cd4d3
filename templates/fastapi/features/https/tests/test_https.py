"""HTTPS enforcement, HSTS and the Host allow-list."""

from fastapi.testclient import TestClient

from app.config import load_config
from tests.helpers import PRODUCTION_ENV, TEST_ENV, make_client


def forced(**env) -> TestClient:
    return make_client(FORCE_HTTPS="true", **env)


def test_plain_http_get_is_redirected_308_to_https_same_host_path_and_query():
    response = forced().get("/items?limit=5&x=%2F", headers={"Host": "api.example.com"}, follow_redirects=False)
    assert response.status_code == 308
    assert response.headers["location"] == "https://api.example.com/items?limit=5&x=%2F"


def test_head_is_redirected_too():
    response = forced().head("/items", headers={"Host": "api.example.com"}, follow_redirects=False)
    assert response.status_code == 308


def test_plain_http_write_is_403_not_redirected(caplog):
    response = forced().post("/items", json={"name": "x"}, follow_redirects=False)
    assert [r.event for r in caplog.records if getattr(r, "event", None)] == ["https.rejected"]
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "location" not in response.headers


def test_redirect_never_uses_x_forwarded_host():
    response = forced(TRUST_PROXY="1").get(
        "/items",
        headers={"Host": "api.example.com", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "http"},
        follow_redirects=False,
    )
    assert response.status_code == 308
    assert response.headers["location"].startswith("https://api.example.com/")


def test_forwarded_proto_https_from_trusted_proxy_is_accepted_with_hsts():
    response = forced(TRUST_PROXY="1").get("/health-check-not-exempt", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 404  # reached the router: no redirect
    assert response.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains"


def test_forwarded_proto_from_untrusted_peer_is_ignored():
    response = forced().get("/items", headers={"X-Forwarded-Proto": "https"}, follow_redirects=False)
    assert response.status_code == 308


def test_forwarded_proto_http_from_trusted_proxy_is_redirected():
    response = forced(TRUST_PROXY="1").get("/items", headers={"X-Forwarded-Proto": "http"}, follow_redirects=False)
    assert response.status_code == 308


def test_https_responses_carry_hsts_with_configured_max_age():
    client = TestClient(make_client(HSTS_MAX_AGE="600").app, base_url="https://testserver")
    response = client.get("/health")
    assert response.headers["strict-transport-security"] == "max-age=600; includeSubDomains"
    assert client.get("/nope").headers["strict-transport-security"] == "max-age=600; includeSubDomains"


def test_plain_http_responses_have_no_hsts():
    assert "strict-transport-security" not in make_client(FORCE_HTTPS="false").get("/health").headers


def test_health_is_exempt_from_https_enforcement():
    assert forced().get("/health", follow_redirects=False).status_code == 200


def test_https_is_enforced_by_default_in_production():
    assert load_config({**TEST_ENV, **PRODUCTION_ENV, "FORCE_HTTPS": ""}).force_https is True
    assert load_config({**TEST_ENV, "APP_ENV": "development"}).force_https is False


def test_host_not_in_allowed_hosts_is_400():
    client = make_client(ALLOWED_HOSTS="api.example.com")
    assert client.get("/nope", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/nope", headers={"Host": "api.example.com"}).status_code == 404
    assert client.get("/nope", headers={"Host": "API.example.com:8443"}).status_code == 404


def test_allowed_hosts_guards_the_redirect():
    response = forced(ALLOWED_HOSTS="api.example.com").get("/items", headers={"Host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 400
    assert "location" not in response.headers
