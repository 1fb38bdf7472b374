"""Emails to the people who book, written to the outbox (channel "email") in the caller's transaction, never
committed here: what each email needs is captured now, so it says what was true when the change was made.

Reminders are outbox messages too, due 24 hours and 2 hours before the start: scheduled when a booking becomes
active (only those still ahead), moved with the session, dropped when the booking or session is cancelled."""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import joinedload

from main_app.delivery import not_out, outbox_row, waiting
from main_app.services.common import (
    IN_PERSON,
    checkin_session_key,
    password_reset_token,
    qr_text,
    seat_code,
    unsubscribe_token,
)
from main_app.services.common import option_of_booking as booked_option
from main_app.services.notices import companion_id, notice_row
from main_app.services.texts import booking_text_rows, reminder_text_rows

from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    CHANNEL_APP,
    CHANNEL_EMAIL,
    CHANNEL_SMS,
    OUTBOX_DEAD,
    OUTBOX_DELIVERED,
    OUTBOX_PENDING,
    Booking,
    DeliveryAttempt,
    Event,
    EventSession,
    OutboxMessage,
    User,
    utcnow,
)
from .compose import REMINDER_KINDS
from .hosts import session_host

REMINDERS = (("reminder_24h", timedelta(hours=24)), ("reminder_2h", timedelta(hours=2)))
GUEST_REMINDER = "guest_reminder"  # a guest's own reminder (services.bookings.guests), dropped with the booker's


def email_row(kind: str, snapshot: dict, *, booking_id: int | None = None, send_at: datetime | None = None) -> dict:
    """The outbox row of one email (channel "email"): its columns, ready for outbox.insert_rows() or an
    OutboxMessage; due at send_at, or now."""
    payload = {"kind": kind, "snapshot": snapshot}
    return outbox_row(CHANNEL_EMAIL, kind, payload, booking_id=booking_id, send_at=send_at)


def email_rows(kind: str, snapshot: dict, *, booking_id: int | None = None, send_at: datetime | None = None):
    """The outbox rows of one email and, for a kind the notification centre shows, of its notice beside it (due at
    the same time, dropped with it)."""
    email = email_row(kind, snapshot, booking_id=booking_id, send_at=send_at)
    notice = notice_row(kind, snapshot, booking_id=booking_id, send_at=send_at, beside=email["id"])
    return [email] if notice is None else [email, notice]


def enqueue_email(kind: str, snapshot: dict, *, booking_id: int | None = None, send_at: datetime | None = None):
    """Add one email (and its notice) to the current transaction; they go only if the transaction commits (at
    send_at, or now). The email's message."""
    email, *notice = (
        OutboxMessage(**row) for row in email_rows(kind, snapshot, booking_id=booking_id, send_at=send_at)
    )
    db.session.add_all([email, *notice])
    return email


def _person(user: User) -> dict:
    return {"name": user.name, "email": user.email}


def booking_snapshot(booking, user: User, event_session, event, facilitator):
    """What a booking's emails show: the person, the event in its zone, the session and who teaches it, the studio,
    the calendar SEQUENCE (no booking: a place in line); booking, event_session, event and facilitator may be models
    or rows with the same names."""
    studio, instructor = session_host(event_session, event)
    snapshot = {
        "to": {**_person(user), "user_id": user.id},
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
    return snapshot


def checkin_of(session_id: int, booking_id: int, seat: int = 1) -> dict:
    """A seat's check-in code and the text of its QR code, for the emails that show them."""
    key = checkin_session_key(current_app.config["SECRET_KEY"], session_id)
    code = seat_code(key, session_id, booking_id, seat)
    return {"seat": seat, "code": code, "qr": qr_text(session_id, booking_id, seat, code)}


def mail_booking(
    kind: str, booking: Booking, user: User, event_session, event, facilitator: User, send_at=None, **extra
):
    """Queue one email about a booking (booking_confirmed, booking_cancelled, booking_reactivated, booking_changed),
    and a text too where the person has texts on and a text says it (a move, the organiser's cancellation); due at
    send_at, or now."""
    rows = booking_rows(kind, booking, user, event_session, event, facilitator, send_at, **extra)
    messages = [OutboxMessage(**row) for row in rows]
    db.session.add_all(messages)
    return next(message for message in messages if message.channel == CHANNEL_EMAIL)


def booking_rows(kind: str, booking, user: User, event_session, event, facilitator, send_at=None, **extra):
    """The rows of mail_booking(): the text, when one goes, then the email and its notice."""
    snapshot = {**booking_snapshot(booking, user, event_session, event, facilitator), **extra}
    texts = []
    if kind != "booking_cancelled" or extra.get("by") == "facilitator":
        texts = booking_text_rows(kind, booking, user, snapshot, send_at=send_at)
    return texts + email_rows(kind, snapshot, booking_id=booking.id, send_at=send_at)


def schedule_reminders(booking: Booking, user: User, event_session, event, facilitator: User) -> list[datetime]:
    """Queue the reminders still ahead for an active booking (emails unless the person turned them off, the texted
    one if they have texts on); when the emailed ones go."""
    rows = reminder_rows(booking, user, event_session, event, facilitator)
    db.session.add_all(OutboxMessage(**row) for row in rows)
    return emailed_at(rows)


def emailed_at(rows: list[dict]) -> list[datetime]:
    """When the emailed reminders among rows go."""
    return [row["next_attempt_at"] for row in rows if row["channel"] == CHANNEL_EMAIL]


def reminder_rows(booking, user: User, event_session, event, facilitator) -> list[dict]:
    """The outbox rows of the reminders still ahead for an active booking: emails unless the person turned them off,
    a text if they have texts on; booking, event_session, event and facilitator may be models or rows."""
    snapshot = booking_snapshot(booking, user, event_session, event, facilitator)
    texts = reminder_text_rows(booking, user, event_session, snapshot)
    if not user.reminders_enabled:
        return texts + _reminder_notices(texts, snapshot)
    token = unsubscribe_token(user)
    # The header's one-click POST goes to the API; the footer's link to a web page that asks first.
    snapshot["unsubscribe_url"] = f"{current_app.config['PUBLIC_API_URL']}/auth/reminders/unsubscribe?token={token}"
    snapshot["unsubscribe_page"] = f"{current_app.config['PUBLIC_WEB_URL']}/unsubscribe?token={token}"
    now, rows = utcnow(), []
    for kind, before in REMINDERS:
        send_at = event_session.starts_at - before
        if send_at > now:  # booked 3 hours ahead: the 24-hour reminder's time has passed, the 2-hour one's not
            rows.append(email_row(kind, snapshot, booking_id=booking.id, send_at=send_at))
    return rows + texts + _reminder_notices(rows + texts, snapshot)


def _reminder_notices(rows: list[dict], snapshot: dict) -> list[dict]:
    """One notice per reminder the person gets by email or text, due with it."""
    due = {row["type"]: (row["booking_id"], row["next_attempt_at"]) for row in rows}
    notices = (notice_row(kind, snapshot, booking_id=booking_id, send_at=at) for kind, (booking_id, at) in due.items())
    return [notice for notice in notices if notice is not None]


def reschedule_reminders(user: User) -> None:
    """Queue a person's reminders for their active bookings ahead again, as their choices now say (emails, texts,
    the number); in the caller's transaction, after the change."""
    bookings = db.session.scalars(
        select(Booking)
        .join(Booking.session)
        .options(joinedload(Booking.session).joinedload(EventSession.event).joinedload(Event.facilitator))
        .where(Booking.user_id == user.id, Booking.status == BOOKING_ACTIVE, EventSession.starts_at > utcnow())
    ).all()
    drop_reminders([booking.id for booking in bookings])
    for booking in bookings:
        event_session, event = booking.session, booking.session.event
        schedule_reminders(booking, user, event_session, event, event.facilitator)


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


def drop_reminders(booking_ids: list[int]) -> None:
    """Remove the reminders, emailed, texted and in-app, not yet sent for these bookings (cancelled, moved, or reminders
    turned off)."""
    if booking_ids:
        kinds = (*REMINDER_KINDS, GUEST_REMINDER)
        reminders = and_(OutboxMessage.booking_id.in_(booking_ids), OutboxMessage.type.in_(kinds))
        drop_pending(reminders, channels=(CHANNEL_EMAIL, CHANNEL_SMS, CHANNEL_APP))


def drop_emails(message_ids: list[str | None]) -> None:
    """Remove these emails and their notices if they have not gone yet (None ids are skipped)."""
    if ids := [message_id for message_id in message_ids if message_id]:
        drop_pending(OutboxMessage.id.in_(ids + [companion_id(i) for i in ids]), channels=(CHANNEL_EMAIL, CHANNEL_APP))


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
