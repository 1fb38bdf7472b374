"""What the CRM's client book reads of a person and a booked session in the messages about them."""

from datetime import timedelta

from sqlalchemy import select

from ...extensions import db
from ...models import CANCELLED_BY_PERSON, Dependent, FamilyGuardian, User


def user_summary(user: User) -> dict:
    """The person as the CRM's client book keeps them (phone: E.164, absent when they gave none; other_name null when
    they gave none, so the book forgets one it had)."""
    summary = {"id": user.id, "name": user.name, "email": user.email}
    if getattr(user, "phone", None):
        summary["phone"] = user.phone
    if hasattr(user, "other_name"):  # a row read without it tells nothing of it
        summary["other_name"] = user.other_name
    return summary


def late_cancel(booking, event_session, event) -> bool:
    """Whether the booking was cancelled by its person inside the event's late-cancel window (credits kept)."""
    hours = getattr(event, "late_cancel_hours", None)
    if booking.cancelled_by != CANCELLED_BY_PERSON or booking.cancelled_at is None or hours is None:
        return False
    return booking.cancelled_at >= event_session.starts_at - timedelta(hours=hours)


def booked_session(event_session, event) -> dict:
    """The session a booking message is about, with its event's zone and whose class it is (the CRM shows an
    instructor the clients booked into theirs)."""
    return {
        "id": event_session.id,
        "starts_at": event_session.starts_at.isoformat(),
        "ends_at": event_session.ends_at.isoformat(),
        "seats_left": event_session.capacity - event_session.seats_taken,
        "timezone": event.timezone,
        "instructor_id": getattr(event_session, "instructor_id", None),
    }


def seat_for(dependent_id: int | None) -> dict:
    """data.dependent naming the child a booking's seat is for (their client in the book counts it), by id: the news
    after the booking's own; {} for the booker's own seat."""
    return {} if dependent_id is None else {"dependent": {"id": dependent_id}}


def child_summary(dependent_id: int) -> dict:
    """The child a booking's seat is for, as the CRM's client book keeps them: their name, family and its guardians
    (whom the book links to them)."""
    child = db.session.get(Dependent, dependent_id)
    guardians = select(FamilyGuardian.user_id).where(FamilyGuardian.family_id == child.family_id)
    ids = sorted(db.session.scalars(guardians))
    return {"id": child.id, "name": child.name, "family_id": child.family_id, "guardians": ids}
