"""Retention of notifications: kept for ever by default; with CRM_RETENTION_DAYS, older ones go a batch at a time,
on both stores, by the prune-notifications command or along with writes."""

import datetime as dt

import pytest
from crm_payloads import AUTH, SEED_FLAT, SEED_NESTED, body

from crm_microservice.services import retention
from crm_microservice.services.notifications import build_record
from crm_microservice.storage import get_store

pytestmark = pytest.mark.both_databases


def record(notification_id: str, received_at: dt.datetime) -> dict:
    return build_record(body(SEED_FLAT), {"Idempotency-Key": notification_id}, now=received_at)


@pytest.fixture
def stored(any_app):
    """12 notifications received in 2024 and 3 received now, in the app's store; the ids of the recent ones."""
    old = [record(f"old-{n}", dt.datetime(2024, 3, 1, 12, n, tzinfo=dt.UTC)) for n in range(12)]
    recent = [record(f"new-{n}", dt.datetime.now(dt.UTC)) for n in range(3)]
    with any_app.app_context():
        get_store(any_app).store_many(old + recent)
    retention._due["at"] = 0.0  # another test's app may have pruned in this process a moment ago
    return {r["notification_id"] for r in recent}


def left(app) -> set[str]:
    with app.app_context():
        items, _total = get_store(app).list({}, 1, 100)
    return {item["notification_id"] for item in items}


def test_without_a_retention_nothing_is_pruned(any_app, stored):
    with any_app.app_context():
        assert retention.prune_all() == 0
    assert len(left(any_app)) == 15


def test_old_notifications_go_in_batches_and_recent_ones_stay(any_app, stored):
    any_app.config["CRM_RETENTION_DAYS"] = 30
    with any_app.app_context():
        assert retention.prune_batch(5) == 5
        assert len(left(any_app)) == 10
        assert retention.prune_all(5) == 7
    assert left(any_app) == stored


def test_the_command_prunes_everything_past_retention(any_app, stored):
    any_app.config["CRM_RETENTION_DAYS"] = 30
    result = any_app.test_cli_runner().invoke(args=["prune-notifications"])
    assert result.exit_code == 0 and "12 notifications pruned." in result.output
    assert left(any_app) == stored


def test_a_write_prunes_one_batch_at_most_once_an_interval(any_app, stored, monkeypatch):
    any_app.config["CRM_RETENTION_DAYS"] = 30
    monkeypatch.setattr(retention, "BATCH_SIZE", 5)
    client = any_app.test_client()
    first = client.post("/notify", json=SEED_NESTED, headers={**AUTH, "Idempotency-Key": "write-1"})
    assert first.status_code == 201
    assert len(left(any_app)) == 16 - 5
    second = client.post("/notify", json=SEED_NESTED, headers={**AUTH, "Idempotency-Key": "write-2"})
    assert second.status_code == 201
    assert len(left(any_app)) == 17 - 5  # within the interval: nothing more


@pytest.mark.parametrize(("raw", "days"), [("", 0), ("0", 0), ("365", 365), ("-1", None), ("year", None)])
def test_the_setting_is_a_whole_number_of_days(raw, days):
    from crm_microservice.config import load_config

    if days is None:
        with pytest.raises(RuntimeError, match="CRM_RETENTION_DAYS"):
            load_config({"CRM_RETENTION_DAYS": raw})
    else:
        assert load_config({"CRM_RETENTION_DAYS": raw})["CRM_RETENTION_DAYS"] == days
