"""What a checkout page of ours shows about a payment, read from our database: the test provider's page and the page
that opens Razorpay's Checkout both use it, so neither carries the way back (nor anything else) in its address."""

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import Booking, EventSession, Pass, Payment, Studio


def paying_for(payment: Payment) -> tuple[str, str, str, str, bool]:
    """What a checkout is for: its description, the person's email, the clock it is shown on, the way back (ending
    in "result=": add success or cancel), and whether it renews (a membership)."""
    web = current_app.config["PUBLIC_WEB_URL"]
    if payment.pass_id is not None:
        bought = db.session.scalars(select(Pass).options(joinedload(Pass.user)).where(Pass.id == payment.pass_id)).one()
        zone = db.session.get(Studio, bought.studio_id).timezone  # the clock of the studio whose classes it is for
        return bought.name, bought.user.email, zone, f"{web}/my-passes?pass={bought.id}&result=", bought.renews
    booking = db.session.scalars(
        select(Booking)
        .options(joinedload(Booking.user), joinedload(Booking.session).joinedload(EventSession.event))
        .where(Booking.id == payment.booking_id)
    ).one()
    event = booking.session.event
    # Back to the return page as the checkout's success_url says: an instalment's names it (not "You're booked!").
    instalment = f"instalment={payment.instalment}&" if payment.instalment else ""
    back = f"{web}/bookings/{booking.id}/payment?{instalment}result="
    return event.title, booking.user.email, event.timezone, back, False


def until(payment: Payment, expires: str) -> str:
    """Until when the checkout takes a payment: a booking's first payment holds its seat; a pass or a later
    instalment (the seat booked already) holds nothing."""
    if payment.booking_id is not None and not payment.instalment:  # none, or the deposit (instalment 0)
        return f"The seat is held until {expires}."
    return f"This checkout is open until {expires}."


def closed_note(payment: Payment) -> str:
    """What a checkout that takes no more payment says."""
    return {
        "succeeded": "This checkout is paid.",
        "failed": "This payment was declined.",
    }.get(payment.status, "This checkout has closed." + (" The seat's hold ended." if payment.booking_id else ""))
