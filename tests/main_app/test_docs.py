"""/docs: Swagger UI from local files under a CSP of its own, and an OpenAPI document that lists every answer."""

import pytest
from shared_checks import (
    STRICT_CSP,
    assert_docs_page_loads_only_local_files,
    assert_docs_page_policy,
    assert_every_operation_lists_its_answers,
    operations,
)


def test_docs_is_swagger_ui_on_our_own_document_with_only_local_files(client):
    assert_docs_page_loads_only_local_files(client)


def test_the_docs_page_may_run_its_own_scripts_and_styles_and_nothing_else(client):
    assert_docs_page_policy(client)


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
    assert_every_operation_lists_its_answers(document)
    for method, path, operation in operations(document):
        if any(parameter["in"] == "query" for parameter in operation.get("parameters", ())):
            assert "414" in operation["responses"], (method, path)
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
