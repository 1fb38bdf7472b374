"""The client book's projection statements, each built once per dialect (and kind) and run with a notification's
values as parameters: building and keying a statement per notification cost more than running it."""

import functools

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from ...models import Client, ClientBooking, ClientMoney, ClientPass

INSERTS = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}
# Attendance and feedback: how each changes the booking's facts (seats_in counts the seats checked in).
ATTENDANCE = {
    "checked_in": {"seats_in": ClientBooking.seats_in + 1},
    "checkin_undone": {"seats_in": sa.case((ClientBooking.seats_in > 0, ClientBooking.seats_in - 1), else_=0)},
    "no_show": {"attendance": "no_show"},
    "attendance_no_show": {"attendance": "no_show"},
    "attendance_attended": {"attendance": "attended"},
}
KEPT_IF_SENT = ("session_id", "event_id")  # a message without them leaves them
SESSION_FACTS = ("instructor_id", "starts_at")  # as of the newest message telling them (session_at)


def earliest(column, new):
    return sa.case((sa.or_(column.is_(None), new < column), new), else_=column)


def latest(column, new):
    return sa.case((sa.or_(column.is_(None), new > column), new), else_=column)


def _newest(column, new, newer):
    return sa.case((newer, new), else_=column)


@functools.cache
def client_upsert(dialect: str):
    """The client row of an account: made, or its name, email, phone and seen times brought up to date."""
    table = Client.__table__
    insert = INSERTS[dialect](table)
    return insert.on_conflict_do_update(
        index_elements=["studio_id", "user_id"], set_=client_updates(table, insert.excluded)
    )


def client_updates(table, new) -> dict:
    """An existing client row's update from a new notification's values (new: the insert's excluded row): other_name
    only from a notification that told it (other_name_told), so one without it keeps it and a null takes it away."""
    told = sa.bindparam("other_name_told", type_=sa.Boolean)
    return {
        "name": sa.func.coalesce(new.name, table.c.name),
        "name_key": sa.func.coalesce(new.name_key, table.c.name_key),
        "other_name": sa.case((told, new.other_name), else_=table.c.other_name),
        "email": sa.func.coalesce(new.email, table.c.email),
        "phone": sa.func.coalesce(new.phone, table.c.phone),
        "phone_digits": sa.func.coalesce(new.phone_digits, table.c.phone_digits),
        "first_seen_at": earliest(table.c.first_seen_at, new.first_seen_at),
        "last_seen_at": latest(table.c.last_seen_at, new.last_seen_at),
    }


@functools.cache
def booking_state_upsert(dialect: str, child: bool = False):
    """A booking's row with its state as of the newest booking_* message (a late-arriving older one changes none);
    child: a child's seat's, naming the child (a row an older news made without)."""
    table = ClientBooking.__table__
    insert = INSERTS[dialect](table)
    new = insert.excluded
    newer = sa.or_(table.c.status_at.is_(None), new.status_at >= table.c.status_at)
    kept = {name: sa.func.coalesce(new[name], table.c[name]) for name in (*KEPT_IF_SENT, *("dependent_id",) * child)}
    told_later = sa.or_(table.c.session_at.is_(None), new.session_at >= table.c.session_at)
    told = {
        name: _newest(table.c[name], new[name], sa.and_(new[name].is_not(None), told_later)) for name in SESSION_FACTS
    }
    return insert.on_conflict_do_update(
        index_elements=["studio_id", "booking_id"],
        set_={
            **kept,
            **told,
            "session_at": latest(table.c.session_at, new.session_at),
            "status": _newest(table.c.status, new.status, newer),
            "late_cancel": _newest(table.c.late_cancel, new.late_cancel, newer),
            "status_at": latest(table.c.status_at, new.status_at),
        },
    )


@functools.cache
def booking_change_upsert(dialect: str, kind: str):
    """A booking's row with a seat checked in or undone, its attendance marked, or the booker's rating."""
    insert = INSERTS[dialect](ClientBooking.__table__)
    set_ = {"rating": insert.excluded.rating} if kind == "feedback_received" else dict(ATTENDANCE[kind])
    set_["dependent_id"] = sa.func.coalesce(insert.excluded.dependent_id, ClientBooking.dependent_id)
    return insert.on_conflict_do_update(index_elements=["studio_id", "booking_id"], set_=set_)


@functools.cache
def guest_upsert(dialect: str):
    """The client rows of a booking's guests with an email, each counting one more booking as a guest."""
    table = Client.__table__
    insert = INSERTS[dialect](table)
    new = insert.excluded
    return insert.on_conflict_do_update(
        index_elements=["studio_id", "guest_email"],
        set_={
            "name": sa.func.coalesce(new.name, table.c.name),
            "name_key": sa.func.coalesce(new.name_key, table.c.name_key),
            "guest_bookings": table.c.guest_bookings + 1,
            "first_seen_at": earliest(table.c.first_seen_at, new.first_seen_at),
            "last_seen_at": latest(table.c.last_seen_at, new.last_seen_at),
        },
    )


COUNTED = ("attendance", "seats_in", "starts_at", "status", "late_cancel", "rating")  # what the figures read
# The figures' constants written into the statements, not bound: a booking's fact and recount was 4,600 characters
# and 39 values, beyond what psycopg keeps parsed (4,096 and 50), and parsing it anew was a tenth of the CRM's CPU.
ONE, ZERO = sa.literal_column("1", sa.Integer), sa.literal_column("0", sa.Integer)


def _word(text: str):
    """A constant string of our own, written into the statement."""
    return sa.literal_column(f"'{text}'", sa.String)


def booking_figures(facts=ClientBooking.__table__) -> list:
    """The booking figures aggregated from a client's bookings' facts (rows of `facts`, a table or subquery with the
    COUNTED columns), whatever the order the messages came in."""
    booking = facts.c
    attended = sa.or_(
        booking.attendance == _word("attended"), sa.and_(booking.attendance.is_(None), booking.seats_in > ZERO)
    )

    def counted(*conditions):
        return sa.func.coalesce(sa.func.sum(sa.case((sa.and_(*conditions), ONE), else_=ZERO)), ZERO)

    def visit_time(aggregate):
        return aggregate(sa.case((attended, booking.starts_at)))

    return [
        counted(booking.status.is_not(None)).label("bookings"),
        counted(attended).label("visits"),
        counted(booking.attendance == _word("no_show")).label("no_shows"),
        counted(booking.status == _word("cancelled"), booking.late_cancel.is_(True)).label("late_cancels"),
        counted(booking.rating.is_not(None)).label("feedback_given"),
        visit_time(sa.func.min).label("first_visit_at"),
        visit_time(sa.func.max).label("last_visit_at"),
    ]


def _own_bookings(booking=ClientBooking.__table__.c):
    """An account's own bookings: those they booked for a child count as the child's (children.py)."""
    return (
        booking.studio_id == sa.bindparam("client_studio"),
        booking.user_id == sa.bindparam("client_user"),
        booking.dependent_id.is_(None),
    )


@functools.cache
def fact_and_recount(dialect: str, names: tuple[str, ...], fact_upsert, *args):
    """PostgreSQL: a booking's fact written and its client's figures recounted in one statement. WITH written AS
    (the fact's upsert RETURNING its row) UPDATE the client FROM the figures of their other bookings' facts and the
    written row: the statement reads the table as it was before its own insert, hence the union. The client's row
    was locked first (client_upsert), so no other notification about them writes a fact meanwhile. names: the
    fact's columns given, as parameters fact_<name> (inside a CTE an INSERT takes its VALUES from parameters it
    names, not from the execution's keys, and a column's own name is reserved)."""
    table = ClientBooking.__table__
    given = {name: sa.bindparam(f"fact_{name}", type_=table.c[name].type) for name in names}
    upsert = fact_upsert(dialect, *args).values(given)
    columns = ("user_id", *COUNTED)
    written = upsert.returning(*(table.c[name] for name in columns)).cte("written")
    own = table.alias("b")  # the client's other facts: a short name, as the statement is long
    others = sa.select(*(own.c[name] for name in columns)).where(
        *_own_bookings(own.c), own.c.booking_id != sa.bindparam("fact_booking")
    )
    # The written fact is the client's own: a child's seat's news names the child and is counted by children.py.
    facts = sa.union_all(others, sa.select(*(written.c[name] for name in columns))).subquery("facts")
    # One row, naming whose: the join below.
    figures = sa.select(facts.c.user_id, *booking_figures(facts)).group_by(facts.c.user_id).subquery("figures")
    return (
        sa.update(Client)
        .where(Client.studio_id == sa.bindparam("client_studio"), Client.user_id == figures.c.user_id)
        .values({column.name: column for column in figures.c if column.name != "user_id"})
        .execution_options(synchronize_session=False)
    )


def session_clients() -> sa.Select:
    """The ids of the clients booked into a session, the bookers and the children their seats are for (bind
    parameters moved_studio and moved)."""
    booked = sa.select(ClientBooking.user_id).where(*session_bookings())
    children = sa.select(ClientBooking.dependent_id).where(*session_bookings(), ClientBooking.dependent_id.is_not(None))
    whose = sa.or_(Client.user_id.in_(booked), Client.dependent_id.in_(children))
    return sa.select(Client.id).where(Client.studio_id == sa.bindparam("moved_studio"), whose)


def session_bookings():
    return ClientBooking.studio_id == sa.bindparam("moved_studio"), ClientBooking.session_id == sa.bindparam("moved")


@functools.cache
def session_move(dialect: str):
    """A session's bookings given its time and instructor as a session_updated told them, unless a later message
    told them already."""
    table = ClientBooking.__table__
    told_at = sa.bindparam("told_at", type_=table.c.session_at.type)
    return (
        sa.update(table)
        .where(*session_bookings(), sa.or_(table.c.session_at.is_(None), table.c.session_at <= told_at))
        .values(
            starts_at=sa.bindparam("moved_to", type_=table.c.starts_at.type),
            instructor_id=sa.func.coalesce(sa.bindparam("taught_by", type_=sa.Integer), table.c.instructor_id),
            session_at=told_at,
        )
    )


@functools.cache
def session_recount(dialect: str):
    """The figures of every client booked into the session, recounted from their own bookings' facts (a visit's
    time moves with its session)."""
    booked = sa.select(ClientBooking.user_id).where(*session_bookings())
    table = ClientBooking.__table__
    figures = (
        sa.select(table.c.user_id, *booking_figures())
        .where(
            table.c.studio_id == sa.bindparam("moved_studio"),
            table.c.user_id.in_(booked),
            table.c.dependent_id.is_(None),
        )
        .group_by(table.c.user_id)
        .subquery("figures")
    )
    return (
        sa.update(Client)
        .where(Client.studio_id == sa.bindparam("moved_studio"), Client.user_id == figures.c.user_id)
        .values({column.name: column for column in figures.c if column.name != "user_id"})
        .execution_options(synchronize_session=False)
    )


@functools.cache
def counted_client_upsert(dialect: str):
    """The client row made or brought up to date (as client_upsert) with its booking figures counted, in one
    statement: INSERT … SELECT the record's values beside the aggregate of the client's own bookings' facts (one row
    even with none), ON CONFLICT the same update plus the figures."""
    table = Client.__table__
    given = ("name", "name_key", "other_name", "email", "phone", "phone_digits", "first_seen_at", "last_seen_at")
    figures = booking_figures()
    values = sa.select(
        sa.bindparam("client_studio", type_=table.c.studio_id.type),
        sa.bindparam("client_user", type_=table.c.user_id.type),
        *(sa.bindparam(name, type_=table.c[name].type) for name in given),
        *figures,
    ).where(*_own_bookings())
    insert = INSERTS[dialect](table).from_select(["studio_id", "user_id", *given, *(f.name for f in figures)], values)
    set_ = {**client_updates(table, insert.excluded), **{f.name: insert.excluded[f.name] for f in figures}}
    return insert.on_conflict_do_update(index_elements=["studio_id", "user_id"], set_=set_)


@functools.cache
def pass_upsert(dialect: str, described: bool):
    """A pass as of its newest message: described ones (bought, renewed, lapsed) carry more than credits."""
    table = ClientPass.__table__
    insert = INSERTS[dialect](table)
    new = insert.excluded
    newer = sa.or_(table.c.changed_at.is_(None), new.changed_at >= table.c.changed_at)
    names = ("credits_left", "name", "kind", "valid_until", "status") if described else ("credits_left",)
    set_ = {name: _newest(table.c[name], new[name], newer) for name in names}
    set_["changed_at"] = latest(table.c.changed_at, new.changed_at)
    return insert.on_conflict_do_update(index_elements=["studio_id", "pass_id"], set_=set_)


@functools.cache
def money_upsert(dialect: str, figure: str):
    """An amount added to a client's spend or refunds in one currency."""
    table = ClientMoney.__table__
    insert = INSERTS[dialect](table)
    set_ = {figure: table.c[figure] + insert.excluded[figure]}
    return insert.on_conflict_do_update(index_elements=["studio_id", "user_id", "currency"], set_=set_)
