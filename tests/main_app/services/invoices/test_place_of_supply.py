"""GST's place of supply and its heads: admission to a class or a stay at a retreat is supplied where it is held, an
online class where its buyer is (their billing details, else the studio's state), a pass at the studio; CGST + SGST
within the studio's state, IGST to another state or country."""

import csv
import io

import pytest
from invoice_checks import GST_SETTINGS, book_and_pay

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Event, EventSession, Invoice
from main_app.services.invoices.tax import inter_state, place_of_supply

pytestmark = pytest.mark.both_databases

KARNATAKA = {"country": "IN", "state_code": "29"}


@pytest.fixture
def gst(shop):
    """priya's studio in Karnataka (29), 18 % GST in its prices."""
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    return shop


def _mine(user_client) -> dict:
    [mine] = user_client.get("/me/invoices").get_json()["items"]
    return mine


def _document(app, invoice_id: int) -> tuple[str, list]:
    """(place of supply, [(head, rate, amount)]) of an issued document."""
    with app.app_context():
        row = db.session.get(Invoice, invoice_id)
        return row.place_of_supply, [(h["name"], h["rate"], h["amount"]) for h in row.tax["parts"]]


def test_a_retreat_held_in_goa_is_supplied_in_goa_with_igst(app, client, user_client, gst):
    path = f"{gst.base}/events/{gst.session.event_id}"
    moved = gst.owner.patch(path, json={"location": "Palolem", "location_country": "IN", "location_state_code": "30"})
    assert moved.status_code == 200, moved.get_json()
    assert (moved.get_json()["location_country"], moved.get_json()["location_state_code"]) == ("IN", "30")
    book_and_pay(client, user_client, gst.session.id)
    place, heads = _document(app, _mine(user_client)["id"])
    assert place == "Goa (30)" and heads == [("IGST", 1800, 18_000)]
    [row] = csv.DictReader(io.StringIO(gst.owner.get(f"{gst.base}/invoices.csv").get_data(as_text=True)))
    assert (row["place_of_supply"], row["reverse_charge"], row["igst"]) == ("Goa (30)", "No", "180.00")  # as printed


def test_a_class_at_the_studio_stays_within_the_state(app, client, user_client, gst):
    book_and_pay(client, user_client, gst.session.id)
    place, heads = _document(app, _mine(user_client)["id"])
    assert place == "Karnataka (29)" and heads == [("CGST", 900, 9_000), ("SGST", 900, 9_000)]


def test_an_online_class_is_supplied_where_its_buyer_bills_from(app, client, user_client, gst):
    with app.app_context(), unit_of_work():
        db.session.get(EventSession, gst.session.id).mode = "online"
    billing = {"name": "Asha Rao", "country": "IN", "state_code": "27", "address_lines": ["4 FC Road"], "city": "Pune"}
    assert user_client.put("/me/billing", json=billing).status_code == 200
    book_and_pay(client, user_client, gst.session.id)
    place, heads = _document(app, _mine(user_client)["id"])
    assert place == "Maharashtra (27)" and heads == [("IGST", 1800, 18_000)]


def test_an_online_class_without_billing_details_is_supplied_at_the_studio(app, client, user_client, gst):
    with app.app_context(), unit_of_work():
        db.session.get(EventSession, gst.session.id).mode = "online"
    book_and_pay(client, user_client, gst.session.id)
    assert _document(app, _mine(user_client)["id"])[0] == "Karnataka (29)"


def test_a_credit_note_keeps_its_invoices_place_and_heads(app, client, user_client, gst, payments_lane):
    with app.app_context(), unit_of_work():
        event = db.session.get(Event, gst.session.event_id)
        event.location_country, event.location_state_code = "IN", "30"
    booking = book_and_pay(client, user_client, gst.session.id)
    assert user_client.post(f"/bookings/{booking['id']}/cancel", json={}).status_code == 200
    payments_lane()
    [note, _invoice] = user_client.get("/me/invoices").get_json()["items"]
    assert note["kind"] == "credit_note"
    assert _document(app, note["id"]) == ("Goa (30)", [("IGST", 1800, 18_000)])


@pytest.mark.parametrize(
    ("held", "buyer", "place", "inter"),
    [
        (None, {"country": "IN", "state_code": "27"}, KARNATAKA, False),  # a pass: where its classes are
        ({"country": "IN", "state_code": "30"}, None, {"country": "IN", "state_code": "30"}, True),
        ({"country": None, "state_code": None}, None, KARNATAKA, False),  # at the studio's own address
        ({"country": "TH", "state_code": None}, None, {"country": "TH", "state_code": None}, True),
        ({"online": True}, {"country": "IN", "state_code": "29"}, KARNATAKA, False),
        ({"online": True}, {"country": "IN", "state_code": None}, KARNATAKA, False),
        ({"online": True}, {"country": "DE", "state_code": None}, {"country": "DE", "state_code": None}, True),
    ],
)
def test_the_place_of_supply_follows_the_service(held, buyer, place, inter):
    found = place_of_supply(KARNATAKA, held, buyer)
    assert found == place and inter_state(KARNATAKA, found) is inter


def test_an_event_place_must_be_a_state_of_india(gst, assert_error):
    path = f"{gst.base}/events/{gst.session.event_id}"
    assert_error(gst.owner.patch(path, json={"location_state_code": "28"}), 400, "validation_error")
    wrong = {"location_country": "DE", "location_state_code": "29"}
    assert_error(gst.owner.patch(path, json=wrong), 400, "validation_error", "location_state_code")
