"""Fixtures of the payment-plan tests: a retreat with a plan, booking and paying through the test provider, and the
clock moved by making chosen payments-lane messages due (the money check after every test is in the main conftest)."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from plan_terms import PLAN, PRICE, reference

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import BookingInstalment, Event, OutboxMessage, utcnow
from main_app.services.payments import records
from main_app.services.payments.providers.base import PAYMENT_SUCCEEDED


@pytest.fixture
def retreat(app, make_session, priya):
    """Factory: a retreat session of priya's at ₹45,000, 100 days ahead, with this plan."""

    def make(plan: dict | None = None, starts_in: timedelta = timedelta(days=100), capacity: int = 4):
        ref = make_session(
            capacity=capacity, starts_in=starts_in, price=PRICE, currency="INR", facilitator_id=priya.id, kind="retreat"
        )
        with app.app_context(), unit_of_work():
            db.session.get(Event, ref.event_id).payment_plan = plan or PLAN
        return ref

    return make


@pytest.fixture
def book_and_pay(client):
    """Book a session as this client and press Pay on the test checkout: the booking's JSON."""

    def book(user_client, session_id: int) -> dict:
        booked = user_client.post("/book", json={"session_id": session_id})
        assert booked.status_code == 201, booked.get_json()
        url = booked.get_json()["payment"]["checkout_url"]
        assert client.post(f"/payments/test/checkout/{reference(url)}", data={"action": "pay"}).status_code == 303
        return user_client.get(f"/bookings/{booked.get_json()['id']}").get_json()

    return book


@pytest.fixture
def pay_instalment(client):
    """Open instalment number's checkout as its person and press Pay: the checkout's JSON."""

    def pay(user_client, booking_id: int, number: int) -> dict:
        opened = user_client.post(f"/bookings/{booking_id}/instalments/{number}/pay")
        assert opened.status_code == 200, opened.get_json()
        url = opened.get_json()["checkout_url"]
        assert client.post(f"/payments/test/checkout/{reference(url)}", data={"action": "pay"}).status_code == 303
        return opened.get_json()

    return pay


@pytest.fixture
def signed_payment(app, client):
    """Post a verified payment webhook for a checkout url (a payment the provider took late): its result."""

    def post(url: str, amount: int) -> str:
        with app.app_context():
            body, headers = records.provider("test").signed_event(PAYMENT_SUCCEEDED, reference(url), amount, "INR")
        answer = client.post(
            "/payments/webhook/test", data=body, headers={**headers, "Content-Type": "application/json"}
        )
        return answer.get_json()["result"]

    return post


@pytest.fixture
def make_due(app):
    """Time passing: the pending instalment messages of this step (of instalment number, or all) become due now."""

    def due(step: str, number: int | None = None) -> int:
        with app.app_context(), unit_of_work():
            rows = db.session.scalars(
                sa.select(OutboxMessage).where(
                    OutboxMessage.channel == "timers",
                    OutboxMessage.type == f"instalment_{step}",
                    OutboxMessage.status == "pending",
                )
            ).all()
            chosen = [
                row
                for row in rows
                if number is None or db.session.get(BookingInstalment, row.payload["instalment"]).number == number
            ]
            for row in chosen:
                row.next_attempt_at = utcnow() - timedelta(seconds=1)
            return len(chosen)

    return due


@pytest.fixture
def instalment_rows(app):
    """Reader: (number, amount, status) of a booking's schedule."""

    def read(booking_id: int) -> list[tuple]:
        with app.app_context():
            return db.session.execute(
                sa.select(BookingInstalment.number, BookingInstalment.amount, BookingInstalment.status)
                .where(BookingInstalment.booking_id == booking_id)
                .order_by(BookingInstalment.number)
            ).all()

    return read
