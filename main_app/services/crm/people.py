"""What the CRM's client book reads of a person and a booked session in the messages about them."""

from datetime import timedelta

from ...models import CANCELLED_BY_PERSON, User


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
