"""Booking a paid session's seats with a pass: confirmed at once, the pass's credits spent in the seats' own
transaction (services.passes.credits), no checkout."""

from main_app.services.passes import check_terms

from ...models import User
from .confirming import confirm_seats


def book_with_pass(user: User, row, party: list[dict], pass_id: int, answered=(), also=None) -> dict:
    """A paid session's seats paid with a pass; holds past their time give their seats back first when too few are
    free (also: as confirm_seats takes it)."""
    check_terms(row, user.id, row.id)
    return confirm_seats(user, row, party, pass_id=pass_id, answered=answered, end_due_holds=True, also=also)
