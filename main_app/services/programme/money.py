"""The money view of one event (a retreat), for a studio's staff or a facilitator on the seed routes: what its
bookings' payments brought in, what went back, and what their payment plans still owe, per booking. Read only."""

from sqlalchemy import select

from main_app.services.common import format_money
from main_app.services.payments import paid_by
from main_app.services.studios import Staff

from ...extensions import db
from ...models import (
    INSTALMENT_DUE,
    Booking,
    BookingInstalment,
    EventSession,
    User,
    utcnow,
)
from .ownership import owned_event


def event_money(staff: Staff, event_id: int) -> dict:
    """Received, refunded, kept and outstanding (overdue among it) over the event's bookings, in its first
    session's currency, and per booking; 404 unknown (or another studio's), 403 on the seed routes one the
    facilitator does not teach in."""
    event = owned_event(staff, event_id)
    currency = event.sessions[0].currency if event.sessions else "INR"
    of_event = select(Booking.id).join(EventSession, EventSession.id == Booking.session_id)
    of_event = of_event.where(EventSession.event_id == event_id)
    paid = paid_by(of_event)
    now = utcnow()
    owed = db.session.execute(
        select(BookingInstalment.booking_id, BookingInstalment.amount, BookingInstalment.due_at)
        .where(BookingInstalment.booking_id.in_(of_event), BookingInstalment.status == INSTALMENT_DUE)
        .order_by(BookingInstalment.booking_id, BookingInstalment.number)
    ).all()
    rows: dict[int, dict] = {}

    def row(booking_id: int) -> dict:
        return rows.setdefault(
            booking_id, {"booking_id": booking_id, "received": 0, "refunded": 0, "outstanding": 0, "overdue": 0}
        )

    for booking_id, (_session_id, money) in paid.items():
        if money.received:
            row(booking_id).update(received=money.received, refunded=money.refunded)
    for booking_id, amount, due_at in owed:
        found = row(booking_id)
        found["outstanding"] += amount
        found["overdue"] += amount if due_at <= now else 0
        found.setdefault("next_due_at", due_at)
    people = dict(
        db.session.execute(
            select(Booking.id, User.name).join(User, User.id == Booking.user_id).where(Booking.id.in_(list(rows)))
        ).all()
    )
    statuses = dict(db.session.execute(select(Booking.id, Booking.status).where(Booking.id.in_(list(rows)))).all())
    items = [
        {**found, "name": people[booking_id], "status": statuses[booking_id], "next_due_at": found.get("next_due_at")}
        for booking_id, found in sorted(rows.items())
    ]
    totals = {name: sum(item[name] for item in items) for name in ("received", "refunded", "outstanding", "overdue")}
    totals["kept"] = totals["received"] - totals["refunded"]
    return {
        "event_id": event_id,
        "currency": currency,
        **totals,
        "formatted": {name: format_money(amount, currency) for name, amount in totals.items()},
        "bookings": items,
    }
