"""What the main API's own records say of a studio's clients, in the figures the CRM's client book keeps: one
aggregate statement per kind of record for a range of user ids, never a statement per client."""

import datetime as dt

import sqlalchemy as sa

from ...extensions import db
from ...models import (
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    BOOKING_REFUNDED,
    CANCELLED_BY_PERSON,
    PASS_ACTIVE,
    PASS_REFUNDED,
    PAYMENT_SUCCEEDED,
    REFUND_PROCESSED,
    Booking,
    BookingGuest,
    Checkin,
    Event,
    EventSession,
    Pass,
    Payment,
    PaymentRefund,
)

COUNTS = ("bookings", "visits", "no_shows", "late_cancels")


def _of_studio(column, studio_id: int):
    """column == studio_id, written so that no index on it is used (`+ 0`): each statement must start from the user
    id range (a page's few hundred rows), never from the studio's index (every row it has, at every page). SQLite
    without statistics would take the studio's."""
    return (column + 0) == studio_id


def _count(*conditions):
    return sa.func.coalesce(sa.func.sum(sa.case((sa.and_(*conditions), 1), else_=0)), 0)


def _late(dialect: str):
    """Cancelled by its person inside the event's late-cancel window (as crm.people.late_cancel decides)."""
    if dialect == "sqlite":  # the stored text has no zone: julianday reads it as UTC
        window_start = sa.func.julianday(EventSession.starts_at) - Event.late_cancel_hours / 24.0
        inside = sa.func.julianday(Booking.cancelled_at) >= window_start
    else:
        window = sa.func.make_interval(0, 0, 0, 0, Event.late_cancel_hours)  # hours
        inside = Booking.cancelled_at >= EventSession.starts_at - window
    return sa.and_(Booking.cancelled_by == CANCELLED_BY_PERSON, Booking.cancelled_at.is_not(None), inside)


def booking_counts(studio_id: int, low: int, high: int) -> dict[int, dict]:
    """Per user in (low, high]: bookings the CRM heard of (active, or cancelled after holding a seat: not a request
    withdrawn or declined, not a hold that ended unpaid), visits (marked attended, or a seat checked in before the
    close), no-shows and late cancels."""
    checked_in = sa.exists().where(Checkin.booking_id == Booking.id)
    withdrawn = sa.and_(Event.requires_approval.is_(True), Booking.approved_at.is_(None))
    ended = (BOOKING_CANCELLED, BOOKING_REFUNDED)
    rows = db.session.execute(
        sa.select(
            Booking.user_id,
            _count(sa.or_(Booking.status == BOOKING_ACTIVE, sa.and_(Booking.status.in_(ended), ~withdrawn))),
            _count(sa.or_(Booking.attendance == "attended", sa.and_(Booking.attendance.is_(None), checked_in))),
            _count(Booking.attendance == "no_show"),
            _count(Booking.status.in_(ended), _late(db.engine.dialect.name)),
        )
        .join(EventSession, EventSession.id == Booking.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(_of_studio(Event.studio_id, studio_id), Booking.user_id > low, Booking.user_id <= high)
        .group_by(Booking.user_id)
    )
    return {row[0]: dict(zip(COUNTS, map(int, row[1:]), strict=True)) for row in rows}


def credits_left(studio_id: int, low: int, high: int, now: dt.datetime) -> dict[int, int]:
    """Per user in (low, high]: credits left on their active passes at the studio that have not ended."""
    rows = db.session.execute(
        sa.select(Pass.user_id, sa.func.sum(Pass.credits_left))
        .where(_of_studio(Pass.studio_id, studio_id), Pass.user_id > low, Pass.user_id <= high)
        .where(Pass.status == PASS_ACTIVE)
        .where(Pass.credits_left.is_not(None), sa.or_(Pass.valid_until.is_(None), Pass.valid_until > now))
        .group_by(Pass.user_id)
    )
    return {user_id: int(credits) for user_id, credits in rows}


def money(studio_id: int, low: int, high: int) -> dict[int, dict[str, dict]]:
    """Per user in (low, high] and currency: spent (succeeded payments for their bookings and the passes that became
    good) and refunded (processed refunds of a booking's payment: the cancellation's, staff's and a guest's seat's),
    minor units."""
    found: dict[int, dict[str, dict]] = {}
    for figure, statement in (("spent", _spent(studio_id, low, high)), *_refunds(studio_id, low, high)):
        for user_id, currency, amount in db.session.execute(statement):
            per_currency = found.setdefault(user_id, {}).setdefault(currency.upper(), {"spent": 0, "refunded": 0})
            per_currency[figure] += int(amount)
    return found


def _booked_in_studio(studio_id: int, low: int, high: int):
    """The studio's bookings of users in (low, high], as (booking id, user id, the session's currency)."""
    return (
        sa.select(Booking.id.label("booking_id"), Booking.user_id.label("user_id"), EventSession.currency)
        .join(EventSession, EventSession.id == Booking.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(_of_studio(Event.studio_id, studio_id), Booking.user_id > low, Booking.user_id <= high)
        .subquery("booked")
    )


def _spent(studio_id: int, low: int, high: int):
    booked = _booked_in_studio(studio_id, low, high)
    for_bookings = (
        sa.select(booked.c.user_id, Payment.currency, Payment.amount)
        .join(booked, booked.c.booking_id == Payment.booking_id)
        .where(Payment.status == PAYMENT_SUCCEEDED)
    )
    for_passes = (
        sa.select(Pass.user_id, Payment.currency, Payment.amount)
        .join(Pass, Pass.id == Payment.pass_id)
        .where(Payment.status == PAYMENT_SUCCEEDED, _of_studio(Pass.studio_id, studio_id))
        # Money for a pass that never became good went back, as does a capture its checkout did not ask for: no pass
        # was bought with it (the CRM heard of none).
        .where(Pass.user_id > low, Pass.user_id <= high, Pass.status != PASS_REFUNDED, Payment.surplus_of.is_(None))
    )
    paid = sa.union_all(for_bookings, for_passes).subquery("paid")
    return sa.select(paid.c.user_id, paid.c.currency, sa.func.sum(paid.c.amount)).group_by(
        paid.c.user_id, paid.c.currency
    )


def _refunds(studio_id: int, low: int, high: int):
    booked = _booked_in_studio(studio_id, low, high)
    paid = sa.select(booked.c.user_id, Payment.currency).join(booked, booked.c.booking_id == Payment.booking_id)
    whole = paid.add_columns(sa.func.sum(sa.func.coalesce(Payment.refund_amount, Payment.amount))).where(
        Payment.refund_status == REFUND_PROCESSED
    )
    by_staff = (
        paid.add_columns(sa.func.sum(PaymentRefund.amount))
        .join(PaymentRefund, PaymentRefund.payment_id == Payment.id)
        .where(PaymentRefund.status == REFUND_PROCESSED)
    )
    guests = (
        sa.select(booked.c.user_id, booked.c.currency, sa.func.sum(BookingGuest.refund_amount))
        .join(BookingGuest, BookingGuest.booking_id == booked.c.booking_id)
        .where(BookingGuest.refund_status == REFUND_PROCESSED)
        .group_by(booked.c.user_id, booked.c.currency)
    )
    group = (booked.c.user_id, Payment.currency)
    return [("refunded", whole.group_by(*group)), ("refunded", by_staff.group_by(*group)), ("refunded", guests)]
