"""Paid seats: the checkout for a held seat and the end of a hold (expired, given up, or the checkout never opened).

A paid booking starts pending_payment: its seat is held (counted against the capacity) until hold_expires_at, and a
timers-channel message due then ends the hold if no payment came. Only a succeeded payment makes it active
(payments.webhooks), and only then do the CRM and the person hear of it. No transaction spans a call to the provider."""

import logging
from dataclasses import replace
from datetime import datetime

from flask import current_app
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import joinedload

from main_app.plumbing import lock
from main_app.services.common import format_money, local_range
from main_app.services.discounts import forget_code_uses, give_back_code_use
from main_app.services.invoices import require_billing_address
from main_app.services.seats import (
    SEAT_HELD,
    SEAT_HELD_DELAY,
    drop_hold_expiries,
    lock_sessions,
    lock_sessions_of,
    pay_terms,
    seat_freed,
)
from service_kit.errors import Conflict

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BOOKING_CANCELLED,
    BOOKING_EXPIRED,
    BOOKING_PENDING_PAYMENT,
    CANCELLED_BY_PERSON,
    PAYMENT_PENDING,
    Booking,
    BookingAnswer,
    BookingGuest,
    Event,
    EventSession,
    Payment,
    User,
    utcnow,
)
from .. import news
from .instalments import booking_total, first_payment, quoted_tax
from .jobs import CloseCheckout, queue
from .providers.base import Checkout, CheckoutRequest, PaymentError, UnknownProvider
from .records import checkout_account, provider, refuse_below_minimum

log = logging.getLogger(__name__)
# What a held seat's news names, read with its session's lock: the event and who teaches it.
HOLD_NEWS = joinedload(EventSession.event).joinedload(Event.facilitator)


def open_checkout(booking: Booking, user: User, event_session: EventSession, event: Event) -> Payment:
    """Open the provider's checkout for a held seat (a network call: never inside a transaction) and record it."""
    web = current_app.config["PUBLIC_WEB_URL"]
    count = db.session.scalar(select(func.count(Payment.id)).where(Payment.booking_id == booking.id))
    description = f"{event.title}, {local_range(event_session.starts_at, event_session.ends_at, event.timezone)}"
    description = description if booking.seats == 1 else f"{description} ({booking.seats} seats)"
    # One payment for the seats (guests' too) less a code's discount, at this moment's tax rate: or its deposit.
    total = booking_total(booking, event_session, event.studio_id, tax := quoted_tax(booking, event_session, event))
    amount, instalment = first_payment(booking, event_session, event, total)
    if amount <= 0:  # never a checkout for nothing: the price changed under a code (a free booking has none)
        raise api_error("price_changed")
    require_billing_address(user.id, amount, event_session.currency, tax)
    request = CheckoutRequest(
        booking_id=booking.id,
        amount=amount,
        currency=event_session.currency,
        description=description if instalment is None else f"{description}, deposit",
        customer_email=user.email,
        success_url=f"{web}/bookings/{booking.id}/payment?result=success",
        cancel_url=f"{web}/bookings/{booking.id}/payment?result=cancel",
        expires_at=booking.hold_expires_at,
        idempotency_key=f"checkout-{booking.id}-{count + 1}",
        studio_id=event.studio_id,
    )
    booking_id, session_id = booking.id, booking.session_id  # the provider's call ends the transaction, expiring them
    checkout = create_checkout(request, f"booking {booking_id}")
    with unit_of_work():
        # Two Pay clicks at once record their one checkout in turn; the locks' rows, fetched, refresh both.
        lock(EventSession, select(EventSession).options(HOLD_NEWS).where(EventSession.id == session_id)).all()
        lock(Booking, select(Booking).where(Booking.id == booking_id)).all()
        if (payment := recorded(checkout) or opened_meanwhile(booking.id, count, instalment)) is not None:
            return payment
        payment = record_checkout(request, checkout, booking_id=booking.id, instalment=instalment, tax=tax)
        # A line's seat was announced as such when it came free, an approved request's in its approval.
        if count == 0 and not booking.from_waitlist and booking.approved_at is None:
            pay = pay_terms(booking, event_session, event)
            pay |= {"amount": format_money(amount, event_session.currency), "value": amount}  # its ask (a deposit?)
            # Due a minute on, and dropped when the hold ends before (drop_hold_expiries): a prompt payer hears
            # only that they are booked.
            tell_about_hold(SEAT_HELD, booking, pay=pay, send_at=utcnow() + SEAT_HELD_DELAY)
    return payment


def create_checkout(request: CheckoutRequest, about: str) -> Checkout:
    """Ask the studio's provider (or the install's) for a checkout (a network call: the open transaction ends
    first); 503 when it can't be had, 409 under its least amount. The checkout names the provider and account."""
    name, account = checkout_account(request.studio_id)
    if current_app.config["APP_ENV"] == "production" and name == "test":
        raise api_error("payments_unavailable")
    try:
        chosen = refuse_below_minimum(provider(name, account), request.amount, request.currency)
    except PaymentError as exc:
        log.warning("checkout for %s: %s", about, exc)
        raise api_error("payment_provider_unavailable") from None
    db.session.rollback()  # no transaction stays open across the provider's answer
    try:
        checkout = chosen.create_checkout(request)
    except PaymentError as exc:
        log.warning("checkout for %s failed: %s", about, exc)
        raise api_error("payment_provider_unavailable") from None
    return replace(checkout, provider=name, account=account)


def recorded(checkout: Checkout) -> Payment | None:
    """The payment of this checkout when it is recorded already: two Pay clicks at once send the same idempotency
    key, and the provider answers both with one checkout (call it with the booking locked)."""
    return db.session.scalars(
        select(Payment).where(Payment.provider == checkout.provider, Payment.reference == checkout.reference)
    ).first()


def opened_meanwhile(booking_id: int, count: int, instalment: int | None) -> Payment | None:
    """The checkout another Pay click of the same moment recorded first (call it with the booking locked): both
    were keyed on the same count of payments before them, and a provider whose idempotency is a lookup, not a
    reservation (Razorpay's order receipt), may have answered each with its own. The first recorded is handed
    out to both; the other is never shown, so nothing can be paid through it."""
    found = db.session.scalars(
        select(Payment).where(Payment.booking_id == booking_id).order_by(Payment.id).offset(count).limit(1)
    ).first()
    if found is None or found.status != PAYMENT_PENDING or found.instalment != instalment:
        return None
    return found


def record_checkout(request: CheckoutRequest, checkout: Checkout, **paying_for) -> Payment:
    """The pending payment of an opened checkout, for a booking or a pass (in the caller's unit of work)."""
    payment = Payment(
        provider=checkout.provider,
        account_id=checkout.account,
        reference=checkout.reference,
        checkout_url=checkout.url,
        status=PAYMENT_PENDING,
        amount=request.amount,
        currency=request.currency,
        expires_at=request.expires_at,  # the hold's end (a provider's checkout may stay open longer)
        **paying_for,
    )
    db.session.add(payment)
    return payment


def tell_about_hold(kind: str, booking: Booking, **extra) -> None:
    """Tell the person of their held seat (seat_held: pay by when) or of its end (hold_ended), by email, text and
    in the notification centre, in the caller's unit of work."""
    event_session = db.session.get(EventSession, booking.session_id)
    event = db.session.get(Event, event_session.event_id)
    user, organiser = db.session.get(User, booking.user_id), db.session.get(User, event.facilitator_id)
    send_at = extra.pop("send_at", None)
    news.publish(
        news.BookingNews(kind, booking, user, event_session, event, news.PersonFacts.of(organiser), extra, send_at)
    )


def release_unopened(booking_id: int) -> None:
    """The checkout could not be opened: the held seat goes back and the booking is gone, as if never made."""
    with unit_of_work():
        lock_sessions_of([booking_id])
        booking = db.session.get(Booking, booking_id, populate_existing=True)
        if booking is None or booking.status != BOOKING_PENDING_PAYMENT:
            return
        drop_hold_expiries([booking_id])
        forget_code_uses(booking_id)
        db.session.execute(delete(BookingGuest).where(BookingGuest.booking_id == booking_id))
        db.session.execute(delete(BookingAnswer).where(BookingAnswer.booking_id == booking_id))
        db.session.delete(booking)
        seat_freed(booking.session_id, booking.seats, booking.option_id)


def close_checkouts(booking_ids: list[int]) -> None:
    """Their holds ended: an open checkout takes no payment from now. Ours closes here; a provider's hosted page is
    closed through the payments lane (a network call, after this commit). A payment that still arrives, from a
    page closed too late, is refunded or finds the seat, as _paid decides."""
    if not booking_ids:
        return
    closed = db.session.execute(
        update(Payment)
        .where(Payment.booking_id.in_(booking_ids), Payment.status == PAYMENT_PENDING)
        .values(expires_at=utcnow())
        .returning(Payment.booking_id, Payment.provider, Payment.account_id, Payment.reference)
        .execution_options(synchronize_session=False)
    ).all()
    for booking_id, provider_name, account, reference in closed:
        if _closes_remotely(provider_name, account):
            queue(CloseCheckout(reference=reference, provider=provider_name, account=account, booking_id=booking_id))


def _closes_remotely(provider_name: str, account: int | None) -> bool:
    """Whether this provider's hosted checkout must be told to close (one no longer set up here cannot be)."""
    try:
        return provider(provider_name, account).closes_checkouts
    except (UnknownProvider, PaymentError):
        return False


def expire_hold(booking_id: int, *, now: datetime | None = None) -> bool:
    """End an unpaid hold that is due (inside the caller's unit of work): the seat goes back, to the waiting list
    first. False when there is nothing to end (paid, cancelled, or not due yet)."""
    now = now or utcnow()
    lock_sessions_of([booking_id])
    booking = db.session.get(Booking, booking_id, populate_existing=True)
    if booking is None or booking.status != BOOKING_PENDING_PAYMENT or booking.hold_expires_at > now:
        return False
    ended = end_hold(booking, BOOKING_EXPIRED)
    if ended:
        tell_about_hold("hold_ended", booking, reason="time")
    return ended


def end_hold(booking: Booking, status: str, reason: str | None = None) -> bool:
    """End a hold with one conditional UPDATE (a payment or another request may end it at the same moment): the
    seat goes back, to the waiting list first. False when it was no longer held."""
    values = {"status": status, "hold_expires_at": None}
    if status == BOOKING_CANCELLED:
        values.update(cancelled_at=utcnow(), cancel_reason=reason, cancelled_by=CANCELLED_BY_PERSON)
    result = db.session.execute(
        update(Booking)
        .where(Booking.id == booking.id, Booking.status == BOOKING_PENDING_PAYMENT)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        return False
    close_checkouts([booking.id])
    drop_hold_expiries([booking.id])
    give_back_code_use(booking_id=booking.id)
    seat_freed(booking.session_id, booking.seats, booking.option_id)
    return True


def expire_due_holds(session_id: int) -> int:
    """End every due hold of a session now (a booking found it full): seats come back even with no dispatcher.
    The session first, then its bookings lowest id first: the lock order."""
    lock_sessions([session_id])
    due = db.session.scalars(
        select(Booking.id)
        .where(
            Booking.session_id == session_id,
            Booking.status == BOOKING_PENDING_PAYMENT,
            Booking.hold_expires_at <= utcnow(),
        )
        .order_by(Booking.id)
    ).all()
    return sum(expire_hold(booking_id) for booking_id in due)


def has_due_holds(session_id: int) -> bool:
    """Whether a hold of the session is past its time (read on the index of held seats, without a lock)."""
    held = select(Booking.id).where(Booking.session_id == session_id, Booking.status == BOOKING_PENDING_PAYMENT)
    return db.session.execute(held.where(Booking.hold_expires_at <= utcnow()).limit(1)).first() is not None


def after_due_holds_end(session_id: int, attempt):
    """attempt(retrying) once; when it finds too few seats, end the session's holds past their time (dispatcher or
    not) and, if that gave seats back, attempt(True) once more."""
    try:
        return attempt(False)
    except Conflict as exc:
        if exc.code not in ("session_full", "not_enough_seats") or not has_due_holds(session_id):
            raise  # nothing to give back: refused without a write, so a sold-out rush queues on no lock
        with unit_of_work():
            released = expire_due_holds(session_id)
        if not released:
            raise
        return attempt(True)


def cancel_hold(booking: Booking, reason: str | None) -> bool:
    """The person gave up before paying (inside the caller's unit of work): the seat goes back. False when the
    booking was no longer held (paid meanwhile)."""
    return end_hold(booking, BOOKING_CANCELLED, reason)
