"""Memberships renewed by their provider's subscriptions (Stripe's, Razorpay's): the first payment starts one, the
provider's signed webhooks run the pass on a period once or let it lapse, and stopping renewal, a lapse or money that
bought nothing ends the subscription through the payments lane. The real app and each provider's library against
its fake API (provider_fakes)."""

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from pass_shop import MEMBERSHIP

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import OutboxMessage, Pass, Payment, utcnow

PRICE = MEMBERSHIP["price"]


@pytest.fixture
def app(make_app, payments_at):
    return make_app(**payments_at.config())


def reference_of(purchase: dict) -> str:
    return purchase["checkout_url"].rsplit("/", 1)[1]


@pytest.fixture
def member(put_on_sale, user_client, client, payments_at):
    """A monthly membership bought and paid through the provider's checkout: (its pass as /me/passes shows it, its
    subscription id)."""
    purchase = user_client.post(f"/passes/{put_on_sale(MEMBERSHIP)['id']}/buy", json={}).get_json()
    result, subscription = payments_at.tell_member_paid(
        client, reference_of(purchase), purchase["pass"]["id"], PRICE, "first1"
    )
    assert result == "applied"
    return user_client.get("/me/passes").get_json()["items"][0], subscription


def pending(app, kind: str) -> list[dict]:
    """The pending payments-lane messages of this kind, made due now; their payloads."""
    with app.app_context(), unit_of_work():
        rows = db.session.scalars(
            sa.select(OutboxMessage).where(OutboxMessage.type == kind, OutboxMessage.status == "pending")
        ).all()
        for row in rows:
            row.next_attempt_at = utcnow() - timedelta(seconds=1)
        return [dict(row.payload) for row in rows]


def test_a_membership_checkout_starts_a_subscription_the_provider_renews(app, member):
    bought, subscription = member
    assert (bought["status"], bought["renews"]) == ("active", True)
    with app.app_context():
        assert db.session.get(Pass, bought["id"]).subscription_id == subscription
    assert pending(app, "pass_renewal") == []  # the provider charges each period, not our lane


def test_a_paid_renewal_runs_the_membership_on_one_period_once(
    app, client, payments_at, member, user_client, outbox, email_outbox
):
    bought, subscription = member
    result, recorded = payments_at.tell_renewal_paid(client, bought["id"], subscription, "period2", PRICE)
    assert result == "applied"
    again, _ = payments_at.tell_renewal_paid(client, bought["id"], subscription, "period2", PRICE)
    assert again == "ignored"  # the same charge under another event id
    renewed = user_client.get("/me/passes").get_json()["items"][0]
    days = (datetime.fromisoformat(renewed["valid_until"]) - datetime.fromisoformat(bought["valid_until"])).days
    assert 28 <= days <= 31
    with app.app_context():
        payments = db.session.scalars(
            sa.select(Payment).where(Payment.pass_id == bought["id"]).order_by(Payment.id)
        ).all()
    assert [(p.reference, p.payment_id, p.amount) for p in payments[1:]] == [(recorded, recorded, PRICE)]
    assert [m["type"] for m in outbox()].count("pass_renewed") == 1
    assert [m["type"] for m in email_outbox()].count("pass_renewed") == 1
    assert pending(app, "pass_renewal") == []


def test_declined_renewals_lapse_once_and_the_subscription_is_cancelled(
    app, client, payments_at, member, user_client, payments_lane, email_outbox
):
    bought, subscription = member
    for _ in range(2):  # the provider retries a declined charge, and tells each time
        assert payments_at.tell_renewal_declined(client, bought["id"], subscription, PRICE) == "applied"
    assert [m["type"] for m in email_outbox()].count("pass_renewal_declined") == 1
    [lapse] = pending(app, "pass_lapse")
    payments_lane()
    assert user_client.get("/me/passes").get_json()["items"][0]["status"] == "lapsed"
    assert lapse["lapse_pass"] == bought["id"]
    assert payments_at.fake.canceled == {subscription}
    # the provider's retry succeeding after the lapse: the money goes back
    assert payments_at.tell_renewal_paid(client, bought["id"], subscription, "late1", PRICE)[0] == "applied"
    payments_lane()
    assert payments_at.refunded() == ["late1"]


def test_stopping_renewal_ends_the_subscription_with_its_period(
    app, client, payments_at, member, user_client, payments_lane
):
    bought, subscription = member
    assert user_client.post(f"/me/passes/{bought['id']}/cancel").get_json()["renews"] is False
    assert payments_at.subscription_calls() == []  # never inside the request
    payments_lane()
    assert payments_at.fake.ending == {subscription} and payments_at.fake.canceled == set()
    # a charge the provider made before the stop reached it: refunded, the period not extended
    assert payments_at.tell_renewal_paid(client, bought["id"], subscription, "raced1", PRICE)[0] == "applied"
    payments_lane()
    assert payments_at.refunded() == ["raced1"]
    assert user_client.get("/me/passes").get_json()["items"][0]["valid_until"] == bought["valid_until"]


def test_the_provider_ending_the_subscription_stops_renewal(client, payments_at, member, user_client):
    bought, subscription = member
    assert payments_at.tell_ended(client, 0, subscription) == "ignored"  # names another pass: not this one's
    assert payments_at.tell_ended(client, bought["id"], subscription) == "applied"
    assert user_client.get("/me/passes").get_json()["items"][0]["renews"] is False


def test_a_renewal_for_a_subscription_of_no_pass_is_ignored(client, payments_at, member):
    bought, _subscription = member
    assert payments_at.tell_renewal_paid(client, bought["id"], "sub_SomeoneElses", "x1", PRICE)[0] == "ignored"


def test_money_for_a_membership_paid_already_goes_back_and_its_subscription_ends(
    app, client, payments_at, put_on_sale, user_client, payments_lane
):
    purchase = user_client.post(f"/passes/{put_on_sale(MEMBERSHIP)['id']}/buy", json={}).get_json()
    pass_id = purchase["pass"]["id"]
    first, subscription = payments_at.tell_member_paid(client, reference_of(purchase), pass_id, PRICE, "first1")
    assert first == "applied"
    second_reference = payments_at.membership_checkout(pass_id, PRICE)
    with app.app_context(), unit_of_work():  # a second checkout for the same pass, paid too (two tabs)
        paid = db.session.scalars(sa.select(Payment).where(Payment.pass_id == pass_id)).one()
        db.session.add(
            Payment(
                pass_id=pass_id,
                provider=payments_at.name,
                reference=second_reference,
                checkout_url="",
                status="pending",
                amount=paid.amount,
                currency=paid.currency,
                expires_at=paid.expires_at,
                created_at=utcnow(),
            )
        )
    second, second_subscription = payments_at.tell_member_paid(client, second_reference, pass_id, PRICE, "second1")
    assert second == "applied"
    payments_lane()
    assert payments_at.fake.canceled == {second_subscription}
    assert payments_at.refunded() == ["second1"]
    with app.app_context():
        assert db.session.get(Pass, pass_id).subscription_id == subscription


def test_a_membership_hears_before_each_charge_the_provider_takes(
    app, client, payments_at, member, user_client, payments_lane, email_outbox
):
    """India's e-mandate rules: a pre-debit notice with the amount and date at least 24 hours before each renewal."""
    bought, subscription = member
    [notice] = pending(app, "pre_debit_notice")
    assert (notice["notice_pass"], notice["period_end"], notice["amount"]) == (
        bought["id"],
        bought["valid_until"],
        PRICE,
    )
    payments_lane()
    [email] = [m for m in email_outbox() if m["type"] == "pass_pre_debit"]
    renewal = email["payload"]["snapshot"]["renewal"]
    assert renewal["amount"] == "₹4,500" and payments_at.name in renewal["method"].lower()
    result, _ = payments_at.tell_renewal_paid(client, bought["id"], subscription, "period2", PRICE)
    assert result == "applied"
    renewed = user_client.get("/me/passes").get_json()["items"][0]
    [following] = pending(app, "pre_debit_notice")
    assert following["period_end"] == renewed["valid_until"]
