"""JWT failures: each is a 401 in our error shape with WWW-Authenticate; a wrong role is a 403."""

from datetime import UTC, datetime, timedelta

import jwt as pyjwt
import pytest
from flask_jwt_extended import create_access_token
from token_claims import claims

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import User


def get_me(client, authorization: str | None):
    headers = {"Authorization": authorization} if authorization is not None else {}
    return client.get("/auth/me", headers=headers)


def assert_401(assert_error, response, code: str) -> dict:
    error = assert_error(response, 401, code)
    assert response.headers["WWW-Authenticate"] == "Bearer"
    return error


def test_a_token_we_build_by_hand_is_accepted(app, client, user):
    """Control for the forgery tests below: the same claims signed with the real key work."""
    token = pyjwt.encode(claims(user.id), app.config["JWT_SECRET_KEY"], algorithm="HS256")
    response = get_me(client, f"Bearer {token}")
    assert response.status_code == 200
    assert response.get_json()["id"] == user.id


def test_missing_header(client, assert_error):
    error = assert_401(assert_error, get_me(client, None), "unauthorized")
    assert "Bearer" in error["message"]


@pytest.mark.parametrize("authorization", ["Basic YXNoYTpzZWNyZXQ=", "Token abc", "bearer", ""])
def test_wrong_scheme_or_empty_bearer(client, assert_error, authorization):
    assert_401(assert_error, get_me(client, authorization), "unauthorized")


@pytest.mark.parametrize("token", ["garbage", "a.b.c", "Bearer x", "eyJhbGciOiJIUzI1NiJ9.e30.x", ""])
def test_garbage_token(client, assert_error, token):
    assert_401(assert_error, get_me(client, f"Bearer {token}"), "invalid_token")


def test_token_signed_with_another_key(client, user, assert_error):
    token = pyjwt.encode(claims(user.id), "not-our-key-but-long-enough-for-hs256", algorithm="HS256")
    assert_401(assert_error, get_me(client, f"Bearer {token}"), "invalid_token")


def test_unsigned_token(client, user, assert_error):
    token = pyjwt.encode(claims(user.id), None, algorithm="none")
    assert_401(assert_error, get_me(client, f"Bearer {token}"), "invalid_token")


def test_expired_token_from_flask_jwt_extended(app, client, user, assert_error):
    with app.app_context():
        token = create_access_token(identity=str(user.id), expires_delta=timedelta(seconds=-1))
    error = assert_401(assert_error, get_me(client, f"Bearer {token}"), "token_expired")
    assert "expired" in error["message"]


def test_expired_token_built_by_hand(app, client, user, assert_error):
    past = datetime.now(UTC) - timedelta(hours=2)
    token = pyjwt.encode(
        claims(user.id, iat=past, nbf=past, exp=past + timedelta(hours=1)),
        app.config["JWT_SECRET_KEY"],
        algorithm="HS256",
    )
    assert_401(assert_error, get_me(client, f"Bearer {token}"), "token_expired")


def test_token_of_a_deleted_user(app, client, user, token_for, assert_error):
    token = token_for(user)
    with app.app_context(), unit_of_work():
        db.session.delete(db.session.get(User, user.id))
    error = assert_401(assert_error, get_me(client, f"Bearer {token}"), "invalid_token")
    assert "no longer exists" in error["message"]


@pytest.mark.parametrize("sub", ["abc", "0", "99999"])
def test_token_whose_subject_is_no_account(app, client, user, assert_error, sub):
    token = pyjwt.encode(claims(sub), app.config["JWT_SECRET_KEY"], algorithm="HS256")
    assert_401(assert_error, get_me(client, f"Bearer {token}"), "invalid_token")


def test_refresh_token_is_not_an_access_token(app, client, user, assert_error):
    token = pyjwt.encode(claims(user.id, type="refresh"), app.config["JWT_SECRET_KEY"], algorithm="HS256")
    assert_401(assert_error, get_me(client, f"Bearer {token}"), "invalid_token")


@pytest.mark.parametrize(
    "method, path",
    [
        ("post", "/book"),
        ("post", "/bookings/book"),
        ("get", "/bookings"),
        ("post", "/bookings/1/cancel"),
        ("post", "/bookings/1/reactivate"),
    ],
)
def test_booking_routes_need_a_token(client, assert_error, method, path):
    response = getattr(client, method)(path, json={"session_id": 1})
    assert_401(assert_error, response, "unauthorized")


def test_booking_with_a_bad_token_is_401_not_400(client, assert_error):
    response = client.post("/book", json={"session_id": 1}, headers={"Authorization": "Bearer garbage"})
    assert_401(assert_error, response, "invalid_token")


@pytest.mark.parametrize("path", ["/book", "/bookings/book"])
def test_facilitator_token_cannot_book(facilitator_client, make_session, seats, outbox, assert_error, path):
    session = make_session()
    error = assert_error(facilitator_client.post(path, json={"session_id": session.id}), 403, "forbidden")
    assert "user" in error["message"]
    assert seats(session.id) == (5, 0)
    assert outbox() == []


def test_facilitator_cannot_list_user_bookings(facilitator_client, assert_error):
    assert_error(facilitator_client.get("/bookings"), 403, "forbidden")


def test_role_comes_from_the_database_not_the_claim(app, client, facilitator, make_session, assert_error):
    """A token claiming role=user for a facilitator account still cannot book."""
    session = make_session()
    token = pyjwt.encode(claims(facilitator.id, role="user"), app.config["JWT_SECRET_KEY"], algorithm="HS256")
    response = client.post("/book", json={"session_id": session.id}, headers={"Authorization": f"Bearer {token}"})
    assert_error(response, 403, "forbidden")


def test_a_booking_checks_its_token_signature_once(user_client, make_session, monkeypatch):
    """One verification per request: a second verify_jwt_in_request (a hook beside the decorator, a manual
    decode_token) would check the signature again. flask-jwt-extended's own unverified read of the claims for its
    decode-key callback is not a check and is not counted."""
    checked, decode = [], pyjwt.decode

    def counting_decode(*args, **kwargs):
        if (kwargs.get("options") or {}).get("verify_signature", True):
            checked.append(args[0])
        return decode(*args, **kwargs)

    monkeypatch.setattr(pyjwt, "decode", counting_decode)
    response = user_client.post("/book", json={"session_id": make_session().id})

    assert response.status_code == 201
    assert len(checked) == 1
