"""The CRM's messages: each change adds its notification to the caller's transaction as an outbox row, never
commits."""

from sqlalchemy import select

from main_app.delivery import outbox_row
from main_app.services.common import local_time
from main_app.services.common import option_of_booking as booked_option

from ...extensions import db
from ...models import (
    CHANNEL_CRM,
    GUEST_ACTIVE,
    Booking,
    BookingGuest,
    Event,
    EventSession,
    OutboxMessage,
    User,
    new_message_id,
    utcnow,
)
from .people import booked_session, child_summary, late_cancel, user_summary

BOOKING_TYPES = {"created": "booking_created", "cancelled": "booking_cancelled", "reactivated": "booking_reactivated"}


def _booking_message(booking, action: str, user: User, event_session, event, child: dict | None) -> str:
    verb = {"created": "booked", "cancelled": "cancelled", "reactivated": "reactivated"}[action]
    seats = "a seat" if booking.seats == 1 else f"{booking.seats} seats"
    seats += f" for {child['name']}" if child else ""
    # On the event's clock, its zone named: the inbox and the client's timeline show this to the studio's staff.
    return f"{user.name} {verb} {seats} in {event.title} on {local_time(event_session.starts_at, event.timezone)}"


def _owners(event) -> dict:
    """Whose the event is: who made it and its studio."""
    return {"facilitator_id": event.facilitator_id, "studio_id": event.studio_id}


def _actor_summary(actor: User) -> dict:
    return {"id": actor.id, "role": actor.role}


def message_row(message_type: str, payload: dict, *, actor: User | None = None, message_id: str | None = None) -> dict:
    """The outbox row of a CRM message: its columns, ready for insert_rows() or an OutboxMessage.

    actor (who made the change) goes into data.actor: the CRM files a facilitator's own actions as read.
    message_id may be chosen ahead, when other messages point to this one (a batch's data.batch_id)."""
    message_id = message_id or new_message_id()
    payload = {"notification_id": message_id, "type": message_type, **payload}
    if actor is not None:
        payload["data"] = {**(payload.get("data") or {}), "actor": _actor_summary(actor)}
    return outbox_row(CHANNEL_CRM, message_type, payload, message_id=message_id)


def enqueue(
    message_type: str, payload: dict, *, actor: User | None = None, message_id: str | None = None
) -> OutboxMessage:
    """Add a message to the current transaction; it is sent only if the transaction commits (see message_row)."""
    message = OutboxMessage(**message_row(message_type, payload, actor=actor, message_id=message_id))
    db.session.add(message)
    return message


def booking_change_payload(
    booking,
    action: str,
    user: User,
    event_session,
    event,
    *,
    batch_id: str | None = None,
    payment: dict | None = None,
    guests: list | None = None,
) -> dict:
    """A booking created / cancelled / reactivated, in the CRM's nested shape plus context (see
    enqueue_booking_change); booking, event_session and event may be models or rows with the same names; guests:
    those the booker brought, still coming (objects with name and email)."""
    dependent_id = getattr(booking, "dependent_id", None)
    child = child_summary(dependent_id) if dependent_id is not None else None
    payload = {
        "occurred_at": utcnow().isoformat(),
        "booking_id": booking.id,
        "session_id": event_session.id,
        **_owners(event),
        "user": user_summary(user),
        "event": {"id": event.id, "title": event.title, "start_date": event.starts_at.isoformat()},
        "message": _booking_message(booking, action, user, event_session, event, child),
        "data": {
            "booking_status": booking.status,
            "cancel_reason": booking.cancel_reason,
            "seats": booking.seats,
            "guests": [{"name": g.name, "email": g.email} for g in guests or () if g.status == GUEST_ACTIVE],
            "session": booked_session(event_session, event),
        },
    }
    if child is not None:
        payload["data"]["dependent"] = child  # the seat is this child's: their client counts it
    if action == "cancelled":
        payload["data"]["late_cancel"] = late_cancel(booking, event_session, event)
    if (option := booked_option(booking)) is not None:
        payload["data"]["option"] = option  # the room option its seats are in
    if booking.from_waitlist and action == "created":
        payload["data"]["from_waitlist"] = True  # a freed seat went to the head of the waiting list
    if batch_id is not None:
        payload["data"]["batch_id"] = batch_id
    if payment is not None:
        payload["data"]["payment"] = payment  # a paid seat: reported once the payment succeeded
    return payload


def enqueue_booking_change(
    booking: Booking,
    action: str,
    user: User,
    event_session: EventSession,
    event: Event,
    *,
    actor: User | None = None,
    batch_id: str | None = None,
    payment: dict | None = None,
    guests: list | None = None,
) -> OutboxMessage:
    """Report a booking created / cancelled / reactivated, in the CRM's nested shape plus context.

    actor: who made the change (the booking's user unless given); batch_id: the notification_id of the message
    that sums up the one action this change is part of (a facilitator cancelling a session with its bookings);
    guests: the booking's guests (read here when it has more than one seat and they are not given)."""
    if guests is None and booking.seats > 1:
        guests = db.session.scalars(
            select(BookingGuest).where(BookingGuest.booking_id == booking.id).order_by(BookingGuest.id)
        ).all()
    payload = booking_change_payload(
        booking, action, user, event_session, event, batch_id=batch_id, payment=payment, guests=guests
    )
    return enqueue(BOOKING_TYPES[action], payload, actor=actor or user)


def user_registered_row(user: User) -> dict:
    """The row reporting a new account, in the CRM's typed shape."""
    payload = {
        "timestamp": utcnow().isoformat(),
        "user_id": user.id,
        "message": f"New {user.role} registered: {user.name}",
        "data": {"user": user_summary(user), "role": user.role},
    }
    return message_row("user_registered", payload, actor=user)


def _event_summary(event: Event) -> dict:
    return {
        "id": event.id,
        "title": event.title,
        "kind": event.kind,
        "location": event.location,
        "status": event.status,
        "starts_at": event.starts_at.isoformat(),
        "ends_at": event.ends_at.isoformat(),
    }


def _session_summary(event_session: EventSession, event: Event) -> dict:
    """A session as the CRM keeps it, with its event's zone: the inbox reads its times on that clock."""
    return {
        "id": event_session.id,
        "starts_at": event_session.starts_at.isoformat(),
        "ends_at": event_session.ends_at.isoformat(),
        "capacity": event_session.capacity,
        "seats_taken": event_session.seats_taken,
        "status": event_session.status,
        "timezone": event.timezone,
        "instructor_id": event_session.instructor_id,  # the client book follows a class handed to another
    }


def event_change_row(
    event: Event, action: str, actor: User, changes: dict | None = None, *, message_id: str | None = None
) -> dict:
    """The row of event_created / event_updated / event_cancelled, in the typed shape with ids at top level."""
    payload = {
        "timestamp": utcnow().isoformat(),
        "user_id": actor.id,
        "facilitator_id": event.facilitator_id,
        "studio_id": event.studio_id,
        "event_id": event.id,
        "message": f"{actor.name} {action} the event {event.title}",
        "data": {"event": _event_summary(event), "changes": changes or {}},
    }
    return message_row(f"event_{action}", payload, actor=actor, message_id=message_id)


def enqueue_event_change(event: Event, action: str, actor: User, changes: dict | None = None, **options):
    """Add event_change_row() to the current transaction."""
    message = OutboxMessage(**event_change_row(event, action, actor, changes, **options))
    db.session.add(message)
    return message


def about_session_row(
    kind: str,
    event_session: EventSession,
    event: Event,
    user: User,
    message: str,
    data: dict,
    *,
    booking_id: int | None = None,
    actor: User | None = None,
    message_id: str | None = None,
) -> dict:
    """The row of a typed-shape message about one session (ids at the top level): user_id is whom it is about or who
    acted."""
    payload = {
        "timestamp": utcnow().isoformat(),
        "user_id": user.id,
        "facilitator_id": event.facilitator_id,
        "studio_id": event.studio_id,
        "event_id": event.id,
        "session_id": event_session.id,
        **({"booking_id": booking_id} if booking_id is not None else {}),
        "message": message,
        "data": data,
    }
    return message_row(kind, payload, actor=actor, message_id=message_id)


def _when(event_session: EventSession, event: Event) -> str:
    return f"the {local_time(event_session.starts_at, event.timezone)} session of {event.title}"


def session_change_row(
    event_session: EventSession,
    event: Event,
    action: str,
    actor: User,
    changes: dict | None = None,
    *,
    message_id: str | None = None,
) -> dict:
    """The row of session_created / session_updated / session_cancelled, in the typed shape with ids at top level."""
    data = {"event": _event_summary(event), "session": _session_summary(event_session, event), "changes": changes or {}}
    message = f"{actor.name} {action} {_when(event_session, event)}"
    return about_session_row(
        f"session_{action}", event_session, event, actor, message, data, actor=actor, message_id=message_id
    )


def enqueue_session_change(event_session: EventSession, event: Event, action: str, actor: User, *args, **options):
    """Add session_change_row() to the current transaction."""
    message = OutboxMessage(**session_change_row(event_session, event, action, actor, *args, **options))
    db.session.add(message)
    return message


def session_message_row(event_session: EventSession, event: Event, actor: User, subject: str, recipients: int) -> dict:
    """The row reporting that a facilitator emailed a session's registrants: one message, however many were
    emailed."""
    data = {
        "event": _event_summary(event),
        "session": _session_summary(event_session, event),
        "subject": subject,
        "recipients": recipients,
    }
    message = f"{actor.name} emailed the {recipients} people booked in {_when(event_session, event)}: {subject}"
    return about_session_row("session_message", event_session, event, actor, message, data, actor=actor)


# A request to book an event that requires approval, step by step (the typed shape, ids at the top level).
APPROVAL_STEPS = {
    "approval_requested": "asked to book",
    "booking_approved": "was approved for",
    "booking_declined": "was declined for",
    "approval_expired": "got no decision in time for",
    "approval_withdrawn": "withdrew their request for",
}


def approval_step_row(
    kind: str, booking, user: User, event_session: EventSession, event: Event, *, actor: User | None = None, **data
) -> dict:
    """The row of one step of a request to book (APPROVAL_STEPS): who, which seats, until when the seat was held;
    actor: who took the step (none: the hold's end)."""
    seats = "a seat" if booking.seats == 1 else f"{booking.seats} seats"
    message = f"{user.name} {APPROVAL_STEPS[kind]} {seats} in {_when(event_session, event)}"
    details = {
        "event": _event_summary(event),
        "session": _session_summary(event_session, event),
        "booking_status": booking.status,
        "seats": booking.seats,
        "user": user_summary(user),
        **data,
    }
    return about_session_row(kind, event_session, event, user, message, details, booking_id=booking.id, actor=actor)
