"""A seat checked in at the door stays booked: its person can no longer cancel it, nor give back a guest's seat that
was checked in (a facilitator undoes a mistaken check-in first). Read under the session's lock, which check-in takes
too, so of a check-in and a cancellation at once exactly one wins."""

from sqlalchemy import select

from ...error_codes import api_error
from ...extensions import db
from ...models import Checkin


def refuse_if_checked_in(booking_id: int, seat: int | None = None, who: str | None = None) -> None:
    """409 checked_in when a seat of the booking (that seat, when named; who: its person's name) is checked in."""
    query = select(Checkin.id).where(Checkin.booking_id == booking_id)
    if seat is not None:
        query = query.where(Checkin.seat == seat)
    if db.session.scalars(query.limit(1)).first() is None:
        return
    if who is None:
        raise api_error("checked_in")
    raise api_error("checked_in.guest", who=who)
