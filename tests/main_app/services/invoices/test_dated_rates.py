"""Tax rates that change on a date: the rate in effect when a price is quoted is charged, travels with its checkout,
instalment or renewal, and is the rate its invoice splits the amount at, whatever the studio's rate is by then."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from invoice_checks import GST_SETTINGS

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Invoice, OutboxMessage, Payment, Studio
from main_app.services.payments import PAYMENT_SUCCEEDED, records, renewals
from main_app.services.payments.jobs import RenewalCharge
from main_app.services.payments.providers.base import Charge
from main_app.services.studios import with_tax

NET = 100_000  # ₹1,000.00 before GST
ADDING = GST_SETTINGS | {"prices_include_tax": False}
pytestmark = pytest.mark.both_databases

MEMBERSHIP = {"name": "Unlimited", "kind": "membership", "period": "month", "price": NET}


@pytest.fixture
def adding(app, shop, make_session, priya):
    """priya's studio adding 18 % GST to its prices, a class of hers at NET, and its calendar's days."""
    assert shop.owner.put(f"{shop.base}/invoicing", json=ADDING).status_code == 200
    shop.net = make_session(capacity=30, starts_in=timedelta(days=4), price=NET, facilitator_id=priya.id)
    with app.app_context():
        today = datetime.now(ZoneInfo(db.session.get(Studio, shop.id).timezone)).date()
    shop.day = lambda days: (today + timedelta(days=days)).isoformat()
    return shop


def _pay(app, client, reference: str, amount: int) -> None:
    with app.app_context():
        body, headers = records.provider("test").signed_event(PAYMENT_SUCCEEDED, reference, amount, "INR")
    answer = client.post("/payments/webhook/test", data=body, headers={**headers, "Content-Type": "application/json"})
    assert answer.get_json()["result"] == "applied", answer.get_json()


def _invoice(app, **of) -> tuple[int, int, int, list]:
    """(taxable, tax, rate, heads) of the one invoice of a booking's or pass's payments."""
    column = Payment.booking_id if "booking_id" in of else Payment.pass_id
    with app.app_context():
        paid = sa.select(Payment.id).where(column == next(iter(of.values())))
        row = db.session.scalars(
            sa.select(Invoice).where(Invoice.payment_id.in_(paid), Invoice.kind == "invoice")
        ).one()
        return row.taxable, row.tax_amount, row.tax["rate"], [(h["name"], h["amount"]) for h in row.tax["parts"]]


def test_a_checkout_charged_at_18_is_invoiced_at_18_though_paid_after_the_rate_fell(app, client, user_client, adding):
    booking = user_client.post("/book", json={"session_id": adding.net.id}).get_json()
    assert booking["payment"]["amount"] == 118_000
    # The owner's midnight edit, between the checkout and its payment.
    assert adding.owner.put(f"{adding.base}/invoicing", json=ADDING | {"tax_rate": 500}).status_code == 200
    _pay(app, client, booking["payment"]["checkout_url"].rsplit("/", 1)[1], 118_000)
    taxable, tax, rate, heads = _invoice(app, booking_id=booking["id"])
    assert (taxable, tax, rate) == (NET, 18_000, 1800)  # not 112,381 + 5,619 at 5 %
    assert heads == [("CGST", 9_000), ("SGST", 9_000)]


def test_a_rate_takes_effect_on_its_date_and_later_ones_wait(app, client, user_client, adding):
    rates = [{"from": adding.day(-1), "rate": 500}, {"from": adding.day(10), "rate": 1200}]
    saved = adding.owner.put(f"{adding.base}/invoicing", json=ADDING | {"tax_rates": rates})
    assert saved.status_code == 200 and saved.get_json()["tax_rates"] == rates, saved.get_json()
    assert client.get(f"/events/{adding.net.event_id}").get_json()["tax_added"] == {"name": "GST", "rate": 500}
    booking = user_client.post("/book", json={"session_id": adding.net.id}).get_json()
    assert booking["payment"]["amount"] == 105_000
    _pay(app, client, booking["payment"]["checkout_url"].rsplit("/", 1)[1], 105_000)
    assert _invoice(app, booking_id=booking["id"])[:3] == (NET, 5_000, 500)
    [entry, *_] = adding.owner.get(f"{adding.base}/audit?kind=studio.invoicing_changed").get_json()["items"]
    assert entry["after"] == {"tax_rates": rates}


def test_a_rate_from_today_on_the_studios_clock_is_charged_and_tomorrows_is_not(app, user_client, adding):
    tomorrow = [{"from": adding.day(1), "rate": 500}]
    assert adding.owner.put(f"{adding.base}/invoicing", json=ADDING | {"tax_rates": tomorrow}).status_code == 200
    assert user_client.post("/book", json={"session_id": adding.net.id}).get_json()["payment"]["amount"] == 118_000
    today = [{"from": adding.day(0), "rate": 500}]
    assert adding.owner.put(f"{adding.base}/invoicing", json=ADDING | {"tax_rates": today}).status_code == 200
    with app.app_context():
        assert with_tax(adding.id, NET) == 105_000


def test_two_rates_on_one_day_are_refused(adding, assert_error):
    rates = [{"from": adding.day(3), "rate": 500}, {"from": adding.day(3), "rate": 1200}]
    answer = adding.owner.put(f"{adding.base}/invoicing", json=ADDING | {"tax_rates": rates})
    assert_error(answer, 400, "validation_error", "tax_rates")


def test_a_membership_renews_at_the_rate_it_was_bought_at(app, client, user_client, adding):
    product = adding.owner.post(f"{adding.base}/passes", json=MEMBERSHIP).get_json()
    joined = user_client.post(f"/passes/{product['id']}/buy", json={}).get_json()
    assert adding.owner.put(f"{adding.base}/invoicing", json=ADDING | {"tax_rate": 500}).status_code == 200
    _pay(app, client, joined["checkout_url"].rsplit("/", 1)[1], 118_000)
    with app.app_context():
        payload = db.session.scalar(sa.select(OutboxMessage.payload).where(OutboxMessage.type == "pass_renewal"))
    assert (payload["amount"], payload["tax"]["rate"]) == (118_000, 1800)
    with app.app_context(), unit_of_work():
        renewals.charged(RenewalCharge.from_payload(payload), Charge("succeeded", "tpay_renewed"))
    with app.app_context():
        renewed = db.session.scalars(sa.select(Payment).where(Payment.payment_id == "tpay_renewed")).one()
        invoices = db.session.scalars(sa.select(Invoice).where(Invoice.payment_id == renewed.id)).all()
    assert [(row.taxable, row.tax_amount) for row in invoices] == [(NET, 18_000)]
