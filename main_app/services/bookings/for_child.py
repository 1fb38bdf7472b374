"""Booking for a child of the booker's family: the child (another family's is not found), of an age in the event's
range (family.check_age)."""

from main_app.services.family import check_age, child_of

from ...models import Dependent, User


def child_to_book(user: User, row, dependent_id: int | None) -> Dependent | None:
    """The child of user's family the seat is for (None: for user), 404 dependent_not_found for any other, and 422
    age_outside_range when the event read in row leaves them (or user, as an adult) out."""
    child = child_of(user.id, dependent_id) if dependent_id is not None else None
    check_age(row, child)
    return child
