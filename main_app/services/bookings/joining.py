"""Joining an online or hybrid class: its video link, for the person whose booking it is and only while that booking
is on. The link itself never leaves the main API in anything public; a booking's join_url is our page that asks
here, so a forwarded address opens nothing for another account or after a cancel."""

from ...error_codes import api_error
from ...extensions import db
from ...models import BOOKING_ACTIVE, GUEST_ACTIVE, STATUS_SCHEDULED, Booking, BookingGuest, EventSession, User
from ..common import BY_VIDEO, TokenRefused, guest_join_guest_id
from .operations import owned_booking


def video_link(user: User, booking_id: int) -> dict:
    """{booking_id, session_id, url} of the caller's booking; 404 another's, 409 booking_not_active (cancelled or
    not yet confirmed), 409 join_not_ready (in person only, or no link given yet)."""
    return _link(owned_booking(user, booking_id), seat_on=True)


def guest_video_link(token: str) -> dict:
    """{booking_id, session_id, url} for a guest's join address (their emails'): they have no account, so the signed
    token names their seat, and it opens the video only while that seat and its booking are on. 404
    invalid_token.join for a token not ours; the same 409s as the booker's."""
    try:
        guest = db.session.get(BookingGuest, guest_join_guest_id(token))
    except TokenRefused:
        guest = None
    if guest is None:
        raise api_error("invalid_token.join")
    return _link(db.session.get(Booking, guest.booking_id), seat_on=guest.status == GUEST_ACTIVE)


def _link(booking: Booking, seat_on: bool) -> dict:
    """The class's video link for a seat of booking, if the seat, the booking and the session are on."""
    event_session = db.session.get(EventSession, booking.session_id)
    if not seat_on or booking.status != BOOKING_ACTIVE or event_session.status != STATUS_SCHEDULED:
        raise api_error("booking_not_active.join")
    if event_session.mode not in BY_VIDEO:
        raise api_error("join_not_ready.in_person")
    if not event_session.video_url:
        raise api_error("join_not_ready")
    return {"booking_id": booking.id, "session_id": event_session.id, "url": event_session.video_url}
