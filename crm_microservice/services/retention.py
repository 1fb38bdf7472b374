"""Retention of notifications: none by default; with CRM_RETENTION_DAYS, those received longer ago are deleted a
batch at a time, by `flask prune-notifications` or, at most once a minute per process, after a /notify stored one."""

import datetime as dt
import threading
import time

from flask import current_app

from ..storage import get_store

BATCH_SIZE = 500
INTERVAL = 60.0  # seconds between batches pruned along with writes, per process
_due = {"at": 0.0}
_lock = threading.Lock()


def prune_batch(batch_size: int = BATCH_SIZE) -> int:
    """One batch of notifications past retention (none when CRM_RETENTION_DAYS is unset or 0); how many."""
    days = current_app.config["CRM_RETENTION_DAYS"]
    if days <= 0:
        return 0
    older_than = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
    return get_store(current_app).prune(older_than, batch_size)


def prune_all(batch_size: int = BATCH_SIZE) -> int:
    """Every notification past retention, a batch (one short transaction or file write) at a time; how many."""
    total = 0
    while pruned := prune_batch(batch_size):
        total += pruned
    return total


def after_write() -> int:
    """One batch, when retention is on and this process has not pruned for INTERVAL seconds."""
    if current_app.config["CRM_RETENTION_DAYS"] <= 0:
        return 0
    with _lock:
        if time.monotonic() < _due["at"]:
            return 0
        _due["at"] = time.monotonic() + INTERVAL
    return prune_batch(BATCH_SIZE)
