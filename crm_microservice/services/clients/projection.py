"""The client book as a projection of the notifications: what each new one changes, written in the transaction that
stores it (so a repeat, which stores nothing, changes nothing).

A notification about a person at a studio (CLIENT_TYPES, with studio_id and user_id) upserts their client row
first: on PostgreSQL that row lock orders two notifications about the same person, so the figures one recounts
afterwards see the other's facts. Then, by type, one upsert of a fact (a booking, a pass, money) and, for the
booking kinds, the client's figures recounted from their own bookings' facts only (one index range)."""

import datetime as dt
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ...extensions import db
from ...models import Client, ClientBooking, ClientMoney, ClientPass
from ...schemas import ClientFactsSchema

FACTS = ClientFactsSchema()
INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
BOOKING_STATES = ("booking_created", "booking_reactivated", "booking_cancelled")
# Attendance and feedback: how each changes the booking's facts (seats_in counts the seats checked in).
ATTENDANCE = {
    "checked_in": {"seats_in": ClientBooking.seats_in + 1},
    "checkin_undone": {"seats_in": sa.case((ClientBooking.seats_in > 0, ClientBooking.seats_in - 1), else_=0)},
    "no_show": {"attendance": "no_show"},
    "attendance_no_show": {"attendance": "no_show"},
    "attendance_attended": {"attendance": "attended"},
}
# Money in minor units: (which figure, the data key holding the amount).
MONEY = {
    "payment_succeeded": ("spent", "amount_paid"),
    "instalment_paid": ("spent", "amount"),
    "pass_purchased": ("spent", "price"),
    "pass_renewed": ("spent", "amount"),
    "refund_processed": ("refunded", "amount"),
}
PASS_TYPES = ("pass_purchased", "pass_renewed", "pass_lapsed", "credit_spent", "credit_returned", "credit_forfeited")
# The notifications that are about one client (user_id is the person, not a member of staff acting).
CLIENT_TYPES = frozenset(
    (
        *BOOKING_STATES,
        *ATTENDANCE,
        *MONEY,
        *PASS_TYPES,
        "feedback_received",
        "waitlist_promoted",
        "approval_requested",
        "booking_approved",
        "booking_declined",
        "approval_expired",
        "approval_withdrawn",
        "guest_cancelled",
        "balance_missed",
        "instalment_due",
        "refund_failed",
        "code_redeemed",
    )
)


def about_a_client(record: dict) -> bool:
    """Whether the notification is about one client of one studio (and so in their timeline and figures)."""
    return record["type"] in CLIENT_TYPES and record["studio_id"] is not None and record["user_id"] is not None


def writer(record: dict) -> Callable[[], None] | None:
    """What the new notification record writes to the client book, its data checked now (marshmallow's
    ValidationError); None when it is about no client."""
    if not about_a_client(record):
        return None
    facts = FACTS.load(record["data"] or {})
    return lambda: project(record, facts)


def project(record: dict, facts: dict) -> None:
    """Write what the notification changes: the client, then the fact it brings, then the figures it moved."""
    kind = record["type"]
    _upsert_client(record)
    if kind in BOOKING_STATES:
        _booking_state(record, facts)
        _guests(record, facts)
    elif kind in ATTENDANCE or kind == "feedback_received":
        _booking_change(record, facts)
    if kind in BOOKING_STATES or kind in ATTENDANCE or kind == "feedback_received":
        _recount(record["studio_id"], record["user_id"])
    if kind in PASS_TYPES:
        _pass(record, facts)
    if kind in MONEY:
        _money(record, facts)


def _when(record: dict) -> dt.datetime:
    return record["occurred_at"] or record["received_at"]


def _insert(model):
    return INSERTS[db.engine.dialect.name](model.__table__)


def _earliest(column, new):
    return sa.case((sa.or_(column.is_(None), new < column), new), else_=column)


def _latest(column, new):
    return sa.case((sa.or_(column.is_(None), new > column), new), else_=column)


def _upsert_client(record: dict) -> None:
    """The person's client row: created at their first notification, their name, email and phone kept current."""
    when, table = _when(record), Client.__table__
    insert = _insert(Client).values(
        studio_id=record["studio_id"],
        user_id=record["user_id"],
        name=record["user_name"],
        email=record["user_email"],
        phone=record.get("user_phone"),
        first_seen_at=when,
        last_seen_at=when,
    )
    new = insert.excluded
    db.session.execute(
        insert.on_conflict_do_update(
            index_elements=["studio_id", "user_id"],
            set_={
                "name": sa.func.coalesce(new.name, table.c.name),
                "email": sa.func.coalesce(new.email, table.c.email),
                "phone": sa.func.coalesce(new.phone, table.c.phone),
                "first_seen_at": _earliest(table.c.first_seen_at, new.first_seen_at),
                "last_seen_at": _latest(table.c.last_seen_at, new.last_seen_at),
            },
        )
    )


def _booking_state(record: dict, facts: dict) -> None:
    """A booking created, reactivated or cancelled: its state as of the newest such notification (order may vary)."""
    session, table = facts.get("session") or {}, ClientBooking.__table__
    cancelled = record["type"] == "booking_cancelled"
    status = "cancelled" if cancelled else facts.get("booking_status") or "active"
    insert = _insert(ClientBooking).values(
        **_booking_keys(record),
        instructor_id=session.get("instructor_id"),
        starts_at=session.get("starts_at"),
        status=status,
        status_at=_when(record),
        late_cancel=bool(cancelled and facts.get("late_cancel")),
    )
    new = insert.excluded
    newer = sa.or_(table.c.status_at.is_(None), new.status_at >= table.c.status_at)
    db.session.execute(
        insert.on_conflict_do_update(
            index_elements=["studio_id", "booking_id"],
            set_={
                "session_id": sa.func.coalesce(new.session_id, table.c.session_id),
                "event_id": sa.func.coalesce(new.event_id, table.c.event_id),
                "instructor_id": sa.func.coalesce(new.instructor_id, table.c.instructor_id),
                "starts_at": sa.func.coalesce(new.starts_at, table.c.starts_at),
                "status": sa.case((newer, new.status), else_=table.c.status),
                "late_cancel": sa.case((newer, new.late_cancel), else_=table.c.late_cancel),
                "status_at": _latest(table.c.status_at, new.status_at),
            },
        )
    )


def _booking_keys(record: dict) -> dict:
    return {
        "studio_id": record["studio_id"],
        "booking_id": record["booking_id"],
        "user_id": record["user_id"],
        "session_id": record["session_id"],
        "event_id": record["event_id"],
    }


def _booking_change(record: dict, facts: dict) -> None:
    """A seat checked in or undone, attendance marked, feedback given: the booking's row (made if its booking_created
    has not arrived yet)."""
    if record["booking_id"] is None:
        return
    if record["type"] == "feedback_received":
        if facts.get("guest_id") is not None or facts.get("rating") is None:
            return  # a guest's rating is theirs, not the booker's
        change = {"rating": facts["rating"]}
    else:
        change = ATTENDANCE[record["type"]]
    table = ClientBooking.__table__
    first = {name: (1 if name == "seats_in" else value) for name, value in change.items()}
    if record["type"] == "checkin_undone":
        first = {"seats_in": 0}
    insert = _insert(ClientBooking).values(**_booking_keys(record), **first)
    set_ = {getattr(table.c, name): value for name, value in change.items()}
    db.session.execute(insert.on_conflict_do_update(index_elements=["studio_id", "booking_id"], set_=set_))


def _guests(record: dict, facts: dict) -> None:
    """A new booking's guests with an email become clients (one row each per studio), counted once per booking."""
    guests = {g["email"].lower(): g for g in facts.get("guests") or () if g.get("email")}
    if record["type"] != "booking_created" or not guests:
        return
    when, table = _when(record), Client.__table__
    rows = [
        {"studio_id": record["studio_id"], "guest_email": email, "name": guest.get("name"), "email": guest["email"]}
        | {"first_seen_at": when, "last_seen_at": when, "guest_bookings": 1}
        for email, guest in sorted(guests.items())  # one order everywhere: two bookings lock guests alike
    ]
    insert = _insert(Client)
    new = insert.excluded
    db.session.execute(
        insert.on_conflict_do_update(
            index_elements=["studio_id", "guest_email"],
            set_={
                "name": sa.func.coalesce(new.name, table.c.name),
                "guest_bookings": table.c.guest_bookings + 1,
                "first_seen_at": _earliest(table.c.first_seen_at, new.first_seen_at),
                "last_seen_at": _latest(table.c.last_seen_at, new.last_seen_at),
            },
        ),
        rows,
    )


def _recount(studio_id: int, user_id: int) -> None:
    """The client's booking figures, recounted from their own bookings' facts (exact whatever the order of arrival)."""
    booking = ClientBooking
    theirs = (booking.studio_id == Client.studio_id, booking.user_id == Client.user_id)
    attended = sa.or_(booking.attendance == "attended", sa.and_(booking.attendance.is_(None), booking.seats_in > 0))

    def figure(aggregate, *conditions):
        return sa.select(aggregate).where(*theirs, *conditions).scalar_subquery()

    count = sa.func.count(booking.id)
    db.session.execute(
        sa.update(Client)
        .where(Client.studio_id == studio_id, Client.user_id == user_id)
        .values(
            bookings=figure(count, booking.status.is_not(None)),
            visits=figure(count, attended),
            no_shows=figure(count, booking.attendance == "no_show"),
            late_cancels=figure(count, booking.status == "cancelled", booking.late_cancel.is_(True)),
            feedback_given=figure(count, booking.rating.is_not(None)),
            first_visit_at=figure(sa.func.min(booking.starts_at), attended),
            last_visit_at=figure(sa.func.max(booking.starts_at), attended),
        )
        .execution_options(synchronize_session=False)
    )


def _pass(record: dict, facts: dict) -> None:
    """A pass bought, renewed, lapsed or a credit moved: the pass as of its newest notification."""
    if facts.get("pass_id") is None:
        return
    table, kind = ClientPass.__table__, record["type"]
    described = kind in ("pass_purchased", "pass_renewed", "pass_lapsed")
    values = {"credits_left": facts.get("credits_left"), "changed_at": _when(record)}
    if described:
        values |= {"name": facts.get("name"), "kind": facts.get("kind"), "valid_until": facts.get("valid_until")}
        values["status"] = "lapsed" if kind == "pass_lapsed" else "active"
    insert = _insert(ClientPass).values(
        studio_id=record["studio_id"], pass_id=facts["pass_id"], user_id=record["user_id"], **values
    )
    new = insert.excluded
    newer = sa.or_(table.c.changed_at.is_(None), new.changed_at >= table.c.changed_at)
    set_ = {name: sa.case((newer, getattr(new, name)), else_=table.c[name]) for name in values if name != "changed_at"}
    set_["changed_at"] = _latest(table.c.changed_at, new.changed_at)
    db.session.execute(insert.on_conflict_do_update(index_elements=["studio_id", "pass_id"], set_=set_))


def _money(record: dict, facts: dict) -> None:
    """Money paid or refunded: added to the client's figure in that currency (exactly once: the insert decided)."""
    figure, key = MONEY[record["type"]]
    amount, currency = facts.get(key), facts.get("currency")
    if not amount or not currency:
        return
    table = ClientMoney.__table__
    insert = _insert(ClientMoney).values(
        studio_id=record["studio_id"], user_id=record["user_id"], currency=currency.upper(), **{figure: amount}
    )
    set_ = {figure: table.c[figure] + insert.excluded[figure]}
    db.session.execute(insert.on_conflict_do_update(index_elements=["studio_id", "user_id", "currency"], set_=set_))
