"""What a studio pays each member who teaches, per class: flat, per head (kept between a minimum and a maximum) or a
share of the class's net revenue (basis points); set by its owners, every change in the audit log."""

from sqlalchemy import select

from main_app.services import studios
from main_app.services.studios import TEACHING_ROLES, Actor

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import StudioMember, User

FIELDS = ("kind", "amount", "minimum", "maximum", "share")


def rate_of(member: StudioMember) -> dict | None:
    """The member's rate as the API shows it (share_percent: the share in percent), or None when none is set."""
    if member.pay_kind is None:
        return None
    share = None if member.pay_share is None else member.pay_share / 100
    return {
        "kind": member.pay_kind,
        "amount": member.pay_amount,
        "minimum": member.pay_minimum,
        "maximum": member.pay_maximum,
        "share_percent": share,
    }


def rates(studio_id: int) -> list[dict]:
    """Every member who may teach, by name, with their rate."""
    rows = db.session.execute(
        select(StudioMember, User.name)
        .join(User, User.id == StudioMember.user_id)
        .where(StudioMember.studio_id == studio_id, StudioMember.role.in_(TEACHING_ROLES))
    ).all()
    found = [
        {"instructor_id": member.user_id, "name": name, "role": member.role, "rate": rate_of(member)}
        for member, name in rows
    ]
    return sorted(found, key=lambda row: (row["name"].lower(), row["instructor_id"]))


def _teacher(studio_id: int, user_id: int) -> StudioMember:
    member = db.session.scalar(
        select(StudioMember)
        .where(StudioMember.studio_id == studio_id, StudioMember.user_id == user_id)
        .execution_options(populate_existing=True)
    )
    if member is None or member.role not in TEACHING_ROLES:
        raise api_error("member_not_found")
    return member


def _stored(rate: dict | None) -> dict:
    """The columns a rate (from the API's schema, share in basis points) sets; all None to remove it."""
    rate = rate or {}
    return {f"pay_{name}": rate.get(name) for name in FIELDS}


@retry_on_deadlock
def set_rate(studio_id: int, actor: Actor, user_id: int, rate: dict | None) -> dict:
    """Set (or, with None, remove) the member's rate; 404 member_not_found for anyone not teaching in the studio."""
    with unit_of_work():
        studios.locked_studio(studio_id)  # as every change of its members: one at a time, each audited as it found it
        member = _teacher(studio_id, user_id)
        before = rate_of(member)
        for column, value in _stored(rate).items():
            setattr(member, column, value)
        db.session.flush()
        after = rate_of(member)
        if before != after:
            action = "pay_rate.removed" if after is None else "pay_rate.set"
            studios.record(studio_id, actor, action, ("user", user_id), before, after)
        return {"instructor_id": user_id, "rate": after}
