"""Receiving, listing and presenting notifications: plain functions between the views and the store."""

import datetime as dt
import logging
import math
import re
import uuid
from collections.abc import Mapping

import marshmallow as ma

from service_kit.errors import ValidationFailed

from ..privacy import mask_email, mask_emails_in
from ..schemas import (
    NOTIFICATION_ID_PATTERN,
    DataExtrasSchema,
    FlatNotificationSchema,
    NestedNotificationSchema,
    TypedNotificationSchema,
)
from ..storage import Inbox, NotificationStore, Then
from . import retention
from .clients import projection as client_book
from .clients.automated import READ_ON_ARRIVAL
from .shapes import NORMALISERS, flatten_messages

log = logging.getLogger(__name__)

SCHEMAS = {
    "nested": NestedNotificationSchema(),
    "flat": FlatNotificationSchema(),
    "typed": TypedNotificationSchema(),
}
# Built once, like SCHEMAS: building a schema costs more than loading a small object with it.
DATA_EXTRAS = DataExtrasSchema()
# Where the notification id may come from, in order of preference.
ID_HEADERS = ("Idempotency-Key", "webhook-id")
INVALID = "The request is not valid."
TIMES = ("occurred_at", "received_at", "read_at")  # a presented notification's date-times


def receive(store: NotificationStore, payload: dict, headers: Mapping[str, str]) -> tuple[dict, bool]:
    """Validate and normalise one /notify body, store it once: (record, created)."""
    record = build_record(payload, headers, now=dt.datetime.now(dt.UTC))
    stored, created = store.add(record, then=client_book_writes(store, record))
    retention.after_write()
    if created:
        log.info(
            "notification stored id=%s notification_id=%s type=%s format=%s booking_id=%s facilitator_id=%s",
            stored["id"],
            stored["notification_id"],
            stored["type"],
            stored["source_format"],
            stored["booking_id"],
            stored["facilitator_id"],
        )
    else:
        log.info("duplicate notification_id=%s ignored (stored as id=%s)", stored["notification_id"], stored["id"])
    return stored, created


def build_record(payload: dict, headers: Mapping[str, str], now: dt.datetime) -> dict:
    """The store record for a body in any of the three shapes; ValidationError names bad fields."""
    shape = detect_shape(payload)
    try:
        body = SCHEMAS[shape].load(payload)
    except ma.ValidationError as exc:
        raise ValidationFailed(
            f"The notification ({shape} format) is not valid.", details=flatten_messages(exc.messages)
        ) from None
    record = {
        "notification_id": resolve_notification_id(headers, body.get("notification_id")),
        "source_format": shape,
        "message": body.get("message"),
        "data": body.get("data") or {},
        "received_at": now,
        "read_at": None,
        **NORMALISERS[shape](body),
    }
    if record["occurred_at"] is not None:
        record["occurred_at"] = record["occurred_at"].astimezone(dt.UTC)
    actor, batch_id = _data_extras(record["data"])
    # A summary pointing to itself would hide itself in the inbox: it is no member.
    record["batch_id"] = batch_id if batch_id != record["notification_id"] else None
    if actor is not None and record["facilitator_id"] is not None and actor["id"] == record["facilitator_id"]:
        record["read_at"] = now  # the facilitator's own action: nothing new to them
    if record["type"] in READ_ON_ARRIVAL:
        record["read_at"] = now  # an automation's bookkeeping: nothing for staff to act on
    return record


def client_book_writes(store: NotificationStore, record: dict) -> Then:
    """What a new record writes to the store's client book (none without one); 400 naming a bad data field."""
    try:
        # A restored page's rows leave the record either way: they are the book's, never a notification's.
        writes = (
            client_book.writer(record) if store.keeps_client_book or record["type"] == client_book.RESTORED else None
        )
        return writes if store.keeps_client_book else None
    except ma.ValidationError as exc:
        raise ValidationFailed(INVALID, details=flatten_messages(exc.messages, "data")) from None


def _data_extras(data: dict) -> tuple[dict | None, str | None]:
    """data.actor and data.batch_id, checked (both optional: other senders and older shapes have neither)."""
    try:
        extras = DATA_EXTRAS.load(data)
    except ma.ValidationError as exc:
        raise ValidationFailed(INVALID, details=flatten_messages(exc.messages, "data")) from None
    return extras.get("actor"), extras.get("batch_id")


def detect_shape(payload: dict) -> str:
    """nested when `user` is an object, flat when it is a string, typed when a type is given."""
    user = payload.get("user")
    if isinstance(user, dict):
        return "nested"
    if isinstance(user, str):
        return "flat"
    if user is not None:
        raise ValidationFailed(
            INVALID, details={"user": ["Must be an object (nested format) or a string (flat format)."]}
        )
    if "type" in payload or "notification_type" in payload:
        return "typed"
    raise ValidationFailed(
        "The body matches none of the accepted formats: send `user` (nested or flat) or `type` (typed).",
        details={
            "user": ["Missing data for required field (an object, or a string for the flat format)."],
            "type": ["Missing data for required field (when there is no user)."],
        },
    )


def resolve_notification_id(headers: Mapping[str, str], body_id: str | None) -> str:
    """Idempotency-Key, then webhook-id, then the body; without any, a fresh id (no dedupe possible)."""
    for name in ID_HEADERS:
        value = headers.get(name)
        if value is not None:
            if not re.fullmatch(NOTIFICATION_ID_PATTERN, value):
                raise ValidationFailed(INVALID, details={name: ["Must be 1-64 characters of A-Z a-z 0-9 . _ : -"]})
            return value
    return body_id or uuid.uuid4().hex


def list_page(store: NotificationStore, query: dict, inbox: Inbox | None, masked: bool) -> dict:
    """One page of notifications for GET /notifications, with the caller's unread count.

    inbox (a facilitator's or a studio's) scopes everything (page and count) to it, where a batch is one entry (its
    summary, or while that has not arrived its newest member) unless batch_id asks for its members; None: all
    notifications, one by one.
    """
    filters = {key: value for key, value in query.items() if key not in ("page", "per_page")}
    page, per_page = query["page"], query["per_page"]
    if inbox is None:
        records, total = store.list(filters, page, per_page)
        unread = store.count({"unread": True})
    else:
        if filters.pop(inbox.column, inbox.owner_id) != inbox.owner_id:
            records, total = [], 0  # filtering on another owner than the inbox's: nothing of theirs matches
        elif "batch_id" in filters:  # the members of one batch of theirs
            records, total = store.list(dict(filters, **{inbox.column: inbox.owner_id}), page, per_page)
        else:  # their inbox: one entry per batch
            records, total = store.list_inbox(inbox, filters, page, per_page)
        unread = store.count_unread_entries(inbox)
    return {
        "items": [present(record, masked=masked) for record in records],
        "page": page,
        "per_page": per_page,
        "total": total,
        "pages": math.ceil(total / per_page),
        # The whole inbox, whatever the filters: the badge next to it.
        "unread": unread,
    }


def answer(record: dict, created: bool) -> dict:
    """/notify's answer as NotifyResultSchema documents it, ready for JSON: sent as it is, without marshmallow's dump on
    the hot path."""
    notification = present(record)
    for name in TIMES:
        if isinstance(notification[name], dt.datetime):
            notification[name] = notification[name].isoformat()  # as marshmallow's DateTime writes it
    return {"status": "stored" if created else "duplicate", "duplicate": not created, "notification": notification}


def present(record: dict, masked: bool = False) -> dict:
    """The public form of a record; `masked` hides email addresses (anonymous readers)."""
    hide = mask_emails_in if masked else (lambda value: value)
    return {
        "id": record["id"],
        "notification_id": record["notification_id"],
        "type": record["type"],
        "source_format": record["source_format"],
        "booking_id": record["booking_id"],
        "session_id": record["session_id"],
        "facilitator_id": record["facilitator_id"],
        "studio_id": record.get("studio_id"),  # a JSON store's records from before studios have none
        "user": {
            "id": record["user_id"],
            "name": record["user_name"],
            "email": mask_email(record["user_email"]) if masked else record["user_email"],
        },
        "event": {"id": record["event_id"], "title": record["event_title"], "start_date": record["event_start"]},
        "message": hide(record["message"]),
        "data": hide(record["data"]),
        "occurred_at": record["occurred_at"],
        "received_at": record["received_at"],
        # An inbox entry is read when it and all its members are (store.list_inbox adds the members' counts).
        "read": record["read_at"] is not None and not record.get("members_unread"),
        "read_at": record["read_at"],
        "batch_id": record["batch_id"],
        "batch": _batch(record),
    }


def _batch(record: dict) -> dict | None:
    """An inbox entry's batch: its id (the summary's notification_id) and how many members, how many unread."""
    if not record.get("members"):
        return None
    return {
        "id": record["batch_id"] or record["notification_id"],
        "count": record["members"],
        "unread": record["members_unread"],
    }
