"""A code's uses, counted with a conditional UPDATE in the transaction of what they pay for: a code of 50 uses is
never used a 51st time, however many ask at once; a use held by an unpaid checkout comes back when it ends.

The lock order: a code is locked after the sessions, bookings and passes of the change."""

from sqlalchemy import bindparam, func, or_, select, update

from ...error_codes import api_error
from ...extensions import db
from ...models import CODE_ACTIVE, USE_HELD, USE_REDEEMED, USE_RETURNED, CodeUse, DiscountCode, User, utcnow
from .. import news
from .codes import Quote

CODES, USES = DiscountCode.__table__, CodeUse.__table__
TAKE = (
    update(CODES)
    .where(
        CODES.c.id == bindparam("the_code"),
        CODES.c.status == CODE_ACTIVE,
        or_(CODES.c.max_uses.is_(None), CODES.c.uses < CODES.c.max_uses),
        or_(CODES.c.valid_until.is_(None), CODES.c.valid_until > bindparam("now", type_=CODES.c.valid_until.type)),
    )
    .values(uses=CODES.c.uses + 1)
    .returning(CODES.c.max_uses_per_person, CODES.c.facilitator_id, CODES.c.studio_id)
)


def take(quote: Quote, user_id: int, *, booking_id: int | None = None, pass_id: int | None = None) -> None:
    """Use a code for a booking or a pass (inside its unit of work): held while it is paid for, redeemed at once
    when nothing is left to pay. 409 code_used_up (all its uses, or this person's, are taken)."""
    limit = db.session.execute(TAKE, {"the_code": quote.code_id, "now": utcnow()}).one_or_none()
    if limit is None:
        raise api_error("code_used_up", code=quote.code)
    if limit.max_uses_per_person is not None:  # counted under the code's lock: the same person racing waits here
        mine = db.session.scalar(
            select(func.count(CodeUse.id)).where(
                CodeUse.code_id == quote.code_id, CodeUse.user_id == user_id, CodeUse.status != USE_RETURNED
            )
        )
        if mine >= limit.max_uses_per_person:
            raise api_error("code_used_up.by_you", code=quote.code)
    status = USE_REDEEMED if quote.amount_due == 0 else USE_HELD
    use = CodeUse(
        code_id=quote.code_id,
        user_id=user_id,
        booking_id=booking_id,
        pass_id=pass_id,
        amount_off=quote.amount_off,
        currency=quote.currency,
        status=status,
        created_at=utcnow(),
    )
    db.session.add(use)
    db.session.flush()
    if status == USE_REDEEMED:
        _tell(use, quote.code, limit.facilitator_id, limit.studio_id)


def _tell(use: CodeUse, code: str, facilitator_id: int, studio_id: int) -> None:
    """The CRM hears of a use spent for good."""
    about = {"booking_id": use.booking_id} if use.booking_id is not None else {"pass_id": use.pass_id}
    user = db.session.get(User, use.user_id)
    news.publish(news.CodeRedeemed(user, facilitator_id, code, use.amount_off, use.currency, about, studio_id))


def _of(booking_id: int | None, pass_id: int | None):
    return CodeUse.booking_id == booking_id if booking_id is not None else CodeUse.pass_id == pass_id


def amount_off(booking_id: int) -> int:
    """What codes take off a booking's price (a use held or redeemed)."""
    return db.session.scalar(
        select(func.coalesce(func.sum(CodeUse.amount_off), 0)).where(
            CodeUse.booking_id == booking_id, CodeUse.status.in_((USE_HELD, USE_REDEEMED))
        )
    )


def redeem(*, booking_id: int | None = None, pass_id: int | None = None) -> None:
    """Its payment came: a held use is spent for good, and the CRM hears."""
    spent = db.session.execute(
        update(CodeUse)
        .where(_of(booking_id, pass_id), CodeUse.status == USE_HELD)
        .values(status=USE_REDEEMED)
        .returning(CodeUse.id)
        .execution_options(synchronize_session=False)
    ).all()
    for (use_id,) in spent:
        use = db.session.get(CodeUse, use_id, populate_existing=True)
        code = db.session.get(DiscountCode, use.code_id)
        _tell(use, code.code, code.facilitator_id, code.studio_id)


def give_back(*, booking_id: int | None = None, pass_id: int | None = None) -> int:
    """Its hold ended unpaid: a held use goes back to its code. How many went back."""
    codes = db.session.execute(
        update(CodeUse)
        .where(_of(booking_id, pass_id), CodeUse.status == USE_HELD)
        .values(status=USE_RETURNED)
        .returning(CodeUse.code_id)
        .execution_options(synchronize_session=False)
    ).all()
    for (code_id,) in codes:
        db.session.execute(
            update(DiscountCode)
            .where(DiscountCode.id == code_id, DiscountCode.uses > 0)
            .values(uses=DiscountCode.uses - 1)
        )
    return len(codes)


def forget(booking_id: int) -> None:
    """A booking that never was (its checkout could not open): its use goes back and its row goes with it."""
    give_back(booking_id=booking_id)
    db.session.execute(USES.delete().where(USES.c.booking_id == booking_id))


def reclaim(*, booking_id: int | None = None, pass_id: int | None = None) -> bool:
    """A payment came after its hold ended (its use went back): take the use again if the code still has one. False
    when it has none left (the payment is then refunded)."""
    returned = db.session.scalars(
        select(CodeUse).where(_of(booking_id, pass_id), CodeUse.status == USE_RETURNED).order_by(CodeUse.id.desc())
    ).first()
    if returned is None:
        return True  # no code was used: nothing to take again
    again = db.session.execute(
        update(DiscountCode)
        .where(
            DiscountCode.id == returned.code_id,
            or_(DiscountCode.max_uses.is_(None), DiscountCode.uses < DiscountCode.max_uses),
        )
        .values(uses=DiscountCode.uses + 1)
    )
    if again.rowcount != 1:
        return False
    returned.status = USE_REDEEMED
    code = db.session.get(DiscountCode, returned.code_id)
    _tell(returned, code.code, code.facilitator_id, code.studio_id)
    return True
