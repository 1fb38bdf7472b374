"""Paid seats through the real services (gunicorn, the dispatcher's payments lane, the CRM) with the test
provider: pay on its checkout page, a hold that runs out on its own, and the races of the last seat and of a
payment arriving as its hold ends."""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from threading import Barrier

import pytest
import requests
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Booking, EventSession, OutboxMessage, Payment, utcnow
from main_app.services.payments import records
from main_app.services.payments.providers.base import PAYMENT_SUCCEEDED

pytestmark = [pytest.mark.integration, pytest.mark.both_databases]
PRICE = 80_000


def price_sessions(stack, session_ids: list[int], price: int = PRICE) -> None:
    with stack._app.app_context(), unit_of_work():
        db.session.execute(sa.update(EventSession).where(EventSession.id.in_(session_ids)).values(price=price))


def call(stack, method: str, path: str, token: str, **kwargs) -> requests.Response:
    headers = {"Authorization": f"Bearer {token}"}
    return requests.request(method, f"{stack.main_url}{path}", headers=headers, timeout=30, **kwargs)


def wait_until(check, timeout: float = 20.0, what: str = "the condition"):
    """Ask again until check() gives something true (the services work on their own clock), or fail."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if result := check():
            return result
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {timeout}s")


def hold_runs_out(stack, booking_id: int) -> None:
    """The hold's end (its payments-lane message, its checkout) is due now, as if its time had passed: the test
    never races a short hold on a busy machine."""
    with stack._app.app_context(), unit_of_work():
        past = utcnow() - timedelta(seconds=1)
        db.session.execute(sa.update(Booking).where(Booking.id == booking_id).values(hold_expires_at=past))
        db.session.execute(
            sa.update(OutboxMessage).where(OutboxMessage.booking_id == booking_id).values(next_attempt_at=past)
        )
        db.session.execute(sa.update(Payment).where(Payment.booking_id == booking_id).values(expires_at=past))


def test_pay_on_the_checkout_and_the_crm_hears_only_then_and_an_unpaid_hold_runs_out(shared_stack, db_backend):
    stack = shared_stack(db_backend)  # its own session, people and booking's notifications: a shared stack will do
    session_id = stack.add_session(capacity=2)
    price_sessions(stack, [session_id])
    payer, idler = stack.issue_tokens(stack.add_users(2))

    booking = call(stack, "POST", "/bookings/book", payer, json={"session_id": session_id}).json()
    assert booking["status"] == "pending_payment"
    checkout = booking["payment"]["checkout_url"]
    assert checkout.startswith(f"{stack.main_url}/payments/test/checkout/")
    assert "Test payment: no money moves" in requests.get(checkout, timeout=10).text
    crm = {"Authorization": f"Bearer {stack.env['CRM_AUTH_TOKEN']}"}

    def crm_types() -> list[str]:
        answer = requests.get(f"{stack.crm_url}/notifications", params={"booking_id": booking["id"]}, headers=crm)
        return sorted(item["type"] for item in answer.json()["items"])

    assert crm_types() == []  # a held seat is nobody's news yet
    paid = requests.post(checkout, data={"action": "pay"}, allow_redirects=False, timeout=10)
    assert paid.status_code == 303 and paid.headers["Location"].endswith(
        f"/bookings/{booking['id']}/payment?result=success"
    )
    assert call(stack, "GET", f"/bookings/{booking['id']}", payer).json()["status"] == "active"
    assert wait_until(lambda: crm_types() == ["booking_created", "payment_succeeded"], what="the CRM hearing of it")

    held = call(stack, "POST", "/bookings/book", idler, json={"session_id": session_id}).json()
    assert held["status"] == "pending_payment"
    # Nobody pays, and the hold's time runs out: the dispatcher ends it and the seat comes back.
    hold_runs_out(stack, held["id"])
    wait_until(
        lambda: call(stack, "GET", f"/bookings/{held['id']}", idler).json()["status"] == "expired",
        what="the hold's end",
    )
    assert call(stack, "GET", f"/bookings/{held['id']}", idler).json()["session"]["seats_taken"] == 1


def test_the_last_paid_seat_goes_to_one_person(shared_stack, db_backend):
    stack = shared_stack(db_backend)
    session_id = stack.add_session(capacity=1)
    price_sessions(stack, [session_id])
    tokens = stack.issue_tokens(stack.add_users(20))
    barrier = Barrier(len(tokens))

    def attempt(token):
        barrier.wait()
        answer = call(stack, "POST", "/bookings/book", token, json={"session_id": session_id})
        return answer.status_code, answer.json()

    with ThreadPoolExecutor(max_workers=len(tokens)) as pool:
        results = list(pool.map(attempt, tokens))
    assert sorted(status for status, _ in results) == [201] + [409] * 19
    assert {body["error"]["code"] for status, body in results if status == 409} == {"session_full"}
    [held] = [body for status, body in results if status == 201]
    assert held["status"] == "pending_payment"


def test_a_payment_racing_the_end_of_its_hold_never_leaves_a_paid_booking_without_a_seat(shared_stack, db_backend):
    stack = shared_stack(db_backend)
    session_ids = stack.add_sessions(8, capacity=1)
    price_sessions(stack, session_ids)
    payer, *others = stack.issue_tokens(stack.add_users(9))
    held = [call(stack, "POST", "/bookings/book", payer, json={"session_id": s}).json() for s in session_ids]
    with stack._app.app_context():
        signed = [
            records.provider("test").signed_event(
                PAYMENT_SUCCEEDED, b["payment"]["checkout_url"].rsplit("/", 1)[1], PRICE, "INR"
            )
            for b in held
        ]
        with unit_of_work():  # every hold is due now: the dispatcher ends them while the payments arrive
            now = utcnow() - timedelta(seconds=1)
            ids = [b["id"] for b in held]
            db.session.execute(sa.update(Booking).where(Booking.id.in_(ids)).values(hold_expires_at=now))
            db.session.execute(
                sa.update(OutboxMessage).where(OutboxMessage.booking_id.in_(ids)).values(next_attempt_at=now)
            )
            db.session.execute(sa.update(Payment).where(Payment.booking_id.in_(ids)).values(expires_at=now))
    jobs = [("webhook", body, headers) for body, headers in signed]
    jobs += [("book", session_id, token) for session_id, token in zip(session_ids, others, strict=False)]
    barrier = Barrier(len(jobs))

    def run(job):
        kind, first, second = job
        barrier.wait()
        if kind == "webhook":
            headers = {**second, "Content-Type": "application/json"}
            return requests.post(
                f"{stack.main_url}/payments/webhook/test", data=first, headers=headers, timeout=30
            ).status_code
        return call(stack, "POST", "/bookings/book", second, json={"session_id": first}).status_code

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        statuses = list(pool.map(run, jobs))
    assert all(status in (200, 201, 409) for status in statuses), statuses

    def settled():
        with stack._app.app_context():
            pending = db.session.scalar(
                sa.select(sa.func.count(OutboxMessage.id)).where(
                    OutboxMessage.channel.in_(("payments", "timers")),
                    OutboxMessage.booking_id.in_(ids),
                    OutboxMessage.status == "pending",
                    OutboxMessage.next_attempt_at <= utcnow(),  # the new holds of the others end later
                )
            )
            db.session.remove()
            return pending == 0

    wait_until(settled, what="the payments lane finishing")
    with stack._app.app_context():
        for booking_id, session_id in zip([b["id"] for b in held], session_ids, strict=True):
            booking = db.session.get(Booking, booking_id)
            payment = db.session.scalars(sa.select(Payment).where(Payment.booking_id == booking_id)).one()
            taken = db.session.get(EventSession, session_id).seats_taken
            holders = db.session.scalar(
                sa.select(sa.func.count(Booking.id)).where(
                    Booking.session_id == session_id, Booking.status.in_(("active", "pending_payment"))
                )
            )
            assert taken == holders <= 1  # never more seats held than there are, never a seat counted twice
            assert payment.status == "succeeded"
            if booking.status == "active":
                assert payment.refund_status is None
            else:  # it lost the seat: the money went back
                assert (booking.status, payment.refund_status) == ("refunded", "processed"), booking.status
