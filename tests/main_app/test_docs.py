"""/docs: Swagger UI from local files under a CSP of its own, and an OpenAPI document that lists every answer."""

import base64
import hashlib
import re

import pytest

STRICT_CSP = "default-src 'none'; frame-ancestors 'none'"


def _page_parts(html: str) -> tuple[list[str], list[str]]:
    """(every src/href URL of the page, every inline script body)."""
    urls = re.findall(r'(?:src|href)="([^"]*)"', html)
    inline = re.findall(r"<script>(.*?)</script>", html, re.S)
    return urls, inline


def test_docs_is_swagger_ui_on_our_own_document_with_only_local_files(client):
    response = client.get("/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    urls, inline = _page_parts(html)
    assert urls and all(url.startswith("/docs/assets/") for url in urls), urls  # no CDN, no other host
    assert len(inline) == 1 and '"/openapi.json"' in inline[0]
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert asset.mimetype in ("text/css", "text/javascript") and len(asset.get_data()) > 10_000, url


def test_the_docs_page_may_run_its_own_scripts_and_styles_and_nothing_else(client):
    response = client.get("/docs")
    csp = dict(part.strip().split(" ", 1) for part in response.headers["Content-Security-Policy"].split(";"))
    _urls, inline = _page_parts(response.get_data(as_text=True))
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert csp["script-src"] == f"'self' 'sha256-{digest}'"  # the initializer by its hash, no 'unsafe-inline'
    assert csp["style-src"] == "'self'" and csp["connect-src"] == "'self'"
    assert csp["default-src"] == "'none'" and csp["frame-ancestors"] == "'none'"
    assert "unsafe" not in response.headers["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path", ["/events", "/openapi.json", "/docs/assets/swagger-ui-bundle.js", "/docs/nothing", "/health"]
)
def test_every_other_answer_keeps_the_strict_csp(client, path):
    assert client.get(path).headers["Content-Security-Policy"] == STRICT_CSP


@pytest.mark.parametrize("name", ["index.html", "swagger-initializer.js", "oauth2-redirect.html", "swagger-ui.js.map"])
def test_only_the_files_the_page_loads_are_served(client, assert_error, name):
    assert_error(client.get(f"/docs/assets/{name}"), 404, "not_found")


def test_every_operation_lists_its_answers_in_our_error_shape(client):
    document = client.get("/openapi.json").get_json()
    error_schema = document["components"]["schemas"]["APIError"]
    assert error_schema["required"] == ["error"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            responses = operation["responses"]
            assert "default" not in responses, (method, path)  # a catch-all would make the list meaningless
            if operation.get("security"):
                assert "401" in responses, (method, path)
            if "requestBody" in operation:
                assert {"400", "413"} <= set(responses), (method, path)
            if any(parameter["in"] == "query" for parameter in operation.get("parameters", ())):
                assert "414" in responses, (method, path)
    assert document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


@pytest.mark.parametrize(
    "method, path, status",
    [
        ("post", "/api/facilitator/{facilitator_id}/events/{event_id}/sessions", "409"),  # event_cancelled
        ("post", "/book", "403"),  # a facilitator's token
        ("get", "/api/notifications/pending", "403"),  # a user's token
        ("post", "/api/crm/integration/test", "403"),
        ("post", "/auth/login", "413"),  # implied by the body
        ("get", "/feedback", "414"),  # implied by the query string: its token, percent-encoded, passes the limit
        ("post", "/auth/guest-emails/unsubscribe", "414"),
    ],
)
def test_answers_the_contract_run_met_are_documented(client, method, path, status):
    responses = client.get("/openapi.json").get_json()["paths"][path][method]["responses"]
    assert status in responses, sorted(responses)


def test_message_ids_and_seats_left_are_typed(client):
    document = client.get("/openapi.json").get_json()
    parameter = document["paths"]["/api/notifications/{message_id}/status"]["parameters"][0]
    assert parameter["schema"] == {"type": "string", "pattern": "^[0-9a-f]{32}$"}
    assert document["components"]["schemas"]["Event"]["properties"]["seats_left"]["type"] == "integer"
    assert "Health" in document["components"]["schemas"]


DEVELOPMENT_PATHS = {
    "/dev/mailbox",
    "/dev/mailbox/{message_id}",
    "/dev/mailbox/{message_id}/body.html",
    "/payments/test/checkout/{reference}",
}


def test_production_neither_documents_nor_serves_the_development_pages(make_app, production_settings, assert_error):
    production = make_app(**production_settings).test_client()
    paths = set(production.get("/openapi.json").get_json()["paths"])

    assert paths and not paths & DEVELOPMENT_PATHS
    assert not [path for path in paths if path.startswith(("/dev/", "/payments/test/"))]
    assert "/payments/webhook/{provider_name}" in paths  # the providers' webhooks are production's
    assert_error(production.get("/dev/mailbox"), 404, "not_found")
    assert_error(production.post("/payments/test/checkout/tp_anything", data={"action": "pay"}), 404, "not_found")


def test_development_documents_its_own_pages(client):
    assert set(client.get("/openapi.json").get_json()["paths"]) >= DEVELOPMENT_PATHS
