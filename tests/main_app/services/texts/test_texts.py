"""Texts (SMS) end to end inside the process: a person with a number and texts on gets their booking's confirmation,
the 2-hour reminder and a move of their session by text, through the dispatcher's SMS lane into the development folder,
once each; turning texts off, or changing the number, stops what was queued."""

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import DeliveryAttempt, OutboxMessage, User, utcnow
from main_app.services.texts.compose import TEXTS, compose, encoding, length

DAY, HOUR = timedelta(days=1), timedelta(hours=1)
PHONE = "+919812345678"


@pytest.fixture
def app(make_app, tmp_path):
    return make_app(SMS_FOLDER=str(tmp_path / "sms"), SMS_QUICK_RETRIES=1, PUBLIC_WEB_URL="https://r.example")


@pytest.fixture
def texter(user_client, verify_phone):
    """The signed-in person with a proved number and texts on."""
    verify_phone(user_client, "98123 45678")
    return user_client


def sms_rows(app, kind: str | None = None) -> list[OutboxMessage]:
    """The texts in the outbox (kind: those of that kind only)."""
    with app.app_context():
        query = select(OutboxMessage).where(OutboxMessage.channel == "sms")
        if kind is not None:
            query = query.where(OutboxMessage.type == kind)
        rows = db.session.scalars(query).all()
        db.session.expunge_all()
        return rows


def sent_texts(app) -> list[dict]:
    files = Path(app.config["SMS_FOLDER"]).glob("*.json")
    return sorted((json.loads(path.read_text()) for path in files), key=lambda text: text["sent_at"])


def notes(app, message_id: str) -> list[str]:
    """What each attempt of the outbox message logged."""
    with app.app_context():
        query = select(DeliveryAttempt.response_excerpt).where(DeliveryAttempt.message_id == message_id)
        return list(db.session.scalars(query.order_by(DeliveryAttempt.id)))


def make_due(app, message_type: str) -> None:
    with app.app_context(), unit_of_work():
        for message in db.session.scalars(select(OutboxMessage).where(OutboxMessage.type == message_type)):
            message.next_attempt_at = utcnow()


def book(client, session_id: int) -> dict:
    response = client.post("/book", json={"session_id": session_id})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_the_two_hour_reminder_goes_by_text_once_and_only_to_people_with_texts_on(
    app, make_session, texter, client_for, make_user, sms_lane
):
    session = make_session(starts_in=2 * DAY, title="Morning Flow", timezone="Asia/Kolkata")
    booking = book(texter, session.id)
    book(client_for(make_user()), session.id)  # no number: emails only
    assert sorted((row.type, row.booking_id) for row in sms_rows(app)) == [
        ("booking_confirmed", booking["id"]),
        ("reminder_2h", booking["id"]),
    ]
    [reminder] = sms_rows(app, "reminder_2h")
    starts = datetime.fromisoformat(booking["session"]["starts_at"])
    assert reminder.next_attempt_at == starts - 2 * HOUR
    assert len(booking["reminders_at"]) == 2  # the emailed ones, as before

    sms_lane()
    [confirmation] = sent_texts(app)  # the reminder is not due yet
    assert confirmation["to"] == PHONE and confirmation["body"].startswith(
        "Dr. Test Facilitator: Booked: Morning Flow, "
    )
    make_due(app, "reminder_2h")
    sms_lane()
    sms_lane()
    [_confirmation, text] = sent_texts(app)
    assert text["to"] == PHONE
    assert text["body"].startswith("Dr. Test Facilitator: Reminder: Morning Flow starts ") and "IST" in text["body"]
    assert text["body"].endswith("https://r.example/bookings")
    assert length(text["body"]) <= 160 and encoding(text["body"]) == "gsm7"
    for row in sms_rows(app):
        assert (row.status, row.attempts) == ("delivered", 1), row.type


def test_turning_texts_off_drops_the_queued_reminder_and_stops_one_already_claimed(app, make_session, texter, sms_lane):
    book(texter, make_session(starts_in=DAY).id)
    assert texter.patch("/auth/me", json={"sms_enabled": False}).status_code == 200
    # The reminder is dropped; the confirmation, due at once, the lane stops as it would any text already claimed.
    assert [row.type for row in sms_rows(app)] == ["booking_confirmed"]
    assert texter.patch("/auth/me", json={"sms_enabled": True}).status_code == 200
    [reminder] = sms_rows(app, "reminder_2h")
    [confirmation] = sms_rows(app, "booking_confirmed")  # written with the booking, not again

    # Turned off after the lane would have claimed it: the lane checks the person again before sending.
    make_due(app, "reminder_2h")
    with app.app_context(), unit_of_work():
        db.session.get(User, reminder.payload["snapshot"]["to"]["user_id"]).sms_enabled = False
    sms_lane()
    assert sent_texts(app) == []
    for message in (reminder, confirmation):
        assert notes(app, message.id) == ["not sent: texts are off for this number"], message.type


def test_a_new_number_gets_the_reminders_and_the_old_one_nothing(app, make_session, texter, sms_lane, verify_phone):
    book(texter, make_session(starts_in=DAY).id)
    [old] = sms_rows(app, "reminder_2h")
    assert texter.patch("/auth/me", json={"phone": "+44 7911 123456"}).status_code == 200
    assert sms_rows(app, "reminder_2h") == []  # a new number is proved before texts go to it
    [confirmation] = sms_rows(app, "booking_confirmed")  # queued to the old number: the lane finds it changed
    verify_phone(texter, None)
    [new] = sms_rows(app, "reminder_2h")
    assert new.id != old.id and new.payload["snapshot"]["to"]["phone"] == "+447911123456"
    make_due(app, "reminder_2h")
    sms_lane()
    assert [text["to"] for text in sent_texts(app)] == ["+447911123456"]
    assert notes(app, confirmation.id) == ["not sent: texts are off for this number"]


def test_a_move_and_the_organisers_cancellation_are_texted_a_persons_own_cancellation_is_not(
    app, make_session, texter, sms_lane, facilitator_client, facilitator
):
    session = make_session(starts_in=3 * DAY, facilitator_id=facilitator.id, title="Evening Flow")
    booking = book(texter, session.id)
    base = f"/api/facilitator/{facilitator.id}"
    new_start = datetime.fromisoformat(booking["session"]["starts_at"]) + 5 * HOUR
    moved = facilitator_client.patch(
        f"{base}/sessions/{session.id}",
        json={"starts_at": new_start.isoformat(), "ends_at": (new_start + HOUR).isoformat()},
    )
    assert moved.status_code == 200, moved.get_json()
    assert sorted(row.type for row in sms_rows(app)) == ["booking_changed", "booking_confirmed", "reminder_2h"]
    [reminder] = sms_rows(app, "reminder_2h")
    assert reminder.next_attempt_at == new_start - 2 * HOUR  # moved with the session

    other = make_session(starts_in=3 * DAY, facilitator_id=facilitator.id)
    mine = book(texter, other.id)
    assert texter.post(f"/bookings/{mine['id']}/cancel").status_code == 200
    cancelled = facilitator_client.post(f"{base}/sessions/{session.id}/cancel", json={"reason": "The studio floods."})
    assert cancelled.status_code == 200, cancelled.get_json()
    sms_lane()
    bodies = [text["body"] for text in sent_texts(app)]
    assert len(bodies) == 2, bodies
    assert bodies[0].startswith("Dr. Test Facilitator: Changed: Evening Flow is now ")
    assert bodies[1].startswith("Dr. Test Facilitator: Cancelled by the organiser: Evening Flow, ")
    # Both bookings' confirmations, queued when booked, reached the lane after the bookings ended: not sent.
    confirmations = sms_rows(app, "booking_confirmed")
    assert len(confirmations) == 2
    for confirmation in confirmations:
        assert notes(app, confirmation.id) == ["not sent: the booking is no longer active"]


@pytest.mark.parametrize(
    "title, limit",
    [
        ("Morning Flow", 160),
        ("A very long retreat title " * 8, 160),  # one GSM-7 part
        ("योग निद्रा", 134),  # UCS-2: the time and link alone fill most of one part, so two
        ("योग निद्रा " * 10, 134),
    ],
)
def test_a_text_stays_in_one_part_or_two_where_one_cannot_hold_it(title, limit):
    snapshot = {
        "event": {"title": title, "timezone": "Asia/Kolkata"},
        "session": {"starts_at": "2027-01-04T01:30:00+00:00"},
    }
    text = compose("reminder_2h", snapshot, "https://r.example")
    assert length(text) <= limit, (length(text), text)
    assert "07:00 IST" in text and text.endswith("https://r.example/bookings")
    assert ("..." in text) == (len(title) > 20)
    assert "योग" in text or "Flow" in text or "retreat" in text


@pytest.mark.parametrize("kind", sorted(TEXTS))
def test_every_kind_of_text_fits_one_part_with_a_long_title(kind):
    snapshot = {
        "event": {"title": "A very long retreat title " * 8, "timezone": "Asia/Kolkata"},
        "session": {"starts_at": "2027-01-04T01:30:00+00:00"},
        "studio": {"id": 1, "name": "The Lotus Yoga and Meditation Studio of Bengaluru", "slug": "lotus"},
        "position": 12,
        "pay": {"by": "Mon 4 Jan 2027, 06:45 IST", "amount": "₹800"},
        # An offer's own link: as long as a real one on a short domain.
        "offer": {
            "until_short": "Mon 06:45",
            "url": "https://r.example/offers/eyJvIjoxMjM0NX0~qTq2vJmYhK0u1cX3bZ9pLr8sW4e",
        },
    }
    text = compose(kind, snapshot, "https://r.example")
    assert encoding(text) == "gsm7" and length(text) <= 160, (length(text), text)
    link = snapshot["offer"]["url"] if kind == "waitlist_offer" else "https://r.example/bookings"
    assert "07:00 IST" in text and text.endswith(link)
    # The studio, cut short past STUDIO_ROOM; an offer's long link leaves no room for it beside the title's least.
    assert text.startswith("The Lotus Yoga and Me...: ") or kind == "waitlist_offer", text


@pytest.mark.parametrize(
    "name, opening",
    [
        ("Lotus Yoga", "Lotus Yoga: Reminder: Morning Flow starts "),
        ("Yoga {title} Studio\r\nX", "Yoga {title} Studio X: Reminder: Morning Flow starts "),  # its words, as written
        ("", "Reminder: Morning Flow starts "),
    ],
)
def test_a_text_opens_with_the_studios_name(name, opening):
    snapshot = {
        "event": {"title": "Morning Flow", "timezone": "Asia/Kolkata"},
        "session": {"starts_at": "2027-01-04T01:30:00+00:00"},
        "studio": {"id": 1, "name": name, "slug": "lotus"},
    }
    text = compose("reminder_2h", snapshot, "https://r.example")
    assert text.startswith(opening) and length(text) <= 160, text


def test_the_development_mailbox_lists_the_texts_newest_first(app, make_session, texter, sms_lane, client):
    session = make_session(starts_in=3 * DAY, title="Evening Flow")
    book(texter, session.id)
    sms_lane()  # the booking's confirmation
    make_due(app, "reminder_2h")
    sms_lane()
    (Path(app.config["SMS_FOLDER"]) / "stray.json").write_text("{not json")  # not a text: left out
    listed = client.get("/dev/texts").get_json()
    assert listed["folder"] == app.config["SMS_FOLDER"]
    [reminder, confirmation] = listed["texts"]
    assert {reminder["to"], confirmation["to"]} == {PHONE}
    assert reminder["body"].startswith("Dr. Test Facilitator: Reminder: Evening Flow starts ")
    assert confirmation["body"].startswith("Dr. Test Facilitator: Booked: Evening Flow, ")


def test_the_texts_folder_is_not_served_in_production(make_app, production_settings):
    client = make_app(**production_settings).test_client()
    assert client.get("/dev/texts").status_code == 404
