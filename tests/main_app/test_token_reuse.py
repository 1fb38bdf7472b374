"""A token sent again and again, as a browser does: each request checks it anew, so it still expires, a changed
signature or another app's secret refuses it, and so do a logout and a password change."""

from datetime import timedelta

from flask_jwt_extended import create_access_token

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import User
from main_app.security import issue_token


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def test_a_token_used_before_still_expires(app, client, user, assert_error):
    # Expired a minute ago, taken while the app allows two minutes of leeway, then refused once it allows none: each
    # request decides anew, and no clock has to keep pace with a loaded machine.
    with app.app_context():
        account = db.session.get(User, user.id)
        claims = {"role": account.role, "name": account.name, "gen": account.token_generation}
        token = create_access_token(str(account.id), additional_claims=claims, expires_delta=timedelta(minutes=-1))
    app.config["JWT_DECODE_LEEWAY"] = 120
    assert client.get("/bookings", headers=bearer(token)).status_code == 200
    app.config["JWT_DECODE_LEEWAY"] = 0
    assert_error(client.get("/bookings", headers=bearer(token)), 401, "token_expired")


def test_a_changed_signature_is_refused(client, user, token_for, assert_error):
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


def test_a_token_used_before_is_refused_once_logged_out(client, user, token_for, assert_error):
    token = token_for(user)
    assert client.get("/bookings", headers=bearer(token)).status_code == 200
    assert client.post("/auth/logout", headers=bearer(token)).status_code == 204
    assert_error(client.get("/bookings", headers=bearer(token)), 401, "token_revoked")


def test_a_password_change_ends_tokens_used_before(app, client, user, token_for, assert_error):
    token = token_for(user)
    assert client.get("/bookings", headers=bearer(token)).status_code == 200
    with app.app_context():
        with unit_of_work():  # what a password change does to the account's earlier tokens
            account = db.session.get(User, user.id)
            account.token_generation += 1
        fresh = issue_token(db.session.get(User, user.id))
    assert_error(client.get("/bookings", headers=bearer(token)), 401, "token_revoked")
    assert client.get("/bookings", headers=bearer(fresh)).status_code == 200
