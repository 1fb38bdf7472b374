"""A booking's confirmation by text, beside its email: to the booking's own person when they have texts on (a proved
number, texts on, no STOP), in the language they read, in one GSM-7 part in English; none to a person with texts off;
none once the booking no longer holds when the lane comes to it."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from main_app.extensions import db
from main_app.models import DeliveryAttempt, OutboxMessage
from main_app.services.languages import sms_parts
from main_app.services.texts.compose import compose

DAY = timedelta(days=1)
PHONE, OTHER_PHONE = "+919812345678", "+919800000001"
LINK = "https://r.example/bookings"


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(SMS_FOLDER=str(tmp_path / "sms"), SMS_QUICK_RETRIES=1, PUBLIC_WEB_URL="https://r.example")


def texts_of(app, kind: str) -> list[tuple[int, int, str]]:
    """The texts of kind in the outbox, as (user id, booking id, outbox id)."""
    with app.app_context():
        rows = db.session.scalars(
            select(OutboxMessage).where(OutboxMessage.channel == "sms", OutboxMessage.type == kind)
        )
        return sorted((row.payload["snapshot"]["to"]["user_id"], row.booking_id, row.id) for row in rows)


def sent_texts(app) -> list[dict]:
    files = Path(app.config["SMS_FOLDER"]).glob("*.json")
    return sorted((json.loads(path.read_text()) for path in files), key=lambda text: text["sent_at"])


def book(client, session_id: int) -> int:
    response = client.post("/book", json={"session_id": session_id})
    assert response.status_code == 201, response.get_json()
    return response.get_json()["id"]


def test_the_confirmation_is_texted_in_the_persons_language_and_not_to_one_with_texts_off(
    app, make_session, user, user_client, make_user, client_for, verify_phone, email_outbox, sms_lane
):
    verify_phone(user_client, PHONE)
    assert user_client.patch("/auth/me", json={"language": "hi"}).status_code == 200
    quiet = make_user()
    quiet_client = client_for(quiet)
    verify_phone(quiet_client, OTHER_PHONE, sms_enabled=False)  # proved, texts off: emails only
    session = make_session(starts_in=3 * DAY, title="Morning Flow", timezone="Asia/Kolkata")
    mine = book(user_client, session.id)
    book(quiet_client, session.id)

    emailed = [
        row["payload"]["snapshot"]["to"]["user_id"] for row in email_outbox() if row["type"] == "booking_confirmed"
    ]
    assert sorted(emailed) == sorted([user.id, quiet.id])  # both get the email
    [(to, about, _id)] = texts_of(app, "booking_confirmed")  # the text only where texts are on
    assert (to, about) == (user.id, mine)
    sms_lane()
    [text] = sent_texts(app)
    assert text["to"] == PHONE
    # The catalogue's words and stop (।); a two-part text's title is shortened as any UCS-2 text's is.
    assert text["body"].startswith("Dr. Test Facilitator: बुक हो गया: Morning Flow, "), text["body"]
    assert text["body"].endswith(f" IST। {LINK}") and "Booked" not in text["body"], text["body"]
    counted = sms_parts(text["body"])
    assert (counted.encoding, counted.parts) == ("ucs2", 2), counted


def test_the_confirmation_of_a_booking_cancelled_before_it_went_is_not_sent(
    app, make_session, user_client, verify_phone, sms_lane
):
    verify_phone(user_client, PHONE)
    booking = book(user_client, make_session(starts_in=3 * DAY).id)
    assert user_client.post(f"/bookings/{booking}/cancel").status_code == 200
    [(_user, booked, message_id)] = texts_of(app, "booking_confirmed")  # written with the booking, due at once
    assert booked == booking
    sms_lane()
    assert sent_texts(app) == []
    with app.app_context():
        notes = db.session.scalars(
            select(DeliveryAttempt.response_excerpt).where(DeliveryAttempt.message_id == message_id)
        )
        assert list(notes) == ["not sent: the booking is no longer active"]


SNAPSHOT = {
    "event": {"title": "Morning Flow", "timezone": "Asia/Kolkata"},
    "session": {"starts_at": "2027-01-04T01:30:00+00:00"},
    "studio": {"id": 1, "name": "Lotus Yoga", "slug": "lotus"},
}


def test_the_confirmation_says_booked_what_and_when_in_one_part():
    text = compose("booking_confirmed", SNAPSHOT, "https://r.example")
    assert text == f"Lotus Yoga: Booked: Morning Flow, Mon 4 Jan 2027, 07:00 IST. {LINK}"
    long = compose(
        "booking_confirmed",
        {**SNAPSHOT, "event": {**SNAPSHOT["event"], "title": "Slow Flow " * 30}},
        "https://r.example",
    )
    counted = sms_parts(long)
    assert (counted.encoding, counted.parts) == ("gsm7", 1), (counted, long)
    assert long.startswith("Lotus Yoga: Booked: Slow Flow Slow Flow ") and long.endswith(
        f"..., Mon 4 Jan 2027, 07:00 IST. {LINK}"
    ), long
