"""A held seat: a paid booking's seat, kept while the person pays and ended on time by a timers-channel message."""

from datetime import timedelta

from flask import current_app

from main_app.services.common import format_money, local_time

from ...extensions import db
from ...models import (
    BOOKING_PENDING_PAYMENT,
    Booking,
    EventSession,
    utcnow,
)
from .. import news, timers
from .options import seat_price

HOLD_EXPIRY = timers.HoldExpiry.KIND
SEAT_HELD = "seat_held"
# "Pay to keep it" goes only if the hold is still unpaid this long after the checkout opened: most pay at once.
SEAT_HELD_DELAY = timedelta(minutes=1)
# A request to book an event that requires approval holds its seat until this message (bookings.approval_requests).
APPROVAL_EXPIRY = timers.ApprovalExpiry.KIND
HOLD_ENDS = (timers.HoldExpiry, timers.ApprovalExpiry)  # the timed ends of a seat held for a payment or a decision


# A seat that came free for someone on the waiting list waits longer: they hear of it by email.
PROMOTED_HOLD = timedelta(hours=12)


def hold(booking: Booking, event_session: EventSession, *, promoted: bool = False) -> None:
    """Make a new booking a held seat (inside the caller's unit of work): pending until paid, ended on time."""
    length = PROMOTED_HOLD if promoted else timedelta(seconds=current_app.config["PAYMENT_HOLD_SECONDS"])
    booking.status = BOOKING_PENDING_PAYMENT
    booking.hold_expires_at = min(utcnow() + length, event_session.starts_at)
    db.session.flush()
    timers.schedule(timers.HoldExpiry(booking_id=booking.id, due=booking.hold_expires_at))


def pay_terms(booking: Booking, event_session: EventSession, event) -> dict:
    """What a held seat's email, text and notice say of paying: how much (every seat; a checkout puts what it asks,
    less a code, in its place), by when (on the event's clock), where."""
    total = seat_price(event_session, booking.option_id) * booking.seats
    return {
        "amount": format_money(total, event_session.currency),
        "by": local_time(booking.hold_expires_at, event.timezone),
        # The same as values, for an email that writes them in its person's language.
        "value": total,
        "currency": event_session.currency,
        "by_at": booking.hold_expires_at.isoformat(),
        "url": f"{current_app.config['PUBLIC_WEB_URL']}/bookings/{booking.id}/payment",
    }


def drop_hold_expiries(booking_ids: list[int]) -> None:
    """These holds (for a payment or a decision) ended another way (paid, decided, cancelled): nothing is left for
    the dispatcher to end (its timers), nor to say (their seat_held news, withdrawn through news)."""
    if not booking_ids:
        return
    # One being run finds the hold over and does nothing.
    timers.cancel(job(booking_id=booking_id) for booking_id in booking_ids for job in HOLD_ENDS)
    # Their "pay to keep it" news, still waiting out its minute, has nothing left to say.
    news.publish(news.Withdrawn(booking_ids=tuple(booking_ids), kinds=(SEAT_HELD,)))


def end_imported_holds(bookings: list[Booking]) -> None:
    """Held seats a studio import brought (their ends were the old install's timers): each ends when its hold does,
    at once when that has passed, as any hold here ends."""
    for booking in bookings:
        ends = timers.HoldExpiry if booking.status == BOOKING_PENDING_PAYMENT else timers.ApprovalExpiry
        timers.schedule(ends(booking_id=booking.id, due=booking.hold_expires_at or utcnow()))
