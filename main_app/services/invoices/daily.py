"""A studio's revenue by day, kept with its documents: each invoice adds to its day's gross and each credit note to
its day's refunds, by what the payment bought, in one upsert in the transaction that issues the document (after the
number's counter row, the last lock it takes: the studio's documents are issued one at a time), so the figures are
never behind the documents. recount() computes them afresh from the documents: a moved studio's, and the tests'."""

from collections import defaultdict
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

from ...extensions import db
from ...models import (
    CREDIT_NOTE,
    PAYMENT_AT_DOOR,
    Booking,
    DailyRevenue,
    Event,
    EventSession,
    Invoice,
    Pass,
    Payment,
    Studio,
)

TABLE = DailyRevenue.__table__
FIGURES = ("gross", "refunds", "tax", "invoices", "credit_notes")


def _upsert(insert):
    statement = insert(TABLE)
    added = {name: TABLE.c[name] + statement.excluded[name] for name in FIGURES}
    return statement.on_conflict_do_update(index_elements=["studio_id", "day", "kind", "currency"], set_=added)


UPSERT = {"postgresql": _upsert(postgresql.insert), "sqlite": _upsert(sqlite.insert)}


def sales_kind(provider: str, instalment: int | None, pass_kind: str | None, event_kind: str | None) -> str:
    """What a payment bought, as revenue is split: anything paid at the desk, else the pass's kind, a plan's
    deposit or instalment, a retreat's seat or a class's."""
    if provider == PAYMENT_AT_DOOR:
        return "desk"
    if pass_kind is not None:
        return pass_kind
    if instalment is not None:
        return "plan"
    return "retreat" if event_kind == "retreat" else "drop_in"


def _figures(document_kind: str, total: int, tax_amount: int) -> dict:
    """What one document adds to its day."""
    if document_kind == CREDIT_NOTE:
        return {"gross": 0, "refunds": total, "tax": -tax_amount, "invoices": 0, "credit_notes": 1}
    return {"gross": total, "refunds": 0, "tax": tax_amount, "invoices": 1, "credit_notes": 0}


def local_day(moment: datetime, timezone: str) -> date:
    """The day a moment falls on in the studio's time zone."""
    return moment.astimezone(ZoneInfo(timezone)).date()


def count(document: Invoice, kind: str, timezone: str) -> None:
    """A document just issued added to its day's figures (in the caller's transaction)."""
    key = {"studio_id": document.studio_id, "day": local_day(document.issued_at, timezone), "kind": kind}
    values = key | {"currency": document.currency} | _figures(document.kind, document.total, document.tax_amount)
    db.session.execute(UPSERT[db.engine.dialect.name].values(**values))


def fresh(studio_id: int) -> dict:
    """The studio's daily figures computed from its documents: {(day, kind, currency): {figure: value}}."""
    timezone = db.session.get(Studio, studio_id).timezone
    found: dict = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    rows = db.session.execute(
        select(Invoice.issued_at, Invoice.kind, Invoice.total, Invoice.tax_amount, Invoice.currency)
        .add_columns(Payment.provider, Payment.instalment, Pass.kind, Event.kind)
        .join(Payment, Payment.id == Invoice.payment_id)
        .outerjoin(Pass, Pass.id == Payment.pass_id)
        .outerjoin(Booking, Booking.id == Payment.booking_id)
        .outerjoin(EventSession, EventSession.id == Booking.session_id)
        .outerjoin(Event, Event.id == EventSession.event_id)
        .where(Invoice.studio_id == studio_id)
        .execution_options(yield_per=2000)
    )
    for issued_at, document_kind, total, tax_amount, currency, *bought in rows:
        figures = found[(local_day(issued_at, timezone), sales_kind(*bought), currency)]
        for name, value in _figures(document_kind, total, tax_amount).items():
            figures[name] += value
    return dict(found)


def recount(studio_id: int) -> None:
    """The studio's daily figures written afresh from its documents (in the caller's transaction)."""
    db.session.execute(delete(DailyRevenue).where(DailyRevenue.studio_id == studio_id))
    rows = [
        {"studio_id": studio_id, "day": day, "kind": kind, "currency": currency, **figures}
        for (day, kind, currency), figures in fresh(studio_id).items()
    ]
    if rows:
        db.session.execute(TABLE.insert(), rows)


def kept(studio_id: int) -> dict:
    """The studio's daily figures as kept: {(day, kind, currency): {figure: value}} (fresh()'s shape)."""
    rows = db.session.execute(select(DailyRevenue).where(DailyRevenue.studio_id == studio_id)).scalars()
    return {(row.day, row.kind, row.currency): {name: getattr(row, name) for name in FIGURES} for row in rows}
