"""Each class's report figures counted from its own rows: seats offered and booked, attended and no-shows (once
check-in was taken), late cancels, places left in its line, heads for pay (seats held and not marked a no-show) and
its net revenue before tax (invoiced less credited for its bookings' payments, plus the pack credits spent on it at
what they were bought for). The reports read these for the classes no tally holds (services.reports.tallies), and
the tallies are counted with them.

Read in six statements over the sessions asked for, each grouped or filtered by session."""

from collections import defaultdict
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, or_, select, text

from ...extensions import db
from ...models import (
    ATTENDED,
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    BOOKING_REFUNDED,
    CANCELLED_BY_PERSON,
    CREDIT_NOTE,
    INVOICE,
    NO_SHOW,
    PASS_PACK,
    STATUS_SCHEDULED,
    Booking,
    Event,
    EventSession,
    Invoice,
    Pass,
    Payment,
    Studio,
    User,
    WaitlistEntry,
)
from .periods import Span

MOST_LISTED = 1_000  # sessions named by id in a statement, at most (SQLite and psycopg bound the parameters)
FIGURES = ("capacity", "booked", "attended", "no_shows", "late_cancels", "waited", "heads", "net_revenue")


def planned_for_their_span(report: Callable) -> Callable:
    """On PostgreSQL, the report's statements planned for the span asked, every time: once psycopg prepares a
    statement (its fifth run on a connection) the server may plan it once for any span, a few sessions' worth,
    and read a year's bookings through nested loops 2 to 5 times slower (docs/benchmarks.md). Reset after it, so
    the connection's other statements keep their generic plans."""

    @wraps(report)
    def planned(*args, **kwargs):
        if db.engine.dialect.name != "postgresql":
            return report(*args, **kwargs)
        db.session.execute(text("SET plan_cache_mode = force_custom_plan"))
        try:
            return report(*args, **kwargs)
        finally:
            db.session.execute(text("RESET plan_cache_mode"))

    return planned


def span_sessions(studio_id: int, span: Span, timezone: str) -> tuple:
    """The conditions on EventSession (joined to its Event) of the studio's scheduled sessions starting in the span."""
    low, high = span.instants(timezone)
    return (
        Event.studio_id == studio_id,
        Event.ends_at >= low,  # the studio's events that overlap the span: an index range, not its whole history
        Event.starts_at < high,
        EventSession.starts_at >= low,
        EventSession.starts_at < high,
        EventSession.status == STATUS_SCHEDULED,
    )


def session_ids(conditions):
    """A select of the ids of the sessions the conditions find (for IN)."""
    return select(EventSession.id).join(Event, Event.id == EventSession.event_id).where(*conditions)


def _session_rows(conditions):
    return db.session.execute(
        select(EventSession.id, EventSession.event_id, Event.title, EventSession.instructor_id, User.name)
        .add_columns(EventSession.starts_at, EventSession.capacity, EventSession.seats_taken)
        .join(Event, Event.id == EventSession.event_id)
        .join(User, User.id == EventSession.instructor_id)
        .where(*conditions)
    ).all()


def _marked(ids) -> dict[int, tuple[int, int]]:
    """Per session: (bookings marked attended, bookings marked no-show) among those still holding seats."""
    counted = lambda value: func.sum(case((Booking.attendance == value, 1), else_=0))  # noqa: E731
    rows = db.session.execute(
        select(Booking.session_id, counted(ATTENDED), counted(NO_SHOW))
        .where(Booking.session_id.in_(ids), Booking.status == BOOKING_ACTIVE, Booking.attendance.is_not(None))
        .group_by(Booking.session_id)
    )
    return {session_id: (int(attended), int(no_shows)) for session_id, attended, no_shows in rows}


def _late_cancels(ids) -> dict[int, int]:
    """Per session: its people's own cancellations inside the event's late-cancel window (hours before its start)."""
    rows = db.session.execute(
        select(Booking.session_id, Booking.cancelled_at, EventSession.starts_at, Event.late_cancel_hours)
        .join(EventSession, EventSession.id == Booking.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(Booking.session_id.in_(ids), Booking.status.in_((BOOKING_CANCELLED, BOOKING_REFUNDED)))
        .where(Booking.cancelled_by == CANCELLED_BY_PERSON, Booking.cancelled_at.is_not(None))
    )
    late: dict[int, int] = defaultdict(int)
    for session_id, cancelled_at, starts_at, hours in rows:
        if cancelled_at > starts_at - timedelta(hours=hours):
            late[session_id] += 1
    return late


def _waiting(ids) -> dict[int, int]:
    """Per session: the places in its line (at its start promotion stops: those left waited and got no seat)."""
    rows = db.session.execute(
        select(WaitlistEntry.session_id, func.count())
        .where(WaitlistEntry.session_id.in_(ids))
        .group_by(WaitlistEntry.session_id)
    )
    return dict(rows.all())


def _heads(ids) -> dict[int, int]:
    """Per session: seats of the bookings holding them and not marked a no-show."""
    came = or_(Booking.attendance.is_(None), Booking.attendance == ATTENDED)
    rows = db.session.execute(
        select(Booking.session_id, func.sum(Booking.seats))
        .where(Booking.session_id.in_(ids), Booking.status == BOOKING_ACTIVE, came)
        .group_by(Booking.session_id)
    )
    return {session_id: int(seats) for session_id, seats in rows}


def _invoiced(ids, currency: str) -> dict[int, int]:
    """Per session: the taxable amounts invoiced for its bookings' payments less those credited back."""
    signed = case((Invoice.kind == CREDIT_NOTE, -Invoice.taxable), else_=Invoice.taxable)
    rows = db.session.execute(
        select(Booking.session_id, func.sum(signed))
        .join(Payment, Payment.booking_id == Booking.id)
        .join(Invoice, Invoice.payment_id == Payment.id)
        .where(Booking.session_id.in_(ids), Invoice.currency == currency)
        .group_by(Booking.session_id)
    )
    return {session_id: int(amount) for session_id, amount in rows}


def _credits_worth(ids, currency: str) -> dict[int, int]:
    """Per session: the pack credits its bookings spent, each at its pack's taxable price over its credits."""
    pack_taxable = (
        select(func.min(Invoice.taxable))
        .join(Payment, Payment.id == Invoice.payment_id)
        .where(Payment.pass_id == Pass.id, Invoice.kind == INVOICE)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Booking.session_id, Booking.seats, func.coalesce(pack_taxable, Pass.price), Pass.credits)
        .join(Pass, Pass.id == Booking.pass_id)
        .where(Booking.session_id.in_(ids), Booking.status == BOOKING_ACTIVE)
        .where(Pass.kind == PASS_PACK, Pass.credits > 0, Pass.currency == currency)
    )
    worth: dict[int, int] = defaultdict(int)
    for session_id, seats, price, credits in rows:
        worth[session_id] += seats * price // credits
    return worth


def live_lines(studio: Studio, conditions) -> list[dict]:
    """One line per session the conditions find, with its figures counted now: {session_id, event_id, title,
    instructor_id, instructor, starts_at, local (the studio's clock), figures}."""
    sessions = _session_rows(conditions)
    if not sessions:
        return []
    # The sessions found once, named by id in each statement after: their conditions (the anti-join with the
    # tallies) are not worked out six times over. A long list (a history not counted yet) goes as the subquery.
    ids = [row[0] for row in sessions] if len(sessions) <= MOST_LISTED else session_ids(conditions)
    marked, late, waiting, heads = _marked(ids), _late_cancels(ids), _waiting(ids), _heads(ids)
    money, credits = _invoiced(ids, studio.currency), _credits_worth(ids, studio.currency)
    lines, zone = [], ZoneInfo(studio.timezone)
    for session_id, event_id, title, instructor_id, name, starts_at, capacity, taken in sessions:
        attended, no_shows = marked.get(session_id, (0, 0))
        figures = {"capacity": capacity, "booked": taken, "attended": attended, "no_shows": no_shows}
        figures |= {"late_cancels": late.get(session_id, 0), "waited": waiting.get(session_id, 0)}
        figures |= {
            "heads": heads.get(session_id, 0),
            "net_revenue": money.get(session_id, 0) + credits.get(session_id, 0),
        }
        lines.append(
            {"session_id": session_id, "event_id": event_id, "title": title, "instructor_id": instructor_id}
            | {"instructor": name, "starts_at": starts_at, "local": starts_at.astimezone(zone), "figures": figures}
        )
    return lines
