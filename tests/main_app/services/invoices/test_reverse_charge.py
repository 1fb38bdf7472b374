"""The EU's reverse charge: a pass, a membership or an online class sold to a business in another member state is
charged without VAT, and its invoice says "Reverse charge" and who accounts for the VAT; admission to a class held
at the studio stays taxed where it is held, as does a sale to a consumer or to a business of the studio's own state."""

import csv
import io

import pytest
import sqlalchemy as sa
from invoice_checks import book_and_pay, pdf_text

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import EventSession, Invoice, OutboxMessage, Payment
from main_app.services.payments import PAYMENT_SUCCEEDED, records

pytestmark = pytest.mark.both_databases

VAT_SETTINGS = {
    "legal_name": "Yoga Haus GmbH",
    "address_lines": ["Torstraße 1"],
    "city": "Berlin",
    "postcode": "10119",
    "country": "DE",
    "tax_id": "DE123456789",
    "tax_name": "VAT",
    "tax_rate": 1900,
    "prices_include_tax": True,
}
DUTCH_BUSINESS = {"name": "Yoga Studio Amsterdam B.V.", "tax_id": "NL123456789B01", "country": "NL"}
PACK = {"name": "Ten classes", "kind": "pack", "credits": 10, "valid_days": 90, "price": 119_000}
MEMBERSHIP = {"name": "Unlimited", "kind": "membership", "period": "month", "price": 100_000}


@pytest.fixture
def vat(shop):
    """priya's studio as a German seller charging 19 % VAT in its prices."""
    answer = shop.owner.put(f"{shop.base}/invoicing", json=VAT_SETTINGS)
    assert answer.status_code == 200, answer.get_json()
    return shop


def _buy(app, client, user_client, vat, product: dict) -> dict:
    """Buy a pass of the product and pay what its checkout asks; the purchase and the amount paid."""
    made = vat.owner.post(f"{vat.base}/passes", json=product).get_json()
    bought = user_client.post(f"/passes/{made['id']}/buy", json={}).get_json()
    with app.app_context():
        amount = db.session.scalar(sa.select(Payment.amount).where(Payment.pass_id == bought["pass"]["id"]))
        body, headers = records.provider("test").signed_event(
            PAYMENT_SUCCEEDED, bought["checkout_url"].rsplit("/", 1)[1], amount, "INR"
        )
    answer = client.post("/payments/webhook/test", data=body, headers={**headers, "Content-Type": "application/json"})
    assert answer.get_json()["result"] == "applied"
    return bought | {"paid": amount}


def _document(app, invoice_id: int) -> tuple:
    """(taxable, tax, reverse charge?, place of supply) of an issued document."""
    with app.app_context():
        row = db.session.get(Invoice, invoice_id)
        return row.taxable, row.tax_amount, bool(row.tax.get("reverse_charge")), row.place_of_supply


def test_a_pass_sold_to_a_business_in_another_member_state_is_reverse_charged(app, client, user_client, vat):
    assert user_client.put("/me/billing", json=DUTCH_BUSINESS).status_code == 200
    bought = _buy(app, client, user_client, vat, PACK)
    assert bought["paid"] == 100_000  # 119,000 with VAT: the VAT is the buyer's to account for
    [mine] = user_client.get("/me/invoices").get_json()["items"]
    assert _document(app, mine["id"]) == (100_000, 0, True, "NL")
    text = pdf_text(user_client.get(f"/me/invoices/{mine['id']}.pdf").data)
    assert "Reverse charge: Yes" in text and "VAT to be accounted for by the recipient" in text
    assert "NL123456789B01" in text and "DE123456789" in text


def test_a_membership_set_without_vat_renews_reverse_charged(app, client, user_client, vat):
    assert vat.owner.put(f"{vat.base}/invoicing", json=VAT_SETTINGS | {"prices_include_tax": False}).status_code == 200
    assert user_client.put("/me/billing", json=DUTCH_BUSINESS).status_code == 200
    assert _buy(app, client, user_client, vat, MEMBERSHIP)["paid"] == 100_000  # not 119,000
    with app.app_context():
        renewal = db.session.scalar(sa.select(OutboxMessage.payload).where(OutboxMessage.type == "pass_renewal"))
    assert renewal["amount"] == 100_000 and renewal["tax"]["reverse_charge"] is True


def test_admission_to_a_class_at_the_studio_stays_taxed_where_it_is_held(app, client, user_client, vat):
    assert user_client.put("/me/billing", json=DUTCH_BUSINESS).status_code == 200
    book_and_pay(client, user_client, vat.session.id)
    [mine] = user_client.get("/me/invoices").get_json()["items"]
    assert _document(app, mine["id"]) == (99_160, 18_840, False, "DE")  # 118,000 with 19 % in it
    assert "Reverse charge: No" in pdf_text(user_client.get(f"/me/invoices/{mine['id']}.pdf").data)


def test_an_online_class_for_a_business_elsewhere_in_the_eu_is_reverse_charged(app, client, user_client, vat):
    with app.app_context(), unit_of_work():
        db.session.get(EventSession, vat.session.id).mode = "online"
    assert user_client.put("/me/billing", json=DUTCH_BUSINESS).status_code == 200
    booking = user_client.post("/book", json={"session_id": vat.session.id}).get_json()
    assert booking["payment"]["amount"] == 99_160  # PRICE without the 19 % in it


@pytest.mark.parametrize(
    "billing",
    [
        {"name": "Yoga Haus Köln GmbH", "tax_id": "DE987654321", "country": "DE"},  # the studio's own state
        {"name": "Anna de Vries", "country": "NL"},  # a consumer: no VAT number
        None,
    ],
)
def test_others_pay_the_vat(app, client, user_client, vat, billing):
    if billing:
        assert user_client.put("/me/billing", json=billing).status_code == 200
    assert _buy(app, client, user_client, vat, PACK)["paid"] == 119_000
    [mine] = user_client.get("/me/invoices").get_json()["items"]
    assert _document(app, mine["id"]) == (100_000, 19_000, False, "DE")


def test_a_code_quotes_a_reverse_charged_business_what_it_will_pay(app, client, user_client, vat):
    assert vat.owner.put(f"{vat.base}/invoicing", json=VAT_SETTINGS | {"prices_include_tax": False}).status_code == 200
    assert user_client.put("/me/billing", json=DUTCH_BUSINESS).status_code == 200
    made = vat.owner.post(f"{vat.base}/passes", json=MEMBERSHIP).get_json()
    assert vat.owner.post(f"{vat.base}/codes", json={"code": "SPRING20", "percent_off": 20}).status_code == 201
    query = {"code": "spring20", "product_id": made["id"]}
    quote = user_client.get("/codes/quote", query_string=query).get_json()
    assert (quote["amount_due"], quote["tax"], quote["total_due"], quote["reverse_charge"]) == (80_000, 0, 80_000, True)
    visitor = client.get("/codes/quote", query_string=query).get_json()  # no billing details known: VAT added
    assert (visitor["tax"], visitor["total_due"], visitor["reverse_charge"]) == (15_200, 95_200, False)
    bought = user_client.post(f"/passes/{made['id']}/buy", json={"code": "spring20"}).get_json()
    assert bought["pass"]["price"] == quote["total_due"]


def test_a_code_quotes_an_online_class_without_the_vat_in_its_price(app, client, user_client, vat):
    with app.app_context(), unit_of_work():
        db.session.get(EventSession, vat.session.id).mode = "online"
    assert user_client.put("/me/billing", json=DUTCH_BUSINESS).status_code == 200
    assert vat.owner.post(f"{vat.base}/codes", json={"code": "SPRING20", "percent_off": 20}).status_code == 201
    query = {"code": "spring20", "session_id": vat.session.id}
    quote = user_client.get("/codes/quote", query_string=query).get_json()
    assert (quote["amount_due"], quote["tax"], quote["total_due"]) == (94_400, 0, 79_328)  # 94,400 less its 19 %
    booking = user_client.post("/book", json={"session_id": vat.session.id, "code": "spring20"}).get_json()
    assert booking["payment"]["amount"] == quote["total_due"]


def test_the_accountants_csv_says_which_documents_are_reverse_charged_and_where_supplied(app, client, user_client, vat):
    book_and_pay(client, user_client, vat.session.id)  # admission in Berlin, before the billing details
    assert user_client.put("/me/billing", json=DUTCH_BUSINESS).status_code == 200
    _buy(app, client, user_client, vat, PACK)
    rows = csv.DictReader(io.StringIO(vat.owner.get(f"{vat.base}/invoices.csv").get_data(as_text=True)))
    assert [(row["place_of_supply"], row["reverse_charge"], row["vat"]) for row in rows] == [
        ("DE", "No", "188.40"),
        ("NL", "Yes", "0.00"),
    ]
