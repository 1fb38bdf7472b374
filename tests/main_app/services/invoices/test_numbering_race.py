"""Invoice numbers under concurrency: many payments of one studio succeeding at once take consecutive numbers,
none twice and none skipped, on SQLite (one writer at a time) and PostgreSQL (the counter row's UPDATE waits)."""

import pytest
import sqlalchemy as sa
from racing import race

from main_app.extensions import db
from main_app.models import INVOICE, Invoice, StudioInvoicing
from main_app.services.payments import PAYMENT_SUCCEEDED, records

pytestmark = pytest.mark.both_databases

# Enough at once to interleave every step; not so many that, on a loaded two-core machine, the last waits past the
# connection pool's 30 seconds (200 did: TimeoutError, a 500).
PAYMENTS = 60
PACK = {"name": "Race pack", "kind": "pack", "credits": 1, "valid_days": 30, "price": 50_000}


def _checkouts(shop, user_client, count: int) -> list[str]:
    """count pending pass purchases of the person's, each with its own checkout: their references."""
    product = shop.owner.post(f"{shop.base}/passes", json=PACK).get_json()
    references = []
    for _ in range(count):
        bought = user_client.post(f"/passes/{product['id']}/buy", json={})
        assert bought.status_code in (200, 201), bought.get_json()
        references.append(bought.get_json()["checkout_url"].rsplit("/", 1)[1])
    return references


def test_payments_at_once_take_consecutive_numbers_without_gaps(app, client, user_client, shop):
    references = _checkouts(shop, user_client, PAYMENTS)
    with app.app_context():
        provider = records.provider("test")
        webhooks = [provider.signed_event(PAYMENT_SUCCEEDED, ref, PACK["price"], "INR") for ref in references]

    def deliver(body: bytes, headers: dict):
        return lambda: client.post(
            "/payments/webhook/test", data=body, headers={**headers, "Content-Type": "application/json"}
        ).get_json()

    answers = race([deliver(*webhook) for webhook in webhooks])
    assert [answer["result"] for answer in answers] == ["applied"] * PAYMENTS
    with app.app_context():
        numbers = db.session.scalars(
            sa.select(Invoice.number).where(Invoice.studio_id == shop.id, Invoice.kind == INVOICE)
        ).all()
        assert sorted(numbers) == list(range(1, PAYMENTS + 1))
        counter = sa.select(StudioInvoicing.next_invoice).where(StudioInvoicing.studio_id == shop.id)
        assert db.session.scalar(counter) == PAYMENTS + 1
        paid = db.session.scalars(sa.select(Invoice.payment_id).where(Invoice.studio_id == shop.id)).all()
        assert len(set(paid)) == PAYMENTS
    lines = shop.owner.get(f"{shop.base}/invoices.csv").get_data(as_text=True).splitlines()
    assert len(lines) == PAYMENTS + 1 and lines[-1].startswith(f"INV-{PAYMENTS:06d},")  # read in batches, oldest first
