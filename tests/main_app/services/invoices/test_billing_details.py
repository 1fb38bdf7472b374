"""Billing details: a person names the business their invoices are made out to, with its GSTIN or VAT number and
address (checked as the tax ids are); invoices issued from then on print them, credit notes copy their invoice's,
and an invoice issued before keeps what it said."""

import csv
import io
from datetime import timedelta

import pytest
from invoice_checks import GST_SETTINGS, book_and_pay, pdf_text

pytestmark = pytest.mark.both_databases

BUYER_GSTIN = "27AAPFU0939F1ZV"  # Maharashtra (27)
BUSINESS = {
    "name": "Acme Wellness LLP",
    "tax_id": BUYER_GSTIN,
    "address_lines": ["4th floor, Nariman Point"],
    "city": "Mumbai",
    "postcode": "400021",
    "state_code": "27",
    "country": "IN",
}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"tax_id": "27AAPFU0939F1ZW"}, "tax_id"),  # the check digit disagrees
        ({"tax_id": "29AAGCB7383J1Z4"}, "tax_id"),  # a Karnataka GSTIN with a Maharashtra address
        ({"tax_id": "27aapfu0939f1zv"}, "tax_id"),  # as printed: capitals
        ({"country": "DE", "state_code": None, "tax_id": "DE12345678"}, "tax_id"),  # one digit short
        ({"country": None}, "country"),  # a tax id of no country
        ({"state_code": "99"}, "state_code"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"address_lines": ["a", "b", "c", "d", "e"]}, "address_lines"),
        ({"country": "India"}, "country"),
    ],
)
def test_details_that_are_wrong_are_refused_and_nothing_is_saved(user_client, change, field):
    answer = user_client.put("/me/billing", json=BUSINESS | change)
    assert answer.status_code == 400, answer.get_json()
    error = answer.get_json()["error"]
    assert error["code"] == "validation_error" and field in error["details"], error
    missing = user_client.get("/me/billing")
    assert missing.status_code == 404 and missing.get_json()["error"]["code"] == "billing_details_not_found"


def test_an_eu_business_gives_its_vat_number(user_client):
    saved = user_client.put("/me/billing", json={"name": "Yoga GmbH", "tax_id": "DE123456789", "country": "DE"})
    assert saved.status_code == 200, saved.get_json()
    assert saved.get_json()["tax_id"] == "DE123456789" and saved.get_json()["address_lines"] == []


def test_invoices_from_then_on_are_made_out_to_the_business(app, client, user_client, shop, payments_lane):
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    book_and_pay(client, user_client, shop.session.id)  # before: made out to the person
    saved = user_client.put("/me/billing", json=BUSINESS)
    assert saved.status_code == 200 and saved.get_json()["name"] == BUSINESS["name"], saved.get_json()
    assert user_client.get("/me/billing").get_json() == saved.get_json()
    booking = book_and_pay(client, user_client, shop.another.id)
    [later, earlier] = user_client.get("/me/invoices").get_json()["items"]
    assert (later["buyer_name"], later["buyer_tax_id"]) == (BUSINESS["name"], BUYER_GSTIN)
    assert earlier["buyer_tax_id"] is None and earlier["buyer_name"] != BUSINESS["name"]
    text = pdf_text(user_client.get(f"/me/invoices/{later['id']}.pdf").data)
    for field in ("Acme Wellness LLP", "4th floor, Nariman Point", "Mumbai 400021", "Maharashtra (27)", BUYER_GSTIN):
        assert field in text, field
    assert BUYER_GSTIN not in pdf_text(user_client.get(f"/me/invoices/{earlier['id']}.pdf").data)
    user_client.post(f"/bookings/{booking['id']}/cancel", json={})
    payments_lane()
    [note, *_] = user_client.get("/me/invoices").get_json()["items"]
    assert (note["kind"], note["buyer_tax_id"]) == ("credit_note", BUYER_GSTIN)
    exported = shop.owner.get(f"{shop.base}/invoices.csv").data.decode()
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [row["buyer_tax_id"] for row in rows] == ["", BUYER_GSTIN, BUYER_GSTIN]


@pytest.fixture
def shop(shop, make_session, priya):
    """The invoice tests' studio with a second class of priya's, for a booking after the first."""
    shop.another = make_session(capacity=5, starts_in=timedelta(days=5), price=50_000, facilitator_id=priya.id)
    return shop


def test_forgetting_them_leaves_issued_invoices_as_they_were(app, client, user_client, shop):
    assert user_client.put("/me/billing", json=BUSINESS).status_code == 200
    book_and_pay(client, user_client, shop.session.id)
    assert user_client.delete("/me/billing").status_code == 204
    assert user_client.get("/me/billing").status_code == 404
    book_and_pay(client, user_client, shop.another.id)
    [later, earlier] = user_client.get("/me/invoices").get_json()["items"]
    assert (earlier["buyer_tax_id"], later["buyer_tax_id"]) == (BUYER_GSTIN, None)


def test_nobody_signed_out_reads_or_writes_them(client):
    assert client.get("/me/billing").status_code == 401
    assert client.put("/me/billing", json=BUSINESS).status_code == 401
