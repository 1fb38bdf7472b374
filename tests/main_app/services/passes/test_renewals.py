"""Memberships renew each period through a payments-lane message due at the period's end: charged, extended once and
told; declined, they lapse after a grace period with an email; renewal can be stopped, and money charged after a
stop goes back."""

from datetime import datetime, timedelta

import sqlalchemy as sa
from pass_shop import MEMBERSHIP, reference_of

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Invoice, OutboxMessage, Pass, PassLedgerEntry, Payment, utcnow
from main_app.services.payments import pass_checkout, renewals
from main_app.services.payments.jobs import RenewalCharge
from main_app.services.payments.providers.base import Charge, PaymentEvent


def member_of(user_client) -> dict:
    return user_client.get("/me/passes").get_json()["items"][0]


def due_now(app, kind: str) -> list[dict]:
    """The pending payments-lane messages of this kind, made due now (time passing); their payloads."""
    with app.app_context(), unit_of_work():
        rows = db.session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.type == kind, OutboxMessage.status == "pending")
        ).all()
        for row in rows:
            row.next_attempt_at = utcnow() - timedelta(seconds=1)
        return [dict(row.payload) for row in rows]


def test_a_membership_is_charged_and_runs_on_a_period_once(
    app, put_on_sale, buy, user_client, payments_lane, outbox, email_outbox
):
    buy(user_client, put_on_sale(MEMBERSHIP)["id"])
    first = member_of(user_client)
    [payload] = due_now(app, "pass_renewal")
    assert (payload["amount"], payload["period_end"]) == (MEMBERSHIP["price"], first["valid_until"])
    payments_lane()
    renewed = member_of(user_client)
    assert (renewed["status"], renewed["renews"]) == ("active", True)
    old_end, new_end = (datetime.fromisoformat(m["valid_until"]) for m in (first, renewed))
    assert 28 <= (new_end - old_end).days <= 31
    assert "pass_renewed" in [m["type"] for m in outbox()]
    [receipt] = [m for m in email_outbox() if m["type"] == "pass_renewed"]
    assert receipt["payload"]["snapshot"]["receipt"]["amount"] == "₹4,500"
    with app.app_context():
        kinds = db.session.scalars(sa.select(PassLedgerEntry.kind).where(PassLedgerEntry.pass_id == first["id"])).all()
        paid = db.session.scalars(sa.select(Payment.amount).where(Payment.pass_id == first["id"])).all()
        invoiced = db.session.scalars(
            sa.select(Invoice.number)
            .join(Payment, Payment.id == Invoice.payment_id)
            .where(Payment.pass_id == first["id"])
        ).all()
    assert kinds == ["renewal"] and paid == [MEMBERSHIP["price"]] * 2
    assert sorted(invoiced) == [1, 2]  # the purchase's invoice, then the renewal's
    [following] = due_now(app, "pass_renewal")  # the next period's charge waits for its end
    assert following["period_end"] == renewed["valid_until"]


def test_a_declined_renewal_lapses_after_the_grace_period(
    app, put_on_sale, client, user_client, payments_lane, outbox, email_outbox
):
    product = put_on_sale(MEMBERSHIP)
    purchase = user_client.post(f"/passes/{product['id']}/buy", json={}).get_json()
    page = client.get(f"/payments/test/checkout/{reference_of(purchase)}").get_data(as_text=True)
    assert "decline its renewals" in page
    client.post(f"/payments/test/checkout/{reference_of(purchase)}", data={"action": "pay_decline_renewals"})
    first = member_of(user_client)
    due_now(app, "pass_renewal")
    payments_lane()
    assert member_of(user_client)["valid_until"] == first["valid_until"]  # not extended
    [declined] = [m for m in email_outbox() if m["type"] == "pass_renewal_declined"]
    assert declined["payload"]["snapshot"]["failure"] == "The card was declined (test checkout)."
    [lapse] = due_now(app, "pass_lapse")
    payments_lane()
    assert member_of(user_client)["status"] == "lapsed"
    assert "pass_lapsed" in [m["type"] for m in outbox()]
    assert [m["type"] for m in email_outbox() if m["type"] == "pass_lapsed"] == ["pass_lapsed"]
    assert lapse["lapse_pass"] == first["id"]


def test_stopping_renewal_drops_the_next_charge_and_keeps_the_period(app, put_on_sale, buy, user_client, assert_error):
    buy(user_client, put_on_sale(MEMBERSHIP)["id"])
    member = member_of(user_client)
    stopped = user_client.post(f"/me/passes/{member['id']}/cancel")
    assert stopped.status_code == 200
    assert (stopped.get_json()["renews"], stopped.get_json()["valid"]) == (False, True)
    assert due_now(app, "pass_renewal") == []
    assert_error(user_client.post(f"/me/passes/{member['id']}/cancel"), 409, "not_renewing")
    assert_error(user_client.post("/me/passes/999999/cancel"), 404, "pass_not_found")


def test_a_pack_has_no_renewal_to_stop(put_on_sale, buy, user_client, assert_error):
    buy(user_client, put_on_sale()["id"])
    assert_error(user_client.post(f"/me/passes/{member_of(user_client)['id']}/cancel"), 409, "not_renewing")


def test_a_charge_that_raced_the_stop_is_refunded(app, put_on_sale, buy, user_client, payments_lane):
    buy(user_client, put_on_sale(MEMBERSHIP)["id"])
    member = member_of(user_client)
    [payload] = due_now(app, "pass_renewal")
    user_client.post(f"/me/passes/{member['id']}/cancel")  # the charge was already on its way
    with app.app_context(), unit_of_work():
        renewals.charged(RenewalCharge.from_payload(payload), Charge("succeeded", "tpay_raced"))
    payments_lane()
    with app.app_context():
        raced = db.session.scalars(sa.select(Payment).where(Payment.payment_id == "tpay_raced")).one()
        assert (raced.status, raced.refund_status) == ("succeeded", "processed")
        assert db.session.get(Pass, member["id"]).valid_until.isoformat() == member["valid_until"]


def test_a_membership_paid_through_a_studios_own_account_renews_through_it(app, put_on_sale, buy, user_client):
    """The saved payment lives in the account that took the first payment: each next charge goes there, not to the
    install's keys (a studio's Razorpay or Stripe card charged with the install's keys fails or pays the install)."""
    buy(user_client, put_on_sale(MEMBERSHIP)["id"], action=None)
    member = member_of(user_client)
    with app.app_context(), unit_of_work():
        payment = db.session.scalars(sa.select(Payment).where(Payment.pass_id == member["id"])).one()
        payment.account_id = 7  # as when the studio's own account took it
        event = PaymentEvent(
            event_id="evt_own",
            kind="checkout.paid",
            reference=payment.reference,
            payment_id="pay_own",
            amount=payment.amount,
            currency=payment.currency,
        )
        pass_checkout.paid(payment, event)
    [first] = due_now(app, "pass_renewal")
    assert first["account"] == 7
    with app.app_context(), unit_of_work():
        renewals.charged(RenewalCharge.from_payload(first), Charge("succeeded", "pay_own_2"))
    with app.app_context():
        renewed = db.session.scalars(sa.select(Payment).where(Payment.payment_id == "pay_own_2")).one()
        assert renewed.account_id == 7
    # The first row stays pending here (charged was called as the lane would); the next period's is the new one.
    [following] = [row for row in due_now(app, "pass_renewal") if row["period_end"] != first["period_end"]]
    assert following["account"] == 7
