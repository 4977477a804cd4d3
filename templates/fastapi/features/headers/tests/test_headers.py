"""Security headers are on every response, errors included."""

import pytest

from tests.helpers import make_client

EXPECTED = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-resource-policy": "same-origin",
    "cache-control": "no-store",
}


def csp_directives(value):
    return {part.strip() for part in value.split(";") if part.strip()}


@pytest.fixture
def client():
    app_client = make_client(BODY_LIMIT_BYTES="16")

    def boom():
        raise RuntimeError("boom")

    app_client.app.add_api_route("/boom", boom)
    return app_client


@pytest.mark.parametrize(
    "method, path, status",
    [
        ("GET", "/health", 200),
        ("GET", "/no-such-route", 404),
        ("DELETE", "/health", 405),
        ("POST", "/items", 413),
        ("GET", "/boom", 500),
    ],
)
def test_every_response_carries_the_headers(client, method, path, status):
    response = client.request(method, path, content=b"x" * 64 if status == 413 else None)
    assert response.status_code == status
    for name, value in EXPECTED.items():
        assert response.headers.get(name) == value, name
    assert csp_directives(response.headers["content-security-policy"]) == {"default-src 'none'", "frame-ancestors 'none'"}
    assert "x-powered-by" not in response.headers
    assert "server" not in response.headers


def test_headers_on_shutdown_503(client):
    client.app.state.shutdown.set()
    response = client.get("/health")
    assert response.status_code == 503
    assert response.headers["x-content-type-options"] == "nosniff"


def test_only_the_docs_page_may_load_swagger_ui():
    client = make_client(APP_ENV="development")
    docs = csp_directives(client.get("/docs").headers["content-security-policy"])
    assert "frame-ancestors 'none'" in docs and "default-src 'none'" in docs
    assert "script-src 'unsafe-inline' https://cdn.jsdelivr.net" in docs
    api = csp_directives(client.get("/openapi.json").headers["content-security-policy"])
    assert api == {"default-src 'none'", "frame-ancestors 'none'"}
