"""The interface every notification store offers, and the filter semantics they share."""

from __future__ import annotations  # the stores' `list` method shadows the builtin in annotations

import abc
import dataclasses
import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa

# Filters compared for equality; `since` (inclusive) and `until` (exclusive) bound received_at;
# `unread` (bool) keeps notifications without (True) or with (False) a read_at.
EQUALITY_FILTERS = (
    "type",
    "facilitator_id",
    "studio_id",
    "booking_id",
    "user_id",
    "event_id",
    "session_id",
    "notification_id",
    "batch_id",
)

# What staff did themselves and read in a client's timeline alone, never in an inbox: nothing new to them.
TIMELINE_ONLY = ("whatsapp_answered",)

# The notifications that make up a booking's history, and how its current state is named.
BOOKING_CREATED = "booking_created"
BOOKING_CANCELLED = "booking_cancelled"
BOOKING_TYPES = (BOOKING_CREATED, BOOKING_CANCELLED, "booking_reactivated")
# Filters of the booking read model, compared with the folded (current) state.
BOOKING_FILTERS = ("status", "event_id", "session_id")


# What to write with a new notification, in its transaction (the client book's projection); None: nothing.
Then = Callable[[], None] | None
# A write that reads what the batch's other writes made (an erasure, a child's leaving): it carries this attribute,
# true, and runs after them.
AFTER_THE_REST = "after_the_rest"


@dataclasses.dataclass(frozen=True)
class Inbox:
    """Whose inbox: a facilitator's (column "facilitator_id", the seed's) or a studio's (column "studio_id")."""

    column: str
    owner_id: int

    def holds(self, record: dict) -> bool:
        """Whether the record is in this inbox."""
        return record.get(self.column) == self.owner_id and record.get("type") not in TIMELINE_ONLY

    def of(self, model):
        """The SQL condition putting a row of model (or an alias of it) in this inbox."""
        return sa.and_(getattr(model, self.column) == self.owner_id, model.type.not_in(TIMELINE_ONLY))


class StoreUnavailable(Exception):
    """The store cannot be read or written right now."""


class NotificationStore(abc.ABC):
    """Stores notification records (dicts with models.RECORD_FIELDS; times are aware UTC datetimes)."""

    name: str

    # Whether the store keeps the client book (its tables and the projection `then` writes).
    keeps_client_book = False

    @abc.abstractmethod
    def add(self, record: dict, then: Then = None) -> tuple[dict, bool]:
        """Store a record once per notification_id: (stored record, True) or (the existing one, False); then runs in
        the same transaction when it is new (a store without a client book ignores it)."""

    @abc.abstractmethod
    def store_many(self, records: list[dict], then: list[Then] | None = None) -> list[bool]:
        """Store records (distinct notification_ids) in one transaction, each once: for each, whether it is new
        (True) or was already stored (False, the stored one kept). All or nothing: a failure stores none. then[i]
        runs in that transaction when records[i] is new."""

    @abc.abstractmethod
    def list(self, filters: dict, page: int, per_page: int) -> tuple[list[dict], int]:
        """One page of matching records, newest first (received_at, then id), and the total matching."""

    @abc.abstractmethod
    def count(self, filters: dict) -> int:
        """How many records match (the same filters as list)."""

    @abc.abstractmethod
    def list_inbox(self, inbox: Inbox, filters: dict, page: int, per_page: int) -> tuple[list[dict], int]:
        """One page of this inbox (a facilitator's or a studio's), newest first, and the total: one entry per group.

        A group's entry is its record without batch_id (a batch's summary, or a notification on its own), else
        (the summary has not arrived, or is not theirs) its newest member; each entry also carries `members`
        (how many records of the group have a batch_id) and `members_unread`. The filters of list apply to the
        entries, but `unread`, which means the group: an entry is unread while any record of its group is.
        """

    @abc.abstractmethod
    def count_unread_entries(self, inbox: Inbox) -> int:
        """How many groups of this inbox hold an unread record: list_inbox's total with unread=True."""

    @abc.abstractmethod
    def get_by_notification_id(self, notification_id: str) -> dict | None:
        """The record with this notification_id, or None."""

    @abc.abstractmethod
    def mark_read(self, record_id: int, inbox: Inbox, now: dt.datetime) -> dict | None:
        """Set read_at (once: the first read is kept) on this inbox's record and the rest of its group;
        the record, or None if there is none."""

    @abc.abstractmethod
    def mark_all_read(self, inbox: Inbox, now: dt.datetime) -> int:
        """Set read_at on every unread record of this inbox; how many were marked."""

    @abc.abstractmethod
    def list_bookings(self, facilitator_id: int, filters: dict, page: int, per_page: int) -> tuple[list[dict], int]:
        """One page of this facilitator's bookings in their current state, and the total matching.

        Each booking's booking_* notifications are folded into the latest (by happened_at, then received_at,
        then id); an item is that record plus `status` ("active" | "cancelled"), `updated_at` (its
        happened_at) and `booked_at` (the happened_at of booking_created, None if it never arrived).
        Filtered by BOOKING_FILTERS on that state; most recently changed first, then booking_id.
        """

    @abc.abstractmethod
    def prune(self, older_than: dt.datetime, batch_size: int) -> int:
        """Delete up to batch_size notifications received before older_than, oldest first; how many."""

    @abc.abstractmethod
    def check(self) -> None:
        """Raise StoreUnavailable when the store cannot serve requests."""


def group_key(record: dict) -> str:
    """The inbox groups a batch's summary with its members: those have the summary's id as batch_id."""
    return record["batch_id"] or record["notification_id"]


def happened_at(record: dict) -> dt.datetime:
    """When the change happened: occurred_at as sent, else when the CRM received it."""
    return record["occurred_at"] or record["received_at"]


def booking_status(notification_type: str) -> str:
    """The state a booking is in after a notification of this type."""
    return "cancelled" if notification_type == BOOKING_CANCELLED else "active"


def in_lock_order(records: list[dict], thens: list[Then], inserted: set[str]) -> list:
    """The client-book writes of the records this batch stored, by client: each locks its client's row first, and
    batches about the same people in other orders deadlocked on PostgreSQL. A client's own in the order they
    happened: a tag added then taken off is off."""

    def key(pair: tuple) -> tuple:
        """An erasure (AFTER_THE_REST) last: once the rest of the batch made the rows naming its person."""
        record, then = pair
        return (
            getattr(then, AFTER_THE_REST, False),
            record.get("studio_id") or 0,
            record.get("user_id") or 0,
            happened_at(record),
            record["notification_id"],
        )

    kept = [pair for pair in zip(records, thens, strict=False) if pair[1] and pair[0]["notification_id"] in inserted]
    return [after for _, after in sorted(kept, key=key)]
