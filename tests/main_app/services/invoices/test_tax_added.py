"""Prices set without tax: a studio whose settings add GST charges the price and the tax on it everywhere money is
taken (online seats, codes, passes, memberships' renewals, the desk and the door), shows it on every public price,
and its invoices split what was paid back into exactly that price and that tax."""

from datetime import timedelta

import pytest
import sqlalchemy as sa
from invoice_checks import GST_SETTINGS, book_and_pay

from main_app.extensions import db
from main_app.models import OutboxMessage, Pass, Payment, utcnow
from main_app.services.payments import PAYMENT_SUCCEEDED, records

pytestmark = pytest.mark.both_databases

NET = 100_000  # ₹1,000.00 before GST
GROSS = 118_000  # what is paid with 18 % added
GST = {"name": "GST", "rate": 1800}
PACK = {"name": "Ten classes", "kind": "pack", "credits": 10, "valid_days": 90, "price": 250_001}
MEMBERSHIP = {"name": "Unlimited", "kind": "membership", "period": "month", "price": 300_000}


@pytest.fixture
def adding(shop, make_session, priya):
    """priya's studio with GST added to its prices, and a class of hers at NET (the shop's own one is left)."""
    answer = shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS | {"prices_include_tax": False})
    assert answer.status_code == 200, answer.get_json()
    shop.net = make_session(capacity=30, starts_in=timedelta(days=4), price=NET, facilitator_id=priya.id)
    return shop


def _payments(app, **of) -> list[int]:
    """The amounts of the payments of a booking or pass, oldest first."""
    column = Payment.booking_id if "booking_id" in of else Payment.pass_id
    with app.app_context():
        query = sa.select(Payment.amount).where(column == next(iter(of.values()))).order_by(Payment.id)
        return list(db.session.scalars(query))


def test_a_seat_costs_its_price_and_the_gst_on_it_and_the_invoice_splits_it_back(app, client, user_client, adding):
    event = client.get(f"/events/{adding.net.event_id}").get_json()
    assert event["tax_added"] == GST and event["sessions"][0]["price"] == NET
    day = (utcnow() + timedelta(days=4)).date().isoformat()
    listed = client.get(f"/timetable?from={day}&to={day}").get_json()
    [entry] = [s for d in listed["days"] for s in d["sessions"] if s["id"] == adding.net.id]
    assert entry["event"]["tax_added"] == GST
    booking = book_and_pay(client, user_client, adding.net.id)
    assert booking["status"] == "active" and _payments(app, booking_id=booking["id"]) == [GROSS]
    [invoice] = user_client.get("/me/invoices").get_json()["items"]
    assert (invoice["taxable"], invoice["tax"], invoice["total"]) == (NET, 18_000, GROSS)


def test_a_studio_that_includes_tax_is_paid_its_prices_as_they_are(app, client, user_client, shop, make_session):
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    assert client.get(f"/events/{shop.session.event_id}").get_json()["tax_added"] is None
    booking = book_and_pay(client, user_client, shop.session.id)
    assert _payments(app, booking_id=booking["id"]) == [118_000]


def test_a_code_is_taken_off_before_the_tax_and_the_quote_says_both(app, client, user_client, adding):
    code = {"code": "HALF", "percent_off": 50, "applies_to": "bookings"}
    made = adding.owner.post(f"{adding.base}/codes", json=code)
    assert made.status_code == 201, made.get_json()
    quote = user_client.get(f"/codes/quote?code=HALF&session_id={adding.net.id}&seats=3").get_json()
    assert (quote["amount_due"], quote["tax"], quote["total_due"]) == (150_000, 27_000, 177_000), quote
    booked = user_client.post("/book", json={"session_id": adding.net.id, "code": "HALF", "seats": 3, "guests": _two()})
    assert booked.status_code == 201, booked.get_json()
    assert _payments(app, booking_id=booked.get_json()["id"]) == [177_000]


def _two() -> list[dict]:
    return [{"name": "Guest One"}, {"name": "Guest Two"}]


def test_a_pass_and_a_membership_cost_their_price_and_gst_and_renew_so(app, client, user_client, adding):
    pack = adding.owner.post(f"{adding.base}/passes", json=PACK).get_json()
    listed = {p["id"]: p for p in client.get(f"/passes?facilitator_id={pack['facilitator_id']}").get_json()["items"]}
    assert listed[pack["id"]]["tax_added"] == GST and listed[pack["id"]]["price"] == PACK["price"]
    bought = user_client.post(f"/passes/{pack['id']}/buy", json={}).get_json()
    assert bought["pass"]["price"] == 295_001  # 250,001 + 45,000.18 → 45,000
    assert _payments(app, pass_id=bought["pass"]["id"]) == [295_001]
    member = adding.owner.post(f"{adding.base}/passes", json=MEMBERSHIP).get_json()
    joined = user_client.post(f"/passes/{member['id']}/buy", json={}).get_json()
    reference = joined["checkout_url"].rsplit("/", 1)[1]
    with app.app_context():
        provider = records.provider("test")
        body, headers = provider.signed_event(PAYMENT_SUCCEEDED, reference, 354_000, "INR")
    answer = client.post("/payments/webhook/test", data=body, headers={**headers, "Content-Type": "application/json"})
    assert answer.get_json()["result"] == "applied"
    with app.app_context():
        assert db.session.get(Pass, joined["pass"]["id"]).status == "active"
        renewal = db.session.scalar(sa.select(OutboxMessage.payload).where(OutboxMessage.type == "pass_renewal"))
    assert renewal["amount"] == 354_000  # the next period too: 300,000 and its 54,000


def test_the_desk_and_the_door_take_the_price_and_the_gst(app, client, adding, make_session, priya):
    desk = f"{adding.base}/desk"
    pack = adding.owner.post(f"{adding.base}/passes", json=PACK | {"price": NET}).get_json()
    sale = {"product_id": pack["id"], "name": "Desk Buyer", "email": "desk.buyer@example.com", "method": "cash"}
    sold = adding.owner.post(f"{desk}/passes", json=sale)
    assert sold.status_code == 201 and sold.get_json()["payment"]["amount"] == GROSS, sold.get_json()
    body = {"session_id": adding.net.id, "name": "Door Client", "email": "door@example.com", "use": "door"}
    booked = adding.owner.post(f"{desk}/bookings", json=body | {"method": "card_terminal", "seats": 2, "amount": NET})
    assert booked.status_code == 201 and booked.get_json()["payment"]["amount"] == 236_000, booked.get_json()
    started = make_session(capacity=5, starts_in=-timedelta(minutes=5), price=NET, facilitator_id=priya.id)
    walk = {"name": "Walk In", "email": "walk.in@example.com", "paid_at_door": True}
    walked = adding.owner.post(f"{adding.base}/sessions/{started.id}/walk-ins", json=walk)
    assert walked.status_code == 201, walked.get_json()
    assert _payments(app, booking_id=walked.get_json()["booking_id"]) == [GROSS]
    mine = {s["slug"]: s for s in adding.owner.get("/api/studios").get_json()["items"]}
    assert mine[adding.slug]["tax_added"] == GST
