"""A request to book an event that requires approval, as the seats see it: its seats held while the facilitator
decides (for APPROVAL_HOLD_DAYS at most, ended by a timers-lane message due then) and the news of it, whether it
was asked at booking (services.bookings.approval_requests) or a freed seat came to its place in line."""

from datetime import timedelta

from flask import current_app

from main_app.services.common import local_time

from ...models import BOOKING_PENDING_APPROVAL, Booking, User, utcnow
from .. import news, timers


def hold_for_decision(booking: Booking, starts_at) -> None:
    """Make a new booking (its seats claimed, flushed) a request held until its facilitator decides or its time
    ends, never past the start (inside the caller's unit of work)."""
    booking.status = BOOKING_PENDING_APPROVAL
    booking.hold_expires_at = min(utcnow() + timedelta(days=current_app.config["APPROVAL_HOLD_DAYS"]), starts_at)
    timers.schedule(timers.ApprovalExpiry(booking_id=booking.id, due=booking.hold_expires_at))


def tell_requested(booking: Booking, user: User, event_session) -> None:
    """The CRM hears approval_requested and the facilitator gets an email with the link to their queue."""
    event = event_session.event
    until = local_time(booking.hold_expires_at, event.timezone)
    review_url = f"{current_app.config['PUBLIC_WEB_URL']}/facilitator/approvals"
    news.publish(news.ApprovalRequested(booking, user, event_session, event, until, review_url))
