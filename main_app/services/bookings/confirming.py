"""The one path that confirms seats at once (free, with a pass, with a code that leaves nothing to pay, at the desk,
by an import), and the read-check-book sequence it shares with a held seat: the session's row checked
(free_booking.refusal), then the seats booked; where holds may be due, once more after they end."""

from main_app.services.payments import after_due_holds_end

from ...models import User
from . import free_booking


def book_checked(user: User, row, seats: int, book, *, session_id=None, pass_id=None, end_due_holds=False):
    """book(row) once free_booking.refusal finds nothing against row (the session read for user; None when session_id
    names none), or raise the refusal. With end_due_holds, too few seats end the session's holds past their time
    and, when that gave seats back, the session is read again (with pass_id's terms), checked and booked once more."""
    asked = row.id if row is not None else session_id

    def attempt(retrying: bool):
        current = row
        if retrying:  # read again, with the option it names
            read = free_booking.session_to_book(user, row.id, pass_id, row.dependent_id)
            current = free_booking.with_option(read, row.option, row.child)
        if (refused := free_booking.refusal(current, asked, seats)) is not None:
            raise refused
        return book(current)

    return after_due_holds_end(row.id, attempt) if end_due_holds and row is not None else attempt(False)


def confirm_seats(
    user: User,
    row,
    party: list[dict] = (),
    *,
    session_id=None,
    pass_id=None,
    quote=None,
    answered=(),
    also=None,
    record=None,
    end_due_holds=False,
) -> dict:
    """Confirm the seats of the session read in row (free_booking.session_to_book and with_option) for user and each
    guest in party, checked as book_checked does: the booking's document, as free_booking.book_free writes it (with
    pass_id's credits, quote's code use, the intake answers, record's news). also(booking id, the row booked), when
    given, runs in the seats' transaction and returns more fields of its news record."""

    def book(current) -> dict:
        with_row = also and (lambda booking_id: also(booking_id, current))
        return free_booking.book_free(user, current, party, pass_id, quote, answered, with_row, record)

    checks = {"session_id": session_id, "pass_id": pass_id, "end_due_holds": end_due_holds}
    return book_checked(user, row, 1 + len(party), book, **checks)
