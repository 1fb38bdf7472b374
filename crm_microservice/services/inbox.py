"""An inbox (a facilitator's, or a studio's for its staff): unread count and read marks."""

import datetime as dt

from service_kit.errors import NotFound

from ..storage import Inbox, NotificationStore
from .notifications import present


def unread_count(store: NotificationStore, inbox: Inbox) -> int:
    """How many of this inbox's entries are unread (a batch counts once)."""
    return store.count_unread_entries(inbox)


def mark_read(store: NotificationStore, inbox: Inbox, record_id: int) -> dict:
    """Mark one of this inbox's notifications read, with its batch (summary and members), and return it; another
    inbox's is a 404 too."""
    record = store.mark_read(record_id, inbox, now=dt.datetime.now(dt.UTC))
    if record is None:
        # The same answer as for an unknown id: another inbox's ids are not confirmed to exist.
        raise NotFound(f"No notification {record_id} in your inbox.")
    return present(record)


def mark_all_read(store: NotificationStore, inbox: Inbox) -> dict:
    """Mark every unread notification of this inbox read; `marked` counts inbox entries, as the badge did."""
    entries = unread_count(store, inbox)
    if store.mark_all_read(inbox, now=dt.datetime.now(dt.UTC)) == 0:
        entries = 0  # someone else's click got there first
    return {"marked": entries, "unread": unread_count(store, inbox)}
