"""A person's own check-in codes: each seat of their active booking (theirs and their guests') with its short code,
its QR text and the QR code as an SVG, to show at the door from My bookings."""

from sqlalchemy import select

from main_app.services.bookings import owned_booking
from main_app.services.common import qr_svg_data_uri, qr_text, seat_code
from main_app.services.seats import guests_of

from ...error_codes import api_error
from ...extensions import db
from ...models import BOOKING_ACTIVE, Checkin, User
from .roster import key_of, seats_of


def tickets(user: User, booking_id: int) -> dict:
    """The booking's seats still coming, with codes and QR codes; 404 another's, 409 booking_not_active."""
    booking = owned_booking(user, booking_id)
    if booking.status != BOOKING_ACTIVE:
        raise api_error("booking_not_active")
    key = key_of(booking.session_id)
    at_door = select(Checkin.seat, Checkin.checked_in_at).where(Checkin.booking_id == booking.id)
    checked = dict(db.session.execute(at_door).all())
    seats = []
    for number, name, _email, coming in seats_of(booking, user, guests_of([booking.id])[booking.id]):
        if not coming:
            continue
        code = seat_code(key, booking.session_id, booking.id, number)
        text = qr_text(booking.session_id, booking.id, number, code)
        seats.append(
            {
                "seat": number,
                "name": name,
                "code": code,
                "qr": text,
                "qr_svg": qr_svg_data_uri(text),
                "checked_in_at": checked.get(number),
            }
        )
    return {"booking_id": booking.id, "session_id": booking.session_id, "seats": seats}
