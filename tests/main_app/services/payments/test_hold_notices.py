"""The person with a held seat hears of it on every channel they have: "seat held, pay by …" when its first checkout
opens, and "hold ended, the seat went back" when no payment came in time or the payment was declined: by email, by
text (texts on), and in their notification centre."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Booking, OutboxMessage, Payment, utcnow


@pytest.fixture
def texter(user_client, verify_phone):
    verify_phone(user_client, "98123 45678")  # texts go only to a proved number
    return user_client


def book(client, session_id: int) -> dict:
    response = client.post("/book", json={"session_id": session_id})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def told(app, booking_id: int) -> dict[str, list[str]]:
    """What each channel holds about the booking for its person: {channel: [type, ...]}, reminders aside."""
    with app.app_context():
        rows = db.session.execute(
            sa.select(OutboxMessage.channel, OutboxMessage.type)
            .where(OutboxMessage.booking_id == booking_id, OutboxMessage.channel.in_(("email", "sms", "app")))
            .order_by(OutboxMessage.created_at, OutboxMessage.id)
        ).all()
    found: dict[str, list[str]] = {}
    for channel, kind in rows:
        if not kind.startswith("reminder"):
            found.setdefault(channel, []).append(kind)
    return found


def snapshot_of(app, booking_id: int, kind: str, channel: str = "email") -> dict:
    with app.app_context():
        row = db.session.scalar(
            sa.select(OutboxMessage).where(
                OutboxMessage.booking_id == booking_id, OutboxMessage.type == kind, OutboxMessage.channel == channel
            )
        )
        return row.payload["snapshot"]


def expire_now(app, booking_id: int) -> None:
    with app.app_context(), unit_of_work():
        past = utcnow() - timedelta(seconds=1)
        db.session.get(Booking, booking_id).hold_expires_at = past
        db.session.execute(
            sa.update(OutboxMessage)
            .where(OutboxMessage.booking_id == booking_id, OutboxMessage.channel == "timers")
            .values(next_attempt_at=past)
        )
        db.session.execute(sa.update(Payment).where(Payment.booking_id == booking_id).values(expires_at=past))


def test_a_held_seat_is_told_on_every_channel_and_its_end_in_time_too(app, texter, paid_session, payments_lane):
    booking = book(texter, paid_session.id)
    everywhere = {"email": ["seat_held"], "sms": ["seat_held"], "app": ["seat_held"]}
    assert told(app, booking["id"]) == everywhere
    pay = snapshot_of(app, booking["id"], "seat_held")["pay"]
    assert (
        pay["amount"] == "₹45,000"
        and pay["by"].endswith(" UTC")
        and pay["url"].endswith(f"/bookings/{booking['id']}/payment")
    )
    # A new checkout for the same hold says nothing new.
    assert texter.post(f"/bookings/{booking['id']}/pay").status_code == 200
    assert told(app, booking["id"]) == everywhere

    expire_now(app, booking["id"])
    payments_lane()
    assert texter.get(f"/bookings/{booking['id']}").get_json()["status"] == "expired"
    # The hold ended within its first minute: the "pay to keep it" news, not gone yet, goes no more.
    ended = {channel: ["hold_ended"] for channel in everywhere}
    assert told(app, booking["id"]) == ended
    assert snapshot_of(app, booking["id"], "hold_ended")["reason"] == "time"
    payments_lane()  # once: the hold's end is told once
    assert told(app, booking["id"]) == ended


def test_a_declined_payment_says_so(app, client, user_client, paid_session):
    booking = book(user_client, paid_session.id)
    reference = booking["payment"]["checkout_url"].rsplit("/", 1)[1]
    client.post(f"/payments/test/checkout/{reference}", data={"action": "decline"})
    assert told(app, booking["id"]) == {"email": ["hold_ended"], "app": ["hold_ended"]}
    assert snapshot_of(app, booking["id"], "hold_ended")["reason"] == "declined"


def test_a_person_who_gives_up_or_pays_hears_no_end_of_a_hold(
    app, client, user_client, paid_session, make_user, client_for
):
    gave_up = book(user_client, paid_session.id)
    assert user_client.post(f"/bookings/{gave_up['id']}/cancel", json={}).status_code == 200
    assert told(app, gave_up["id"]) == {}  # nor of the hold, given up within its first minute
    payer = client_for(make_user(name="Payer"))
    paid = book(payer, paid_session.id)
    reference = paid["payment"]["checkout_url"].rsplit("/", 1)[1]
    client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"})
    assert told(app, paid["id"])["email"] == ["booking_confirmed"]


def due_at(app, booking_id: int, kind: str) -> dict:
    """When each channel's message of this kind for the booking is due: {channel: next_attempt_at}."""
    with app.app_context():
        rows = db.session.execute(
            sa.select(OutboxMessage.channel, OutboxMessage.next_attempt_at).where(
                OutboxMessage.booking_id == booking_id, OutboxMessage.type == kind
            )
        ).all()
    return dict(rows)


def test_a_seat_held_for_two_says_what_the_checkout_asks(app, user_client, paid_session):
    booked = user_client.post("/book", json={"session_id": paid_session.id, "seats": 2}).get_json()
    assert booked["payment"]["amount"] == 2 * 4_500_000  # paise
    for channel in ("email", "app"):
        assert snapshot_of(app, booked["id"], "seat_held", channel)["pay"]["amount"] == "₹90,000"


def test_seat_held_waits_a_minute_and_a_payment_before_then_drops_it(app, client, texter, paid_session):
    booked = book(texter, paid_session.id)
    due = due_at(app, booked["id"], "seat_held")
    assert set(due) == {"email", "sms", "app"}
    assert all(timedelta(seconds=50) < at - utcnow() <= timedelta(minutes=1) for at in due.values())
    reference = booked["payment"]["checkout_url"].rsplit("/", 1)[1]
    client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"})
    assert due_at(app, booked["id"], "seat_held") == {}
    assert told(app, booked["id"])["email"] == ["booking_confirmed"]
