"""What a studio's staff see of its passes (a facilitator on the seed routes: of the passes and codes they made): how
many sold, members active, credits outstanding, codes used, and each pass sold (for the CSV)."""

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from main_app.services.studios import Staff, as_staff

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
    utcnow,
)


def summary(staff: Staff) -> dict:
    """Passes sold (paid or free, not pending nor declined), active members, credits outstanding on packs still good,
    and code uses redeemed."""
    staff = as_staff(staff)
    now = utcnow()
    mine = staff.owns(Pass)
    sold = db.session.scalar(select(func.count(Pass.id)).where(mine, Pass.paid_at.is_not(None)))
    good = (Pass.status == PASS_ACTIVE, Pass.valid_until > now)
    members = db.session.scalar(select(func.count(Pass.id)).where(mine, Pass.kind == PASS_MEMBERSHIP, *good))
    outstanding = db.session.scalar(
        select(func.coalesce(func.sum(Pass.credits_left), 0)).where(mine, Pass.kind == PASS_PACK, *good)
    )
    redeemed = db.session.scalar(
        select(func.count(CodeUse.id))
        .join(DiscountCode, DiscountCode.id == CodeUse.code_id)
        .where(staff.owns(DiscountCode), CodeUse.status == USE_REDEEMED)
    )
    return {"passes_sold": sold, "active_members": members, "credits_outstanding": outstanding, "code_uses": redeemed}


def passes_sold(staff: Staff) -> list[Pass]:
    """Every pass of the studio's that was bought (not left pending), newest first, with its person."""
    return list(
        db.session.scalars(
            select(Pass)
            .options(joinedload(Pass.user))
            .where(as_staff(staff).owns(Pass), Pass.status != PASS_PENDING, Pass.paid_at.is_not(None))
            .order_by(Pass.id.desc())
        )
    )
