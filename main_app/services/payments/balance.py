"""The end of a booking under a payment plan: its balance missed after the grace period (the booking cancelled,
the seat freed for the waiting list, everyone told), and what a person's own cancellation refunds, payment by
payment. A facilitator's cancellation refunds every payment (refunds.refund_each with nothing kept).

Policy: a deposit is kept unless the plan says deposit_refundable; instalments already paid follow the deposit
(kept on a missed balance unless the deposit is refundable; refunded on a person's cancellation before the refund
cut-off, whatever the deposit)."""

from sqlalchemy import update

from main_app.services.seats import guests_of, seat_freed

from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    CANCELLED_FOR_BALANCE,
    INSTALMENT_DUE,
    Booking,
    Event,
    EventSession,
    Payment,
    User,
    utcnow,
)
from .. import news, timers
from . import instalments
from .checkout import close_checkouts
from .plans import DEPOSIT
from .records import booking_for_update
from .refunds import refund_each

MISSED_REASON = "The balance was not paid by its due date."


def step(job: timers.InstalmentTimer) -> None:
    """An instalment's message is due (dispatcher, in its unit of work): the grace period's end, or a reminder or
    pay link."""
    if job.step == instalments.GRACE:
        missed(*booking_for_update(job.booking_id))
    else:
        instalments.due(job)


def end_schedule(booking_id: int) -> None:
    """The booking ended (in the caller's unit of work): its unpaid instalments are cancelled, so their messages send
    nothing, and their open checkouts close (money paid on one closed too late is refunded by the webhook)."""
    instalments.cancel_unpaid(booking_id)
    close_checkouts([booking_id])


def missed(booking: Booking, user: User, event_session: EventSession, event: Event) -> bool:
    """The grace period after the last instalment's date ended: a booking still active with anything unpaid is
    cancelled (conditionally on both), the deposit and paid instalments kept unless the deposit is refundable."""
    rows = instalments.of_booking(booking.id)
    if booking.status != BOOKING_ACTIVE or not any(row.status == INSTALMENT_DUE for row in rows):
        return False
    cancelled = db.session.execute(
        update(Booking)
        .where(Booking.id == booking.id, Booking.status == BOOKING_ACTIVE)
        .values(
            status=BOOKING_CANCELLED,
            cancelled_at=utcnow(),
            cancel_reason=MISSED_REASON,
            cancelled_by=CANCELLED_FOR_BALANCE,
            calendar_sequence=Booking.calendar_sequence + 1,
        )
        .execution_options(synchronize_session=False)
    )
    if cancelled.rowcount != 1:
        return False
    db.session.refresh(booking)
    end_schedule(booking.id)
    refundable = bool((event.payment_plan or {}).get("deposit_refundable"))
    queued = refund_each(booking.id, MISSED_REASON, keep=lambda _payment: not refundable)
    seat_freed(booking.session_id, booking.seats)
    party = guests_of([booking.id])[booking.id] if booking.seats > 1 else []
    shown = instalments.schedule_shown(instalments.of_booking(booking.id), event.timezone)
    news.publish(news.BalanceMissed(booking, user, event_session, event, party, shown, queued))
    return True


def person_keeps(event: Event, in_time: bool):
    """What a person's own cancellation keeps of each payment: all of it after the refund cut-off; before it, a
    deposit the plan does not refund."""
    refundable = bool((event.payment_plan or {}).get("deposit_refundable"))

    def keep(payment: Payment) -> bool:
        return not in_time or (payment.instalment == DEPOSIT and not refundable)

    return keep
