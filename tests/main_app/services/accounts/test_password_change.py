"""Changing a password: the current one is checked, every session is signed out, the answer signs this one in."""

import jwt as pyjwt
from test_tokens import claims


def login(client, user, password=None):
    response = client.post("/auth/login", json={"email": user.email, "password": password or user.password})
    return response


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def change(client, token, current, new):
    return client.post("/auth/password", json={"current_password": current, "new_password": new}, headers=bearer(token))


def test_a_new_password_signs_out_every_session_and_signs_this_one_in(client, user, assert_error):
    here, elsewhere = login(client, user).get_json()["access_token"], login(client, user).get_json()["access_token"]
    response = change(client, here, user.password, "a-brand-new-passphrase")
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert set(body) == {"access_token", "token_type", "expires_in", "user"} and body["user"]["id"] == user.id
    for old in (here, elsewhere):
        assert_error(client.get("/auth/me", headers=bearer(old)), 401, "token_revoked")
    assert client.get("/auth/me", headers=bearer(body["access_token"])).status_code == 200
    assert login(client, user, "a-brand-new-passphrase").status_code == 200
    assert_error(login(client, user), 401, "invalid_credentials")


def test_a_wrong_current_password_changes_nothing(client, user, assert_error, db_rows):
    token = login(client, user).get_json()["access_token"]
    before = db_rows()
    error = assert_error(change(client, token, "not-my-password", "a-brand-new-passphrase"), 400, "validation_error")
    assert error["details"] == {"current_password": ["Wrong password."]}
    assert db_rows() == before
    assert client.get("/auth/me", headers=bearer(token)).status_code == 200


def test_a_short_new_password_is_refused_naming_it(client, user, assert_error):
    token = login(client, user).get_json()["access_token"]
    assert_error(change(client, token, user.password, "short"), 400, "validation_error", "new_password")


def test_without_a_token_it_is_401(client, assert_error):
    body = {"current_password": "x", "new_password": "a-brand-new-passphrase"}
    assert_error(client.post("/auth/password", json=body), 401, "unauthorized")


def test_tokens_issued_before_generations_existed_still_work_until_a_change(app, client, user, assert_error):
    legacy = pyjwt.encode(claims(user.id), app.config["JWT_SECRET_KEY"], algorithm="HS256")  # no "gen" claim
    assert client.get("/auth/me", headers=bearer(legacy)).status_code == 200
    token = login(client, user).get_json()["access_token"]
    assert change(client, token, user.password, "a-brand-new-passphrase").status_code == 200
    assert_error(client.get("/auth/me", headers=bearer(legacy)), 401, "token_revoked")


def test_wrong_current_passwords_are_limited_like_failed_logins(make_app, make_user, assert_error):
    client = make_app(RATELIMIT_LOGIN_ADDRESS="2/minute").test_client()
    user = make_user()
    token = login(client, user).get_json()["access_token"]
    for _ in range(2):
        assert change(client, token, "guess", "a-brand-new-passphrase").status_code == 400
    error = assert_error(change(client, token, user.password, "a-brand-new-passphrase"), 429, "too_many_requests")
    assert "seconds" in error["message"]
