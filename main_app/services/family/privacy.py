"""A guardian's family in their data export, and what erasing their account does to it: they leave the family, and
the last guardian to leave takes the children's personal data with them (nobody is left to consent for them)."""

from datetime import date

from sqlalchemy import delete, exists, select

from ...extensions import db
from ...models import Dependent, FamilyGuardian
from .children import erase
from .members import children_of, family_id_of

CHILD_COLUMNS = (
    *("id", "name", "date_of_birth", "notes_for_teacher", "consent_version", "consent_wording_sha256"),
    *("consented_by", "consented_at", "consent_ip", "consent_user_agent", "created_at", "erased_at"),
)


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def family_export(user_id: int) -> dict | None:
    """The account's family as its data export gives it: its role there and every child (erased ones too, holding
    nothing), each with the consent recorded; None without a family."""
    guardian = db.session.scalar(select(FamilyGuardian).where(FamilyGuardian.user_id == user_id))
    if guardian is None:
        return None
    children = db.session.scalars(
        select(Dependent).where(Dependent.family_id == guardian.family_id).order_by(Dependent.id)
    )
    return {
        "role": guardian.role,
        "joined_at": guardian.joined_at.isoformat(),
        "children": [{name: _plain(getattr(child, name)) for name in CHILD_COLUMNS} for child in children],
    }


def family_child_ids(user_id: int) -> list[int]:
    """The ids of the children (not erased) on the account's family: their client rows go in its export."""
    return [child.id for child in children_of(family_id_of(user_id))]


def leave_family(user_id: int) -> None:
    """Take the account out of its family (inside the erasure's unit of work); the last guardian out erases the
    family's children."""
    family_id = family_id_of(user_id)
    if family_id is None:
        return
    db.session.execute(delete(FamilyGuardian).where(FamilyGuardian.user_id == user_id))
    if db.session.scalar(select(exists().where(FamilyGuardian.family_id == family_id))):
        return
    for child in db.session.scalars(
        select(Dependent).where(Dependent.family_id == family_id, Dependent.erased_at.is_(None))
    ):
        erase(child)
