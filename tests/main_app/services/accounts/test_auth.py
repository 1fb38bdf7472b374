"""/auth: registration, login and /auth/me."""

import json
from datetime import datetime

import pytest

NEW_USER = {"name": "Meera Iyer", "email": "meera@example.com", "password": "s3cret-pass", "username": "meera"}


def register(client, **changes):
    body = {**NEW_USER, **changes}
    return client.post("/auth/register", json={k: v for k, v in body.items() if v is not None})


# -- register ---------------------------------------------------------------------------------------


def test_register_returns_201_token_and_user(client):
    response = register(client)
    assert response.status_code == 201
    body = response.get_json()
    assert set(body) == {"access_token", "token_type", "expires_in", "user"}
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    user = body["user"]
    assert set(user) == {
        "id",
        "name",
        "other_name",
        "email",
        "username",
        "role",
        "created_at",
        "language",
        "my_permissions",
    }
    assert user["my_permissions"] == []  # a user account has no seed routes
    assert user["name"] == "Meera Iyer"
    assert user["email"] == "meera@example.com"
    assert user["username"] == "meera"
    assert user["role"] == "user"
    assert datetime.fromisoformat(user["created_at"]).utcoffset() is not None
    assert "password" not in response.get_data(as_text=True)

    me = client.get("/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    account = me.get_json()
    # services/emails/test_calendars.py says what the feed is
    assert account.pop("calendar_feed_url").endswith(".ics")
    assert account.pop("reminders_enabled") is True  # services/emails/test_attendee_mail.py: turning them off
    assert (account.pop("phone"), account.pop("sms_enabled")) == (None, False)  # test_phones.py
    assert (account.pop("phone_verified"), account.pop("sms_stopped")) == (False, False)  # test_phone_codes.py
    assert account.pop("birthday") is None  # services/automations/test_sweeps.py: giving it
    assert account["language"] is None  # services/languages/test_choice.py: choosing one
    assert account == user


def test_register_stores_email_and_username_lower_case(client):
    response = register(client, email="Meera@Example.COM", username="Meera")
    assert response.status_code == 201
    assert response.get_json()["user"]["email"] == "meera@example.com"
    assert response.get_json()["user"]["username"] == "meera"


def test_register_without_username(client):
    response = register(client, username=None)
    assert response.status_code == 201
    assert response.get_json()["user"]["username"] is None


def test_register_refuses_a_role_in_the_body(client, assert_error):
    assert_error(register(client, role="facilitator"), 400, "validation_error", "role")
    assert register(client).get_json()["user"]["role"] == "user"  # nothing was made by the refused one


@pytest.mark.parametrize("email", ["meera@example.com", "MEERA@example.com"])
def test_duplicate_email_is_409_case_insensitive(client, email, assert_error):
    assert register(client).status_code == 201
    error = assert_error(register(client, email=email, username="other"), 409, "email_taken")
    assert error["details"] == {"email": ["already registered"]}


def test_duplicate_username_is_409_case_insensitive(client, assert_error):
    assert register(client).status_code == 201
    error = assert_error(register(client, email="other@example.com", username="MEERA"), 409, "username_taken")
    assert error["details"] == {"username": ["already registered"]}


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"password": "short"}, "password"),
        ({"password": "x" * 129}, "password"),
        ({"email": "not-an-email"}, "email"),
        ({"email": None}, "email"),
        ({"name": None}, "name"),
        ({"password": None}, "password"),
        ({"name": ""}, "name"),
        ({"name": 42}, "name"),
        ({"email": ["meera@example.com"]}, "email"),
        ({"password": 12345678}, "password"),
        ({"username": "a b"}, "username"),
        ({"username": "ab"}, "username"),
    ],
)
def test_register_invalid_field_is_400_naming_it(client, outbox, changes, field, assert_error):
    error = assert_error(register(client, **changes), 400, "validation_error", field)
    assert isinstance(error["details"][field], list)
    assert outbox() == []


def test_register_empty_object_names_every_required_field(client, assert_error):
    error = assert_error(client.post("/auth/register", json={}), 400, "validation_error", "name", "email", "password")
    assert set(error["details"]) == {"name", "email", "password"}


@pytest.mark.parametrize("body", [[], ["meera@example.com"], "meera", 42, False, None])
def test_register_non_object_json_is_400(client, outbox, body, assert_error):
    response = client.post("/auth/register", data=json.dumps(body), content_type="application/json")
    error = assert_error(response, 400, "validation_error", "body")
    assert error["details"] == {"body": ["Must be a JSON object."]}
    assert outbox() == []


def test_register_form_body_is_400(client, assert_error):
    response = client.post(
        "/auth/register", data={"name": "Meera", "email": "meera@example.com", "password": "s3cret-pass"}
    )
    assert_error(response, 400, "invalid_content_type", "Content-Type")


@pytest.mark.parametrize("data", ['{"name": "x",', "{'name': 'x'}", "not json at all"])
def test_register_malformed_json_is_400(client, data, assert_error):
    response = client.post("/auth/register", data=data, content_type="application/json")
    error = assert_error(response, 400, "invalid_json")
    assert list(error["details"]) == ["body"]  # with the parser's reason


def test_register_writes_one_user_registered_message(client, outbox):
    response = register(client)
    user = response.get_json()["user"]
    messages = outbox()
    assert len(messages) == 1
    message = messages[0]
    assert message["type"] == "user_registered"
    assert message["status"] == "pending"
    assert message["attempts"] == 0
    payload = message["payload"]
    assert payload["notification_id"] == message["id"]
    assert payload["type"] == "user_registered"
    assert payload["user_id"] == user["id"]
    assert payload["data"]["user"] == {
        "id": user["id"], "name": "Meera Iyer", "other_name": None, "email": "meera@example.com"
    }  # fmt: skip
    assert payload["data"]["role"] == "user"


def test_failed_registration_writes_no_message(client, outbox):
    register(client)
    assert register(client, username="other").status_code == 409
    assert [m["type"] for m in outbox()] == ["user_registered"]


# -- login ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "asha@example.com"},
        {"email": "ASHA@Example.com"},
        {"username": "asha"},
        {"username": "ASHA"},
        {"login": "asha"},
        {"login": "Asha@example.com"},
        {"email": "asha"},  # the email box also takes a username
    ],
)
def test_login_by_email_or_username_case_insensitive(client, user, credentials):
    response = client.post("/auth/login", json={**credentials, "password": user.password})
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["user"]["id"] == user.id
    assert body["user"]["email"] == "asha@example.com"
    me = client.get("/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.get_json()["id"] == user.id


def test_login_after_register(client):
    register(client)
    response = client.post("/auth/login", json={"email": "meera@example.com", "password": NEW_USER["password"]})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "credentials",
    [
        {"email": "asha@example.com", "password": "wrong-password"},
        {"username": "asha", "password": "CORRECT-HORSE-9"},
        {"email": "nobody@example.com", "password": "correct-horse-9"},
        {"username": "nobody", "password": "whatever"},
    ],
)
def test_bad_credentials_are_401_with_one_message(client, user, credentials, assert_error):
    error = assert_error(client.post("/auth/login", json=credentials), 401, "invalid_credentials")
    assert error["message"] == "Wrong email/username or password."
    assert error["details"] == {}


@pytest.mark.parametrize(
    "body, field",
    [
        ({"password": "x"}, "email"),
        ({"email": "", "password": "x"}, "email"),
        ({"email": "asha@example.com"}, "password"),
        ({"email": "asha@example.com", "password": ""}, "password"),
        ({"email": 5, "password": "x"}, "email"),
        ({"username": ["asha"], "password": "x"}, "username"),
    ],
)
def test_login_invalid_body_is_400(client, user, body, field, assert_error):
    assert_error(client.post("/auth/login", json=body), 400, "validation_error", field)


def test_login_malformed_json_is_400(client, assert_error):
    assert_error(client.post("/auth/login", data="{", content_type="application/json"), 400, "invalid_json")


def test_login_does_not_write_outbox(client, user, outbox):
    client.post("/auth/login", json={"username": "asha", "password": user.password})
    assert outbox() == []


# -- me ---------------------------------------------------------------------------------------------


def test_me_returns_the_caller(user_client, user):
    response = user_client.get("/auth/me")
    assert response.status_code == 200
    body = response.get_json()
    assert body["id"] == user.id
    assert body["name"] == "Asha Rao"
    assert body["role"] == "user"
    assert "password_hash" not in body


def test_me_for_a_facilitator(facilitator_client, facilitator):
    body = facilitator_client.get("/auth/me").get_json()
    assert (body["id"], body["role"]) == (facilitator.id, "facilitator")


def test_me_without_token_is_401(client, assert_error):
    assert_error(client.get("/auth/me"), 401, "unauthorized")
