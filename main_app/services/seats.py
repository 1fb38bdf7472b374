"""Seats of a session, taken and given back with one conditional UPDATE each: never more than the capacity."""

from sqlalchemy import select, update

from ..extensions import db
from ..models import STATUS_SCHEDULED, Event, EventSession, utcnow


def claim_seat(session_id: int) -> int | None:
    """Atomically take one seat if the session can still be booked: how many are now taken, or None.

    A single conditional UPDATE decides, so two requests can never both get the last seat.
    """
    now = utcnow()
    return db.session.execute(
        update(EventSession)
        .where(
            EventSession.id == session_id,
            EventSession.status == STATUS_SCHEDULED,
            # A cancelled event's sessions are not bookable, whatever their own status says.
            EventSession.event_id.in_(select(Event.id).where(Event.status == STATUS_SCHEDULED)),
            EventSession.starts_at > now,
            EventSession.seats_taken < EventSession.capacity,
        )
        .values(seats_taken=EventSession.seats_taken + 1)
        .returning(EventSession.seats_taken)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()


def give_back_seat(session_id: int) -> None:
    """Return one seat to the session."""
    db.session.execute(
        update(EventSession)
        .where(EventSession.id == session_id, EventSession.seats_taken > 0)
        .values(seats_taken=EventSession.seats_taken - 1)
        .execution_options(synchronize_session=False)
    )
