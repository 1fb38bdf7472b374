"""Dates on invoices and credit notes are the studio's days, as its revenue report counts them: a payment at 02:00
in Pune on 1 April is invoiced on 1 April, in the new financial year, not on 31 March as UTC has it."""

from datetime import UTC, datetime

import pytest
from invoice_checks import GST_SETTINGS, book_and_pay, pdf_text

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Studio
from main_app.services.invoices import issue

# 02:00 on 1 April in India (UTC+05:30): still 31 March in UTC.
PUNE_EARLY = datetime(2026, 3, 31, 20, 30, tzinfo=UTC)


@pytest.fixture
def in_pune(app, shop, monkeypatch):
    """The shop on India's clock, issuing its documents at PUNE_EARLY."""
    with app.app_context(), unit_of_work():
        db.session.get(Studio, shop.id).timezone = "Asia/Kolkata"
    monkeypatch.setattr(issue, "utcnow", lambda: PUNE_EARLY)
    return shop


def test_an_invoice_and_its_credit_note_print_the_studios_day(app, client, user_client, in_pune, payments_lane):
    assert in_pune.owner.put(f"{in_pune.base}/invoicing", json=GST_SETTINGS).status_code == 200
    booking = book_and_pay(client, user_client, in_pune.session.id)
    user_client.post(f"/bookings/{booking['id']}/cancel", json={})
    payments_lane()
    note, invoice = user_client.get("/me/invoices").get_json()["items"]
    text = pdf_text(user_client.get(f"/me/invoices/{invoice['id']}.pdf").data)
    assert "01 Apr 2026" in text and "31 Mar 2026" not in text, text
    text = pdf_text(user_client.get(f"/me/invoices/{note['id']}.pdf").data)
    assert "INV-000001 of 01 Apr 2026" in text and "31 Mar 2026" not in text, text
