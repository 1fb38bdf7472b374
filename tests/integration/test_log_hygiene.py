"""After a busy run, the services' logs hold no emails, tokens, passwords or stack traces."""

import re

import pytest
from live_stack import JWT_SECRET, SERVICE_TOKEN, wait_for

pytestmark = pytest.mark.integration

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
JWT = re.compile(r"eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}")
PASSWORD = "correct-horse-battery"


def test_logs_hold_no_personal_data_secrets_or_tracebacks(start_stack, tmp_path):
    stack = start_stack("sqlite", web=True)
    http, main, crm = stack.http, stack.main_url, stack.crm_url
    email = "log.hygiene@example.com"
    stack.register("Log Hygiene", email, PASSWORD)
    token = stack.login(email, PASSWORD)
    session_id = stack.add_session(capacity=5)
    assert stack.book(token, session_id).status_code == 201
    # Failures of every kind, each of which a careless service might log with its input.
    assert http.post(f"{main}/auth/login", json={"email": email, "password": "wrong-" + PASSWORD}).status_code == 401
    assert (
        http.post(f"{main}/auth/register", json={"name": "Dup", "email": email, "password": PASSWORD}).status_code
        == 409
    )
    assert http.get(f"{main}/bookings", headers={"Authorization": f"Bearer {token}x"}).status_code == 401
    assert (
        http.post(
            f"{main}/book",
            data="{broken",
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        ).status_code
        == 400
    )
    assert (
        http.post(
            f"{crm}/notify",
            json={"booking_id": 1, "user": {"email": email}},
            headers={"Authorization": "Bearer not-the-token"},
        ).status_code
        == 401
    )
    assert (
        http.post(
            f"{crm}/notify", json={"user": {"email": email}}, headers={"Authorization": f"Bearer {SERVICE_TOKEN}"}
        ).status_code
        == 400
    )
    assert http.get(f"{crm}/notifications", headers={"Authorization": f"Bearer {token}"}).status_code == 403
    assert http.post(f"{main}/auth/logout", headers={"Authorization": f"Bearer {token}"}).status_code == 204
    wait_for(lambda: stack.crm_total(type="booking_created") == 1, timeout=15, message="booking delivered to the CRM")
    stack.stop()  # flush and close every log

    logs = {path.name: path.read_text(errors="replace") for path in tmp_path.glob("*.log")}
    assert {"crm.log", "main-api.log", "dispatcher.log", "web.log", "crm_notifications.log"} <= set(logs)
    # The logs did record the run (so an empty log cannot pass for a clean one).
    assert re.search(r"CRM batch of \d+ delivered \(200\): [1-9]\d* stored", logs["dispatcher.log"])
    assert "auth failed (invalid token) on POST /notify" in logs["crm_notifications.log"]
    for name, text in logs.items():
        assert not EMAIL.findall(text), f"{name} holds an email address: {EMAIL.findall(text)[:3]}"
        assert not JWT.findall(text), f"{name} holds a token"
        for secret in (SERVICE_TOKEN, JWT_SECRET, PASSWORD, token):
            assert secret not in text, f"{name} holds a secret"
        assert "Traceback" not in text, f"{name} holds a stack trace"
