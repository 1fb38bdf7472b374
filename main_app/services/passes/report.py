"""What a facilitator sees of their passes: how many sold, members active, credits outstanding, codes used, and each
pass sold (for the CSV)."""

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ...extensions import db
from ...models import (
    PASS_ACTIVE,
    PASS_MEMBERSHIP,
    PASS_PACK,
    PASS_PENDING,
    USE_REDEEMED,
    CodeUse,
    DiscountCode,
    Pass,
    User,
    utcnow,
)


def summary(facilitator: User) -> dict:
    """Passes sold (paid or free, not pending nor declined), active members, credits outstanding on packs still good,
    and code uses redeemed."""
    now = utcnow()
    mine = Pass.facilitator_id == facilitator.id
    sold = db.session.scalar(select(func.count(Pass.id)).where(mine, Pass.paid_at.is_not(None)))
    good = (Pass.status == PASS_ACTIVE, Pass.valid_until > now)
    members = db.session.scalar(select(func.count(Pass.id)).where(mine, Pass.kind == PASS_MEMBERSHIP, *good))
    outstanding = db.session.scalar(
        select(func.coalesce(func.sum(Pass.credits_left), 0)).where(mine, Pass.kind == PASS_PACK, *good)
    )
    redeemed = db.session.scalar(
        select(func.count(CodeUse.id))
        .join(DiscountCode, DiscountCode.id == CodeUse.code_id)
        .where(DiscountCode.facilitator_id == facilitator.id, CodeUse.status == USE_REDEEMED)
    )
    return {"passes_sold": sold, "active_members": members, "credits_outstanding": outstanding, "code_uses": redeemed}


def passes_sold(facilitator: User) -> list[Pass]:
    """Every pass of the facilitator's that was bought (not left pending), newest first, with its person."""
    return list(
        db.session.scalars(
            select(Pass)
            .options(joinedload(Pass.user))
            .where(Pass.facilitator_id == facilitator.id, Pass.status != PASS_PENDING, Pass.paid_at.is_not(None))
            .order_by(Pass.id.desc())
        )
    )
