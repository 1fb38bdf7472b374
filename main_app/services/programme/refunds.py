"""A studio's staff refunding one booking's payment, in full or in part, and, if they ask, cancelling the booking and
giving its seats back: one transaction with its audit entry. The money goes back on the payments lane as a
cancellation's refund does; what is left of the payment is never exceeded (services.payments.staff_refunds)."""

from sqlalchemy import select, update

from main_app.services import news, studios
from main_app.services.common import format_money
from main_app.services.passes import give_back_credits
from main_app.services.payments import end_schedule, refund_by_staff, staff_refund_document
from main_app.services.seats import guests_of, lock_sessions_of, seat_freed, session_with_event
from main_app.services.studios import Staff

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    CANCELLED_BY_FACILITATOR,
    Booking,
    Event,
    EventSession,
    Payment,
    User,
    utcnow,
)


def _studio_booking_of(staff: Staff, payment_id: int) -> int:
    """The booking the studio's payment paid for: 404 payment_not_found for any other (another studio's, a pass's)."""
    booking_id = db.session.scalar(
        select(Payment.booking_id)
        .join(Booking, Booking.id == Payment.booking_id)
        .join(EventSession, EventSession.id == Booking.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(Payment.id == payment_id, Event.studio_id == staff.studio.id)
    )
    if booking_id is None:
        raise api_error("payment_not_found", payment_id=payment_id)
    return booking_id


@retry_on_deadlock
def refund_payment(staff: Staff, payment_id: int, data: dict) -> dict:
    """Refund amount (all that is left without one) of one of the studio's payments, for reason, and cancel its
    booking too when cancel_booking: the refund's document. 404 payment_not_found; 409 not_refundable,
    refund_above_left, or already_cancelled (cancel_booking on a booking no longer on)."""
    booking_id = _studio_booking_of(staff, payment_id)
    reason = data["reason"].strip() or "Refunded by the studio."
    with unit_of_work():
        lock_sessions_of([booking_id])  # the lock order: the session and booking before the payment
        refund, payment, left = refund_by_staff(payment_id, data.get("amount"), reason, staff.id)
        cancelled = data.get("cancel_booking", False)
        if cancelled:
            _cancel(staff, booking_id, reason, refund.amount, payment.currency)
        made = staff_refund_document(refund, payment)
        before = {"left": left, "booking_status": BOOKING_ACTIVE if cancelled else None}
        after = {
            "refund_id": refund.id,
            "booking_id": booking_id,
            "amount": refund.amount,
            "currency": payment.currency,
            "reason": refund.reason,
            "left": made["left"],
            "booking_status": BOOKING_CANCELLED if cancelled else None,
        }
        studios.record(staff.studio.id, staff.actor(), "payment.refunded", ("payment", payment_id), before, after)
    return {**made, "booking_cancelled": cancelled}


def _cancel(staff: Staff, booking_id: int, reason: str, refunded: int, currency: str) -> None:
    """Cancel the booking as its studio does (its seats back to the session and its line, its credits back, its
    unpaid instalments ended), under the session's lock; the person, their guests and the CRM hear."""
    changed = db.session.execute(
        update(Booking)
        .where(Booking.id == booking_id, Booking.status == BOOKING_ACTIVE)
        .values(
            status=BOOKING_CANCELLED,
            cancelled_at=utcnow(),
            cancel_reason=reason,
            cancelled_by=CANCELLED_BY_FACILITATOR,
            calendar_sequence=Booking.calendar_sequence + 1,
        )
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:
        raise api_error("already_cancelled")
    booking = db.session.get(Booking, booking_id, populate_existing=True)
    seat_freed(booking.session_id, booking.seats, booking.option_id)
    event_session = session_with_event(booking.session_id)
    credit = None
    if booking.pass_id is not None:
        credits = booking.seats * event_session.credits_per_seat
        credit = {"credits": credits, "outcome": give_back_credits(booking, booking.seats, returned=True)}
    end_schedule(booking_id)
    party = guests_of([booking_id])[booking_id] if booking.seats > 1 else []
    told = {"by": "facilitator", "reason": reason, "refund": {"amount": format_money(refunded, currency)}}
    about = (
        booking,
        db.session.get(User, booking.user_id),
        event_session,
        event_session.event,
        news.PersonFacts.of(staff.user),
        party,
    )
    news.publish(news.Cancelled(*about, {**told, "credit": credit}))
