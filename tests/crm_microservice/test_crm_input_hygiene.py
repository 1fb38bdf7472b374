"""The CRM stores hostile or odd text verbatim and returns it as JSON; NUL characters are refused on every store."""

import pytest
from crm_payloads import AUTH, SEED_NESTED, assert_error, body

pytestmark = pytest.mark.both_databases

TEXTS = ["Robert'); DROP TABLE notifications;--", "<script>alert(1)</script>", "Åsa 名前 🧘‍♀️", "x" * 500]


@pytest.mark.parametrize("text", TEXTS, ids=["sql", "html", "unicode", "long"])
def test_text_is_stored_and_listed_verbatim(any_app, text):
    client = any_app.test_client()
    user = {"id": 1, "name": text, "email": "a@example.com"}
    response = client.post("/notify", json=body(SEED_NESTED, user=user, message=text), headers=AUTH)
    assert response.status_code == 201, response.get_json()
    [item] = client.get("/notifications", headers=AUTH).get_json()["items"]
    assert item["user"]["name"] == text and item["message"] == text


@pytest.mark.parametrize(
    "payload, field",
    [
        (body(SEED_NESTED, message="nul\u0000here"), "message"),
        (body(SEED_NESTED, data={"deep": ["x\u0000"]}), "data.deep.0"),
        (body(SEED_NESTED, **{"key\u0000": 1}), "key\\u0000"),
    ],
    ids=["value", "nested", "key"],
)
def test_nul_is_refused_naming_the_field_and_nothing_stored(any_app, payload, field):
    client = any_app.test_client()
    assert_error(client.post("/notify", json=payload, headers=AUTH), 400, "validation_error", (field,))
    assert client.get("/notifications", headers=AUTH).get_json()["total"] == 0
