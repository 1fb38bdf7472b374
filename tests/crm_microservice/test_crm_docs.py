"""The CRM's /docs: Swagger UI from local files under a CSP of its own; a document that lists every answer."""

import base64
import hashlib
import re

import pytest
from crm_payloads import assert_error
from openapi_walk import integer_slots

STRICT_CSP = "default-src 'none'; frame-ancestors 'none'"


def _page_parts(html: str) -> tuple[list[str], list[str]]:
    """(every src/href URL of the page, every inline script body)."""
    return re.findall(r'(?:src|href)="([^"]*)"', html), re.findall(r"<script>(.*?)</script>", html, re.S)


def test_docs_is_swagger_ui_on_the_crms_document_with_only_local_files(client):
    response = client.get("/docs")
    assert response.status_code == 200 and response.mimetype == "text/html"
    urls, inline = _page_parts(response.get_data(as_text=True))
    assert urls and all(url.startswith("/docs/assets/") for url in urls), urls  # no CDN, no other host
    assert len(inline) == 1 and '"/openapi.json"' in inline[0]
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200 and len(asset.get_data()) > 10_000, url


def test_the_docs_page_may_run_its_own_scripts_and_its_initializer_by_hash_only(client):
    response = client.get("/docs")
    policy = response.headers["Content-Security-Policy"]
    csp = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    digest = base64.b64encode(hashlib.sha256(_page_parts(response.get_data(as_text=True))[1][0].encode()).digest())
    assert csp["script-src"] == f"'self' 'sha256-{digest.decode()}'"
    assert csp["style-src"] == csp["connect-src"] == "'self'" and csp["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy


@pytest.mark.parametrize(
    "path", ["/health", "/openapi.json", "/notifications", "/docs/assets/swagger-ui.css", "/docs/x"]
)
def test_every_other_answer_keeps_the_strict_csp(client, path):
    assert client.get(path).headers["Content-Security-Policy"] == STRICT_CSP


@pytest.mark.parametrize("name", ["index.html", "swagger-initializer.js", "oauth2-redirect.html"])
def test_only_the_files_the_page_loads_are_served(client, name):
    assert_error(client.get(f"/docs/assets/{name}"), 404, "not_found")


def test_every_operation_lists_its_answers_and_errors_have_our_shape(client):
    document = client.get("/openapi.json").get_json()
    assert document["components"]["schemas"]["APIError"]["required"] == ["error"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if method == "parameters":
                continue
            responses = operation["responses"]
            assert "default" not in responses, (method, path)
            if any(operation.get("security", [])):
                assert "401" in responses, (method, path)
            if "requestBody" in operation:
                assert {"400", "413"} <= set(responses), (method, path)


def test_every_integer_a_request_carries_is_documented_within_an_integer_column(client):
    slots = integer_slots(client.get("/openapi.json").get_json())
    unbounded = [
        f"{s.method.upper()} {s.path} {s.where} {'.'.join(map(str, s.name))}: {s.minimum}..{s.maximum}"
        for s in slots
        if s.minimum is None or s.maximum is None or s.minimum < -(2**31) or s.maximum > 2**31 - 1
    ]
    assert not unbounded, "\n".join(unbounded)
    assert {"path", "query", "body"} <= {s.where for s in slots}


def test_request_bodies_are_documented_closed(client):
    """Unknown fields are refused: each body object says so (additionalProperties false), data alone is free."""
    schemas = client.get("/openapi.json").get_json()["components"]["schemas"]
    for name in ("NestedNotification", "FlatNotification", "TypedNotification", "User", "Event"):
        assert schemas[name]["additionalProperties"] is False, name
    assert schemas["TypedNotification"]["properties"]["data"]["type"] == "object"
