"""Payments of one session's held seats at once, on both databases: confirmed side by side (PostgreSQL: the session's
row FOR SHARE), while a payment that must change seats (its hold had ended) runs again with the row locked for
update; a cancellation racing them frees only its own seat. Every seat is held by exactly one booking afterwards."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from hold_clock import expire_now
from racing import race

from main_app.extensions import db
from main_app.services.payments import records
from main_app.services.payments.providers.base import PAYMENT_SUCCEEDED

pytestmark = pytest.mark.both_databases

PRICE = 80_000
HELD = "SELECT coalesce(sum(seats), 0) FROM bookings WHERE session_id = :s AND status IN ('active', 'pending_payment')"


def _book(client, session_id: int) -> dict:
    response = client.post("/book", json={"session_id": session_id})
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _webhook(app, client, booking: dict):
    """The test provider's signed "paid" for the booking's checkout, to post at once."""
    with app.app_context():
        reference = booking["payment"]["checkout_url"].rsplit("/", 1)[1]
        body, headers = records.provider("test").signed_event(PAYMENT_SUCCEEDED, reference, PRICE, "INR")
    headers = {**headers, "Content-Type": "application/json"}
    return lambda: client.post("/payments/webhook/test", data=body, headers=headers).get_json()["result"]


def _seats(app, session_id: int) -> tuple[int, int]:
    """The session's seats taken, and the seats its bookings hold."""
    with app.app_context():
        taken = db.session.scalar(sa.text("SELECT seats_taken FROM sessions WHERE id = :s"), {"s": session_id})
        return taken, db.session.scalar(sa.text(HELD), {"s": session_id})


def test_payments_at_once_confirm_every_held_seat_and_a_late_one_reclaims_its_own(
    app, client, make_session, people, payments_lane
):
    session = make_session(capacity=14, starts_in=timedelta(days=3), price=PRICE)
    payers = [(c, _book(c, session.id)) for _a, c in people(12)]
    [(_l, late_client), (_q, quitter)] = people(2)
    late, leaving = _book(late_client, session.id), _book(quitter, session.id)
    expire_now(app, late["id"])
    payments_lane()  # the late one's hold ends: its seat goes back
    assert _seats(app, session.id) == (13, 13)
    payers.append((late_client, late))
    calls = [_webhook(app, client, booking) for _c, booking in payers]
    calls.append(lambda: quitter.post(f"/bookings/{leaving['id']}/cancel").get_json()["status"])
    answers = race(calls)
    assert sorted(answers) == ["applied"] * 13 + ["cancelled"], answers
    statuses = [c.get(f"/bookings/{b['id']}").get_json()["status"] for c, b in payers]
    assert statuses == ["active"] * 13  # the late payment found its seat still free and took it back
    assert _seats(app, session.id) == (13, 13)
