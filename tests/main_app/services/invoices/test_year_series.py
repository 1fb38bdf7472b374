"""Numbers by India's financial year: SY/25-26/000001 on, each year from 000001 again on the studio's day of 1
April, within 16 characters; a prefix that leaves no room is refused."""

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from invoice_checks import GST_SETTINGS, book_and_pay

from main_app.database import unit_of_work
from main_app.extensions import db
from main_app.models import Studio, StudioInvoicing
from main_app.services.invoices import continue_numbering, issue
from main_app.services.invoices.numbers import financial_year, formatted

pytestmark = pytest.mark.both_databases

BY_YEAR = GST_SETTINGS | {"invoice_prefix": "SY/", "credit_note_prefix": "SC/", "financial_year_series": True}


def test_a_series_by_financial_year_restarts_on_the_studios_first_of_april(
    app, client, make_user, client_for, shop, monkeypatch
):
    with app.app_context(), unit_of_work():
        db.session.get(Studio, shop.id).timezone = "Asia/Kolkata"
    monkeypatch.setattr(issue, "utcnow", lambda: datetime(2026, 3, 30, 6, 0, tzinfo=UTC))
    book_and_pay(client, client_for(make_user(name="Before The Switch")), shop.session.id)  # INV-000001
    assert shop.owner.put(f"{shop.base}/invoicing", json=BY_YEAR).status_code == 200
    moments = [
        datetime(2026, 3, 31, 18, 0, tzinfo=UTC),  # 23:30 on 31 March in India: 25-26, its second document
        datetime(2026, 3, 31, 18, 45, tzinfo=UTC),  # 00:15 on 1 April in India: 26-27, from 000001
        datetime(2026, 4, 2, 9, 0, tzinfo=UTC),
    ]
    for n, moment in enumerate(moments):
        monkeypatch.setattr(issue, "utcnow", lambda moment=moment: moment)
        book_and_pay(client, client_for(make_user(name=f"Payer {n}")), shop.session.id)
    items = sorted(shop.owner.get(f"{shop.base}/invoices").get_json()["items"], key=lambda item: item["id"])
    numbers = [item["number"] for item in items]
    assert numbers == ["INV-000001", "SY/25-26/000002", "SY/26-27/000001", "SY/26-27/000002"], numbers


def test_a_moved_studios_year_series_goes_on_after_the_documents_it_brought(
    app, client, make_user, client_for, shop, monkeypatch
):
    assert shop.owner.put(f"{shop.base}/invoicing", json=BY_YEAR).status_code == 200
    monkeypatch.setattr(issue, "utcnow", lambda: datetime(2026, 2, 2, 9, 0, tzinfo=UTC))
    for n in range(2):
        book_and_pay(client, client_for(make_user(name=f"Before The Move {n}")), shop.session.id)
    with app.app_context(), unit_of_work():  # as a studio import leaves it: the documents, no counters
        db.session.execute(sa.delete(StudioInvoicing).where(StudioInvoicing.studio_id == shop.id))
        continue_numbering(shop.id)
    assert shop.owner.put(f"{shop.base}/invoicing", json=BY_YEAR).status_code == 200
    book_and_pay(client, client_for(make_user(name="After The Move")), shop.session.id)
    items = sorted(shop.owner.get(f"{shop.base}/invoices").get_json()["items"], key=lambda item: item["id"])
    assert [item["number"] for item in items] == ["SY/25-26/000001", "SY/25-26/000002", "SY/25-26/000003"]


def test_a_prefix_too_long_for_a_year_series_is_refused(shop):
    answer = shop.owner.put(f"{shop.base}/invoicing", json=BY_YEAR | {"invoice_prefix": "SHRI/"})
    assert answer.status_code in (400, 422) and "invoice_prefix" in str(answer.get_json()["error"]["details"])


def test_numbers_by_year_stay_within_16_characters():
    assert (
        financial_year(datetime(2026, 3, 31).date()) == "25-26"
        and financial_year(datetime(2099, 4, 1).date()) == "99-00"
    )
    assert len(formatted("SY/", 9_999_999, "25-26")) == 16 and len(formatted("LOTUS-INV", 9_999_999)) == 16
