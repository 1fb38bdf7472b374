"""Refunds: queued on the payments channel (retried, never lost), then settled by the provider's answer or webhook."""

from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from main_app.plumbing import lock
from main_app.services import news
from main_app.services.invoices import REFUND_OF_PAYMENT, issue_credit_note
from main_app.services.passes import locked_pass, pass_refunded

from ...extensions import db
from ...models import (
    BOOKING_CANCELLED,
    BOOKING_EXPIRED,
    BOOKING_REFUNDED,
    INSTALMENT_PAID,
    INSTALMENT_REFUNDED,
    PAYMENT_AT_DOOR,
    PAYMENT_SUCCEEDED,
    REFUND_FAILED,
    REFUND_INITIATED,
    REFUND_PROCESSED,
    BookingGuest,
    BookingInstalment,
    Event,
    EventSession,
    Payment,
    utcnow,
)
from .jobs import RefundRequest, queue
from .providers.base import Refund
from .records import booking_for_update, locked_payment

REFUND = RefundRequest.KIND


def refundable_until(event_session: EventSession, event: Event) -> datetime:
    """Until when the person's own cancellation is refunded in full."""
    return event_session.starts_at - timedelta(hours=event.refund_until_hours)


def refundable(payment: Payment) -> bool:
    """Whether the payment was made through a provider and its remainder has not been asked back yet (money taken at
    the door goes back the same way, in person)."""
    if payment.provider == PAYMENT_AT_DOOR:
        return False
    return payment.status == PAYMENT_SUCCEEDED and payment.refund_status not in (REFUND_INITIATED, REFUND_PROCESSED)


def request_refund(payment: Payment, reason: str) -> bool:
    """Queue a refund of what is left of a succeeded payment (all of it, less guests' seats and staff refunds),
    inside the caller's unit of work; False if there is nothing to refund (not paid, or refunded already)."""
    if not refundable(payment):
        return False
    amount = payment.amount - given_back_for_guests(payment) - payment.staff_refunded
    if amount <= 0:
        return False
    payment.refund_status, payment.refund_amount, payment.refund_reason = REFUND_INITIATED, amount, reason[:500]
    queue_refund(payment, amount)
    return True


def lock_paid(booking_id: int) -> list[Payment]:
    """The booking's succeeded payments, fresh and locked: a cancellation takes them before the seat it frees goes
    to the line, as payments come before places in the lock order."""
    paid = select(Payment).where(Payment.booking_id == booking_id, Payment.status == PAYMENT_SUCCEEDED)
    return lock(Payment, paid.order_by(Payment.id).execution_options(populate_existing=True)).scalars().all()


def refund_each(booking_id: int, reason: str, keep: Callable[[Payment], bool] = lambda _payment: False) -> int:
    """Queue the refund of every succeeded payment of a cancelled booking that keep does not keep (the deposit and
    instalments of a plan, the whole price otherwise), each once: a payment refunded already is skipped; an
    instalment it paid becomes refunded. In the caller's unit of work, the booking locked; the amount queued."""
    payments = lock_paid(booking_id)
    queued = 0
    for payment in payments:
        if keep(payment) or not request_refund(payment, reason):
            continue
        queued += payment.refund_amount
        db.session.execute(
            update(BookingInstalment)
            .where(BookingInstalment.payment_id == payment.id, BookingInstalment.status == INSTALMENT_PAID)
            .values(status=INSTALMENT_REFUNDED)
            .execution_options(synchronize_session=False)
        )
    return queued


def queue_refund(payment: Payment, amount: int, *, guest: int | None = None, staff_refund: int | None = None) -> None:
    """The payments-lane message that asks the provider for amount of payment back (for a guest's seat, or a refund
    staff gave)."""
    queue(
        RefundRequest(
            payment=payment.id,
            provider=payment.provider,
            account=payment.account_id,
            payment_id=payment.payment_id,
            amount=amount,
            currency=payment.currency,
            guest=guest,
            staff_refund=staff_refund,
            booking_id=payment.booking_id,
        )
    )


def given_back_for_guests(payment: Payment) -> int:
    """How much of this payment went, or is going, back for guests' seats cancelled on their own since it was made
    (a booking paid again after a refund has a newer payment, which the earlier seats given back are no part of)."""
    asked = (REFUND_INITIATED, REFUND_PROCESSED)
    return db.session.scalar(
        select(func.coalesce(func.sum(BookingGuest.refund_amount), 0)).where(
            BookingGuest.booking_id == payment.booking_id,
            BookingGuest.refund_status.in_(asked),
            BookingGuest.cancelled_at >= payment.created_at,
        )
    )


def seats_paid_for(payment: Payment, guests) -> int:
    """How many seats the payment bought: the booker's, and each guest's still coming when it was made (guests
    given back before it were not charged)."""
    charged = [g for g in guests if g.cancelled_at is None or g.cancelled_at >= payment.created_at]
    return 1 + len(charged)


def refund_sent(payment_id: int, refund: Refund) -> None:
    """The provider took the refund (dispatcher, inside its unit of work): processed now, or when its webhook says."""
    payment = locked_payment(payment_id)
    if payment is None or payment.refund_status == REFUND_PROCESSED:
        return
    payment.refund_id = refund.refund_id
    if refund.status == "processed":
        refund_settled(payment, True)


def refund_settled(payment: Payment, processed: bool, failure: str | None = None) -> None:
    """A refund is done (or failed for good): the booking, the CRM and the person are told."""
    if payment.refund_status == REFUND_PROCESSED or (not processed and payment.refund_status == REFUND_FAILED):
        return  # told already
    payment.refund_status = REFUND_PROCESSED if processed else REFUND_FAILED
    if processed:
        payment.refunded_at = utcnow()
    if payment.pass_id is not None:
        if processed:
            if payment.surplus_of is None:  # a surplus capture given back leaves its pass as it is
                pass_refunded(locked_pass(payment.pass_id))
            _credit(payment)
        return
    booking, user, event_session, event = booking_for_update(payment.booking_id)
    if processed and payment.surplus_of is None and booking.status in (BOOKING_CANCELLED, BOOKING_EXPIRED):
        booking.status = BOOKING_REFUNDED
    amount = payment.refund_amount or payment.amount
    data = {
        "refund_id": payment.refund_id,
        "amount": amount,
        "currency": payment.currency,
        "reason": payment.refund_reason if processed else (failure or payment.refund_reason),
    }
    news.publish(news.RefundSettled(booking, user, event_session, event, processed, data))
    if processed:
        _credit(payment)


def _credit(payment: Payment) -> None:
    """The credit note of the payment's own refund (last: the counter row follows every row this path locks)."""
    issue_credit_note(payment, payment.refund_amount or payment.amount, REFUND_OF_PAYMENT, payment.id)


def refund_dead(payment_id: int, error: str) -> None:
    """The dispatcher gave up on a refund: operators see it (and can retry it); the CRM hears refund_failed."""
    payment = locked_payment(payment_id)
    if payment is not None and payment.refund_status == REFUND_INITIATED:
        refund_settled(payment, False, error[:500])
