"""A pass brought over from the system a studio left: good at once, at no price here (it was paid for there), its
credits left or its period's end as the import gives them, recorded in its ledger as an opening balance."""

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite

from ...extensions import db
from ...models import LEDGER_IMPORTED, PASS_ACTIVE, PASS_PACK, Pass, PassLedgerEntry, PassProduct, User, utcnow
from .products import events_covered

NEW_PASS = {
    name: insert(Pass.__table__).on_conflict_do_nothing(index_elements=["import_key"]).returning(Pass.id)
    for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))
}


def import_key(user: User, product: PassProduct) -> str:
    """What makes an imported pass one of a kind: a person holds one opening balance of a studio's product."""
    return f"{product.studio_id}:{user.id}:{product.id}"


def open_imported(user: User, product: PassProduct, credits: int | None, valid_until: datetime) -> Pass | None:
    """The person's pass of product, opened by an import with credits left (a pack) until valid_until, in the
    caller's unit of work; None when an import opened it before (its key is unique: two imports at once open one).
    A membership brought over does not renew by itself: no card is on file here; its holder renews it by buying."""
    now = utcnow()
    values = {
        "product_id": product.id,
        "user_id": user.id,
        "facilitator_id": product.facilitator_id,
        "studio_id": product.studio_id,
        "name": product.name,
        "kind": product.kind,
        "status": PASS_ACTIVE,
        "credits": credits if product.kind == PASS_PACK else None,
        "credits_left": credits if product.kind == PASS_PACK else None,
        "valid_days": product.valid_days,
        "period": product.period,
        "sessions_per_week": product.sessions_per_week,
        "timezone": product.timezone,
        "event_ids": events_covered([product.id])[product.id] or None,
        "price": 0,
        "currency": product.currency,
        "renews": False,
        "created_at": now,
        "paid_at": now,
        "valid_from": now,
        "valid_until": valid_until,
        "import_key": import_key(user, product),
    }
    opened_id = db.session.execute(NEW_PASS[db.engine.dialect.name].values(**values)).scalar()
    if opened_id is None:
        return None  # an import opened it before, or at this very moment
    db.session.add(PassLedgerEntry(pass_id=opened_id, kind=LEDGER_IMPORTED, credits=credits or 0, created_at=now))
    return db.session.get(Pass, opened_id)
