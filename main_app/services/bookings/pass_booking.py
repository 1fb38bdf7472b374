"""Booking a paid session's seats with a pass: confirmed at once, the pass's credits spent in the seats' own
transaction (services.passes.credits), no checkout."""

from service_kit.errors import Conflict

from ...database import unit_of_work
from ...models import User
from ..passes import credits
from ..payments import checkout
from . import free_booking


def book_with_pass(user: User, row, party: list[dict], pass_id: int) -> dict:
    """A paid session's seats paid with a pass; holds past their time give their seats back first when too few are
    free."""
    credits.check_terms(row, user.id, row.id)
    try:
        return _spend_and_book(user, row, party, pass_id)
    except Conflict as exc:
        if exc.code not in ("session_full", "not_enough_seats"):
            raise
        with unit_of_work():  # holds past their time give their seats back now, dispatcher or not
            released = checkout.expire_due_holds(row.id)
        if not released:
            raise
        return _spend_and_book(user, free_booking.session_to_book(user, row.id, pass_id), party, pass_id)


def _spend_and_book(user: User, row, party: list[dict], pass_id: int) -> dict:
    if (refused := free_booking.refusal(row, row.id, 1 + len(party))) is not None:
        raise refused
    return free_booking.book_free(user, row, party, pass_id)
