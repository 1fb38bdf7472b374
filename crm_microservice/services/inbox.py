"""A facilitator's inbox: the notifications about their events, and which of them they have read."""

import datetime as dt

from service_kit.errors import NotFound

from ..storage import NotificationStore
from .notifications import present


def unread_count(store: NotificationStore, facilitator_id: int) -> int:
    """How many of this facilitator's inbox entries are unread (a batch counts once)."""
    return store.count_unread_entries(facilitator_id)


def mark_read(store: NotificationStore, facilitator_id: int, record_id: int) -> dict:
    """Mark one of this facilitator's notifications read, with its batch (summary and members), and return it;
    someone else's is a 404 too."""
    record = store.mark_read(record_id, facilitator_id, now=dt.datetime.now(dt.UTC))
    if record is None:
        # The same answer as for an unknown id: another facilitator's ids are not confirmed to exist.
        raise NotFound(f"No notification {record_id} in your inbox.")
    return present(record)


def mark_all_read(store: NotificationStore, facilitator_id: int) -> dict:
    """Mark every unread notification of this facilitator read; `marked` counts inbox entries, as the badge did."""
    entries = unread_count(store, facilitator_id)
    if store.mark_all_read(facilitator_id, now=dt.datetime.now(dt.UTC)) == 0:
        entries = 0  # someone else's click got there first
    return {"marked": entries, "unread": unread_count(store, facilitator_id)}
