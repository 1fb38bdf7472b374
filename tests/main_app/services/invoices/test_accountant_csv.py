"""The accountant's CSV opens in a spreadsheet as a person reads it: money in rupees with its decimals beside the
currency it is in, and each document's time on the studio's clock, the header naming the zone."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from invoice_checks import GST_SETTINGS, book_and_pay

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Studio

pytestmark = pytest.mark.both_databases


def test_money_is_in_rupees_and_times_on_the_studios_clock(app, client, user_client, shop):
    with app.app_context(), unit_of_work():
        db.session.get(Studio, shop.id).timezone = "Asia/Kolkata"
    assert shop.owner.put(f"{shop.base}/invoicing", json=GST_SETTINGS).status_code == 200
    book_and_pay(client, user_client, shop.session.id)
    [invoice] = user_client.get("/me/invoices").get_json()["items"]
    [row] = csv.DictReader(io.StringIO(shop.owner.get(f"{shop.base}/invoices.csv").get_data(as_text=True)))
    money = {name: row[name] for name in ("currency", "taxable", "cgst", "sgst", "igst", "tax", "total")}
    assert money == {
        "currency": "INR", "taxable": "1000.00", "cgst": "90.00", "sgst": "90.00", "igst": "0.00", "tax": "180.00",
        "total": "1180.00",
    }  # fmt: skip
    issued = datetime.fromisoformat(invoice["issued_at"]).astimezone(ZoneInfo("Asia/Kolkata"))
    assert row["issued_at (Asia/Kolkata)"] == issued.strftime("%Y-%m-%d %H:%M:%S")
