"""The service token is compared in constant time (hmac.compare_digest), never with ==."""

from crm_payloads import AUTH, SEED_NESTED, SERVICE_TOKEN
from probes import spy_on_compare_digest

import service_kit.security


def test_the_service_token_is_checked_with_compare_digest(app, monkeypatch):
    calls = spy_on_compare_digest(monkeypatch, service_kit.security)
    client = app.test_client()
    assert client.post("/notify", json=SEED_NESTED, headers={"Authorization": "Bearer guess"}).status_code == 401
    assert client.post("/notify", json=SEED_NESTED, headers=AUTH).status_code == 201
    assert (b"guess", SERVICE_TOKEN.encode()) in calls
    assert (SERVICE_TOKEN.encode(), SERVICE_TOKEN.encode()) in calls
