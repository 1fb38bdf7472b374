"""Reading payments: the provider, a booking's payments, totals for facilitators, and what the CRM and receipts show."""

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import and_, bindparam, case, func, select
from sqlalchemy.orm import aliased, joinedload

from main_app.plumbing import lock
from main_app.services.common import format_money, method_name
from main_app.services.invoices import issue_invoice
from main_app.services.seats import lock_sessions_of

from ...error_codes import api_error
from ...extensions import db
from ...models import (
    BOOKING_PENDING_PAYMENT,
    PAYMENT_AT_DOOR,
    PAYMENT_PENDING,
    PAYMENT_SUCCEEDED,
    REFUND_INITIATED,
    REFUND_PROCESSED,
    Booking,
    BookingGuest,
    Event,
    EventSession,
    Pass,
    Payment,
    Studio,
    User,
    utcnow,
)
from . import accounts
from .providers.base import PaymentError


def provider(name: str | None = None, account: int | None = None):
    """The payment provider by name (PAYMENT_PROVIDER by default) with the install's keys, or with the keys of the
    studio whose account it is; one per name, account and keys. A studio's account no longer set up for that
    provider (it changed provider) is a configuration PaymentError."""
    name = name or current_app.config["PAYMENT_PROVIDER"]
    sealed = None
    if account is not None:
        studio = db.session.get(Studio, account)
        if studio is None or studio.payment_provider != name or not studio.payment_keys:
            raise PaymentError(f"The studio's {name} account is no longer set up.", configuration=True)
        sealed = studio.payment_keys
    providers = current_app.extensions.setdefault("payment_providers", {})
    key = accounts.cache_key(name, account, sealed)
    if key not in providers:
        providers[key] = accounts.build(name, current_app.config, sealed)
    return providers[key]


def refuse_below_minimum(chosen, amount: int, currency: str):
    """The provider, unless the amount is under the least it takes (Razorpay: ₹1): then 409 amount_below_minimum,
    never asked of it."""
    if amount < chosen.minimum_amount:
        minimum = format_money(chosen.minimum_amount, currency)
        raise api_error("amount_below_minimum", provider=chosen.name.capitalize(), minimum=minimum)
    return chosen


def of_account(provider_name: str, account: int | None):
    """The condition on payments taken through one provider account (account None: the install's)."""
    taken_by = Payment.account_id.is_(None) if account is None else Payment.account_id == account
    return and_(Payment.provider == provider_name, taken_by)


def checkout_account(studio_id: int | None) -> tuple[str, int | None]:
    """Which provider and account take a studio's money now: its own, else the install's (the test provider, when a
    studio chose it, is always the install's: it has no keys)."""
    studio = db.session.get(Studio, studio_id) if studio_id is not None else None
    if studio is None or not studio.payment_provider:
        return current_app.config["PAYMENT_PROVIDER"], None
    if studio.payment_provider == "test":
        return "test", None
    return studio.payment_provider, studio.id


def latest_payment(booking_id: int) -> Payment | None:
    """The booking's latest checkout's payment (a surplus capture given back is never the booking's payment)."""
    own = (Payment.booking_id == booking_id, Payment.surplus_of.is_(None))
    return db.session.scalars(select(Payment).where(*own).order_by(Payment.id.desc()).limit(1)).first()


def payments_of(booking_ids: list[int]) -> dict[int, Payment]:
    """Each booking's latest checkout's payment (bookings of free sessions have none): one query."""
    own = (Payment.booking_id.in_(booking_ids), Payment.surplus_of.is_(None))
    rows = db.session.scalars(select(Payment).where(*own).order_by(Payment.id)).all()
    return {payment.booking_id: payment for payment in rows}  # the latest wins


REFUNDS_ASKED = (REFUND_INITIATED, REFUND_PROCESSED)  # money the studio no longer keeps (a failed refund it does)


@dataclass(frozen=True)
class Paid:
    """What a booking paid: every succeeded payment (a plan's deposit and instalments each one) and every refund
    asked of them (by a cancellation or by staff) or of its guests' seats; and pending, a held seat's open checkout
    (its latest payment); in minor units."""

    received: int = 0
    refunded: int = 0
    pending: int = 0

    @property
    def kept(self) -> int:
        return self.received - self.refunded


def paid_query(bookings):
    """paid_by's one query, for the bookings that select (of Booking.id) names, or a list of ids."""
    asked = Payment.refund_status.in_(REFUNDS_ASKED)
    payments = (
        select(
            Payment.booking_id,
            func.sum(case((Payment.status == PAYMENT_SUCCEEDED, Payment.amount), else_=0)).label("received"),
            func.sum(
                case((asked, func.coalesce(Payment.refund_amount, Payment.amount)), else_=0) + Payment.staff_refunded
            ).label("refunded"),
            func.max(case((Payment.surplus_of.is_(None), Payment.id))).label("latest"),  # its checkout's
        )
        .where(Payment.booking_id.in_(bookings))
        .group_by(Payment.booking_id)
        .subquery()
    )
    for_guests = (  # a guest's seat given back on its own: part of a payment, refunded
        select(BookingGuest.booking_id, func.sum(BookingGuest.refund_amount).label("refunded"))
        .where(BookingGuest.booking_id.in_(bookings), BookingGuest.refund_status.in_(REFUNDS_ASKED))
        .group_by(BookingGuest.booking_id)
        .subquery()
    )
    latest = aliased(Payment)
    held = and_(Booking.status == BOOKING_PENDING_PAYMENT, latest.status == PAYMENT_PENDING)
    return (
        select(Booking.id, Booking.session_id, payments.c.received, payments.c.refunded, for_guests.c.refunded)
        .add_columns(case((held, latest.amount), else_=0))
        .join(payments, payments.c.booking_id == Booking.id)
        .join(latest, latest.id == payments.c.latest)
        .outerjoin(for_guests, for_guests.c.booking_id == Booking.id)
    )


# Built once for a list of ids: every booking's answer reads what it paid, and building this statement cost more
# CPU than running it.
PAID_OF_IDS = paid_query(bindparam("booking_ids", expanding=True))


def paid_by(bookings) -> dict[int, tuple[int, Paid]]:
    """{booking id: (session id, Paid)} for the bookings that select (of Booking.id) names, those with payments:
    the one place that adds up what a booking paid, which every view of it shows. One query."""
    return _paid(db.session.execute(paid_query(bookings)))


def paid_of(booking_ids: list[int]) -> dict[int, Paid]:
    """What each of these bookings paid (paid_by); a booking without payments is not in it."""
    if not booking_ids:
        return {}
    rows = db.session.execute(PAID_OF_IDS, {"booking_ids": list(booking_ids)})
    return {booking_id: paid for booking_id, (_s, paid) in _paid(rows).items()}


def _paid(rows) -> dict[int, tuple[int, Paid]]:
    return {
        booking_id: (session_id, Paid(received, refunded + (given_back or 0), pending))
        for booking_id, session_id, received, refunded, given_back, pending in rows
    }


def session_totals(paid) -> dict:
    """{paid (and kept), pending (held seats' open checkouts), refunded} of the Paid of a session's bookings."""
    paid = list(paid)
    return {
        "paid": sum(one.kept for one in paid),
        "pending": sum(one.pending for one in paid),
        "refunded": sum(one.refunded for one in paid),
    }


def totals(session_ids: list[int]) -> dict[int, dict]:
    """Per session, in its currency's minor units: session_totals() of its bookings. One query."""
    of_session: dict[int, list[Paid]] = {session_id: [] for session_id in session_ids}
    for session_id, paid in paid_by(select(Booking.id).where(Booking.session_id.in_(session_ids))).values():
        of_session[session_id].append(paid)
    return {session_id: session_totals(paid) for session_id, paid in of_session.items()}


def lock_outcomes_rows(payment_ids: list[int], guest_ids: list[int], pass_ids: list[int]) -> None:
    """Before the lane's messages are locked, the rows their outcomes change, in the one lock order: the sessions
    and bookings of the payments and guests, the guests, the passes renewed or paid for, then the payments."""
    paid = select(Payment.booking_id, Payment.pass_id).where(Payment.id.in_(payment_ids))
    payments = db.session.execute(paid).all() if payment_ids else []
    seats = select(BookingGuest.booking_id).where(BookingGuest.id.in_(guest_ids))
    lock_sessions_of(
        [row.booking_id for row in payments if row.booking_id is not None]
        + list(db.session.scalars(seats) if guest_ids else [])
    )
    lock(BookingGuest, guest_ids)
    lock(Pass, [row.pass_id for row in payments if row.pass_id is not None] + pass_ids)
    lock(Payment, payment_ids)


def locked_payment(payment_id: int | None, shared: bool = False) -> Payment | None:
    """The payment, fresh and locked after its session and booking, or after its pass (the lock order of
    plumbing.locks), so a webhook and a cancellation of the same booking or pass never wait on each other. shared: the
    session's row FOR SHARE (plumbing.locks.sharing_first), for a payment that changes no seat."""
    if payment_id is None:
        return None
    booking_id, pass_id = db.session.execute(
        select(Payment.booking_id, Payment.pass_id).where(Payment.id == payment_id)
    ).one()
    lock_sessions_of([booking_id] if booking_id is not None else [], shared=shared)
    lock(Pass, [pass_id] if pass_id is not None else [])
    return lock(
        Payment, select(Payment).where(Payment.id == payment_id).execution_options(populate_existing=True)
    ).scalar_one()


def booking_for_update(booking_id: int) -> tuple[Booking, User, EventSession, Event]:
    booking = lock(
        Booking,
        select(Booking)
        .options(
            joinedload(Booking.user),
            joinedload(Booking.session).joinedload(EventSession.event).joinedload(Event.facilitator),
        )
        .where(Booking.id == booking_id)
        .execution_options(populate_existing=True),
    ).scalar_one()
    return booking, booking.user, booking.session, booking.session.event


def payment_summary(payment: Payment) -> dict:
    """The booking's flat payment fields, for the CRM."""
    return {
        "payment_id": payment.payment_id,
        "payment_status": payment.status,
        "payment_provider": payment.provider,
        "amount_paid": payment.amount if payment.status == PAYMENT_SUCCEEDED else 0,
        "currency": payment.currency,
    }


def receipt(payment: Payment) -> dict:
    """What a confirmation email's receipt shows; money taken at the desk names how it was paid (method, in words)
    and its payment's reference, by which the email finds its invoice (it has no provider's payment id)."""
    shown = {
        "amount": format_money(payment.amount, payment.currency),
        "value": payment.amount,  # minor units, for an email that writes the amount in its person's language
        "currency": payment.currency,
        "payment_id": payment.payment_id,
        "provider": payment.provider,
        "paid_at": (payment.paid_at or utcnow()).isoformat(),
    }
    if payment.provider == PAYMENT_AT_DOOR:
        shown |= {"method": method_name(payment.provider, payment.method), "reference": payment.reference}
    return shown


def door_payment(amount: int, currency: str, reference: str, now, **paid_for) -> Payment:
    """Money taken in person (at the door or the desk), recorded as paid in the caller's unit of work; refunds are in
    person too. paid_for: booking_id or pass_id, and at the desk how it was paid (method) and who took it (taken_by)."""
    payment = Payment(
        provider=PAYMENT_AT_DOOR,
        reference=reference,
        checkout_url="",
        status=PAYMENT_SUCCEEDED,
        amount=amount,
        currency=currency,
        expires_at=now,
        created_at=now,
        paid_at=now,
        **paid_for,
    )
    db.session.add(payment)
    db.session.flush()
    issue_invoice(payment)
    return payment
