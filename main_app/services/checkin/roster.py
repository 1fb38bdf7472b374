"""A session's roster for its facilitator's check-in devices: every seat still coming with its code and check-in,
the seats given back (so a device that has synced refuses their codes), and the session's check-in key (so it checks
codes of seats booked later with no network)."""

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from main_app.services.common import checkin_session_key, qr_text, seat_code
from main_app.services.forms import missing_forms
from main_app.services.programme import owned_session
from main_app.services.seats import guests_of
from main_app.services.studios import Staff

from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    BOOKING_REFUNDED,
    GUEST_ACTIVE,
    Booking,
    Checkin,
    Dependent,
    EventSession,
    User,
)

GIVEN_BACK = (BOOKING_CANCELLED, BOOKING_REFUNDED)  # confirmed once, so their codes went out
# The seats checked in that count, per session: those of active bookings (a booking cancelled with its session, or
# before its person could no longer cancel it, keeps its rows as history).
COUNTED = (
    select(func.count(Checkin.id))
    .join(Booking, Booking.id == Checkin.booking_id)
    .where(Checkin.session_id == EventSession.id, Booking.status == BOOKING_ACTIVE)
    .correlate(EventSession)
    .scalar_subquery()
)


def window(event_session: EventSession) -> tuple[datetime, datetime]:
    """When check-in opens (CHECKIN_OPENS_MINUTES before the start) and closes (the session's end)."""
    opens = event_session.starts_at - timedelta(minutes=current_app.config["CHECKIN_OPENS_MINUTES"])
    return opens, event_session.ends_at


def seats_checked_in(session_id: int) -> int:
    """How many seats of the session's active bookings are checked in."""
    return db.session.scalar(
        select(func.count(Checkin.id))
        .join(Booking, Booking.id == Checkin.booking_id)
        .where(Checkin.session_id == session_id, Booking.status == BOOKING_ACTIVE)
    )


def key_of(session_id: int) -> bytes:
    return checkin_session_key(current_app.config["SECRET_KEY"], session_id)


def seats_of(booking: Booking, booker: User, party: list) -> list[tuple[int, str, str | None, bool]]:
    """A booking's seats: (number, name, email, still coming); the booker's is 1 (their child's, booked for one:
    the child's name, the guardian's email), each guest's the next."""
    name = _child_of(booking).name if booking.dependent_id is not None else booker.name
    first = (1, name, booker.email, booking.status == BOOKING_ACTIVE)
    named = [
        (number, guest.name, guest.email, booking.status == BOOKING_ACTIVE and guest.status == GUEST_ACTIVE)
        for number, guest in enumerate(party, start=2)
    ]
    return [first, *named]


def _seat(key: bytes, booking: Booking, number: int, name: str, email: str | None, row: Checkin | None) -> dict:
    """One seat coming, as the roster lists it: its code and QR text, and its check-in if it has one."""
    code = seat_code(key, booking.session_id, booking.id, number)
    return {
        "booking_id": booking.id,
        "seat": number,
        "name": name,
        "email": email,
        "booked_by": booking.user.name,
        "booked_by_id": booking.user_id,  # whose forms the desk collects (for the child, as their guardian)
        "child": _child(booking) if number == 1 else None,
        "code": code,
        "qr": qr_text(booking.session_id, booking.id, number, code),
        "checked_in_at": row.checked_in_at if row else None,
        "device_id": row.device_id if row else None,
    }


def _child_of(booking: Booking) -> Dependent:
    """The child a booking is for (loaded with it by the roster; read by id, from the session's map if there)."""
    return db.session.get(Dependent, booking.dependent_id)


def _child(booking: Booking) -> dict | None:
    """The child a booking's seat is for, as the teacher needs them: who, and their guardian's notes."""
    child = _child_of(booking) if booking.dependent_id is not None else None
    return child and {"id": child.id, "name": child.name, "notes_for_teacher": child.notes_for_teacher}


def _forms_missing(event, bookings: list[Booking]) -> dict[int, list[dict]]:
    """By booking, the forms its first seat's person (the booker, or the child booked for) has still to sign."""
    missing = missing_forms(event.studio_id, event.id, sorted({booking.user_id for booking in bookings}))
    children = sorted({booking.dependent_id for booking in bookings if booking.dependent_id is not None})
    for_child = missing_forms(event.studio_id, event.id, children, children=True)
    return {b.id: missing[b.user_id] if b.dependent_id is None else for_child[b.dependent_id] for b in bookings}


def roster(staff: Staff, session_id: int) -> dict:
    """The session's roster (staff who reach it only): seats coming, in name order, with codes and check-ins, and
    the forms each booker has still to sign."""
    event_session = owned_session(staff, session_id)
    bookings = db.session.scalars(
        select(Booking)
        .options(joinedload(Booking.user), joinedload(Booking.dependent))
        .where(Booking.session_id == session_id)
        .order_by(Booking.id)
    ).all()
    bookings = [booking for booking in bookings if booking.status in (BOOKING_ACTIVE, *GIVEN_BACK)]
    parties = guests_of([booking.id for booking in bookings])
    checked = {
        (row.booking_id, row.seat): row
        for row in db.session.scalars(select(Checkin).where(Checkin.session_id == session_id))
    }
    key = key_of(session_id)
    event = event_session.event
    missing = _forms_missing(event, bookings)
    coming, given_back = [], []
    for booking in bookings:
        for number, name, email, still in seats_of(booking, booking.user, parties.get(booking.id, [])):
            if not still:
                given_back.append({"booking_id": booking.id, "seat": number})
                continue
            row = checked.get((booking.id, number))
            forms_missing = missing[booking.id] if number == 1 else []  # guests have no account to sign
            coming.append(_seat(key, booking, number, name, email, row) | {"forms_missing": forms_missing})
    coming.sort(key=lambda seat: (seat["name"].casefold(), seat["booking_id"], seat["seat"]))
    opens, closes = window(event_session)
    return {
        "session": event_session,
        "event": event_session.event,
        "opens_at": opens,
        "closes_at": closes,
        "checkin_key": key.hex(),
        "seats": coming,
        "given_back": given_back,
        "expected": len(coming),
        "checked_in": sum(1 for seat in coming if seat["checked_in_at"] is not None),
    }
