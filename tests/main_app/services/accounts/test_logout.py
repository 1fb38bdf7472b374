"""POST /auth/logout: the token is refused afterwards; other tokens of the same account are not."""

from datetime import timedelta

import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db


def login(client, account) -> str:
    return client.post("/auth/login", json={"email": account.email, "password": account.password}).get_json()[
        "access_token"
    ]


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_a_logged_out_token_is_refused_everywhere(app, client, user, assert_error):
    token = login(client, user)
    assert client.get("/bookings", headers=bearer(token)).status_code == 200
    assert client.post("/auth/logout", headers=bearer(token)).status_code == 204
    for method, path in (("GET", "/bookings"), ("GET", "/auth/me"), ("POST", "/auth/logout")):
        assert_error(client.open(path, method=method, headers=bearer(token)), 401, "token_revoked")


def test_other_sessions_of_the_account_stay_signed_in(client, user):
    phone, laptop = login(client, user), login(client, user)
    client.post("/auth/logout", headers=bearer(phone))
    assert client.get("/auth/me", headers=bearer(laptop)).status_code == 200


def test_logout_needs_a_valid_token(client, assert_error):
    assert_error(client.post("/auth/logout"), 401, "unauthorized")
    assert_error(client.post("/auth/logout", headers=bearer("garbage")), 401, "invalid_token")


def test_revoked_rows_of_expired_tokens_are_cleared(make_app, make_user):
    app = make_app(JWT_ACCESS_TOKEN_EXPIRES=timedelta(seconds=1))
    client = app.test_client()
    first = make_user()
    old = login(client, first)
    client.post("/auth/logout", headers=bearer(old))
    with app.app_context(), unit_of_work():
        db.session.execute(
            sa.text("UPDATE revoked_tokens SET expires_at = :past"), {"past": "2000-01-01 00:00:00+00:00"}
        )
    client.post("/auth/logout", headers=bearer(login(client, make_user())))
    with app.app_context():
        assert db.session.scalar(sa.text("SELECT COUNT(*) FROM revoked_tokens")) == 1  # only the fresh one is left
