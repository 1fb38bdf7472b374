"""Requests to book an event that requires approval: the seat is held (pending_approval) while its facilitator
decides, for APPROVAL_HOLD_DAYS at most; a timers-lane message due at the hold's end gives it back if nobody
decided. Every end of a request is one conditional UPDATE on the status read, so a decision, the person's
withdrawal and the hold's end racing each other leave exactly one winner."""

from sqlalchemy import update

from main_app.services.family import hold_child
from main_app.services.intake import store_answers
from main_app.services.seats import (
    add_guests,
    claim_seat,
    drop_hold_expiries,
    forget_waitlist,
    hold_for_decision,
    seat_freed,
    session_with_event,
    tell_requested,
    why_not_claimed,
)
from service_kit.errors import Conflict, ValidationFailed

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BOOKING_CANCELLED,
    BOOKING_EXPIRED,
    BOOKING_PENDING_APPROVAL,
    CANCELLED_BY_PERSON,
    Booking,
    User,
    utcnow,
)
from .. import news, timers
from . import free_booking
from .seat_taking import already_booked


def not_pending() -> Conflict:
    return api_error("not_pending_approval")


def request(user: User, row, party: list[dict], answered=(), *, pass_id=None, code=None, also=None) -> int:
    """Hold seats of the session read in row (free_booking.SESSION_TO_BOOK) as a request its facilitator decides:
    the new booking's id. 400 with a pass or a code (the price is settled once approved); 404 / 409 as
    free_booking.refusal says, or when the seats went meanwhile. also(booking id, row): run in its transaction."""
    for field, given in (("pass_id", pass_id is not None), ("code", bool(code))):
        if given:
            why = "cannot be used for an event that approves each booking"
            raise ValidationFailed(f"Invalid input: {field}: {why}.", details={field: [why]})
    seats = 1 + len(party)
    if (refused := free_booking.refusal(row, row.id, seats)) is not None:
        raise refused
    with unit_of_work(on_integrity_error=already_booked):
        if claim_seat(row.id, seats, row.option_id) is None:
            raise why_not_claimed(row.id, seats, row.option_id)
        hold_child(row.dependent_id)
        booking = Booking(
            session_id=row.id, user_id=user.id, status=BOOKING_PENDING_APPROVAL, seats=seats, option_id=row.option_id,
            dependent_id=row.dependent_id,
        )  # fmt: skip
        db.session.add(booking)
        db.session.flush()
        hold_for_decision(booking, row.starts_at)
        add_guests(booking.id, party)
        store_answers(booking.id, answered, row)
        forget_waitlist(user.id, row.id, row.dependent_id)  # asked while in line: the place goes
        if also is not None:
            also(booking.id, row)
        tell_requested(booking, user, session_with_event(row.id))
    return booking.id


def release(booking: Booking, status: str, **values) -> bool:
    """End a request without a seat (declined, withdrawn, expired) with one conditional UPDATE on its status, inside
    the caller's unit of work after lock_sessions_of: False when it was decided, withdrawn or expired meanwhile. The
    seat goes back, to the waiting list first; the hold's due message goes."""
    result = db.session.execute(
        update(Booking)
        .where(Booking.id == booking.id, Booking.status == BOOKING_PENDING_APPROVAL)
        .values(status=status, **values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    drop_hold_expiries([booking.id])
    db.session.refresh(booking)
    seat_freed(booking.session_id, booking.seats, booking.option_id)
    return True


def expire(job: timers.ApprovalExpiry) -> None:
    """A request's hold is due (timers lane, in its unit of work, the booking's session and row locked): nobody
    decided, so the seat goes back and the person is told."""
    booking = db.session.get(Booking, job.booking_id, populate_existing=True)
    if booking is None or booking.status != BOOKING_PENDING_APPROVAL or booking.hold_expires_at > utcnow():
        return
    if not release(booking, BOOKING_EXPIRED, hold_expires_at=None):
        return
    event_session = session_with_event(booking.session_id)
    event, user = event_session.event, db.session.get(User, booking.user_id)
    news.publish(news.RequestEnded("approval_expired", booking, user, event_session, event))


def withdraw(booking: Booking, user: User, reason: str | None) -> bool:
    """The person gives up their request (inside the caller's unit of work, after lock_sessions_of): False when it
    was decided or expired meanwhile."""
    values = {"cancelled_at": utcnow(), "cancel_reason": reason, "cancelled_by": CANCELLED_BY_PERSON}
    if not release(booking, BOOKING_CANCELLED, hold_expires_at=None, **values):
        return False
    event_session = session_with_event(booking.session_id)
    news.publish(news.RequestEnded("approval_withdrawn", booking, user, event_session, event_session.event))
    return True
