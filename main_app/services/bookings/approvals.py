"""Staff's side of requests to book (approval_requests): the queue waiting for their decision, approving (a free
seat is confirmed, a paid one held for its payment) and declining with a message; each decision one unit of work,
conditional on the request still waiting. Staff reach the requests of the sessions they reach (Staff): on the seed
routes, those of the sessions the facilitator teaches."""

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from main_app.plumbing import Page, paginate
from main_app.services.intake import answers_of_bookings
from main_app.services.seats import (
    drop_hold_expiries,
    guests_of,
    hold_seats,
    lock_sessions_of,
    pay_terms,
    session_with_event,
)
from main_app.services.seats import option_seat_price as seat_price
from main_app.services.studios import Staff, as_staff

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    BOOKING_PENDING_APPROVAL,
    BOOKING_PENDING_PAYMENT,
    CANCELLED_BY_FACILITATOR,
    Booking,
    Event,
    EventSession,
    User,
    utcnow,
)
from .. import news
from .approval_requests import not_pending, release
from .operations import get_booking


def _their_request(staff: Staff, booking_id: int) -> Booking:
    """A booking of a session the staff member reaches; 404 unknown (or out of reach on a studio's routes), 403 out
    of reach on the seed routes."""
    staff = as_staff(staff)
    booking = db.session.scalars(
        select(Booking)
        .options(joinedload(Booking.session).joinedload(EventSession.event))
        .where(Booking.id == booking_id)
    ).one_or_none()
    if booking is None:
        raise api_error("booking_not_found", booking_id=booking_id)
    if not staff.reaches_session(booking.session, booking.session.event):
        # On a studio's routes another studio's request looks like none; on the seed routes, as always, a 403.
        if staff.studio is not None:
            raise api_error("booking_not_found", booking_id=booking_id)
        raise api_error("forbidden.booking")
    return booking


@retry_on_deadlock
def approve(staff: Staff, booking_id: int) -> Booking:
    """Approve a request: a free seat becomes active (confirmed as a booking is), a paid one pending_payment with
    the usual hold (the person is emailed the pay link; their checkout opens when they pay). 409
    not_pending_approval when it no longer waits."""
    booking = _their_request(staff, booking_id)
    with unit_of_work():
        lock_sessions_of([booking.id])
        event_session = session_with_event(booking.session_id)
        event = event_session.event
        paid = seat_price(event_session, booking.option_id) > 0
        result = db.session.execute(
            update(Booking)
            .where(Booking.id == booking.id, Booking.status == BOOKING_PENDING_APPROVAL)
            .values(
                status=BOOKING_PENDING_PAYMENT if paid else BOOKING_ACTIVE,
                approved_at=utcnow(),
                hold_expires_at=None,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            raise not_pending()
        drop_hold_expiries([booking.id])
        booking = db.session.get(Booking, booking.id, populate_existing=True)
        user = db.session.get(User, booking.user_id)
        pay = None
        if paid:
            hold_seats(booking, event_session)
            pay = pay_terms(booking, event_session, event)
        guests = guests_of([booking.id])[booking.id] if booking.seats > 1 and not paid else []
        news.publish(
            news.Approved(booking, user, event_session, event, news.StaffFacts.of(event.facilitator), guests, pay)
        )
    return get_booking(booking_id)


@retry_on_deadlock
def decline(staff: Staff, booking_id: int, message: str) -> Booking:
    """Decline a request with a message to the person: the seat goes back (to the waiting list first). 409
    not_pending_approval when it no longer waits."""
    booking = _their_request(staff, booking_id)
    with unit_of_work():
        lock_sessions_of([booking.id])
        values = {"cancelled_at": utcnow(), "cancel_reason": message, "cancelled_by": CANCELLED_BY_FACILITATOR}
        if not release(booking, BOOKING_CANCELLED, hold_expires_at=None, **values):
            raise not_pending()
        event_session = session_with_event(booking.session_id)
        event, user = event_session.event, db.session.get(User, booking.user_id)
        news.publish(news.Declined(booking, user, event_session, event, news.StaffFacts.of(event.facilitator), message))
    return get_booking(booking_id)


def waiting(staff: Staff, page: int, per_page: int) -> Page:
    """The requests on the sessions the staff member reaches waiting for a decision, oldest first, each with its person,
    session, event, guests (party) and intake answers: four queries a page."""
    query = (
        select(Booking)
        .join(Booking.session)
        .join(EventSession.event)
        .options(
            joinedload(Booking.user),
            joinedload(Booking.session).joinedload(EventSession.event).joinedload(Event.facilitator),
        )
        .where(as_staff(staff).sessions_clause(), Booking.status == BOOKING_PENDING_APPROVAL)
        .order_by(Booking.created_at, Booking.id)
    )
    result = paginate(query, page, per_page)
    ids = [booking.id for booking in result.items]
    given, parties = answers_of_bookings(ids), guests_of(ids)
    for booking in result.items:
        booking.answers, booking.party = given[booking.id], parties[booking.id]
    return result
