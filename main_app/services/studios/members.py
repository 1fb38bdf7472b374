"""A studio's members: the list, changing a role, removing someone. Every change locks the studio's row first and
counts its owners after, in one transaction, so a studio always keeps an owner however changes race."""

from sqlalchemy import select

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import StudioMember, User
from . import audit
from .audit import Actor
from .permissions import STAFF_ROLES, Membership
from .studios import locked_studio, owner_count
from .teaching import TEACHING_ROLES, check_not_teaching


def list_members(studio_id: int) -> list[dict]:
    """The studio's members with their names, emails and roles, owners first, then by name."""
    order = {"owner": 0, "manager": 1, "instructor": 2, "front_desk": 3}
    rows = db.session.execute(
        select(StudioMember, User.name, User.email)
        .join(User, User.id == StudioMember.user_id)
        .where(StudioMember.studio_id == studio_id)
    ).all()
    found = [_document(member, name, email) for member, name, email in rows]
    return sorted(found, key=lambda member: (order[member["role"]], member["name"].lower(), member["user_id"]))


def _document(member: StudioMember, name: str, email: str) -> dict:
    return {
        "user_id": member.user_id,
        "name": name,
        "email": email,
        "role": member.role,
        "joined_at": member.created_at.isoformat(),
    }


def may_handle(caller: Membership, *roles: str) -> None:
    """403 unless the caller may give, take or remove these roles (members.all: any; members.staff: staff roles)."""
    if caller.may("members.all") or (caller.may("members.staff") and set(roles) <= set(STAFF_ROLES)):
        return
    raise api_error(
        "forbidden.role_handling",
        role=caller.role,
        roles=" or ".join(sorted(set(roles))),
        details={"permission": "members.all", "role": caller.role},
    )


def _member(studio_id: int, user_id: int) -> StudioMember:
    member = db.session.scalar(
        select(StudioMember)
        .where(StudioMember.studio_id == studio_id, StudioMember.user_id == user_id)
        .execution_options(populate_existing=True)
    )
    if member is None:
        raise api_error("member_not_found")
    return member


def _keep_an_owner(studio_id: int) -> None:
    if owner_count(studio_id) == 0:
        raise api_error("last_owner")


@retry_on_deadlock
def change_role(caller: Membership, actor: Actor, user_id: int, role: str) -> dict:
    """Give the member another role (409 last_owner when that leaves the studio without an owner)."""
    studio_id = caller.studio.id
    with unit_of_work():
        locked_studio(studio_id)
        member = _member(studio_id, user_id)
        before = member.role
        may_handle(caller, before, role)
        if before != role:
            if role not in TEACHING_ROLES:
                check_not_teaching(studio_id, user_id)
            member.role = role
            db.session.flush()
            _keep_an_owner(studio_id)
            audit.record(studio_id, actor, "member.role_changed", ("user", user_id), {"role": before}, {"role": role})
    return {"user_id": user_id, "role": role}


@retry_on_deadlock
def remove_member(caller: Membership, actor: Actor, user_id: int) -> None:
    """Take the member out of the studio (409 last_owner for its last owner, member_teaches while they teach an
    upcoming session)."""
    studio_id = caller.studio.id
    with unit_of_work():
        locked_studio(studio_id)
        member = _member(studio_id, user_id)
        may_handle(caller, member.role)
        check_not_teaching(studio_id, user_id)
        before = member.role
        db.session.delete(member)
        db.session.flush()
        _keep_an_owner(studio_id)
        audit.record(studio_id, actor, "member.removed", ("user", user_id), {"role": before}, None)
