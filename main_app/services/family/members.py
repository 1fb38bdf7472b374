"""Who is in a family: the family of an account (one at most), and a child of it; another family's child is
reported as missing, never as forbidden, so nobody learns it exists."""

from sqlalchemy import bindparam, select
from sqlalchemy.orm import aliased

from ...error_codes import api_error
from ...extensions import db
from ...models import GUARDIAN_PRIMARY, Dependent, Family, FamilyGuardian, utcnow

_MEMBER, _GUARDIAN = aliased(FamilyGuardian), aliased(FamilyGuardian)
# The guardians of the family of the account bound as member_id (that account too; none without a family): for an
# IN (...) in one statement, as a shareable pass's use is checked in the read and the update that spend it.
FAMILY_GUARDIANS = (
    select(_GUARDIAN.user_id)
    .join(_MEMBER, _MEMBER.family_id == _GUARDIAN.family_id)
    .where(_MEMBER.user_id == bindparam("member_id"))
)


def family_id_of(user_id: int) -> int | None:
    """The id of the family the account is a guardian of, or None."""
    return db.session.scalar(select(FamilyGuardian.family_id).where(FamilyGuardian.user_id == user_id))


def own_family_id(user_id: int) -> int:
    """The account's family, made now (the account its primary guardian) when it has none; inside a unit of work."""
    if (family_id := family_id_of(user_id)) is not None:
        return family_id
    family = Family(created_at=utcnow())
    db.session.add(family)
    db.session.flush()
    db.session.add(FamilyGuardian(family_id=family.id, user_id=user_id, role=GUARDIAN_PRIMARY, joined_at=utcnow()))
    return family.id


def child_of(user_id: int, dependent_id: int) -> Dependent:
    """A child (not erased) of the account's family: 404 dependent_not_found for any other."""
    family_id = family_id_of(user_id)
    child = db.session.get(Dependent, dependent_id) if family_id is not None else None
    if child is None or child.family_id != family_id or child.erased_at is not None:
        raise api_error("dependent_not_found", dependent_id=dependent_id)
    return child


def children_of(family_id: int | None) -> list[Dependent]:
    """The family's children (erased ones left out), oldest entry first."""
    if family_id is None:
        return []
    return list(
        db.session.scalars(
            select(Dependent)
            .where(Dependent.family_id == family_id, Dependent.erased_at.is_(None))
            .order_by(Dependent.id)
        )
    )
