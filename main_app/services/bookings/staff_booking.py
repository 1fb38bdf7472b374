"""A client booked into a class by the studio's staff (the front desk): their seats, by the same conditional update,
credit spend and news record as the client's own booking; no approval step, no intake questions, no checkout (money
taken in person is written with the seat by the caller's also)."""

from main_app.services.passes import check_terms
from main_app.services.seats import check_seats_per_booking, named_guests, option_to_book

from ...error_codes import api_error
from ...models import User
from . import free_booking
from .confirming import confirm_seats
from .operations import document, get_booking
from .seat_taking import PriceChanged

PASS, DOOR, FREE = "pass", "door", "free"


def book_client(
    person: User, session_id: int, use: str, also, pass_id=None, option_id=None, price=None, seats: int = 1
) -> dict:
    """Book seats of the session for person (those past theirs as unnamed guests; 400 beyond the session's
    max_seats_per_booking), used as use says: PASS (their pass_id; a paid session spends a credit a seat, a free one
    none), DOOR (paid in person: a paid session only) or FREE (a free session only). also(booking id, the session's
    row) runs in the seat's transaction and returns more fields of its news.Booked record. price: what the desk
    showed for a seat (409 price_changed when it costs otherwise). The booking's document; 404 session_not_found,
    409 session_full, not_enough_seats, already_booked, payment_needed, session_free, pass_not_valid_here or the
    pass's refusal."""
    row = free_booking.session_to_book(person, session_id, pass_id if use == PASS else None)
    if row is None:
        raise api_error("session_not_found", session_id=session_id)
    check_seats_per_booking(seats, row.max_seats_per_booking)
    row = free_booking.with_option(row, option_to_book(session_id, option_id, row.has_options))
    _check_use(row, person, use, price)
    spend = pass_id if use == PASS and row.seat_price else None
    party = named_guests((), seats)
    try:
        booked = confirm_seats(person, row, party, pass_id=spend, also=also, end_due_holds=True)
    except PriceChanged:
        raise api_error("price_changed") from None
    return document(get_booking(booked["id"]))


def _check_use(row, person: User, use: str, price: int | None) -> None:
    """Refuse a use the session's price (or the person's pass) does not allow."""
    if use == PASS:
        check_terms(row, person.id, row.id)
    elif use == FREE and row.seat_price:
        raise api_error("payment_needed")
    elif use == DOOR and not row.seat_price:
        raise api_error("session_free")
    if price is not None and price != row.seat_price:
        raise api_error("price_changed")
