"""Passes people buy: started on the product's terms of the day, made good by their payment (or at once when free),
and what the person sees of theirs."""

from datetime import datetime, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import exists, select, update

from main_app.plumbing import lock
from main_app.services.family import FAMILY_GUARDIANS
from main_app.services.studios import charged_tax, with_tax

from ...error_codes import api_error
from ...extensions import db
from ...models import (
    LEDGER_PURCHASE,
    PASS_ACTIVE,
    PASS_FAILED,
    PASS_MEMBERSHIP,
    PASS_PACK,
    PASS_PENDING,
    PASS_REFUNDED,
    PERIOD_MONTH,
    PRODUCT_ON_SALE,
    Booking,
    Event,
    EventSession,
    Pass,
    PassLedgerEntry,
    PassProduct,
    User,
    utcnow,
)
from . import credits
from .products import events_covered

# A pass's purchase is over, paid or not: a payment for it from now is given back.
SETTLED = (PASS_ACTIVE, PASS_REFUNDED)


def product_to_buy(user: User, product_id: int) -> PassProduct:
    """A product on sale this person may buy: 404 pass_not_found, 409 pass_retired or new_customers_only."""
    product = db.session.get(PassProduct, product_id)
    if product is None:
        raise api_error("pass_not_found", pass_id=product_id)
    if product.status != PRODUCT_ON_SALE:
        raise api_error("pass_retired.not_sold")
    if product.new_customers_only and not is_new_customer(user.id, product.studio_id):
        raise api_error("new_customers_only")
    return product


def is_new_customer(user_id: int, studio_id: int) -> bool:
    """Whether the person never booked with this studio nor bought one of its passes."""
    booked = exists().where(
        Booking.user_id == user_id,
        Booking.session_id == EventSession.id,
        EventSession.event_id == Event.id,
        Event.studio_id == studio_id,
    )
    bought = exists().where(Pass.user_id == user_id, Pass.studio_id == studio_id, Pass.status != PASS_FAILED)
    return not db.session.scalar(select(booked | bought))


def start(user: User, product: PassProduct, price: int | None = None) -> Pass:
    """The person's pass on the product's terms of today, at price (the product's, or less a code's discount), inside
    the caller's unit of work: pending its payment, or good at once when it costs nothing."""
    # Fixed now: the checkout, the invoice and the renewals charge it (a business elsewhere in the EU: none).
    tax = charged_tax(product.studio_id, buyer_id=user.id, general=True)
    price = with_tax(product.studio_id, product.price if price is None else price, tax)
    sold = Pass(
        product_id=product.id,
        user_id=user.id,
        facilitator_id=product.facilitator_id,
        studio_id=product.studio_id,
        name=product.name,
        kind=product.kind,
        status=PASS_PENDING,
        credits=product.credits,
        valid_days=product.valid_days,
        period=product.period,
        sessions_per_week=product.sessions_per_week,
        timezone=product.timezone,
        event_ids=events_covered([product.id])[product.id] or None,
        price=price,
        tax=tax,
        currency=product.currency,
        renews=product.kind == PASS_MEMBERSHIP,
        shareable=product.shareable,
        created_at=utcnow(),
    )
    db.session.add(sold)
    db.session.flush()
    if price == 0:
        activate(sold)
    return sold


def activate(sold: Pass, now: datetime | None = None) -> bool:
    """Its payment came (or it was free): good from now, a pack's credits in its ledger. One conditional UPDATE, so a
    pass is made good once; False when it was no longer waiting (paid already, or its money given back)."""
    now = now or utcnow()
    values = {"status": PASS_ACTIVE, "paid_at": now, "valid_from": now, "valid_until": ends(sold, now)}
    if sold.kind == PASS_PACK:
        values["credits_left"] = sold.credits
    made_good = db.session.execute(
        update(Pass)
        .where(Pass.id == sold.id, Pass.status.in_((PASS_PENDING, PASS_FAILED)))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if made_good.rowcount != 1:
        return False
    if sold.kind == PASS_PACK:
        db.session.add(PassLedgerEntry(pass_id=sold.id, kind=LEDGER_PURCHASE, credits=sold.credits, created_at=now))
    db.session.refresh(sold)
    return True


def ends(sold: Pass, start: datetime) -> datetime:
    """When a pass bought at start ends: a pack after its days, a membership's period after a calendar period."""
    if sold.kind == PASS_PACK:
        return start + timedelta(days=sold.valid_days)
    return start + (relativedelta(months=1) if sold.period == PERIOD_MONTH else relativedelta(years=1))


def purchase_failed(sold: Pass) -> bool:
    """Its payment was declined: the pass is not good (a later payment may still make it so)."""
    failed = db.session.execute(
        update(Pass)
        .where(Pass.id == sold.id, Pass.status == PASS_PENDING)
        .values(status=PASS_FAILED)
        .execution_options(synchronize_session=False)
    )
    return failed.rowcount == 1


def refunded(sold: Pass) -> None:
    """The money for a pass that never became good went back (nothing of it was ever used)."""
    db.session.execute(
        update(Pass)
        .where(Pass.id == sold.id, Pass.status.in_((PASS_PENDING, PASS_FAILED)))
        .values(status=PASS_REFUNDED, ended_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def locked(pass_id: int) -> Pass | None:
    """The pass, fresh and locked (after the sessions and bookings of the caller's change: the lock order)."""
    return lock(
        Pass, select(Pass).where(Pass.id == pass_id).execution_options(populate_existing=True)
    ).scalar_one_or_none()


def own_pass(user: User, pass_id: int) -> Pass:
    """The person's pass; anyone else's is reported as missing."""
    sold = db.session.get(Pass, pass_id)
    if sold is None or sold.user_id != user.id:
        raise api_error("pass_not_found", pass_id=pass_id)
    return sold


def document(sold: Pass, now: datetime | None = None, holder: User | None = None) -> dict:
    """A person's pass as the API shows it; a membership with a weekly limit, with this week's classes (its week);
    holder: the other guardian whose shareable pass it is, shown to a family member."""
    now = now or utcnow()
    this_week = None
    if sold.sessions_per_week is not None and sold.status == PASS_ACTIVE:
        this_week = credits.used_in_week(sold.id, now, sold.timezone)
    good = sold.status == PASS_ACTIVE and sold.valid_until is not None and sold.valid_until > now
    return {
        "id": sold.id,
        "product_id": sold.product_id,
        "facilitator_id": sold.facilitator_id,
        "name": sold.name,
        "kind": sold.kind,
        "status": sold.status,
        "valid": good and sold.credits_left != 0,
        "credits": sold.credits,
        "credits_left": sold.credits_left,
        "sessions_per_week": sold.sessions_per_week,
        "sessions_this_week": this_week,
        "timezone": sold.timezone,
        "period": sold.period,
        "event_ids": sold.event_ids,
        "price": sold.price,
        "currency": sold.currency,
        "valid_from": _iso(sold.valid_from),
        "valid_until": _iso(sold.valid_until),
        "renews": sold.renews,
        "shareable": sold.shareable,
        "holder": None if holder is None else {"id": holder.id, "name": holder.name},
        "created_at": sold.created_at.isoformat(),
    }


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def mine(user: User) -> list[dict]:
    """The person's passes bought or being bought, newest first (declined purchases left out), then the shareable
    passes of their family's other guardian that are good now."""
    passes = db.session.scalars(
        select(Pass).where(Pass.user_id == user.id, Pass.status != PASS_FAILED).order_by(Pass.id.desc())
    ).all()
    now = utcnow()
    shared = db.session.execute(
        select(Pass, User)
        .join(User, User.id == Pass.user_id)
        .where(Pass.user_id.in_(FAMILY_GUARDIANS), Pass.user_id != user.id, Pass.shareable, Pass.status == PASS_ACTIVE)
        .order_by(Pass.id.desc()),
        {"member_id": user.id},
    ).all()
    return [document(sold, now) for sold in passes] + [document(sold, now, holder) for sold, holder in shared]
