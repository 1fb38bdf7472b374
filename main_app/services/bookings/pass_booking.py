"""Booking a paid session's seats with a pass: confirmed at once, the pass's credits spent in the seats' own
transaction (services.passes.credits), no checkout."""

from main_app.services.passes import check_terms
from main_app.services.payments import after_due_holds_end

from ...models import User
from . import free_booking


def book_with_pass(user: User, row, party: list[dict], pass_id: int, answered=()) -> dict:
    """A paid session's seats paid with a pass; holds past their time give their seats back first when too few are
    free."""
    check_terms(row, user.id, row.id)

    def attempt(retrying: bool) -> dict:
        current = row
        if retrying:  # read again, with the option it names
            current = free_booking.with_option(free_booking.session_to_book(user, row.id, pass_id), row.option)
        if (refused := free_booking.refusal(current, row.id, 1 + len(party))) is not None:
            raise refused
        return free_booking.book_free(user, current, party, pass_id, answered=answered)

    return after_due_holds_end(row.id, attempt)
