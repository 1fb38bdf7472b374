"""A facilitator writes to everyone booked in one of their sessions: an email each (the guests who gave an email
too), one message for the CRM."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from main_app.services.seats import guests_of
from main_app.services.studios import Staff

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import BOOKING_ACTIVE, STATUS_SCHEDULED, Booking, utcnow
from .. import news
from .ownership import owned_session


def message_registrants(staff: Staff, session_id: int, subject: str, text: str) -> int:
    """Email everyone with an active booking in the session and their guests with an email (replies go to the
    staff member); the CRM hears it once. Returns how many will be emailed."""
    event_session = owned_session(staff, session_id)
    if event_session.status != STATUS_SCHEDULED or event_session.event.status != STATUS_SCHEDULED:
        raise api_error("session_cancelled")
    if event_session.ends_at <= utcnow():
        raise api_error("session_finished")
    event = event_session.event
    with unit_of_work():
        bookings = list(
            db.session.scalars(
                select(Booking)
                .options(joinedload(Booking.user))
                .where(Booking.session_id == session_id, Booking.status == BOOKING_ACTIVE)
                .order_by(Booking.id)
            )
        )
        if not bookings:
            raise api_error("no_recipients")
        reply_to = {"name": staff.name, "email": staff.email}
        subject, text = subject.strip(), text.replace("\r\n", "\n").replace("\r", "\n").strip()
        words = {"subject": subject, "text": text, "reply_to": reply_to}
        parties = guests_of([booking.id for booking in bookings if booking.seats > 1])
        emailed = news.RegistrantsEmailed(event_session, event, staff.facts(), bookings, parties, words)
        told = sum(row["type"] == "guest_message" for row in news.publish(emailed))
    return len(bookings) + told
