"""The verified-token cache (service_kit.verified_tokens): a token is verified once per app and then served from the
cache until it expires, and nothing it skips could let a token through that verification would refuse."""

import time
from datetime import timedelta

import pytest
from flask_jwt_extended import create_access_token
from jwt.api_jwt import PyJWT

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import User
from main_app.security import issue_token


@pytest.fixture
def decodes(monkeypatch):
    """Whether each decode of a token's claims by PyJWT verified its signature (True) or not (False)."""
    calls = []
    real = PyJWT.decode_complete

    def spy(self, jwt, key="", algorithms=None, options=None, **kwargs):
        calls.append((options or {}).get("verify_signature", True))
        return real(self, jwt, key, algorithms, options, **kwargs)

    monkeypatch.setattr(PyJWT, "decode_complete", spy)
    return calls


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_a_token_is_decoded_once_verifying_it_then_remembered(client, user, token_for, decodes):
    token = token_for(user)
    for _ in range(3):
        assert client.get("/bookings", headers=bearer(token)).status_code == 200
    assert decodes == [True]  # no unverified decode before the verifying one


def test_a_remembered_token_still_expires(app, client, user, assert_error):
    with app.app_context():
        account = db.session.get(User, user.id)
        claims = {"role": account.role, "name": account.name, "gen": account.token_generation}
        token = create_access_token(str(account.id), additional_claims=claims, expires_delta=timedelta(seconds=1))
    assert client.get("/bookings", headers=bearer(token)).status_code == 200
    time.sleep(1.1)
    assert_error(client.get("/bookings", headers=bearer(token)), 401, "token_expired")


def test_a_changed_signature_is_verified_afresh(client, user, token_for, assert_error):
    token = token_for(user)
    assert client.get("/bookings", headers=bearer(token)).status_code == 200
    head, payload, signature = token.split(".")
    forged = f"{head}.{payload}.{signature[:-2]}{'AB' if signature[-2:] != 'AB' else 'CD'}"
    assert_error(client.get("/bookings", headers=bearer(forged)), 401, "invalid_token")


def test_another_app_with_another_secret_does_not_take_it(make_app, client, user, token_for, assert_error):
    token = token_for(user)
    assert client.get("/bookings", headers=bearer(token)).status_code == 200
    other = make_app(migrate=False, JWT_SECRET_KEY="another-secret-that-is-long-enough-0123456789")
    assert_error(other.test_client().get("/bookings", headers=bearer(token)), 401, "invalid_token")


def test_a_logged_out_token_is_refused_though_remembered(client, user, token_for, assert_error):
    token = token_for(user)
    assert client.get("/bookings", headers=bearer(token)).status_code == 200
    assert client.post("/auth/logout", headers=bearer(token)).status_code == 204
    assert_error(client.get("/bookings", headers=bearer(token)), 401, "token_revoked")


def test_a_password_change_ends_remembered_tokens(app, client, user, token_for, assert_error):
    token = token_for(user)
    assert client.get("/bookings", headers=bearer(token)).status_code == 200
    with app.app_context():
        with unit_of_work():  # what a password change does to the account's earlier tokens
            account = db.session.get(User, user.id)
            account.token_generation += 1
        fresh = issue_token(db.session.get(User, user.id))
    assert_error(client.get("/bookings", headers=bearer(token)), 401, "token_revoked")
    assert client.get("/bookings", headers=bearer(fresh)).status_code == 200
