"""A payment plan end to end with the test provider and the clock moved (messages made due): the deposit confirms
the seat, each instalment's pay link, reminders and receipt go once and only while it is unpaid, a missed balance
cancels after the grace period; a person's cancellation refunds by the policy, a facilitator's refunds every
payment once, and money for an instalment of a cancelled booking goes back."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from plan_terms import PLAN, PRICE, reference
from racing import race

from main_app.extensions import db
from main_app.models import OutboxMessage

DEPOSIT, EACH = 900_000, 1_200_000


def kinds(email_outbox, *wanted) -> list[str]:
    return [m["type"] for m in email_outbox() if m["type"] in wanted]


def seats_of(app, session_id: int) -> int:
    with app.app_context():
        return db.session.scalar(sa.text("SELECT seats_taken FROM sessions WHERE id = :id"), {"id": session_id})


def payment_types(app) -> list[str]:
    """The types of the money lane's messages and of the timed jobs (an instalment's steps)."""
    with app.app_context():
        of_lanes = OutboxMessage.channel.in_(("payments", "timers"))
        return db.session.scalars(sa.select(OutboxMessage.type).where(of_lanes)).all()


def test_a_plan_takes_the_deposit_then_each_instalment_and_cancels_a_missed_balance(
    app, client, retreat, user_client, pay_instalment, make_due, payments_lane, email_outbox, outbox,
    instalment_rows, seats, assert_error,
):  # fmt: skip
    session = retreat()
    booked = user_client.post("/book", json={"session_id": session.id}).get_json()
    assert booked["payment"]["amount"] == DEPOSIT  # the checkout asks the deposit only
    [held] = [m for m in email_outbox() if m["type"] == "seat_held"]
    assert held["payload"]["snapshot"]["pay"]["amount"] == "₹9,000"
    client.post(f"/payments/test/checkout/{reference(booked['payment']['checkout_url'])}", data={"action": "pay"})
    booking = user_client.get(f"/bookings/{booked['id']}").get_json()
    assert booking["status"] == "active"
    plan = booking["payment_plan"]
    assert [(p["number"], p["amount"], p["status"]) for p in plan["schedule"]] == [
        (0, DEPOSIT, "paid"),
        (1, EACH, "due"),
        (2, EACH, "due"),
        (3, EACH, "due"),
    ]
    assert (plan["paid"], plan["outstanding"], plan["next_due"]) == (DEPOSIT, PRICE - DEPOSIT, 1)
    [confirmed] = [m for m in email_outbox() if m["type"] == "booking_confirmed"]
    assert confirmed["payload"]["snapshot"]["plan"]["outstanding_formatted"] == "₹36,000"
    assert sorted(payment_types(app)).count("instalment_due") == 3
    assert payment_types(app).count("instalment_grace") == 1
    listed = user_client.get("/bookings").get_json()["items"][0]
    assert listed["payment_plan"] == user_client.get(f"/bookings/{booked['id']}").get_json()["payment_plan"]

    # Instalment 1: its reminders and pay link, once each, then paid from the link.
    assert make_due("reminder_7", 1) == 1 and make_due("reminder_1", 1) == 1 and make_due("due", 1) == 1
    payments_lane()
    assert sorted(kinds(email_outbox, "instalment_reminder", "instalment_due")) == [
        "instalment_due",
        "instalment_reminder",
        "instalment_reminder",
    ]
    [link] = [m for m in email_outbox() if m["type"] == "instalment_due"]
    assert link["payload"]["snapshot"]["instalment"]["pay_url"].endswith(f"/bookings/{booked['id']}/instalments/1/pay")
    assert "instalment_due" in [m["type"] for m in outbox()]
    assert_error(user_client.post(f"/bookings/{booked['id']}/instalments/2/pay/x"), 404, "not_found")
    opened = pay_instalment(user_client, booked["id"], 1)
    assert opened["amount"] == EACH
    assert_error(user_client.post(f"/bookings/{booked['id']}/instalments/1/pay"), 409, "instalment_paid")
    assert_error(user_client.post(f"/bookings/{booked['id']}/instalments/9/pay"), 404, "instalment_not_found")
    assert kinds(email_outbox, "instalment_paid") == ["instalment_paid"]
    [receipt] = [m for m in email_outbox() if m["type"] == "instalment_paid"]
    assert receipt["payload"]["snapshot"]["receipt"]["amount"] == "₹12,000"
    assert "instalment_paid" in [m["type"] for m in outbox()]

    # Instalment 2 paid early: its reminders and link, due later, send nothing.
    pay_instalment(user_client, booked["id"], 2)
    make_due("reminder_7", 2), make_due("reminder_1", 2), make_due("due", 2)
    payments_lane()
    assert len(kinds(email_outbox, "instalment_reminder", "instalment_due")) == 3
    assert [row[2] for row in instalment_rows(booked["id"])] == ["paid", "paid", "paid", "due"]

    # Instalment 3 never paid: after its reminders and the grace period the booking is cancelled, the deposit and
    # the instalments kept (not refundable), the seat freed.
    make_due("reminder_7", 3), make_due("reminder_1", 3), make_due("due", 3)
    payments_lane()
    assert len(kinds(email_outbox, "instalment_reminder", "instalment_due")) == 6
    assert seats(session.id)[1] == 1
    assert make_due("grace") == 1
    payments_lane()
    ended = user_client.get(f"/bookings/{booked['id']}").get_json()
    assert (ended["status"], ended["cancelled_by"]) == ("cancelled", "balance_missed")
    assert [row[2] for row in instalment_rows(booked["id"])] == ["paid", "paid", "paid", "cancelled"]
    assert seats(session.id)[1] == 0
    assert kinds(email_outbox, "balance_missed") == ["balance_missed"]
    assert {"balance_missed", "booking_cancelled"} <= {m["type"] for m in outbox()}
    assert "refund" not in payment_types(app)
    assert_error(user_client.post(f"/bookings/{booked['id']}/instalments/3/pay"), 409, "instalment_not_due")
    assert_error(user_client.post(f"/bookings/{booked['id']}/reactivate"), 409, "plan_ended")


def test_booking_inside_the_balance_window_pays_in_full(retreat, user_client):
    session = retreat(starts_in=timedelta(days=20))  # the balance was due 10 days ago
    booked = user_client.post("/book", json={"session_id": session.id}).get_json()
    assert booked["payment"]["amount"] == PRICE and booked["payment_plan"] is None


def test_a_guests_seat_alone_is_not_given_back_from_a_plans_booking(client, retreat, user_client, seats, assert_error):
    session = retreat()
    booked = user_client.post("/book", json={"session_id": session.id, "seats": 2, "guests": [{"name": "Ravi"}]})
    assert booked.status_code == 201, booked.get_json()
    url = booked.get_json()["payment"]["checkout_url"]
    assert client.post(f"/payments/test/checkout/{reference(url)}", data={"action": "pay"}).status_code == 303
    booking = user_client.get(f"/bookings/{booked.get_json()['id']}").get_json()
    assert booking["status"] == "active" and booking["payment_plan"] is not None
    [guest] = [g for g in booking["guests"] if g["name"] == "Ravi"]
    answer = user_client.post(f"/bookings/{booking['id']}/guests/{guest['id']}/cancel")
    assert_error(answer, 409, "plan_booking")
    after = user_client.get(f"/bookings/{booking['id']}").get_json()
    assert after["seats"] == 2 and [g["status"] for g in after["guests"]] == ["active"]
    assert seats(session.id)[1] == 2


@pytest.mark.parametrize(("refundable", "refunded"), [(False, EACH), (True, DEPOSIT + EACH)])
def test_a_persons_cancellation_refunds_by_the_policy_and_cancels_what_is_unpaid(
    app, retreat, user_client, book_and_pay, pay_instalment, make_due, payments_lane, email_outbox,
    instalment_rows, refundable, refunded,
):  # fmt: skip
    session = retreat({**PLAN, "deposit_refundable": refundable})
    booking = book_and_pay(user_client, session.id)
    pay_instalment(user_client, booking["id"], 1)
    cancelled = user_client.post(f"/bookings/{booking['id']}/cancel", json={})
    assert cancelled.status_code == 200
    payments_lane()
    with app.app_context():
        refunds = db.session.scalars(
            sa.select(OutboxMessage.payload).where(OutboxMessage.type == "refund", OutboxMessage.status == "delivered")
        ).all()
    assert sum(payload["amount"] for payload in refunds) == refunded
    expected = ["refunded" if refundable else "paid", "refunded", "cancelled", "cancelled"]
    assert [row[2] for row in instalment_rows(booking["id"])] == expected
    [mail] = [m for m in email_outbox() if m["type"] == "booking_cancelled"]
    assert mail["payload"]["snapshot"]["refund"]["amount"] == ("₹21,000" if refundable else "₹12,000")
    make_due("due", 2), make_due("reminder_7", 2)
    payments_lane()
    assert kinds(email_outbox, "instalment_due", "instalment_reminder") == []  # cancelled: nothing sent


def test_a_facilitator_cancelling_refunds_every_payment_once(
    app, retreat, priya, priya_client, user_client, book_and_pay, pay_instalment, payments_lane, instalment_rows
):
    session = retreat()
    booking = book_and_pay(user_client, session.id)
    pay_instalment(user_client, booking["id"], 1)
    assert priya_client.post(f"/api/facilitator/{priya.id}/sessions/{session.id}/cancel", json={}).status_code == 200
    payments_lane()
    payments_lane()
    with app.app_context():
        refunds = db.session.scalars(sa.select(OutboxMessage.payload).where(OutboxMessage.type == "refund")).all()
    assert sorted(payload["amount"] for payload in refunds) == [DEPOSIT, EACH]
    assert len({payload["payment"] for payload in refunds}) == 2
    assert [row[2] for row in instalment_rows(booking["id"])] == ["refunded", "refunded", "cancelled", "cancelled"]
    assert user_client.get(f"/bookings/{booking['id']}").get_json()["status"] == "refunded"


def test_money_for_an_instalment_of_a_cancelled_booking_or_paid_twice_goes_back(
    app, retreat, user_client, book_and_pay, signed_payment, payments_lane, instalment_rows
):
    session = retreat()
    booking = book_and_pay(user_client, session.id)
    first = user_client.post(f"/bookings/{booking['id']}/instalments/1/pay").get_json()
    second = user_client.post(f"/bookings/{booking['id']}/instalments/1/pay").get_json()
    assert signed_payment(first["checkout_url"], EACH) == "applied"
    assert signed_payment(second["checkout_url"], EACH) == "applied"  # paid twice: the second goes back
    late = user_client.post(f"/bookings/{booking['id']}/instalments/2/pay").get_json()
    user_client.post(f"/bookings/{booking['id']}/cancel", json={})
    page = app.test_client().get(f"/payments/test/checkout/{reference(late['checkout_url'])}").get_data(as_text=True)
    assert "This checkout has closed" in page  # the cancellation closed it; money a provider still takes goes back
    assert signed_payment(late["checkout_url"], EACH) == "applied"  # after the cancellation: goes back
    payments_lane()
    with app.app_context():
        refunded = db.session.scalars(sa.select(OutboxMessage.payload).where(OutboxMessage.type == "refund")).all()
    # The duplicate, the late one, and instalment 1 (cancelled before the cut-off); the deposit is kept.
    assert sorted(payload["amount"] for payload in refunded) == [EACH, EACH, EACH]
    assert [row[2] for row in instalment_rows(booking["id"])] == ["paid", "refunded", "cancelled", "cancelled"]


def test_the_facilitator_sees_what_an_event_received_and_what_is_outstanding(
    retreat, priya, priya_client, user_client, book_and_pay, pay_instalment, client_for, make_user, assert_error
):
    session = retreat()
    booking = book_and_pay(user_client, session.id)
    pay_instalment(user_client, booking["id"], 1)
    seen = priya_client.get(f"/api/facilitator/{priya.id}/events/{session.event_id}/money")
    assert seen.status_code == 200, seen.get_json()
    money = seen.get_json()
    assert (money["received"], money["refunded"], money["kept"]) == (DEPOSIT + EACH, 0, DEPOSIT + EACH)
    assert (money["outstanding"], money["overdue"]) == (2 * EACH, 0)
    assert money["formatted"]["outstanding"] == "₹24,000"
    [row] = money["bookings"]
    assert (row["booking_id"], row["status"], row["outstanding"]) == (booking["id"], "active", 2 * EACH)
    events = priya_client.get(f"/api/facilitator/{priya.id}/events").get_json()["items"]
    [listed] = [s for e in events for s in e["sessions"] if s["id"] == session.id]
    assert listed["payments"] == {"paid": DEPOSIT + EACH, "pending": 0, "refunded": 0}  # every part, not the latest
    other = make_user(username="other", email="other@example.com", role="facilitator")
    answer = client_for(other).get(f"/api/facilitator/{other.id}/events/{session.event_id}/money")
    assert answer.status_code == 403


@pytest.mark.both_databases
def test_the_last_payment_racing_the_grace_periods_end_either_pays_or_is_refunded(
    app, retreat, user_client, book_and_pay, pay_instalment, signed_payment, make_due, payments_lane, instalment_rows
):
    session = retreat({**PLAN, "instalments": 2})
    booking = book_and_pay(user_client, session.id)
    pay_instalment(user_client, booking["id"], 1)
    last = user_client.post(f"/bookings/{booking['id']}/instalments/2/pay").get_json()
    assert make_due("grace") == 1
    answers = race([lambda: signed_payment(last["checkout_url"], last["amount"]), payments_lane])
    assert "applied" in answers
    payments_lane()  # the refund, if the cancellation won
    status = user_client.get(f"/bookings/{booking['id']}").get_json()["status"]
    rows = [row[2] for row in instalment_rows(booking["id"])]
    with app.app_context():
        refunds = db.session.scalars(sa.select(OutboxMessage.payload).where(OutboxMessage.type == "refund")).all()
    if status == "active":  # the payment came first: the balance is paid, nothing is cancelled or refunded
        assert rows == ["paid", "paid", "paid"] and refunds == []
    else:  # the grace period ended first: the late money goes back, the deposit and instalment 1 are kept
        assert status in ("cancelled", "refunded") and rows == ["paid", "paid", "cancelled"]
        assert [payload["amount"] for payload in refunds] == [last["amount"]]
    assert seats_of(app, session.id) == (1 if status == "active" else 0)
