"""Replies to a waiting-list offer through its signed link: look, take the seat, or decline it. The link is the
person's authority (the email or text went to them), so no sign-in is needed to answer; paying for a paid seat
happens on the booking's payment page as for any held seat."""

from main_app.services.common import format_money, local_time
from main_app.services.seats import accept_place_offer, decline_place_offer, find_offer, offer_expired
from main_app.services.seats import option_seat_price as seat_price

from ...database import retry_on_deadlock, unit_of_work
from .operations import document, get_booking


def offer_document(token: str) -> dict:
    """What the offer's page shows: whether it is still open, until when, the session and its price (its room
    option's, where the place waits for one)."""
    offer = find_offer(token)
    session, event = offer.session, offer.session.event
    price = seat_price(session, offer.entry.option_id)
    return {
        "status": "open" if offer.open else "ended",
        "expires_at": offer.entry.offer_expires_at,
        "expires_local": local_time(offer.entry.offer_expires_at, event.timezone),
        "session_id": session.id,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "event": {"id": event.id, "title": event.title, "location": event.location, "timezone": event.timezone},
        "price": price,
        "currency": session.currency,
        "price_text": format_money(price, session.currency) if price else "",
    }


@retry_on_deadlock
def accept_offer(token: str) -> dict:
    """Take the offered seat: the booking's document (active, or pending_payment to pay on its payment page).
    404 offer_not_found once taken, declined or ended; 409 offer_expired when its time ran out."""
    offer = find_offer(token)
    until = local_time(offer.entry.offer_expires_at, offer.session.event.timezone)
    with unit_of_work():
        booking = accept_place_offer(token)
    if booking is None:
        raise offer_expired(until)
    return document(get_booking(booking.id))


@retry_on_deadlock
def decline_offer(token: str) -> dict:
    """Say no: the seat goes to the next in line at once. 404 once taken, declined or ended."""
    with unit_of_work():
        decline_place_offer(token)
    return {"status": "declined"}
