"""Proving a number before any text goes to it: a one-time code texted to it, typed back in time and in a few tries,
the newest only; codes per account and per number limited in the database, under a race too; a new number is
unproved again."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from probes import spy_on_compare_digest
from racing import race
from sqlalchemy import func, select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import OutboxMessage, PhoneVerification, utcnow
from main_app.services.texts import codes

pytestmark = pytest.mark.both_databases

PHONE = "+919812345678"
DAY = timedelta(days=1)


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(
        SMS_FOLDER=str(tmp_path / "sms"),
        PHONE_CODE_ATTEMPTS=3,
        PHONE_CODES_PER_HOUR=2,
        PHONE_CODES_PER_DAY=3,
        RATELIMIT_PHONE_CODE="1000/minute",
    )


def with_phone(client, phone: str = PHONE) -> None:
    response = client.patch("/auth/me", json={"phone": phone, "sms_enabled": True})
    assert response.status_code == 200, response.get_json()


def sms_types(app) -> list[str]:
    with app.app_context():
        return sorted(db.session.scalars(select(OutboxMessage.type).where(OutboxMessage.channel == "sms")))


def texts_to(app) -> list[tuple[str, str]]:
    """The queued texts as (kind, the number each was written for)."""
    with app.app_context():
        rows = db.session.execute(
            select(OutboxMessage.type, OutboxMessage.payload).where(OutboxMessage.channel == "sms")
        ).all()
        return sorted((kind, payload["snapshot"]["to"]["phone"]) for kind, payload in rows)


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_the_code_goes_by_text_and_proves_the_number(app, user_client, drainer, assert_error):
    with_phone(user_client)
    me = user_client.get("/auth/me").get_json()
    assert (me["phone_verified"], me["sms_stopped"]) == (False, False)
    sent = user_client.post("/auth/me/phone/code")
    assert sent.status_code == 202, sent.get_json()
    assert sent.get_json()["phone"] == PHONE
    with app.app_context():
        [verification] = db.session.scalars(select(PhoneVerification)).all()
        assert verification.nonce and verification.attempts == 0  # no code stored, only what derives it
    drainer("sms")()
    [text] = [json.loads(path.read_text()) for path in Path(app.config["SMS_FOLDER"]).glob("*.json")]
    code = text["body"].split("code is ")[1][:6]
    assert text["to"] == PHONE and code.isdigit()
    assert code not in json.dumps(_outbox_payloads(app))  # nowhere in the database

    assert_error(user_client.post("/auth/me/phone/verify", json={"code": wrong(code)}), 400, "invalid_code")
    assert_error(user_client.post("/auth/me/phone/verify", json={"code": "12ab"}), 400, "validation_error", "code")
    proved = user_client.post("/auth/me/phone/verify", json={"code": f" {code} "})
    assert proved.status_code == 200, proved.get_json()
    assert proved.get_json()["phone_verified"] is True
    assert_error(user_client.post("/auth/me/phone/code"), 409, "phone_verified")


def _outbox_payloads(app) -> list:
    with app.app_context():
        return list(db.session.scalars(select(OutboxMessage.payload)))


def test_a_code_takes_a_few_wrong_tries_then_none_even_the_right_one(user_client, texted_code, assert_error):
    with_phone(user_client)
    user_client.post("/auth/me/phone/code")
    code = texted_code()
    for _ in range(3):
        assert_error(user_client.post("/auth/me/phone/verify", json={"code": wrong(code)}), 400, "invalid_code")
    assert_error(user_client.post("/auth/me/phone/verify", json={"code": code}), 400, "code_ended")
    assert user_client.get("/auth/me").get_json()["phone_verified"] is False


def test_only_the_newest_code_works_and_only_in_time(app, user_client, texted_code, assert_error):
    with_phone(user_client)
    user_client.post("/auth/me/phone/code")
    first = texted_code()
    user_client.post("/auth/me/phone/code")
    second = texted_code()
    if first != second:
        assert_error(user_client.post("/auth/me/phone/verify", json={"code": first}), 400, "invalid_code")
    with app.app_context(), unit_of_work():
        for verification in db.session.scalars(select(PhoneVerification)):
            verification.expires_at = utcnow() - timedelta(seconds=1)
    assert_error(user_client.post("/auth/me/phone/verify", json={"code": second}), 400, "code_ended")


def test_codes_are_limited_per_account_and_per_number(app, user_client, client_for, make_user, assert_error):
    with_phone(user_client)
    for _ in range(2):
        assert user_client.post("/auth/me/phone/code").status_code == 202
    refused = assert_error(user_client.post("/auth/me/phone/code"), 429, "too_many_requests")
    assert "account" in refused["message"]
    # Another account typing the same number: the number had its codes too.
    other = client_for(make_user())
    with_phone(other)
    response = other.post("/auth/me/phone/code")
    assert "number" in assert_error(response, 429, "too_many_requests")["message"]
    assert 0 < int(response.headers["Retry-After"]) <= 3600
    # The account's own count follows it to a new number.
    with_phone(user_client, "+447911123456")
    assert_error(user_client.post("/auth/me/phone/code"), 429, "too_many_requests")


def test_requests_at_once_send_no_more_codes_than_the_limit(app, client_for, make_user):
    account = make_user()
    with_phone(client_for(account))
    answers = race([lambda: client_for(account).post("/auth/me/phone/code").status_code for _ in range(6)])
    assert sorted(answers) == [202, 202, 429, 429, 429, 429]
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PhoneVerification)) == 2
    assert sms_types(app) == ["phone_code", "phone_code"]


def test_a_new_number_must_be_proved_again_and_gets_no_texts_until_then(
    app, user_client, verify_phone, make_session, assert_error
):
    verify_phone(user_client)
    assert user_client.post("/book", json={"session_id": make_session(starts_in=DAY).id}).status_code == 201
    old, new = "+919812345678", "+447911123456"
    assert texts_to(app) == [("booking_confirmed", old), ("reminder_2h", old)]
    moved = user_client.patch("/auth/me", json={"phone": "+44 7911 123456"}).get_json()
    assert (moved["phone_verified"], moved["sms_enabled"]) == (False, True)
    # The queued reminder went with the proved number; the confirmation, due at once, the lane finds changed.
    assert texts_to(app) == [("booking_confirmed", old)]
    verify_phone(user_client, None)
    assert texts_to(app) == [("booking_confirmed", old), ("reminder_2h", new)]


def test_asking_for_a_code_needs_a_number(user_client, assert_error):
    assert_error(user_client.post("/auth/me/phone/code"), 409, "no_phone")
    assert_error(user_client.post("/auth/me/phone/verify", json={"code": "123456"}), 409, "no_phone")


def test_the_code_is_compared_in_constant_time(user_client, texted_code, monkeypatch):
    calls = spy_on_compare_digest(monkeypatch, codes)
    with_phone(user_client)
    user_client.post("/auth/me/phone/code")
    code = texted_code()
    assert user_client.post("/auth/me/phone/verify", json={"code": code}).status_code == 200
    assert (code.encode(), code.encode()) in calls
