"""A child who comes of age gets a login of their own: a guardian gives an address, an account is made for it (told
by email how to set its password), and the child's bookings and places in line become that account's, in one
transaction with the child's row locked (the lock order: a booking for the child holds it, so none is half-moved).

What moves is the history the person is: their seats (with their check-ins and payments' links) and places in line.
What stays: forms a guardian signed for them as a child (a guardian's signature for a minor is the guardian's record;
as an adult they sign their own), and the family's passes (a shareable pass stays the family's). The child's row
keeps no personal data and names the account (grown_into_id)."""

import secrets

from sqlalchemy import select, update

from main_app.plumbing import lock

from ...database import unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import ROLE_USER, Booking, Dependent, User, WaitlistEntry, utcnow
from .. import news
from ..common import hash_password
from .ages import ADULT, age_on
from .children import erase
from .members import child_of


def give_own_login(guardian: User, dependent_id: int, email: str) -> dict:
    """Make an account for the grown child dependent_id of the guardian's family at email, taking their bookings and
    places in line: 404 dependent_not_found, 422 dependent_too_young (under 18 today), 409 email_taken."""
    address = email.strip().lower()
    with unit_of_work(keep_loaded=True, on_integrity_error=lambda _error: api_error("email_taken")):
        child = child_of(guardian.id, dependent_id)
        lock(Dependent, [child.id])  # a booking for the child being made waits, or is seen below
        if age_on(child.date_of_birth, utcnow().date()) < ADULT:
            raise api_error("dependent_too_young", name=child.name, age=ADULT)
        if db.session.scalar(select(User.id).where(User.email == address)) is not None:
            raise api_error("email_taken")
        grown = User(
            name=child.name, email=address, role=ROLE_USER, password_hash=hash_password(secrets.token_urlsafe(32))
        )
        db.session.add(grown)
        db.session.flush()
        moved = _move_history(child.id, grown.id)
        child.grown_into_id = grown.id
        erase(child)
        news.publish(news.GrownUp(grown, guardian.name, child.id))
    return {"user_id": grown.id, "email": address, "bookings": moved}


def _move_history(dependent_id: int, user_id: int) -> int:
    """The child's bookings and places in line become the account's own (for themself), in the lock order (bookings,
    then places); how many bookings. A promotion that turned the child's place into a booking meanwhile held that
    place, so the places' UPDATE waited for its commit: the bookings' UPDATE runs once more to take that booking."""
    mine, unsynced = {"user_id": user_id, "dependent_id": None}, {"synchronize_session": False}
    booked = update(Booking).where(Booking.dependent_id == dependent_id).values(**mine).execution_options(**unsynced)
    places = update(WaitlistEntry).where(WaitlistEntry.dependent_id == dependent_id).values(**mine)
    moved = db.session.execute(booked).rowcount
    db.session.execute(places.execution_options(**unsynced))
    return moved + db.session.execute(booked).rowcount
