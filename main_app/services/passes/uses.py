"""A pass's ledger as its holder and their family read it: every change of its credits, and who each booking's
credit was for (the holder, the other guardian, or a child of the family)."""

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ...error_codes import api_error
from ...extensions import db
from ...models import Booking, Dependent, Pass, PassLedgerEntry, User
from .credits import SPENDABLE_BY

BOOKER = aliased(User)


def readable_pass(user: User, pass_id: int) -> Pass:
    """The person's pass, or a shareable one of a guardian of their family (whom the pass may be spent by):
    404 pass_not_found for any other."""
    found = db.session.scalar(
        select(Pass).where(Pass.id == pass_id, SPENDABLE_BY), {"owner_id": user.id, "member_id": user.id}
    )
    if found is None:
        raise api_error("pass_not_found", pass_id=pass_id)
    return found


def ledger(user: User, pass_id: int) -> dict:
    """Every change of the pass's credits, oldest first, each booking's with whom its seat was for."""
    readable_pass(user, pass_id)
    rows = db.session.execute(
        select(PassLedgerEntry, Booking.session_id, BOOKER.id, BOOKER.name, Dependent.id, Dependent.name)
        .outerjoin(Booking, Booking.id == PassLedgerEntry.booking_id)
        .outerjoin(BOOKER, BOOKER.id == Booking.user_id)
        .outerjoin(Dependent, Dependent.id == Booking.dependent_id)
        .where(PassLedgerEntry.pass_id == pass_id)
        .order_by(PassLedgerEntry.id)
    ).all()
    return {"items": [_entry(*row) for row in rows]}


def _entry(entry: PassLedgerEntry, session_id, booker_id, booker_name, child_id, child_name) -> dict:
    """One ledger row; used_by: whose seat its booking was (a child's name, erased: null), null for a purchase."""
    used_by = None
    if booker_id is not None:
        used_by = {"user_id": booker_id, "dependent_id": child_id, "name": child_name if child_id else booker_name}
    return {
        "id": entry.id,
        "kind": entry.kind,
        "credits": entry.credits,
        "booking_id": entry.booking_id,
        "session_id": session_id,
        "used_by": used_by,
        "created_at": entry.created_at.isoformat(),
    }
