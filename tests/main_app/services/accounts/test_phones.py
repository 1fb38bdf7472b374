"""Phone numbers and the SMS opt-in: given in any common way, kept in E.164, texts only when asked for."""

import pytest
from sqlalchemy import select

from main_app.extensions import db
from main_app.models import User

pytestmark = pytest.mark.both_databases

NEW_USER = {"name": "Meera Iyer", "email": "meera@example.com", "password": "s3cret-pass"}


def stored(app, email: str) -> tuple:
    with app.app_context():
        return db.session.execute(select(User.phone, User.sms_enabled).where(User.email == email)).one()


@pytest.mark.parametrize(
    "typed, e164",
    [
        ("+91 98123 45678", "+919812345678"),
        ("098123-45678", "+919812345678"),  # no country code: PHONE_DEFAULT_REGION's (IN)
        ("(415) 555-2671", None),  # a US number without +1 is not an Indian one
        ("+1 415 555 2671", "+14155552671"),
        ("+44 7911 123456", "+447911123456"),
    ],
)
def test_a_number_is_read_in_the_default_region_and_kept_in_e164(client, app, assert_error, typed, e164):
    response = client.post("/auth/register", json={**NEW_USER, "phone": typed, "sms_enabled": True})
    if e164 is None:
        assert_error(response, 400, "validation_error", "phone")
        with app.app_context():
            assert db.session.scalar(select(User).where(User.email == NEW_USER["email"])) is None
        return
    assert response.status_code == 201, response.get_json()
    token = response.get_json()["access_token"]
    me = client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert (me["phone"], me["sms_enabled"]) == (e164, True)
    assert stored(app, NEW_USER["email"]) == (e164, True)


def test_the_default_region_is_a_setting(make_app):
    client = make_app(PHONE_DEFAULT_REGION="GB").test_client()
    response = client.post("/auth/register", json={**NEW_USER, "phone": "07911 123456"})
    assert response.status_code == 201, response.get_json()
    token = response.get_json()["access_token"]
    assert client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}).get_json()["phone"] == "+447911123456"


@pytest.mark.parametrize(
    "phone, why",
    [
        ("12", "Not a valid phone number"),
        ("call me", "Not a phone number"),
        ("+91 11 2345 6789", "mobile number"),  # a Delhi landline cannot take a text
        ("+1 800 555 0199", "mobile number"),  # toll-free
        ("9" * 41, "Longer than maximum length"),
        (12345, "Not a valid string"),
    ],
)
def test_a_number_texts_cannot_reach_is_refused_naming_phone(client, app, assert_error, phone, why):
    response = client.post("/auth/register", json={**NEW_USER, "phone": phone})
    error = assert_error(response, 400, "validation_error", "phone")
    assert why in str(error["details"]["phone"]), error
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == NEW_USER["email"])) is None


def test_texts_are_off_unless_asked_for_and_need_a_phone(client, app, assert_error):
    body = client.post("/auth/register", json={**NEW_USER, "phone": "+919812345678"}).get_json()
    assert (body["user"]["id"] > 0, stored(app, NEW_USER["email"])) == (True, ("+919812345678", False))
    no_phone = {**NEW_USER, "email": "ravi@example.com", "sms_enabled": True}
    assert_error(client.post("/auth/register", json=no_phone), 400, "validation_error", "sms_enabled")
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "ravi@example.com")) is None


def test_the_account_page_changes_the_phone_and_the_opt_in(user_client, user, app, assert_error):
    def me():
        account = user_client.get("/auth/me").get_json()
        return account["phone"], account["sms_enabled"]

    assert me() == (None, False)
    assert_error(user_client.patch("/auth/me", json={"sms_enabled": True}), 400, "validation_error", "sms_enabled")
    assert me() == (None, False)

    response = user_client.patch("/auth/me", json={"phone": "98123 45678", "sms_enabled": True})
    assert response.status_code == 200, response.get_json()
    assert (response.get_json()["phone"], response.get_json()["sms_enabled"]) == ("+919812345678", True)

    # A new number keeps the opt-in; a bad one changes nothing.
    assert user_client.patch("/auth/me", json={"phone": "+44 7911 123456"}).get_json()["phone"] == "+447911123456"
    assert_error(user_client.patch("/auth/me", json={"phone": "+91 11 2345 6789"}), 400, "validation_error", "phone")
    assert me() == ("+447911123456", True)

    assert user_client.patch("/auth/me", json={"sms_enabled": False}).get_json()["sms_enabled"] is False
    assert user_client.patch("/auth/me", json={"sms_enabled": True}).get_json()["sms_enabled"] is True
    # Removing the number (null or blank) ends the texts with it.
    for removed in (None, "  "):
        user_client.patch("/auth/me", json={"phone": "+919812345678", "sms_enabled": True})
        response = user_client.patch("/auth/me", json={"phone": removed})
        assert (response.get_json()["phone"], response.get_json()["sms_enabled"]) == (None, False)
    assert stored(app, user.email) == (None, False)


def test_a_bad_phone_with_other_changes_changes_nothing(user_client, user, app, assert_error):
    response = user_client.patch("/auth/me", json={"name": "New Name", "phone": "not a phone"})
    assert_error(response, 400, "validation_error", "phone")
    assert user_client.get("/auth/me").get_json()["name"] == user.name
