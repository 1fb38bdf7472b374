"""Receiving many notifications in one request (POST /notify/batch): each item judged alone, all stored at once."""

import datetime as dt
import logging
import re

from service_kit.errors import UNKNOWN_FIELD, ValidationFailed

from ..schemas import MAX_BATCH_ITEMS, NOTIFICATION_ID_PATTERN
from ..storage import NotificationStore, Then
from . import retention
from .notifications import INVALID, build_record, client_book_writes

log = logging.getLogger(__name__)

# A batch item has no headers of its own: its id can only come from its body.
NO_HEADERS: dict[str, str] = {}
STATUSES = ("stored", "duplicate", "invalid")


def receive_batch(store: NotificationStore, payload: dict) -> dict:
    """Validate each item as /notify would, store the valid ones in one transaction, each id once: per-item results
    in the order sent, and how many of each status."""
    items = batch_items(payload)
    now = dt.datetime.now(dt.UTC)
    results: list[dict] = []
    first: dict[str, int] = {}  # notification_id -> its first valid item's place in results and records
    records: list[dict] = []
    thens: list[Then] = []  # each record's client-book writes
    for item in items:
        try:
            record = _item_record(item, now)
            then = client_book_writes(store, record)
        except ValidationFailed as exc:
            error = {"code": exc.code, "message": exc.message, "details": exc.details}
            results.append({"notification_id": _stated_id(item), "status": "invalid", "error": error})
            continue
        notification_id = record["notification_id"]
        if notification_id in first:  # a repeat within the batch counts once, like a repeat on /notify
            results.append({"notification_id": notification_id, "status": "duplicate"})
            continue
        first[notification_id] = len(results)
        records.append(record)
        thens.append(then)
        results.append({"notification_id": notification_id, "status": "stored"})
    for record, created in zip(records, store.store_many(records, thens) if records else [], strict=True):
        if not created:
            results[first[record["notification_id"]]]["status"] = "duplicate"
    retention.after_write()
    counts = {status: sum(1 for result in results if result["status"] == status) for status in STATUSES}
    log.info(
        "notification batch of %d: stored=%d duplicate=%d invalid=%d",
        len(items),
        counts["stored"],
        counts["duplicate"],
        counts["invalid"],
    )
    return {"results": results, **counts}


def batch_items(payload: dict) -> list:
    """The body's `notifications`: a list of 1..MAX_BATCH_ITEMS entries, and nothing else, or the whole request is
    a 400."""
    if unknown := sorted(set(payload) - {"notifications"}):
        raise ValidationFailed(INVALID, details={name: [UNKNOWN_FIELD] for name in unknown})
    items = payload.get("notifications")
    if not isinstance(items, list):
        problem = "Missing data for required field." if items is None else "Must be a list of notifications."
        raise ValidationFailed(INVALID, details={"notifications": [problem]})
    if not 1 <= len(items) <= MAX_BATCH_ITEMS:
        raise ValidationFailed(
            INVALID, details={"notifications": [f"Must hold 1 to {MAX_BATCH_ITEMS} notifications, not {len(items)}."]}
        )
    return items


def _item_record(item, now: dt.datetime) -> dict:
    """One item's store record, normalised exactly as /notify does it; ValidationFailed names what is wrong (text
    that cannot be stored too: the shapes' schemas refuse it, as BaseSchema does everywhere)."""
    if not isinstance(item, dict):
        raise ValidationFailed(INVALID, details={"body": [f"Must be a JSON object, not {type(item).__name__}."]})
    if item.get("notification_id") is None:
        # Without an id a retry of the batch would store it again.
        raise ValidationFailed(
            INVALID, details={"notification_id": ["Missing data for required field (each item carries its own id)."]}
        )
    return build_record(item, NO_HEADERS, now=now)


def _stated_id(item) -> str | None:
    """An invalid item's notification_id when it is a well-formed one (so the sender can tell which it was)."""
    value = item.get("notification_id") if isinstance(item, dict) else None
    return value if isinstance(value, str) and re.fullmatch(NOTIFICATION_ID_PATTERN, value) else None
