"""A studio's manager refunding one booking's payment through the provider: in full or in part, never above what is
left (two partial refunds racing for the remainder: one wins), optionally cancelling the booking with its seat given
back, with an audit entry; only for the studio's own payments and the roles with refunds.make (SQLite and
PostgreSQL)."""

from datetime import timedelta
from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa
from racing import race

from main_app.extensions import db
from main_app.models import BookingGuest, EventSession, Invoice, Payment, PaymentRefund, utcnow
from main_app.services.emails.compose import compose
from main_app.services.payments import apply_webhook
from main_app.services.payments.providers.base import REFUND_PROCESSED, PaymentError, PaymentEvent, Refund

PRICE = 100_000  # ₹1,000.00
TEST_REFUND = "main_app.services.payments.providers.test_provider.TestProvider.refund"


def paid_booking(client, team, person_client, make_session) -> tuple[int, int, int]:
    """A paid class of the team's, booked and paid on the test checkout: (session id, booking id, payment id)."""
    session = make_session(
        capacity=3, starts_in=timedelta(days=3), price=PRICE, currency="INR", studio_id=team.id,
        facilitator_id=team.accounts["instructor"].id,
    )  # fmt: skip
    booked = person_client.post("/book", json={"session_id": session.id})
    assert booked.status_code == 201, booked.get_json()
    reference = booked.get_json()["payment"]["checkout_url"].rsplit("/", 1)[1]
    client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"})
    body = person_client.get(f"/bookings/{booked.get_json()['id']}").get_json()
    assert body["status"] == "active", body
    with client.application.app_context():
        payment_id = db.session.scalar(sa.select(Payment.id).where(Payment.booking_id == body["id"]))
    return session.id, body["id"], payment_id


def refund(client, team, payment_id: int, **body):
    return client.post(f"/api/studios/{team.slug}/payments/{payment_id}/refunds", json={"reason": "Sorry", **body})


def test_a_manager_refunds_part_then_the_rest_and_never_more(
    app, client, team, user_client, make_session, payments_lane, assert_error, outbox
):
    session_id, booking_id, payment_id = paid_booking(client, team, user_client, make_session)
    manager = team.clients["manager"]
    listed = manager.get(f"/api/studios/{team.slug}/sessions/{session_id}/registrants").get_json()["items"]
    assert [row["refund_payment_id"] for row in listed] == [payment_id]
    part = refund(manager, team, payment_id, amount=30_000, reason="Late start")
    assert part.status_code == 201, part.get_json()
    made = part.get_json()
    assert (made["amount"], made["left"], made["status"], made["booking_cancelled"]) == (
        30_000,
        70_000,
        "initiated",
        False,
    )
    assert_error(refund(manager, team, payment_id, amount=70_001), 409, "refund_above_left")
    rest = refund(team.clients["owner"], team, payment_id)  # no amount: all that is left
    assert (rest.get_json()["amount"], rest.get_json()["left"]) == (70_000, 0)
    assert_error(refund(manager, team, payment_id, amount=1), 409, "not_refundable")
    payments_lane()
    with app.app_context():
        rows = db.session.scalars(sa.select(PaymentRefund).order_by(PaymentRefund.id)).all()
        assert [(row.amount, row.status, row.refund_id[:4]) for row in rows] == [
            (30_000, "processed", "tre_"), (70_000, "processed", "tre_")
        ]  # fmt: skip
    mine = user_client.get(f"/bookings/{booking_id}").get_json()
    assert (mine["status"], mine["amount_paid"]) == ("active", 0)
    assert [m["type"] for m in outbox()].count("refund_processed") == 2
    audit = team.clients["owner"].get(f"/api/studios/{team.slug}/audit?kind=payment.refunded").get_json()["items"]
    assert [(entry["actor_role"], entry["before"]["left"], entry["after"]["left"]) for entry in audit] == [
        ("owner", 70_000, 0), ("manager", PRICE, 70_000)
    ]  # fmt: skip


def test_refunding_with_the_booking_cancelled_gives_its_seat_back(
    app, client, team, user_client, make_session, payments_lane, seats, email_outbox
):
    session_id, booking_id, payment_id = paid_booking(client, team, user_client, make_session)
    assert seats(session_id) == (3, 1)
    answer = refund(team.clients["manager"], team, payment_id, cancel_booking=True, reason="Injury")
    assert answer.status_code == 201, answer.get_json()
    assert (answer.get_json()["amount"], answer.get_json()["booking_cancelled"]) == (PRICE, True)
    assert seats(session_id) == (3, 0)
    mine = user_client.get(f"/bookings/{booking_id}").get_json()
    assert (mine["status"], mine["cancel_reason"]) == ("cancelled", "Injury")
    payments_lane()
    assert "booking_cancelled" in [m["type"] for m in email_outbox()]
    audit = team.clients["owner"].get(f"/api/studios/{team.slug}/audit?kind=payment.refunded").get_json()["items"]
    assert audit[0]["after"]["booking_status"] == "cancelled"


def test_a_person_cancelling_after_a_partial_refund_gets_back_only_the_rest(
    app, client, team, user_client, make_session, payments_lane
):
    _session, booking_id, payment_id = paid_booking(client, team, user_client, make_session)
    assert refund(team.clients["manager"], team, payment_id, amount=40_000).status_code == 201
    assert user_client.post(f"/bookings/{booking_id}/cancel", json={}).status_code == 200
    payments_lane()
    with app.app_context():
        payment = db.session.get(Payment, payment_id)
        assert (payment.staff_refunded, payment.refund_amount, payment.refund_status) == (40_000, 60_000, "processed")


def test_a_refund_the_provider_refuses_leaves_its_amount_to_refund_again(
    app, client, team, user_client, make_session, payments_lane, monkeypatch
):
    _session, _booking_id, payment_id = paid_booking(client, team, user_client, make_session)

    def refuse(*_args, **_kwargs):
        raise PaymentError("card closed", transient=False)

    monkeypatch.setattr(TEST_REFUND, refuse)
    assert refund(team.clients["manager"], team, payment_id, amount=50_000).status_code == 201
    payments_lane()
    with app.app_context():
        assert db.session.get(Payment, payment_id).staff_refunded == 0
        assert db.session.scalar(sa.select(PaymentRefund.status)) == "failed"


def test_refunds_stay_in_the_studio_and_with_the_roles_that_refund(
    app, client, team, make_team, user_client, make_user, client_for, make_session, assert_error, db_rows
):
    other = make_team("Other Studio")
    _session, _booking, theirs = paid_booking(client, other, client_for(make_user()), make_session)
    _session, _booking, mine = paid_booking(client, team, user_client, make_session)
    before = db_rows()
    assert_error(refund(team.clients["owner"], team, theirs), 404, "payment_not_found")
    assert_error(refund(team.clients["owner"], team, 999_999), 404, "payment_not_found")
    for role in ("instructor", "front_desk"):
        denied = assert_error(refund(team.clients[role], team, mine), 403, "forbidden")
        assert denied["details"]["permission"] == "refunds.make"
    assert_error(refund(team.clients["manager"], team, mine, amount=PRICE + 1), 409, "refund_above_left")
    assert db_rows() == before


def test_money_taken_at_the_desk_is_given_back_there_and_recorded_with_a_credit_note(
    app, client, team, user_client, make_session, assert_error, outbox, email_outbox
):
    teacher = team.accounts["instructor"].id
    session = make_session(capacity=3, price=PRICE, studio_id=team.id, facilitator_id=teacher)  # the desk's reach
    body = {"session_id": session.id, "name": "Door Client", "email": "door.client@example.com", "use": "door"}
    booked = team.clients["front_desk"].post(f"/api/studios/{team.slug}/desk/bookings", json=body | {"method": "cash"})
    assert booked.status_code == 201, booked.get_json()
    manager = team.clients["manager"]
    [line] = manager.get(f"/api/studios/{team.slug}/sessions/{session.id}/registrants").get_json()["items"]
    assert line["paid_in_person"] is True and line["refund_payment_id"] is not None
    payment_id = line["refund_payment_id"]
    part = refund(manager, team, payment_id, amount=40_000, reason="Left early")
    assert part.status_code == 201 and part.get_json()["status"] == "processed", (
        part.get_json()
    )  # no provider to wait for
    rest = refund(manager, team, payment_id)
    assert (rest.get_json()["amount"], rest.get_json()["left"], rest.get_json()["status"]) == (60_000, 0, "processed")
    assert_error(refund(manager, team, payment_id, amount=1), 409, "not_refundable")  # nothing left
    with app.app_context():
        notes = db.session.scalars(sa.select(Invoice).where(Invoice.payment_id == payment_id).order_by(Invoice.id))
        assert [(row.kind, row.total) for row in notes] == [
            ("invoice", PRICE),
            ("credit_note", 40_000),
            ("credit_note", 60_000),
        ]
    told = [m["payload"]["snapshot"] for m in email_outbox() if m["type"] == "refund_processed"]
    assert len(told) == 2, told
    with app.app_context():
        mail = compose(
            "refund_processed", told[0], outbox_id="0a", sender="s@example.com", web_url="https://x", stamp=utcnow()
        )
    parsed = message_from_bytes(mail.as_bytes(), policy=policy.default)
    text = parsed.get_body(("plain",)).get_content()
    assert "₹400 was given back to you in person" in text and "card or account" not in text, text


@pytest.mark.both_databases
def test_two_partial_refunds_racing_for_the_remainder_give_back_it_once(
    app, client, team, user_client, make_session, payments_lane
):
    _session, _booking, payment_id = paid_booking(client, team, user_client, make_session)
    assert refund(team.clients["owner"], team, payment_id, amount=40_000).status_code == 201
    calls = [lambda who=who: refund(team.clients[who], team, payment_id, amount=50_000) for who in ("owner", "manager")]
    answers = race(calls)
    assert sorted(answer.status_code for answer in answers) == [201, 409], [a.get_json() for a in answers]
    assert [a.get_json()["error"]["code"] for a in answers if a.status_code == 409] == ["refund_above_left"]
    payments_lane()
    with app.app_context():
        assert db.session.get(Payment, payment_id).staff_refunded == 90_000
        amounts = db.session.scalars(sa.select(PaymentRefund.amount).order_by(PaymentRefund.id)).all()
        assert amounts == [40_000, 50_000]
        assert db.session.get(EventSession, _session).seats_taken == 1


def test_a_refund_still_pending_at_the_provider_settles_by_its_webhook(
    app, client, team, user_client, make_session, payments_lane, monkeypatch, outbox
):
    _session, _booking_id, payment_id = paid_booking(client, team, user_client, make_session)
    pending = Refund("tre_pending_staff", "pending")
    monkeypatch.setattr(TEST_REFUND, lambda *_args, **_kwargs: pending)
    assert refund(team.clients["manager"], team, payment_id, amount=25_000).status_code == 201
    payments_lane()
    with app.app_context():
        assert db.session.scalar(sa.select(PaymentRefund.status)) == "initiated"
        event = PaymentEvent("evt_staff_1", REFUND_PROCESSED, refund_id="tre_pending_staff", payment_id="x")
        assert apply_webhook("test", event) == "applied"
        assert db.session.scalar(sa.select(PaymentRefund.status)) == "processed"
        assert db.session.get(Payment, payment_id).refund_status is None  # the payment's own refund is untouched
    assert [m["type"] for m in outbox()].count("refund_processed") == 1


def test_a_guests_seat_given_back_after_a_staff_refund_gets_only_what_is_left(
    app, client, team, user_client, make_session, payments_lane
):
    session = make_session(
        capacity=3, starts_in=timedelta(days=3), price=PRICE, currency="INR", studio_id=team.id,
        facilitator_id=team.accounts["instructor"].id,
    )  # fmt: skip
    booked = user_client.post("/book", json={"session_id": session.id, "seats": 2, "guests": [{"name": "Ana"}]})
    reference = booked.get_json()["payment"]["checkout_url"].rsplit("/", 1)[1]
    client.post(f"/payments/test/checkout/{reference}", data={"action": "pay"})
    booking = user_client.get(f"/bookings/{booked.get_json()['id']}").get_json()
    with app.app_context():
        payment_id = db.session.scalar(sa.select(Payment.id).where(Payment.booking_id == booking["id"]))
    assert refund(team.clients["manager"], team, payment_id, amount=150_000).get_json()["left"] == 50_000
    ana = booking["guests"][0]["id"]
    assert user_client.post(f"/bookings/{booking['id']}/guests/{ana}/cancel").status_code == 200
    assert user_client.post(f"/bookings/{booking['id']}/cancel", json={}).status_code == 200
    payments_lane()
    with app.app_context():
        guest_refund = db.session.scalar(sa.select(BookingGuest.refund_amount).where(BookingGuest.id == ana))
        payment = db.session.get(Payment, payment_id)
        assert (guest_refund, payment.staff_refunded, payment.refund_status) == (50_000, 150_000, None)
