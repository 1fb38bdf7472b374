"""Seats of a session, taken and given back with one conditional UPDATE each: never more than the capacity; and the
one lock order of every path that changes bookings and their seats.

The lock order (PostgreSQL row locks; SQLite has one writer at a time): the sessions, lowest id first, then the
bookings, lowest id first, then what hangs off a booking (its payments, places in line, outbox rows). A new booking
follows it by nature (its seat's conditional UPDATE locks the session before the booking exists); every other path
takes lock_sessions_of() before it changes a booking it read."""

from sqlalchemy import bindparam, select, update

from ...extensions import db
from ...models import STATUS_SCHEDULED, Booking, Event, EventSession, utcnow

SESSIONS, EVENTS = EventSession.__table__, Event.__table__
# Built once, on the tables (the ORM's bulk UPDATE would cost as much again; no loaded object needs refreshing):
# composing a statement costs as much as running it, and bookings take seats all day.
CLAIM_SEAT = (
    update(SESSIONS)
    .where(
        SESSIONS.c.id == bindparam("session_id"),
        SESSIONS.c.status == STATUS_SCHEDULED,
        # A cancelled event's sessions are not bookable, whatever their own status says.
        SESSIONS.c.event_id.in_(select(EVENTS.c.id).where(EVENTS.c.status == STATUS_SCHEDULED)),
        SESSIONS.c.starts_at > bindparam("now", type_=SESSIONS.c.starts_at.type),
        SESSIONS.c.seats_taken < SESSIONS.c.capacity,
    )
    .values(seats_taken=SESSIONS.c.seats_taken + 1)
    .returning(SESSIONS.c.seats_taken)
)
GIVE_BACK_SEAT = (
    update(SESSIONS)
    .where(SESSIONS.c.id == bindparam("session_id"), SESSIONS.c.seats_taken > 0)
    .values(seats_taken=SESSIONS.c.seats_taken - 1)
)


def claim_seat(session_id: int) -> int | None:
    """Atomically take one seat if the session can still be booked: how many are now taken, or None.

    A single conditional UPDATE decides, so two requests can never both get the last seat.
    """
    return db.session.execute(CLAIM_SEAT, {"session_id": session_id, "now": utcnow()}).scalar_one_or_none()


def give_back_seat(session_id: int) -> None:
    """Return one seat to the session."""
    db.session.execute(GIVE_BACK_SEAT, {"session_id": session_id})


def lock_sessions(session_ids) -> None:
    """Lock these sessions' rows, lowest id first: the first step of the lock order."""
    if ids := sorted(set(session_ids)):
        db.session.execute(
            select(SESSIONS.c.id).where(SESSIONS.c.id.in_(ids)).order_by(SESSIONS.c.id).with_for_update()
        )


def lock_sessions_of(booking_ids, also_sessions=()) -> None:
    """Lock the sessions of these bookings (and also_sessions), then the bookings, each lowest id first (the lock
    order): a booking's session never changes, so reading it before the lock is safe."""
    ids = sorted(set(booking_ids))
    sessions = set(also_sessions)
    if ids:
        sessions.update(db.session.scalars(select(Booking.session_id).where(Booking.id.in_(ids))))
    lock_sessions(sessions)
    if ids:
        db.session.execute(select(Booking.id).where(Booking.id.in_(ids)).order_by(Booking.id).with_for_update())
