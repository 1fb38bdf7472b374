"""Refunds a studio's staff ask of one payment: all or part of what is left of it, never more however many are asked
at once (one conditional update raises what staff asked back), sent on the payments lane and settled by the
provider's answer or webhook as a cancellation's refund is; each one's state is kept on its PaymentRefund."""

from sqlalchemy import case, func, select, update

from main_app.services import news
from main_app.services.invoices import REFUND_BY_STAFF, issue_credit_note

from ...error_codes import api_error
from ...extensions import db
from ...models import (
    PAYMENT_AT_DOOR,
    PAYMENT_SUCCEEDED,
    REFUND_FAILED,
    REFUND_INITIATED,
    REFUND_PROCESSED,
    BookingGuest,
    Payment,
    PaymentRefund,
    utcnow,
)
from .providers.base import Refund
from .records import REFUNDS_ASKED, booking_for_update, locked_payment, of_account
from .refunds import queue_refund


def _left():
    """What is left to give back of a payment, as SQL on its row: the amount less its own refund asked, the guests'
    seats given back since it was made, and what staff asked already."""
    own = case(
        (Payment.refund_status.in_(REFUNDS_ASKED), func.coalesce(Payment.refund_amount, Payment.amount)), else_=0
    )
    guests = (
        select(func.coalesce(func.sum(BookingGuest.refund_amount), 0))
        .where(
            BookingGuest.booking_id == Payment.booking_id,
            BookingGuest.refund_status.in_(REFUNDS_ASKED),
            BookingGuest.cancelled_at >= Payment.created_at,
        )
        .correlate(Payment)
        .scalar_subquery()
    )
    return Payment.amount - own - guests - Payment.staff_refunded


def left_of(payment_id: int) -> int:
    """What is left to give back of the payment (never below nothing)."""
    return max(0, db.session.scalar(select(_left()).where(Payment.id == payment_id)))


def ask_refund(payment: Payment, amount: int | None, reason: str, asked_by: int | None) -> PaymentRefund:
    """Queue a refund of amount (None: all that is left) of a booking's payment, inside the caller's unit of work
    with the payment locked: 409 not_refundable (not paid), not_refundable.nothing_left, or refund_above_left; the
    conditional update refuses what a refund committed meanwhile took. Money taken at the door or the desk goes back
    there: the refund is recorded as done at once (its credit note too), with nothing for the provider to do."""
    if payment.status != PAYMENT_SUCCEEDED or payment.booking_id is None:
        raise api_error("not_refundable")
    left = left_of(payment.id)
    if left <= 0:
        raise api_error("not_refundable.nothing_left")
    amount = left if amount is None else amount
    if amount > left:
        raise api_error("refund_above_left", left=left, details={"left": left})
    taken = db.session.execute(
        update(Payment)
        .where(Payment.id == payment.id, _left() >= amount)
        .values(staff_refunded=Payment.staff_refunded + amount)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:  # a refund committed since the read took part of it
        left = left_of(payment.id)
        raise api_error("refund_above_left", left=left, details={"left": left})
    db.session.refresh(payment)
    refund = PaymentRefund(payment_id=payment.id, amount=amount, reason=reason[:500], asked_by=asked_by)
    db.session.add(refund)
    db.session.flush()
    if payment.provider == PAYMENT_AT_DOOR:
        staff_refund_settled(refund, True)
    else:
        queue_refund(payment, amount, staff_refund=refund.id)
    return refund


def document(refund: PaymentRefund, payment: Payment) -> dict:
    """A staff refund as the API shows it, with what is left of its payment."""
    return {
        "id": refund.id,
        "payment_id": payment.id,
        "booking_id": payment.booking_id,
        "amount": refund.amount,
        "currency": payment.currency,
        "reason": refund.reason,
        "status": refund.status,
        "asked_by": refund.asked_by,
        "created_at": refund.created_at.isoformat(),
        "left": left_of(payment.id),
    }


def _locked(refund_id: int) -> tuple[PaymentRefund, Payment] | None:
    """The refund with its payment locked (after its session and booking: the lock order); changes to a refund are
    made under its payment's lock alone."""
    found = db.session.get(PaymentRefund, refund_id, populate_existing=True)
    if found is None:
        return None
    payment = locked_payment(found.payment_id)
    return db.session.get(PaymentRefund, refund_id, populate_existing=True), payment


def staff_refund_sent(refund_id: int, answer: Refund) -> None:
    """The provider took the refund (dispatcher, in its unit of work): processed now, or when its webhook says."""
    found = _locked(refund_id)
    if found is None or found[0].status == REFUND_PROCESSED:
        return
    found[0].refund_id = answer.refund_id
    if answer.status == "processed":
        staff_refund_settled(found[0], True)


def staff_refund_dead(refund_id: int, error: str) -> None:
    """The dispatcher gave up on a staff refund: marked failed (its amount is left to refund again) and reported."""
    found = _locked(refund_id)
    if found is not None and found[0].status == REFUND_INITIATED:
        staff_refund_settled(found[0], False, error[:500])


def by_refund_id(provider_name: str, account: int | None, refund_id: str | None) -> PaymentRefund | None:
    """The staff refund a provider event names, its payment locked; None when it is not one."""
    if not refund_id:
        return None
    found = db.session.scalar(
        select(PaymentRefund.id)
        .join(Payment, Payment.id == PaymentRefund.payment_id)
        .where(PaymentRefund.refund_id == refund_id, of_account(provider_name, account))
        .limit(1)
    )
    return None if found is None else _locked(found)[0]


def staff_refund_settled(refund: PaymentRefund, processed: bool, failure: str | None = None) -> None:
    """A staff refund is done (or failed for good, and what it asked is left to refund again): the CRM and the
    person are told. The payment is locked by the caller."""
    if refund.status == REFUND_PROCESSED or (not processed and refund.status == REFUND_FAILED):
        return  # told already
    refund.status, refund.settled_at = (REFUND_PROCESSED if processed else REFUND_FAILED), utcnow()
    payment = db.session.get(Payment, refund.payment_id)
    if not processed:
        payment.staff_refunded -= refund.amount
    booking, user, event_session, event = booking_for_update(payment.booking_id)
    data = {
        "refund_id": refund.refund_id,
        "amount": refund.amount,
        "currency": payment.currency,
        "reason": refund.reason if processed else (failure or refund.reason),
    }
    in_person = payment.provider == PAYMENT_AT_DOOR
    news.publish(news.RefundSettled(booking, user, event_session, event, processed, data, in_person=in_person))
    if processed:  # last: the counter row follows every row this path locks
        issue_credit_note(payment, refund.amount, REFUND_BY_STAFF, refund.id)


def refund_by_staff(payment_id: int, amount: int | None, reason: str, asked_by: int | None):
    """ask_refund() of the payment, locked here after its session and booking (the lock order), inside the caller's
    unit of work: (the refund, the payment, what was left of it before)."""
    payment = locked_payment(payment_id)
    left = left_of(payment_id)
    return ask_refund(payment, amount, reason, asked_by), payment, left
