"""Erasing an account (DELETE /me): after it, no text column of any table holds the person's name, email or phone,
nor what they typed about their guests; their bookings and money stay, anonymised, and the money checks balance;
every session of theirs is signed out, and the CRM is told through the outbox with nothing that names them."""

import json
from datetime import timedelta

import pytest
import sqlalchemy as sa

from main_app.extensions import db
from main_app.models import OutboxMessage, User
from main_app.services.accounts import whatsapp_reply

pytestmark = pytest.mark.both_databases

PERSON = {"name": "Zephyrine Quillfeather", "email": "zephyrine.q@example.com", "password": "s3cret-pass"}
OTHER_NAME = "ज़ेफ़िरीन क्विलफ़ेदर"  # her name in Devanagari, given at sign-up
PHONE = "+919812345678"
GUEST = {"name": "Ottoline Brackenbury", "email": "ottoline.b@example.com"}


def holders(app, values: list[str]) -> dict[str, list[str]]:
    """Every table.column whose text (or JSON) holds any of values, as stored or as JSON escapes it."""
    forms = {form for value in values for form in (value, json.dumps(value)[1:-1], value.lower())}
    found = {}
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                if not isinstance(column.type, sa.String | sa.Text | sa.JSON):
                    continue
                text = sa.cast(column, sa.Text)
                hits = db.session.scalar(
                    sa.select(sa.func.count()).select_from(table).where(sa.or_(*(text.contains(f) for f in forms)))
                )
                if hits:
                    found[f"{table.name}.{column.name}"] = hits
    return found


@pytest.fixture
def person(client):
    """A person with an account, a mobile number and texts on: (their client's headers, their id)."""
    made = client.post(
        "/auth/register", json={**PERSON, "other_name": OTHER_NAME, "phone": "+91 98123 45678", "sms_enabled": True}
    )
    assert made.status_code == 201, made.get_json()
    return {"Authorization": f"Bearer {made.get_json()['access_token']}"}


def test_an_erased_account_leaves_no_trace_of_the_person_and_keeps_the_money(
    app, client, person, make_session, payments_lane, outbox
):
    session = make_session(capacity=5, starts_in=timedelta(days=3), price=100_000)
    guests = [GUEST]
    booked = client.post("/book", json={"session_id": session.id, "seats": 2, "guests": guests}, headers=person)
    assert booked.status_code == 201, booked.get_json()
    reference = booked.get_json()["payment"]["checkout_url"].rsplit("/", 1)[1]
    client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"})
    billing = {"name": PERSON["name"], "tax_id": None, "country": "IN", "city": "Pune"}
    assert client.put("/me/billing", json=billing, headers=person).status_code == 200
    words = client.get("/auth/me/whatsapp", headers=person).get_json()["wording"]
    assert client.put("/auth/me/whatsapp", json={"opted_in": True, "wording": words}, headers=person).status_code == 200
    with app.app_context():
        whatsapp_reply(PHONE, "106540352242922", "STOP")  # the number's stop, its record and its window
    assert {"whatsapp_consents.wording", "whatsapp_numbers.number", "whatsapp_windows.number"} <= set(
        holders(app, [PHONE])
    )
    assert holders(app, [PERSON["name"], PERSON["email"], PHONE, GUEST["name"]])  # the test can see them
    assert set(holders(app, [OTHER_NAME])) == {"users.other_name", "outbox_messages.payload"}
    refused = client.delete("/me", json={"password": "not-it"}, headers=person)
    assert refused.status_code == 400 and "password" in refused.get_json()["error"]["details"]
    ahead = client.delete("/me", json={"password": PERSON["password"]}, headers=person)
    assert ahead.status_code == 409 and ahead.get_json()["error"]["code"] == "erase_bookings_ahead"
    booking_id = booked.get_json()["id"]
    assert client.post(f"/bookings/{booking_id}/cancel", json={}, headers=person).status_code == 200
    payments_lane()
    erased = client.delete("/me", json={"password": PERSON["password"]}, headers=person)
    assert erased.status_code == 204, erased.get_json()
    assert holders(app, [PERSON["name"], OTHER_NAME, PERSON["email"], PHONE, GUEST["name"], GUEST["email"]]) == {}
    assert client.get("/auth/me", headers=person).status_code == 401  # signed out everywhere
    login = client.post("/auth/login", json={"login": PERSON["email"], "password": PERSON["password"]})
    assert login.status_code == 401
    with app.app_context():
        account = db.session.scalar(sa.select(User).where(User.erased_at.is_not(None)))
        assert (account.name, account.phone, account.username) == ("Deleted account", None, None)
        told = db.session.scalar(sa.select(OutboxMessage).where(OutboxMessage.type == "person_erased"))
    assert told.payload["user_id"] == account.id and told.channel == "crm"
    assert [m["type"] for m in outbox()].count("person_erased") == 1


def test_staff_and_a_renewing_membership_are_refused_until_they_end(
    app, client, facilitator_client, facilitator, make_session, user_client, assert_error
):
    make_session(facilitator_id=facilitator.id)  # a facilitator's first event makes them a studio's owner
    answer = facilitator_client.delete("/me", json={"password": facilitator.password})
    assert_error(answer, 409, "erase_staff_account")
