"""Refunds of one guest's seat: a part of the booking's payment, one seat's price, asked back when the booker gives
that seat back before the refund cut-off; sent and settled as a whole payment's refund is (services.payments.refunds),
its state kept on the guest."""

from sqlalchemy import select

from main_app.plumbing import lock
from main_app.services import news
from main_app.services.invoices import REFUND_OF_SEAT, issue_credit_note
from main_app.services.seats import lock_sessions_of

from ...extensions import db
from ...models import REFUND_FAILED, REFUND_INITIATED, REFUND_PROCESSED, BookingGuest, Payment
from .providers.base import Refund
from .records import booking_for_update, latest_payment, of_account
from .refunds import queue_refund, refundable
from .staff_refunds import left_of


def request_seat_refund(payment: Payment, guest: BookingGuest, amount: int) -> bool:
    """Queue the refund of one guest's seat (inside the caller's unit of work, the booking locked); False when the
    payment has nothing left to give back."""
    if not refundable(payment) or guest.refund_status is not None:
        return False
    amount = min(amount, left_of(payment.id))  # staff may have given part of the payment back already
    if amount <= 0:
        return False
    guest.refund_status, guest.refund_amount = REFUND_INITIATED, amount
    queue_refund(payment, amount, guest=guest.id)
    return True


def locked_guest(guest_id: int) -> BookingGuest | None:
    """The guest, fresh and locked after its session and booking (the lock order)."""
    booking_id = db.session.scalar(select(BookingGuest.booking_id).where(BookingGuest.id == guest_id))
    if booking_id is None:
        return None
    lock_sessions_of([booking_id])
    return lock(
        BookingGuest, select(BookingGuest).where(BookingGuest.id == guest_id).execution_options(populate_existing=True)
    ).scalar_one()


def seat_refund_sent(guest_id: int, refund: Refund) -> None:
    """The provider took a seat's refund (dispatcher, in its unit of work): processed now, or when its webhook says."""
    guest = locked_guest(guest_id)
    if guest is None or guest.refund_status == REFUND_PROCESSED:
        return
    guest.refund_id = refund.refund_id
    if refund.status == "processed":
        seat_refund_settled(guest, True)


def seat_refund_dead(guest_id: int, error: str) -> None:
    """The dispatcher gave up on a seat's refund: marked failed and reported, as a payment's is."""
    guest = locked_guest(guest_id)
    if guest is not None and guest.refund_status == REFUND_INITIATED:
        seat_refund_settled(guest, False, error[:500])


def guest_by_refund(provider_name: str, account: int | None, refund_id: str | None) -> BookingGuest | None:
    """The guest whose seat's refund a provider event names, locked; None when it is not a seat's refund."""
    if not refund_id:
        return None
    found = db.session.scalar(
        select(BookingGuest.id)
        .join(Payment, Payment.booking_id == BookingGuest.booking_id)
        .where(BookingGuest.refund_id == refund_id, of_account(provider_name, account))
        .limit(1)
    )
    return None if found is None else locked_guest(found)


def seat_refund_settled(guest: BookingGuest, processed: bool, failure: str | None = None) -> None:
    """A seat's refund is done (or failed for good): the CRM and the booker are told."""
    if guest.refund_status == REFUND_PROCESSED or (not processed and guest.refund_status == REFUND_FAILED):
        return  # told already
    guest.refund_status = REFUND_PROCESSED if processed else REFUND_FAILED
    booking, user, event_session, event = booking_for_update(guest.booking_id)
    paid = latest_payment(booking.id)
    currency = paid.currency
    given_back = "A guest's seat given back"
    data = {
        "guest_id": guest.id,
        "refund_id": guest.refund_id,
        "amount": guest.refund_amount,
        "currency": currency,
        "reason": given_back if processed else (failure or given_back),
    }
    news.publish(news.RefundSettled(booking, user, event_session, event, processed, data, guest))
    if processed:  # last: the counter row follows every row this path locks
        issue_credit_note(paid, guest.refund_amount, REFUND_OF_SEAT, guest.id)
