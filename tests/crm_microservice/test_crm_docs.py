"""The CRM's /docs: Swagger UI from local files under a CSP of its own; a document that lists every answer."""

import pytest
from crm_payloads import assert_error
from openapi_walk import integer_slots
from shared_checks import (
    STRICT_CSP,
    assert_docs_page_loads_only_local_files,
    assert_docs_page_policy,
    assert_every_operation_lists_its_answers,
)


def test_docs_is_swagger_ui_on_the_crms_document_with_only_local_files(client):
    assert_docs_page_loads_only_local_files(client)


def test_the_docs_page_may_run_its_own_scripts_and_its_initializer_by_hash_only(client):
    assert_docs_page_policy(client)


@pytest.mark.parametrize(
    "path", ["/health", "/openapi.json", "/notifications", "/docs/assets/swagger-ui.css", "/docs/x"]
)
def test_every_other_answer_keeps_the_strict_csp(client, path):
    assert client.get(path).headers["Content-Security-Policy"] == STRICT_CSP


@pytest.mark.parametrize("name", ["index.html", "swagger-initializer.js", "oauth2-redirect.html"])
def test_only_the_files_the_page_loads_are_served(client, name):
    assert_error(client.get(f"/docs/assets/{name}"), 404, "not_found")


def test_every_operation_lists_its_answers_and_errors_have_our_shape(client):
    assert_every_operation_lists_its_answers(client.get("/openapi.json").get_json())


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
