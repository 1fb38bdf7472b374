"""Making a cancelled booking active again: its seats taken again, paid again when its money went back, or spent again
from the pass it was booked with."""

from sqlalchemy import select, update

from main_app.plumbing import lock
from main_app.services.discounts import amount_off
from main_app.services.family import hold_child
from main_app.services.passes import spend_credits
from main_app.services.payments import instalments_of_booking, latest_payment
from main_app.services.seats import forget_waitlist, guests_of, hold_seats, session_with_event
from main_app.services.seats import option_seat_price as seat_price

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    PAYMENT_SUCCEEDED,
    REFUND_FAILED,
    SEAT_HOLDING,
    Booking,
    EventSession,
    User,
    utcnow,
)
from .. import news
from .operations import checkout_or_release, get_booking, owned_booking
from .seat_taking import already_booked, take_seat


@retry_on_deadlock
def reactivate_booking(user: User, booking_id: int) -> Booking:
    """Make a cancelled booking active again if the session still has a seat; 409 otherwise. A paid session's
    booking whose money went back (or never came) holds its seat again until paid."""
    booking = owned_booking(user, booking_id)
    event_session = session_to_reactivate(booking)
    price = seat_price(event_session, booking.option_id)
    if price > 0 and owes_again(booking, price):
        hold_again(user, booking, event_session)
        return checkout_or_release(booking_id, user)
    active_again(user, booking, price)
    return get_booking(booking.id)


def session_to_reactivate(booking: Booking) -> EventSession:
    """The booking's session with its event; 409 when the booking cannot be made active again: it is, its plan
    ended, or its request was never approved."""
    if booking.status in SEAT_HOLDING:
        raise api_error("already_active")
    if instalments_of_booking(booking.id):  # its deposit may be kept: the seat is not had again without the balance
        raise api_error("plan_ended")
    event_session = session_with_event(booking.session_id)
    if event_session.event.requires_approval and booking.approved_at is None:  # a request never approved
        raise api_error("approval_required")
    return event_session


def owes_again(booking: Booking, price: int) -> bool:
    """Whether the seats are paid again: their money went back (or never came), no pass paid for them, and no code
    took the whole price off."""
    payment = latest_payment(booking.id)
    still_paid = (
        payment is not None and payment.status == PAYMENT_SUCCEEDED and payment.refund_status in (None, REFUND_FAILED)
    )
    return not still_paid and booking.pass_id is None and price * booking.seats > amount_off(booking.id)


def hold_again(user: User, booking: Booking, event_session: EventSession) -> None:
    """Take the seats again and hold them until paid, in one unit of work."""
    booking_id = booking.id
    with unit_of_work(on_integrity_error=already_booked):
        take_seat(booking.session_id, seats=booking.seats, option_id=booking.option_id)
        hold_child(booking.dependent_id)  # the lock order: session, then child; an erased child's seat is refused
        # Read again under the lock: a late payment of its old checkout may have settled it meanwhile.
        fresh = select(Booking).where(Booking.id == booking_id).execution_options(populate_existing=True)
        booking = lock(Booking, fresh).scalar_one()
        if booking.status in SEAT_HOLDING:
            raise api_error("already_active")
        booking.reactivated_at, booking.cancelled_at, booking.cancel_reason = utcnow(), None, None
        booking.cancelled_by = None
        forget_waitlist(user.id, booking.session_id, booking.dependent_id)
        hold_seats(booking, event_session)


def active_again(user: User, booking: Booking, price: int) -> None:
    """Take the seats again and make the booking active with one conditional UPDATE (409 when it already is), its
    pass's credits spent again, and the news published, in one unit of work."""
    with unit_of_work(on_integrity_error=already_booked):
        take_seat(booking.session_id, seats=booking.seats, option_id=booking.option_id)
        hold_child(booking.dependent_id)  # the lock order: session, then child; an erased child's seat is refused
        result = db.session.execute(
            update(Booking)
            .where(Booking.id == booking.id, Booking.status == BOOKING_CANCELLED)
            .values(
                status=BOOKING_ACTIVE,
                reactivated_at=utcnow(),
                cancelled_at=None,
                cancel_reason=None,
                cancelled_by=None,
                calendar_sequence=Booking.calendar_sequence + 1,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            raise api_error("already_active")
        db.session.refresh(booking)
        forget_waitlist(user.id, booking.session_id, booking.dependent_id)
        event_session = session_with_event(booking.session_id)
        event = event_session.event
        spent = []
        if booking.pass_id is not None and price > 0:  # booked with a pass: spent from it again
            spent_on = (booking.id, event_session.starts_at, event_session.credits_per_seat)
            spent.append(spend_credits(booking.pass_id, user, booking.seats, *spent_on))
        party = guests_of([booking.id])[booking.id] if booking.seats > 1 else []
        reactivated = news.Reactivated(
            booking, user, event_session, event, news.PersonFacts.of(event.facilitator), party
        )
        news.publish_all([reactivated, *spent])
