"""A seat of an upcoming class booked by a studio's import of its clients' bookings from the system it leaves: paid
there, so no money and no credit here; taken by the same conditional update as every seat, in the import step's
transaction, with the CRM told and the reminders set (news.BookingImported), and no confirmation email."""

from service_kit.errors import Conflict

from ...models import User
from .. import news
from . import free_booking
from .confirming import confirm_seats

# Refusals found by the seat's claim itself, before anything is written: the rest of the step's rows go on.
SEATS_GONE = ("session_full", "not_enough_seats", "session_cancelled")


def book_imported(person: User, session_id: int) -> str | None:
    """One seat of the session for person: None when booked, or the code of why not (already_booked, session_full,
    session_cancelled, session_started, session_not_found, options_to_choose: a retreat's room is chosen at the
    desk)."""
    row = free_booking.with_option(free_booking.session_to_book(person, session_id), None)
    if row is not None and row.has_options:
        return "options_to_choose"
    if (refused := free_booking.refusal(row, session_id)) is not None:
        return refused.code  # before confirm_seats' own check: its refusals are answers here, not errors
    try:
        confirm_seats(person, row, record=news.BookingImported)
    except Conflict as exc:
        if exc.code not in SEATS_GONE:
            raise  # already_booked found by the unique index: the step is tried again, and finds the booking
        return exc.code
    return None
