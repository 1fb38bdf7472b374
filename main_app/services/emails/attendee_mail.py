"""Emails to the people who book, written to the outbox (channel "email") in the caller's transaction, never
committed here: what each email needs is captured now, so it says what was true when the change was made.

Reminders are outbox messages too, due 24 hours and 2 hours before the start: scheduled when a booking becomes
active (only those still ahead), moved with the session, dropped when the booking or session is cancelled."""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from main_app.delivery import not_out, outbox_row, waiting
from main_app.services.common import (
    IN_PERSON,
    booked_child,
    checkin_session_key,
    password_reset_token,
    qr_text,
    seat_code,
)
from main_app.services.common import option_of_booking as booked_option

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
)
from .compose import REMINDER_KINDS
from .hosts import session_host

REMINDERS = (("reminder_24h", timedelta(hours=24)), ("reminder_2h", timedelta(hours=2)))
GUEST_REMINDER = "guest_reminder"  # a guest's own reminder (services.bookings.guests), dropped with the booker's


def email_row(
    kind: str, snapshot: dict, *, booking_id: int | None = None, send_at: datetime | None = None, message_id=None
) -> dict:
    """The outbox row of one email (channel "email"): its columns, ready for outbox.insert_rows() or an
    OutboxMessage; due at send_at, or now (message_id: its id, named ahead)."""
    payload = {"kind": kind, "snapshot": snapshot}
    return outbox_row(CHANNEL_EMAIL, kind, payload, message_id=message_id, booking_id=booking_id, send_at=send_at)


def _person(user: User) -> dict:
    return {"name": user.name, "email": user.email}


def booking_snapshot(booking, user: User, event_session, event, organiser):
    """What a booking's emails show: the person, the event in its zone, the session and who teaches it, the studio,
    the calendar SEQUENCE (no booking: a place in line); booking, event_session, event and organiser (whom the emails
    name as the event's facilitator) may be models or rows with the same names."""
    studio, instructor = session_host(event_session, event)
    snapshot = {
        "to": {**_person(user), "user_id": user.id},
        "event": {
            "id": event.id,
            "title": event.title,
            "location": event.location,
            "timezone": event.timezone,
            "facilitator": organiser.name,
        },
        "session": {
            "id": event_session.id,
            "starts_at": event_session.starts_at.isoformat(),
            "ends_at": event_session.ends_at.isoformat(),
            "instructor": instructor,
            "mode": getattr(event_session, "mode", IN_PERSON),  # online or hybrid: the emails carry the join page
        },
        "studio": studio,
    }
    if booking is not None:
        snapshot["booking"] = {"id": booking.id, "sequence": booking.calendar_sequence}
        snapshot["checkin"] = checkin_of(event_session.id, booking.id)
        if (option := booked_option(booking)) is not None:
            snapshot["option"] = option  # the room booked: a line of every booking email
        if (child := booked_child(booking)) is not None:
            snapshot["child"] = child  # whom of the family the seat is for: a line too
    return snapshot


def checkin_of(session_id: int, booking_id: int, seat: int = 1) -> dict:
    """A seat's check-in code and the text of its QR code, for the emails that show them."""
    key = checkin_session_key(current_app.config["SECRET_KEY"], session_id)
    code = seat_code(key, session_id, booking_id, seat)
    return {"seat": seat, "code": code, "qr": qr_text(session_id, booking_id, seat, code)}


def drop_pending(condition, channels=(CHANNEL_EMAIL,)) -> None:
    """Remove the messages (emails, unless channels says) matching condition that have not gone yet, with any
    attempt log they have."""
    pending = (
        select(OutboxMessage.id)
        .where(OutboxMessage.channel.in_(channels), waiting(), condition, not_out())
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


def pending_reminders(booking_ids: list[int]) -> dict[int, list[datetime]]:
    """When each booking's reminders will go, for the ones not sent yet."""
    rows = db.session.execute(
        select(OutboxMessage.booking_id, OutboxMessage.next_attempt_at)
        .where(
            OutboxMessage.channel == CHANNEL_EMAIL,
            OutboxMessage.booking_id.in_(booking_ids),
            OutboxMessage.type.in_(REMINDER_KINDS),
            waiting(),
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


def complete_account_made(snapshot: dict) -> dict | None:
    """An account_made email as it goes: with a one-hour link to set the password, signed now; None when the account
    is gone. Reads the database: the email lane calls it before sending."""
    user = db.session.execute(
        select(User.id, User.token_generation).where(User.id == snapshot["to"]["user_id"])
    ).first()
    if user is None:
        return None
    token = password_reset_token(user)
    return {**snapshot, "reset_url": f"{current_app.config['PUBLIC_WEB_URL']}/reset-password?token={token}"}


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
