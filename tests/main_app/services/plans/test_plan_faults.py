"""A payment plan's refunds when the provider fails: a refund whose call fails goes again later, under the same
key, and is made exactly once."""

from datetime import timedelta

import pytest
import sqlalchemy as sa

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import OutboxMessage, utcnow
from main_app.services.payments.providers.base import PaymentError
from main_app.services.payments.providers.test_provider import TestProvider

pytestmark = pytest.mark.both_databases


def test_a_failing_refund_of_a_plan_is_retried_and_made_once(
    app, retreat, user_client, book_and_pay, pay_instalment, payments_lane, monkeypatch
):
    session = retreat(
        {"deposit": {"percent": 20}, "deposit_refundable": True, "balance_due_days": 30, "instalments": 2}
    )
    booking = book_and_pay(user_client, session.id)
    pay_instalment(user_client, booking["id"], 1)
    user_client.post(f"/bookings/{booking['id']}/cancel", json={})
    calls, made, real_refund = [], [], TestProvider.refund

    def flaky(self, payment_id, amount, currency, *, idempotency_key):
        calls.append(idempotency_key)
        if len(calls) <= 3:  # the first quick tries fail: the refunds wait for their next attempt
            raise PaymentError("the provider timed out", transient=True)
        made.append(idempotency_key)
        return real_refund(self, payment_id, amount, currency, idempotency_key=idempotency_key)

    monkeypatch.setattr(TestProvider, "refund", flaky)
    payments_lane()
    with app.app_context():
        rows = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.type == "refund")).all()
        assert [row.status for row in rows] == ["pending", "pending"] and len(calls) >= 2
    for _ in range(4):  # time passing: each retry comes due, until the provider answers
        with app.app_context(), unit_of_work():
            for row in db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.type == "refund")):
                row.next_attempt_at = min(row.next_attempt_at, utcnow() - timedelta(seconds=1))
        payments_lane()
    with app.app_context():
        rows = db.session.scalars(sa.select(OutboxMessage).where(OutboxMessage.type == "refund")).all()
    assert [row.status for row in rows] == ["delivered", "delivered"]
    assert len(made) == len(set(made)) == 2 and set(calls) == set(made)  # each refund made once, under its own key
    assert user_client.get(f"/bookings/{booking['id']}").get_json()["status"] == "refunded"
