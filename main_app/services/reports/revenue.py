"""The revenue report: a studio's invoices (gross) and credit notes (refunds) over a span of its days, by period and
by what was sold, with the span before it to compare, and what it is owed and owes: instalments still due, and the
credits its clients hold (each pack's credits left at what they were bought for). Read from the daily figures kept
with the documents (services.invoices.daily), so a year is a few hundred rows."""

from collections import defaultdict

from sqlalchemy import func, or_, select

from service_kit.spreadsheets import money_cell

from ...extensions import db
from ...models import (
    CREDIT_NOTE,
    DESK_METHODS,
    INSTALMENT_DUE,
    PASS_ACTIVE,
    PASS_PACK,
    PAYMENT_AT_DOOR,
    SALES_KINDS,
    Booking,
    BookingInstalment,
    DailyRevenue,
    Event,
    EventSession,
    Invoice,
    Pass,
    Payment,
    Studio,
    utcnow,
)
from .periods import Span

FIGURES = ("gross", "refunds", "tax", "invoices", "credit_notes")


def _blank() -> dict:
    return dict.fromkeys(FIGURES, 0)


def _with_net(figures: dict) -> dict:
    return figures | {"net": figures["gross"] - figures["refunds"]}


def _add(bucket: dict, values) -> None:
    for name, value in zip(FIGURES, values, strict=True):
        bucket[name] += value


def _rows(studio_id: int, span: Span):
    """The studio's daily figures in the span: (day, kind, currency, *FIGURES), one index range."""
    columns = [DailyRevenue.day, DailyRevenue.kind, DailyRevenue.currency]
    columns += [getattr(DailyRevenue, name) for name in FIGURES]
    return db.session.execute(
        select(*columns).where(
            DailyRevenue.studio_id == studio_id, DailyRevenue.day >= span.start, DailyRevenue.day <= span.end
        )
    ).all()


def revenue(studio: Studio, span: Span) -> dict:
    """The report: totals, by kind, by period (each period of the span, empty ones too), the previous span's totals,
    in the studio's currency (other_currencies: the totals of money taken in any other), and what is owed both ways."""
    totals, kinds = _blank(), {kind: _blank() for kind in SALES_KINDS}
    periods = {start: _blank() for start in span.periods()}
    others: dict = defaultdict(_blank)
    for day, kind, currency, *values in _rows(studio.id, span):
        if currency != studio.currency:
            _add(others[currency], values)
            continue
        for bucket in (totals, kinds[kind], periods[span.period_of(day)]):
            _add(bucket, values)
    previous = _blank()
    for _day, _kind, currency, *values in _rows(studio.id, span.previous()):
        if currency == studio.currency:
            _add(previous, values)
    return {
        "from": span.start.isoformat(),
        "to": span.end.isoformat(),
        "by": span.by,
        "currency": studio.currency,
        "totals": _with_net(totals),
        "previous": _with_net(previous) | {"from": span.previous().start.isoformat()},
        "kinds": {kind: _with_net(figures) for kind, figures in kinds.items()},
        "periods": [{"start": start.isoformat(), **_with_net(figures)} for start, figures in periods.items()],
        "other_currencies": {currency: _with_net(figures) for currency, figures in sorted(others.items())},
        "desk_methods": _desk_methods(studio, span),
        "owed": {"instalments_due": _instalments_due(studio), **_unused_credits(studio)},
    }


def _desk_methods(studio: Studio, span: Span) -> dict:
    """What the desk took in the span by how it was paid (cash, card terminal, UPI), in the studio's currency: the
    gross of its invoices, the refunds of its credit notes and the net, read from the span's desk documents."""
    since, until = span.instants(studio.timezone)
    rows = db.session.execute(
        select(Payment.method, Invoice.kind, func.sum(Invoice.total))
        .join(Payment, Payment.id == Invoice.payment_id)
        .where(
            Invoice.studio_id == studio.id,
            Invoice.issued_at >= since,
            Invoice.issued_at < until,
            Invoice.currency == studio.currency,
            Payment.provider == PAYMENT_AT_DOOR,
        )
        .group_by(Payment.method, Invoice.kind)
    )
    found = {method: {"gross": 0, "refunds": 0} for method in DESK_METHODS}
    for method, kind, total in rows:
        if method in found:  # a facilitator's door payment before the desk named its method has none
            found[method]["refunds" if kind == CREDIT_NOTE else "gross"] += int(total)
    return {method: figures | {"net": figures["gross"] - figures["refunds"]} for method, figures in found.items()}


def _instalments_due(studio: Studio) -> int:
    """What the studio's clients still owe on their payment plans (instalments due, in its currency). Read from the
    instalments due (few: plans end) and each one's studio through its booking's keys, never from the studio's
    bookings (all it ever had)."""
    studio_of = (
        select(Event.studio_id)
        .join(EventSession, EventSession.event_id == Event.id)
        .join(Booking, Booking.session_id == EventSession.id)
        .where(Booking.id == BookingInstalment.booking_id)
        .scalar_subquery()
    )
    return db.session.scalar(
        select(func.coalesce(func.sum(BookingInstalment.amount), 0)).where(
            BookingInstalment.status == INSTALMENT_DUE,
            BookingInstalment.currency == studio.currency,
            studio_of == studio.id,
        )
    )


def _unused_credits(studio: Studio) -> dict:
    """The credits its clients hold on packs still good, and their worth: each pack's credits left at the price it
    was bought for, per credit (rounded down), in the studio's currency."""
    credits, worth = db.session.execute(
        select(
            func.coalesce(func.sum(Pass.credits_left), 0),
            func.coalesce(func.sum(Pass.price * Pass.credits_left / Pass.credits), 0),
        ).where(
            Pass.studio_id == studio.id,
            Pass.kind == PASS_PACK,
            Pass.status == PASS_ACTIVE,
            Pass.credits_left > 0,
            Pass.credits > 0,
            Pass.currency == studio.currency,
            or_(Pass.valid_until.is_(None), Pass.valid_until > utcnow()),
        )
    ).one()
    return {"unused_credits": int(credits), "unused_credits_worth": int(worth)}


def csv_rows(report: dict):
    """The report's periods as CSV rows, a header first: one row per period, money in major units of its currency."""
    money, counts = ("gross", "refunds", "net", "tax"), ("invoices", "credit_notes")
    yield ["period", "currency", *money, *counts]
    for period in report["periods"]:
        amounts = (money_cell(period[name], report["currency"]) for name in money)
        yield [period["start"], report["currency"], *amounts, *(period[name] for name in counts)]
