"""A WhatsApp opt-in given while booking (whatsapp_opt_in with the words shown): recorded with source booking in the
booking's own transaction, so the booking's messages go on WhatsApp too, and a booking refused, or given up when its
checkout cannot be opened, records none. Without a proved number the booking goes through and the answer says why
nothing was recorded."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from main_app.error_codes import api_error
from main_app.extensions import db
from main_app.models import CHANNEL_WHATSAPP, Booking, OutboxMessage, WhatsappConsent

PHONE = "+919812345678"


def words(client, language: str | None = None) -> str:
    headers = {"Accept-Language": language} if language else {}
    return client.get("/auth/me/whatsapp", headers=headers).get_json()["wording"]


def book(client, session_id: int, wording: str | None, **more):
    body = {"session_id": session_id, "whatsapp_opt_in": True, **more}
    return client.post("/bookings/book", json=body if wording is None else {**body, "whatsapp_wording": wording})


def consents(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.scalars(sa.select(WhatsappConsent).order_by(WhatsappConsent.id))
        return [(row.opted_in, row.source, row.number, row.language, row.wording) for row in rows]


def whatsapp_rows(app, booking_id: int | None = None) -> list[str]:
    with app.app_context():
        query = sa.select(OutboxMessage.type).where(OutboxMessage.channel == CHANNEL_WHATSAPP)
        query = query if booking_id is None else query.where(OutboxMessage.booking_id == booking_id)
        return sorted(db.session.scalars(query))


def bookings(app) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(sa.func.count(Booking.id)))


def test_an_opt_in_while_booking_is_recorded_and_the_booking_speaks_on_whatsapp(
    app, user_client, verify_phone, make_session
):
    verify_phone(user_client, PHONE)
    shown = words(user_client, "hi")
    answer = book(user_client, make_session(starts_in=timedelta(days=3)).id, shown)
    assert answer.status_code == 201, answer.get_json()
    booked = answer.get_json()
    assert booked["whatsapp"] == {"opted_in": True, "reason": None} and booked["status"] == "active"
    assert consents(app) == [(True, "booking", PHONE, "hi", shown)]
    # Recorded before the booking's news: its confirmation and both reminders go on WhatsApp too.
    assert len(whatsapp_rows(app, booked["id"])) == 3
    history = user_client.get("/auth/me/whatsapp").get_json()["history"]
    assert [(entry["source"], entry["opted_in"]) for entry in history] == [("booking", True)]


def test_the_other_bookings_ahead_are_reminded_on_whatsapp_too(app, user_client, verify_phone, make_session):
    verify_phone(user_client, PHONE)
    first = user_client.post("/bookings/book", json={"session_id": make_session(starts_in=timedelta(days=3)).id})
    assert first.status_code == 201 and whatsapp_rows(app) == []
    second = book(user_client, make_session(starts_in=timedelta(days=4)).id, words(user_client))
    assert second.status_code == 201, second.get_json()
    assert len(whatsapp_rows(app, first.get_json()["id"])) == 2  # its two reminders, written again
    assert len(whatsapp_rows(app, second.get_json()["id"])) == 3  # once each: not redone twice


def test_without_a_proved_number_the_booking_goes_through_and_says_why(app, user_client, make_session):
    assert user_client.patch("/auth/me", json={"phone": PHONE}).status_code == 200  # given, not proved
    answer = book(user_client, make_session().id, "Send me messages")
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["whatsapp"] == {"opted_in": False, "reason": "no_proved_phone"}
    assert consents(app) == [] and whatsapp_rows(app) == []


def test_an_opt_in_already_given_stands(app, user_client, verify_phone, make_session):
    verify_phone(user_client, PHONE)
    shown = words(user_client)
    assert user_client.put("/auth/me/whatsapp", json={"opted_in": True, "wording": shown}).status_code == 200
    answer = book(user_client, make_session().id, shown)
    assert answer.get_json()["whatsapp"] == {"opted_in": True, "reason": None}
    assert [row[1] for row in consents(app)] == ["account"]  # nothing new to record


def test_no_words_or_other_words_book_nothing_and_record_nothing(
    app, user_client, verify_phone, make_session, seats, assert_error
):
    verify_phone(user_client, PHONE)
    session = make_session()
    assert_error(book(user_client, session.id, None), 400, "validation_error", "whatsapp_wording")
    too_long = book(user_client, session.id, "x" * 2001)
    assert_error(too_long, 400, "validation_error", "whatsapp_wording")
    # Other words are found in the booking's transaction: the seat it took goes back with it.
    assert_error(book(user_client, session.id, "Yes, anything"), 400, "validation_error", "wording")
    assert seats(session.id) == (5, 0) and bookings(app) == 0 and consents(app) == []


def test_a_refused_booking_records_no_consent(app, user_client, verify_phone, make_session, assert_error):
    verify_phone(user_client, PHONE)
    full = make_session(capacity=1, seats_taken=1)
    assert_error(book(user_client, full.id, words(user_client)), 409, "session_full")
    assert consents(app) == []


def test_a_held_seat_records_it_and_a_checkout_that_cannot_open_takes_it_back(
    app, user_client, verify_phone, make_session, seats, monkeypatch, assert_error
):
    verify_phone(user_client, PHONE)
    paid = make_session(price=80_000, starts_in=timedelta(days=3))
    held = book(user_client, paid.id, words(user_client))
    assert held.status_code == 201, held.get_json()
    assert (held.get_json()["status"], held.get_json()["whatsapp"]["opted_in"]) == ("pending_payment", True)
    assert [row[1] for row in consents(app)] == ["booking"]

    def down(*_args, **_kwargs):
        raise api_error("payment_provider_unavailable")

    other = make_session(price=80_000, starts_in=timedelta(days=4))
    monkeypatch.setattr("main_app.services.bookings.operations.open_checkout", down)
    assert user_client.put("/auth/me/whatsapp", json={"opted_in": False}).status_code == 200
    assert_error(book(user_client, other.id, words(user_client)), 503, "payment_provider_unavailable")
    assert seats(other.id) == (5, 0)
    assert [(row[0], row[1]) for row in consents(app)] == [(True, "booking"), (False, "account")]


@pytest.fixture
def approving(facilitator, facilitator_client, make_session):
    def make():
        ref = make_session(kind="retreat", facilitator_id=facilitator.id, starts_in=timedelta(days=30))
        path = f"/api/facilitator/{facilitator.id}/events/{ref.event_id}"
        assert facilitator_client.patch(path, json={"requires_approval": True}).status_code == 200
        return ref

    return make


def test_a_request_to_book_records_it_too(app, user_client, verify_phone, approving):
    verify_phone(user_client, PHONE)
    answer = book(user_client, approving().id, words(user_client))
    assert answer.status_code == 201, answer.get_json()
    assert answer.get_json()["status"] == "pending_approval" and answer.get_json()["whatsapp"]["opted_in"]
    assert [row[1] for row in consents(app)] == ["booking"]


def test_a_booking_without_the_flag_has_no_whatsapp_answer(app, user_client, make_session):
    answer = user_client.post("/bookings/book", json={"session_id": make_session().id, "whatsapp_opt_in": False})
    assert answer.status_code == 201 and "whatsapp" not in answer.get_json()
    assert consents(app) == []
