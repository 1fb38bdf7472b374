"""What a facilitator reads: their events, a session's registrants with payments, and the bookings on their events."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from main_app.plumbing import Page, paginate
from main_app.services.intake import answer_labels, answers_of_bookings
from main_app.services.payments import Paid, paid_of, payments_of, session_totals
from main_app.services.seats import guests_of
from main_app.services.studios import Staff, as_staff

from ...extensions import db
from ...models import (
    Booking,
    Event,
    EventSession,
)
from .ownership import instructor_document, owned_session, with_counts

EVENT_FIELDS = ("title", "description", "kind", "location", "timezone", "refund_until_hours", "late_cancel_hours")
EVENT_DEFAULTS = {"description": "", "location": "", "refund_until_hours": 24, "late_cancel_hours": 12}


def list_own_events(staff: Staff, page: int, per_page: int) -> Page:
    """The events the staff member reaches, newest start first, with sessions and their bookings counts (a private
    session's service event is kept on the appointments board, not here)."""
    query = (
        select(Event)
        .options(joinedload(Event.facilitator), selectinload(Event.sessions).joinedload(EventSession.instructor))
        .where(as_staff(staff).events_clause(), Event.private.is_(False))
        .order_by(Event.starts_at.desc(), Event.id.desc())
    )
    result = paginate(query, page, per_page, unique=True)
    with_counts(result.items)
    return result


def registrants(staff: Staff, session_id: int) -> tuple[EventSession, list[Booking]]:
    """Everyone who booked the session (active and cancelled), in booking order, each with its latest payment, what
    it paid in all (paid), guests (party) and intake answers; the session with its payments totals, which its page
    shows, and the labels of its event's questions (questions), retired ones included."""
    event_session = owned_session(staff, session_id)
    bookings = list(
        db.session.scalars(
            select(Booking)
            .options(joinedload(Booking.user), joinedload(Booking.option), joinedload(Booking.dependent))
            .where(Booking.session_id == session_id)
            .order_by(Booking.created_at, Booking.id)
        )
    )
    ids = [booking.id for booking in bookings]
    event_session.questions = answer_labels(event_session.event_id)
    latest, paid, parties = payments_of(ids), paid_of(ids), guests_of(ids)
    given = answers_of_bookings(ids) if event_session.questions else {}  # an event that never asked: none to read
    for booking in bookings:
        booking.payment, booking.party = latest.get(booking.id), parties[booking.id]
        money = paid.get(booking.id, Paid())
        booking.paid, booking.refunded = money.kept, money.refunded
        booking.answers = given.get(booking.id, [])
    event_session.payments = session_totals(paid.values())
    event_session.instructor_document = instructor_document(event_session)  # whom the page offers a substitute for
    return event_session, bookings


def list_own_bookings(staff: Staff, page: int, per_page: int, status: str | None = None) -> Page:
    """Bookings on the sessions the staff member reaches, newest first, with user, session and event."""
    query = (
        select(Booking)
        .join(Booking.session)
        .join(EventSession.event)
        .options(
            joinedload(Booking.user),
            joinedload(Booking.session).joinedload(EventSession.event).joinedload(Event.facilitator),
        )
        .where(as_staff(staff).sessions_clause())
        .order_by(Booking.id.desc())
    )
    if status:
        query = query.where(Booking.status == status)
    return paginate(query, page, per_page)
