"""The interface every notification store offers, and the filter semantics they share."""
from __future__ import annotations  # the stores' `list` method shadows the builtin in annotations

import abc

# Filters compared for equality; `since` (inclusive) and `until` (exclusive) bound received_at.
EQUALITY_FILTERS = ("type", "facilitator_id", "booking_id", "user_id", "event_id", "session_id", "notification_id")


class StoreUnavailable(Exception):
    """The store cannot be read or written right now."""


class NotificationStore(abc.ABC):
    """Stores notification records (dicts with models.RECORD_FIELDS; times are aware UTC datetimes)."""

    name: str

    @abc.abstractmethod
    def add(self, record: dict) -> tuple[dict, bool]:
        """Store a record once per notification_id: (stored record, True) or (the existing one, False)."""

    @abc.abstractmethod
    def list(self, filters: dict, page: int, per_page: int) -> tuple[list[dict], int]:
        """One page of matching records, newest first (received_at, then id), and the total matching."""

    @abc.abstractmethod
    def get_by_notification_id(self, notification_id: str) -> dict | None:
        """The record with this notification_id, or None."""

    @abc.abstractmethod
    def check(self) -> None:
        """Raise StoreUnavailable when the store cannot serve requests."""
