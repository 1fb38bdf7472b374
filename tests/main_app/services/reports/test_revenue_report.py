"""The revenue report as a studio's owner reads it: money taken and given back by what was sold, by period and
against the span before, reconciled with the payments and refunds themselves; what clients owe and are owed."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from invoice_checks import PRICE
from revenue_sales import sell
from sqlalchemy import func, select

from main_app.extensions import db
from main_app.models import (
    PAYMENT_SUCCEEDED,
    REFUND_PROCESSED,
    Booking,
    Event,
    EventSession,
    Pass,
    Payment,
    PaymentRefund,
)

pytestmark = pytest.mark.both_databases


def _money_of(app, studio_id: int) -> tuple[int, int]:
    """(received, refunded) of the studio's payments, added up from the payments and refunds themselves."""
    with app.app_context():
        of_studio = (
            select(Payment.id)
            .outerjoin(Pass, Pass.id == Payment.pass_id)
            .outerjoin(Booking, Booking.id == Payment.booking_id)
            .outerjoin(EventSession, EventSession.id == Booking.session_id)
            .outerjoin(Event, Event.id == EventSession.event_id)
            .where((Pass.studio_id == studio_id) | (Event.studio_id == studio_id))
        )
        mine = Payment.id.in_(of_studio)
        received = db.session.scalar(select(func.sum(Payment.amount)).where(mine, Payment.status == PAYMENT_SUCCEEDED))
        whole = func.coalesce(Payment.refund_amount, Payment.amount)
        refunded = db.session.scalar(
            select(func.coalesce(func.sum(whole), 0)).where(mine, Payment.refund_status == REFUND_PROCESSED)
        )
        by_staff = select(func.coalesce(func.sum(PaymentRefund.amount), 0)).where(
            PaymentRefund.payment_id.in_(of_studio), PaymentRefund.status == REFUND_PROCESSED
        )
        return received, refunded + db.session.scalar(by_staff)


def test_revenue_adds_up_to_the_payments_and_refunds_by_what_was_sold(
    app, client, make_user, client_for, shop, payments_lane
):
    sell(client, make_user, client_for, shop, payments_lane)
    report = shop.owner.get(f"{shop.base}/reports/revenue").get_json()
    received, refunded = _money_of(app, shop.id)
    totals = report["totals"]
    assert (totals["gross"], totals["refunds"], totals["net"]) == (received, refunded, received - refunded)
    assert (totals["gross"], totals["refunds"]) == (3 * PRICE + 250_000 + PRICE, PRICE)  # worked by hand
    assert (totals["invoices"], totals["credit_notes"]) == (5, 1)
    kinds = {kind: (f["gross"], f["refunds"]) for kind, f in report["kinds"].items() if f["gross"] or f["refunds"]}
    assert kinds == {"drop_in": (3 * PRICE, PRICE), "pack": (250_000, 0), "desk": (PRICE, 0)}
    assert len(report["periods"]) == 30 and sum(period["gross"] for period in report["periods"]) == received
    assert report["periods"][-1]["start"] == report["to"] and report["periods"][-1]["net"] == received - refunded
    assert report["previous"]["gross"] == 0 and report["other_currencies"] == {}
    assert report["owed"] == {"instalments_due": 0, "unused_credits": 5, "unused_credits_worth": 250_000}


def test_revenue_by_month_as_csv_and_a_span_it_refuses(app, client, make_user, client_for, shop, payments_lane):
    sell(client, make_user, client_for, shop, payments_lane)
    report = shop.owner.get(f"{shop.base}/reports/revenue?by=month").get_json()
    answer = shop.owner.get(f"{shop.base}/reports/revenue?by=month&format=csv")
    assert answer.mimetype == "text/csv" and "attachment" in answer.headers["Content-Disposition"]
    header, *rows = csv.reader(io.StringIO(answer.get_data(as_text=True)))
    assert header == ["period", "currency", "gross", "refunds", "net", "tax", "invoices", "credit_notes"]
    assert [row[0] for row in rows] == [period["start"] for period in report["periods"]]
    # Rupees with their decimals beside the currency, never paise a spreadsheet reads as rupees.
    assert {row[1] for row in rows} == {"INR"} and all(row[4].endswith(".00") for row in rows)
    assert sum(Decimal(row[4]) for row in rows) * 100 == report["totals"]["net"]
    for query in ("from=2026-02-01&to=2026-01-01", "from=2020-01-01&to=2026-01-01", "by=year", "from=soon"):
        refused = shop.owner.get(f"{shop.base}/reports/revenue?{query}")
        assert refused.status_code == 400 and refused.get_json()["error"]["code"] in (
            "report_range_invalid",
            "validation_error",
        ), query


@pytest.mark.parametrize("report", ["revenue", "clients", "attendance", "pay"])
@pytest.mark.parametrize("query", ["from=0001-01-01&to=0001-01-31", "from=9999-12-01&to=9999-12-31"])
def test_a_span_at_the_calendars_ends_is_refused_not_a_500(shop, report, query):
    refused = shop.owner.get(f"{shop.base}/reports/{report}?{query}")
    assert refused.status_code == 400, refused.get_data(as_text=True)
    assert refused.get_json()["error"]["code"] == "report_dates_out_of_range"


def test_a_span_before_the_sales_compares_with_them(app, client, make_user, client_for, shop, payments_lane):
    sell(client, make_user, client_for, shop, payments_lane)
    today = shop.owner.get(f"{shop.base}/reports/revenue").get_json()["to"]
    later = shop.owner.get(f"{shop.base}/reports/revenue?from={today}&to={today}").get_json()
    following = (date.fromisoformat(today) + timedelta(days=1)).isoformat()  # nothing sold; the day before, all
    after = shop.owner.get(f"{shop.base}/reports/revenue?from={following}&to={following}").get_json()
    assert after["totals"]["gross"] == 0 and after["previous"] == later["totals"] | {"from": today}
