"""A facilitator cancels a session, the rest of a series or a whole event: every active booking on it is cancelled
with the reason, the people booked and waiting are emailed, and the CRM hears it as one batch (the summary and a
message per booking)."""

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from main_app.plumbing import lock
from main_app.services import news
from main_app.services.common import format_money
from main_app.services.passes import give_back_credits
from main_app.services.payments import close_checkouts, end_schedule, refund_each
from main_app.services.seats import drop_hold_expiries, end_lines, guests_of, lock_sessions
from main_app.services.studios import Staff

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    BOOKING_PENDING_APPROVAL,
    BOOKING_PENDING_PAYMENT,
    CANCELLED_BY_FACILITATOR,
    SEAT_HOLDING,
    STATUS_CANCELLED,
    STATUS_SCHEDULED,
    Booking,
    Event,
    EventSession,
    SessionOption,
    new_message_id,
    utcnow,
)
from .ownership import get_own_event, owned_event, owned_session, refresh_span, session_with_counts
from .series import scheduled_from

DEFAULT_CANCEL_REASON = "The facilitator cancelled this session."


def _cancel_sessions(staff: Staff, session_ids: list[int], reason: str, batch_id: str) -> int:
    """Cancel the sessions and every active booking on them, one booking_cancelled message each, made by the
    staff member and pointing to batch_id: the id of the message that sums it up (one entry in the CRM inbox)."""
    now = utcnow()
    # The lock order (seats.capacity): the sessions, then their bookings. From the sessions' update on no booking
    # can take a seat in them, and a payment or a person's cancellation of one of their bookings either finished
    # before (its result is read below) or waits for this commit (and then finds the booking cancelled).
    lock_sessions(session_ids)
    db.session.execute(
        update(EventSession)
        .where(EventSession.id.in_(session_ids), EventSession.status == STATUS_SCHEDULED)
        .values(status=STATUS_CANCELLED, seats_taken=0)
        .execution_options(synchronize_session=False)
    )
    # Their room options keep no seats either (after the sessions' rows: the lock order).
    db.session.execute(
        update(SessionOption)
        .where(SessionOption.session_id.in_(session_ids))
        .values(seats_taken=0)
        .execution_options(synchronize_session=False)
    )
    bookings = list(
        lock(  # read under the lock: each is changed from the state read here
            Booking,
            select(Booking)
            .options(joinedload(Booking.user), joinedload(Booking.session).joinedload(EventSession.event))
            .where(Booking.session_id.in_(session_ids), Booking.status.in_(SEAT_HOLDING))
            .order_by(Booking.id)
            .execution_options(populate_existing=True),
        )
        .unique()
        .scalars()
    )
    # Never confirmed, so never reported: seats held for a payment or while the facilitator decides.
    held = [booking for booking in bookings if booking.status in (BOOKING_PENDING_PAYMENT, BOOKING_PENDING_APPROVAL)]
    bookings = [booking for booking in bookings if booking.status == BOOKING_ACTIVE]
    for booking in held:  # never confirmed, so never reported; a payment arriving later is refunded
        booking.status, booking.cancelled_at, booking.cancel_reason = BOOKING_CANCELLED, now, reason
        booking.hold_expires_at, booking.cancelled_by = None, CANCELLED_BY_FACILITATOR
    drop_hold_expiries([booking.id for booking in held])
    close_checkouts([booking.id for booking in held])
    for booking in bookings:
        booking.status, booking.cancelled_at, booking.cancel_reason = BOOKING_CANCELLED, now, reason
        booking.cancelled_by = CANCELLED_BY_FACILITATOR
        booking.calendar_sequence += 1
    db.session.flush()
    parties = guests_of([booking.id for booking in bookings if booking.seats > 1])
    end_lines(session_ids, reason)
    # One publish for the batch: what its bookings take back goes in one statement, not two a booking.
    news.publish_all([_given_back(b, parties.get(b.id, []), staff, reason, batch_id) for b in bookings])
    return len(bookings)


def _given_back(booking: Booking, party: list, staff: Staff, reason: str, batch_id: str) -> news.CalledOff:
    """Give one cancelled booking back every payment and credit: the news its booker, guests and the CRM hear."""
    event_session, event = booking.session, booking.session.event
    refund = credit = None
    end_schedule(booking.id)
    if queued := refund_each(booking.id, reason):  # everyone gets back every payment, in full
        refund = {"amount": format_money(queued, event_session.currency)}
    if booking.pass_id is not None:  # and every credit spent comes back
        credits = booking.seats * event_session.credits_per_seat
        credit = {"credits": credits, "outcome": give_back_credits(booking, booking.seats, returned=True)}
    about = (booking, booking.user, event_session, event, staff.facts(), batch_id, reason, party)
    return news.CalledOff(*about, refund=refund, credit=credit, refunded=queued)


@retry_on_deadlock
def cancel_session(staff: Staff, session_id: int, reason: str | None) -> tuple[EventSession, int]:
    """Cancel one session; its people are told why (in GET /bookings and through the CRM)."""
    event_session = owned_session(staff, session_id)
    if event_session.status == STATUS_CANCELLED:
        raise api_error("session_cancelled.already")
    summary_id = new_message_id()  # session_cancelled's, named first: the bookings' messages point to it
    with unit_of_work():
        told = _cancel_sessions(staff, [session_id], reason or DEFAULT_CANCEL_REASON, summary_id)
        # The span covers the sessions still scheduled.
        refresh_span(owned_event(staff, event_session.event_id))
        event_session = owned_session(staff, session_id)
        changes = {"reason": reason, "bookings_cancelled": told}
        about = (event_session, event_session.event, "cancelled", staff.facts(), changes)
        news.publish(news.SessionChanged(*about, message_id=summary_id))
    return session_with_counts(staff, session_id), told


@retry_on_deadlock
def cancel_event(staff: Staff, event_id: int, reason: str | None) -> tuple[Event, int]:
    """Cancel an event with all its sessions and bookings; reported per booking and as event_cancelled."""
    event = owned_event(staff, event_id)
    if event.status == STATUS_CANCELLED:
        raise api_error("event_cancelled")
    summary_id = new_message_id()  # event_cancelled's, named first: the bookings' messages point to it
    with unit_of_work():
        sessions = [s.id for s in event.sessions]
        told = _cancel_sessions(staff, sessions, reason or DEFAULT_CANCEL_REASON, summary_id)
        event = owned_event(staff, event_id)
        event.status = STATUS_CANCELLED
        changes = {"reason": reason, "bookings_cancelled": told}
        news.publish(news.EventChanged(event, "cancelled", staff.facts(), changes, message_id=summary_id))
    return get_own_event(staff, event_id), told


@retry_on_deadlock
def cancel_series(staff: Staff, event_id: int, series_id: int, data: dict) -> dict:
    """Cancel a series' sessions still scheduled from a day on (that day included, on the event's clock), with the
    usual emails, refunds and ends of waiting lists; one event_updated sums it up for the CRM."""
    rest = [s.id for s in scheduled_from(staff, event_id, series_id, data["from"])[1]]
    if not rest:
        raise api_error("nothing_to_cancel")
    reason = data.get("reason") or DEFAULT_CANCEL_REASON
    summary_id = new_message_id()
    with unit_of_work():
        told = _cancel_sessions(staff, rest, reason, summary_id)
        event = owned_event(staff, event_id)
        refresh_span(event)
        changes = {"series": series_id, "sessions_cancelled": rest, "reason": reason, "bookings_cancelled": told}
        news.publish(news.EventChanged(event, "updated", staff.facts(), changes, message_id=summary_id))
    return {"series_id": series_id, "sessions_cancelled": len(rest), "bookings_cancelled": told}
