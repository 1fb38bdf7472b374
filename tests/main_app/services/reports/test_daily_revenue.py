"""The daily revenue figures: the day a document counts on is the studio's, and the migration that made the figures
counts the documents issued before it exactly as they are kept now."""

import importlib.util
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from revenue_sales import sell

import main_app
from main_app.extensions import db
from main_app.services.invoices import revenue_recounted
from main_app.services.invoices.daily import FIGURES, local_day

pytestmark = pytest.mark.both_databases

MIGRATION = Path(main_app.__file__).parent / "migrations" / "versions" / "0057_daily_revenue.py"


def test_a_document_counts_on_the_studio_s_day():
    evening = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)
    assert local_day(evening, "Asia/Kolkata") == date(2026, 11, 28)  # 01:30 the next morning there
    assert local_day(evening, "America/New_York") == date(2026, 11, 27)


def test_the_migration_counts_earlier_documents_as_they_are_kept_now(
    app, client, make_user, client_for, shop, payments_lane
):
    sell(client, make_user, client_for, shop, payments_lane)
    spec = importlib.util.spec_from_file_location("daily_revenue_migration", MIGRATION)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with app.app_context():
        rows = migration._backfill(db.session.connection())
        counted = {(row["day"], row["kind"], row["currency"]): {name: row[name] for name in FIGURES} for row in rows}
        assert counted == revenue_recounted(shop.id) and len(counted) == 3  # drop_in, pack and desk, today
        db.session.rollback()
