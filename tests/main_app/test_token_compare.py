"""The main API compares the service token in constant time (hmac.compare_digest), never with ==."""

from probes import spy_on_compare_digest

import service_kit.security

CRM_TOKEN = "test-crm-token"  # what make_app configures as CRM_AUTH_TOKEN


def test_the_service_token_is_checked_with_compare_digest(client, monkeypatch):
    calls = spy_on_compare_digest(monkeypatch, service_kit.security)
    assert client.get("/api/notifications/pending", headers={"Authorization": "Bearer guess"}).status_code == 401
    assert client.get("/api/notifications/pending", headers={"Authorization": f"Bearer {CRM_TOKEN}"}).status_code == 200
    assert (b"guess", CRM_TOKEN.encode()) in calls
    assert (CRM_TOKEN.encode(), CRM_TOKEN.encode()) in calls
