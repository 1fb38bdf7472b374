"""Giving back one guest's seat: the booker cancels it alone and keeps the rest of the booking. The seat goes to the
waiting list at once, a paid seat's price goes back until the refund cut-off, and the guest is told."""

from sqlalchemy import select, update

from main_app.plumbing import lock
from main_app.services.passes import credit_back_until, give_back_credits
from main_app.services.payments import (
    instalments_of_booking,
    latest_payment,
    refundable_until,
    request_seat_refund,
    seats_paid_for,
)
from main_app.services.seats import guests_of, lock_sessions_of, seat_freed, session_with_event

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import BOOKING_ACTIVE, GUEST_ACTIVE, GUEST_CANCELLED, Booking, BookingGuest, User, utcnow
from .. import news
from .checked_in import refuse_if_checked_in
from .operations import get_booking, owned_booking


@retry_on_deadlock
def cancel_guest(user: User, booking_id: int, guest_id: int) -> Booking:
    """Cancel one guest's seat of the caller's active booking: the booking, one seat fewer. 404 guest_not_found,
    409 guest_cancelled (already) or not_active (a booking still to be paid, or cancelled, is handled whole)."""
    booking = owned_booking(user, booking_id)
    with unit_of_work():
        lock_sessions_of([booking.id])  # the lock order: the session, the booking, then its guest
        guest = lock(
            BookingGuest,
            select(BookingGuest)
            .where(BookingGuest.id == guest_id, BookingGuest.booking_id == booking.id)
            .execution_options(populate_existing=True),
        ).scalar_one_or_none()
        if guest is None:
            raise api_error("guest_not_found", guest_id=guest_id)
        if guest.status != GUEST_ACTIVE:
            raise api_error("guest_cancelled", guest=guest.name)
        seat = 2 + [named.id for named in guests_of([booking.id])[booking.id]].index(guest.id)  # as on the roster
        refuse_if_checked_in(booking.id, seat, guest.name)
        if instalments_of_booking(booking.id):  # its schedule prices every seat: one seat alone would leave it wrong
            raise api_error("plan_booking")
        given_back = db.session.execute(
            update(Booking)
            .where(Booking.id == booking.id, Booking.status == BOOKING_ACTIVE, Booking.seats > 1)
            .values(seats=Booking.seats - 1)
            .execution_options(synchronize_session=False)
        )
        if given_back.rowcount != 1:
            raise api_error("not_active")
        guest.status, guest.cancelled_at = GUEST_CANCELLED, utcnow()
        db.session.refresh(booking)
        seat_freed(booking.session_id, 1, booking.option_id)
        _settle(user, booking, guest)
    return get_booking(booking.id)


def _settle(user: User, booking: Booking, guest: BookingGuest) -> None:
    """The money, the messages and the reminders of a guest's seat given back."""
    event_session = session_with_event(booking.session_id)
    event = event_session.event
    organiser = news.PersonFacts.of(event.facilitator)
    payment = latest_payment(booking.id)
    party = guests_of([booking.id])[booking.id]
    refund = None
    if booking.pass_id is not None:  # the guest's credit back before the event's cut-off, kept after it
        in_time = utcnow() < credit_back_until(event_session.starts_at, event.late_cancel_hours)
        give_back_credits(booking, 1, returned=in_time)
    if payment is not None and utcnow() < refundable_until(event_session, event):
        per_seat = payment.amount // seats_paid_for(payment, party)
        if request_seat_refund(payment, guest, per_seat):
            refund = {"amount": guest.refund_amount, "currency": payment.currency}
    news.publish(news.GuestGivenBack(booking, user, event_session, event, organiser, guest, party, refund))
