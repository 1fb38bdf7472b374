"""Emails to the people who book, written to the outbox (channel "email") in the caller's transaction, never
committed here: what each email needs is captured now, so it says what was true when the change was made.

Reminders are outbox messages too, due 24 hours and 2 hours before the start: scheduled when a booking becomes
active (only those still ahead), moved with the session, dropped when the booking or session is cancelled."""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, func, select

from ...delivery.outbox import not_out, outbox_row
from ...extensions import db
from ...models import (
    CHANNEL_EMAIL,
    OUTBOX_DEAD,
    OUTBOX_DELIVERED,
    OUTBOX_PENDING,
    Booking,
    DeliveryAttempt,
    OutboxMessage,
    User,
    utcnow,
)
from ..common.tokens import password_reset_token, unsubscribe_token
from .compose import REMINDER_KINDS

REMINDERS = (("reminder_24h", timedelta(hours=24)), ("reminder_2h", timedelta(hours=2)))


def email_row(kind: str, snapshot: dict, *, booking_id: int | None = None, send_at: datetime | None = None) -> dict:
    """The outbox row of one email (channel "email"): its columns, ready for outbox.insert_rows() or an
    OutboxMessage; due at send_at, or now."""
    payload = {"kind": kind, "snapshot": snapshot}
    return outbox_row(CHANNEL_EMAIL, kind, payload, booking_id=booking_id, send_at=send_at)


def enqueue_email(kind: str, snapshot: dict, *, booking_id: int | None = None, send_at: datetime | None = None):
    """Add one email to the current transaction; it goes only if the transaction commits (at send_at, or now)."""
    message = OutboxMessage(**email_row(kind, snapshot, booking_id=booking_id, send_at=send_at))
    db.session.add(message)
    return message


def _person(user: User) -> dict:
    return {"name": user.name, "email": user.email}


def booking_snapshot(booking, user: User, event_session, event, facilitator):
    """What a booking's emails show: the person, the event in its zone, the session, the calendar SEQUENCE (no
    booking: a place in line); booking, event_session, event and facilitator may be models or rows with the same
    names."""
    snapshot = {
        "to": _person(user),
        "event": {
            "id": event.id,
            "title": event.title,
            "location": event.location,
            "timezone": event.timezone,
            "facilitator": facilitator.name,
        },
        "session": {
            "id": event_session.id,
            "starts_at": event_session.starts_at.isoformat(),
            "ends_at": event_session.ends_at.isoformat(),
        },
    }
    if booking is not None:
        snapshot["booking"] = {"id": booking.id, "sequence": booking.calendar_sequence}
    return snapshot


def mail_booking(kind: str, booking: Booking, user: User, event_session, event, facilitator: User, **extra):
    """Queue one email about a booking (booking_confirmed, booking_cancelled, booking_reactivated, booking_changed)."""
    snapshot = {**booking_snapshot(booking, user, event_session, event, facilitator), **extra}
    return enqueue_email(kind, snapshot, booking_id=booking.id)


def schedule_reminders(booking: Booking, user: User, event_session, event, facilitator: User) -> list[datetime]:
    """Queue the reminders still ahead for an active booking (none if the person turned them off)."""
    rows = reminder_rows(booking, user, event_session, event, facilitator)
    db.session.add_all(OutboxMessage(**row) for row in rows)
    return [row["next_attempt_at"] for row in rows]


def reminder_rows(booking, user: User, event_session, event, facilitator) -> list[dict]:
    """The outbox rows of the reminders still ahead for an active booking (none if the person turned them off);
    booking, event_session, event and facilitator may be models or rows with the same names."""
    if not user.reminders_enabled:
        return []
    snapshot = booking_snapshot(booking, user, event_session, event, facilitator)
    token = unsubscribe_token(user)
    # The header's one-click POST goes to the API; the footer's link to a web page that asks first.
    snapshot["unsubscribe_url"] = f"{current_app.config['PUBLIC_API_URL']}/auth/reminders/unsubscribe?token={token}"
    snapshot["unsubscribe_page"] = f"{current_app.config['PUBLIC_WEB_URL']}/unsubscribe?token={token}"
    now, rows = utcnow(), []
    for kind, before in REMINDERS:
        send_at = event_session.starts_at - before
        if send_at > now:  # booked 3 hours ahead: the 24-hour reminder's time has passed, the 2-hour one's not
            rows.append(email_row(kind, snapshot, booking_id=booking.id, send_at=send_at))
    return rows


def _drop_pending(condition) -> None:
    """Remove the emails matching condition that have not gone yet, with any attempt log they have."""
    pending = (
        select(OutboxMessage.id)
        .where(OutboxMessage.channel == CHANNEL_EMAIL, OutboxMessage.status == OUTBOX_PENDING, condition, not_out())
        .scalar_subquery()
    )
    db.session.execute(
        delete(DeliveryAttempt)
        .where(DeliveryAttempt.message_id.in_(pending))
        .execution_options(synchronize_session=False)
    )
    db.session.execute(
        delete(OutboxMessage).where(OutboxMessage.id.in_(pending)).execution_options(synchronize_session=False)
    )


def drop_reminders(booking_ids: list[int]) -> None:
    """Remove the reminders not yet sent for these bookings (cancelled, moved, or reminders turned off)."""
    if booking_ids:
        _drop_pending(and_(OutboxMessage.booking_id.in_(booking_ids), OutboxMessage.type.in_(REMINDER_KINDS)))


def drop_emails(message_ids: list[str | None]) -> None:
    """Remove these emails if they have not gone yet (None ids are skipped)."""
    if ids := [message_id for message_id in message_ids if message_id]:
        _drop_pending(OutboxMessage.id.in_(ids))


def pending_reminders(booking_ids: list[int]) -> dict[int, list[datetime]]:
    """When each booking's reminders will go, for the ones not sent yet."""
    rows = db.session.execute(
        select(OutboxMessage.booking_id, OutboxMessage.next_attempt_at)
        .where(
            OutboxMessage.channel == CHANNEL_EMAIL,
            OutboxMessage.booking_id.in_(booking_ids),
            OutboxMessage.type.in_(REMINDER_KINDS),
            OutboxMessage.status == OUTBOX_PENDING,
        )
        .order_by(OutboxMessage.next_attempt_at)
    ).all()
    found: dict[int, list[datetime]] = {booking_id: [] for booking_id in booking_ids}
    for booking_id, send_at in rows:
        found[booking_id].append(send_at)
    return found


def email_counts(session_ids: list[int]) -> dict[int, dict]:
    """Per session, its bookings' emails (not reminders): {"sent", "pending", "failed"}."""
    rows = db.session.execute(
        select(Booking.session_id, OutboxMessage.status, func.count(OutboxMessage.id))
        .join(Booking, Booking.id == OutboxMessage.booking_id)
        .where(
            OutboxMessage.channel == CHANNEL_EMAIL,
            OutboxMessage.type.not_in(REMINDER_KINDS),
            Booking.session_id.in_(session_ids),
        )
        .group_by(Booking.session_id, OutboxMessage.status)
    ).all()
    names = {OUTBOX_DELIVERED: "sent", OUTBOX_PENDING: "pending", OUTBOX_DEAD: "failed"}
    counts = {session_id: {"sent": 0, "pending": 0, "failed": 0} for session_id in session_ids}
    for session_id, status, count in rows:
        counts[session_id][names[status]] = count
    return counts


def welcome(user: User):
    """The welcome email of a new account."""
    return enqueue_email("welcome", {"to": _person(user)})


def password_reset(email: str):
    """The password-reset email asked for with email, queued whether or not an account has it, so that asking costs
    the same either way: the email lane finds the account when it sends (complete_password_reset)."""
    return enqueue_email("password_reset", {"email": email})


def complete_password_reset(snapshot: dict) -> dict | None:
    """A queued reset as its email needs it, the account with its email and a one-hour link (signed now, never
    stored); None when no account has the email. Reads the database: the email lane calls it before sending."""
    if "to" in snapshot:  # queued with its account already found
        return snapshot
    user = db.session.execute(
        select(User.id, User.name, User.email, User.token_generation).where(User.email == snapshot["email"])
    ).first()
    if user is None:
        return None
    token = password_reset_token(user)
    return {"to": _person(user), "reset_url": f"{current_app.config['PUBLIC_WEB_URL']}/reset-password?token={token}"}
