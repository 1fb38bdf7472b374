"""The attendance report: how full a studio's classes were over a span of its days (seats booked over seats offered),
who came and who did not (attendance, once check-in was taken), late cancels, and the waiting-list demand left over
(places still in line when a class began: people who waited and never got a seat). Split by period, by class, by
weekday and hour on the studio's clock, and by instructor; with the span before it to compare.

Read in three statements over the span's sessions (found from the studio's events that overlap the span), each
grouped or filtered by session: the work grows with the span, not with the studio's history."""

from collections import defaultdict
from datetime import timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select

from ...extensions import db
from ...models import (
    ATTENDED,
    BOOKING_ACTIVE,
    BOOKING_CANCELLED,
    BOOKING_REFUNDED,
    CANCELLED_BY_PERSON,
    NO_SHOW,
    STATUS_SCHEDULED,
    Booking,
    Event,
    EventSession,
    Studio,
    User,
    WaitlistEntry,
)
from .periods import Span

FIGURES = ("sessions", "capacity", "booked", "attended", "no_shows", "late_cancels", "waited")


def _blank() -> dict:
    return dict.fromkeys(FIGURES, 0)


def _with_rate(figures: dict) -> dict:
    """The figures with their fill rate: seats booked over seats offered (None when none were offered)."""
    rate = round(figures["booked"] / figures["capacity"], 4) if figures["capacity"] else None
    return figures | {"fill_rate": rate}


def span_sessions(studio_id: int, span: Span, timezone: str):
    """The studio's scheduled sessions that start in the span: a select of EventSession.id (for IN) and the rows."""
    low, high = span.instants(timezone)
    conditions = (
        Event.studio_id == studio_id,
        Event.ends_at >= low,  # the studio's events that overlap the span: an index range, not its whole history
        Event.starts_at < high,
        EventSession.starts_at >= low,
        EventSession.starts_at < high,
        EventSession.status == STATUS_SCHEDULED,
    )
    ids = select(EventSession.id).join(Event, Event.id == EventSession.event_id).where(*conditions)
    return ids, conditions


def _session_rows(conditions):
    return db.session.execute(
        select(
            EventSession.id,
            EventSession.event_id,
            Event.title,
            EventSession.instructor_id,
            User.name,
            EventSession.starts_at,
            EventSession.capacity,
            EventSession.seats_taken,
        )
        .join(Event, Event.id == EventSession.event_id)
        .join(User, User.id == EventSession.instructor_id)
        .where(*conditions)
        .order_by(EventSession.starts_at, EventSession.id)
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


def session_lines(studio: Studio, span: Span) -> list[dict]:
    """One line per scheduled session starting in the span, in start order, with its figures."""
    ids, conditions = span_sessions(studio.id, span, studio.timezone)
    marked, late, waiting = _marked(ids), _late_cancels(ids), _waiting(ids)
    zone = ZoneInfo(studio.timezone)
    lines = []
    for session_id, event_id, title, instructor_id, name, starts_at, capacity, taken in _session_rows(conditions):
        attended, no_shows = marked.get(session_id, (0, 0))
        lines.append(
            {
                "session_id": session_id,
                "event_id": event_id,
                "title": title,
                "instructor_id": instructor_id,
                "instructor": name,
                "starts_at": starts_at,
                "local": starts_at.astimezone(zone),
                "figures": {
                    "sessions": 1,
                    "capacity": capacity,
                    "booked": taken,
                    "attended": attended,
                    "no_shows": no_shows,
                    "late_cancels": late.get(session_id, 0),
                    "waited": waiting.get(session_id, 0),
                },
            }
        )
    return lines


def _add(bucket: dict, figures: dict) -> None:
    for name in FIGURES:
        bucket[name] += figures[name]


def attendance(studio: Studio, span: Span) -> dict:
    """The report: totals, by period (each period of the span), by class, by weekday and hour, by instructor, and
    the previous span's totals."""
    totals, periods = _blank(), {start: _blank() for start in span.periods()}
    classes: dict = defaultdict(_blank)
    slots: dict = defaultdict(_blank)
    instructors: dict = defaultdict(_blank)
    titles, names = {}, {}
    for line in session_lines(studio, span):
        local, figures = line["local"], line["figures"]
        titles[line["event_id"]], names[line["instructor_id"]] = line["title"], line["instructor"]
        for bucket in (
            totals,
            periods[span.period_of(local.date())],
            classes[line["event_id"]],
            slots[(local.weekday(), local.hour)],
            instructors[line["instructor_id"]],
        ):
            _add(bucket, figures)
    previous = _blank()
    for line in session_lines(studio, span.previous()):
        _add(previous, line["figures"])
    return {
        "from": span.start.isoformat(),
        "to": span.end.isoformat(),
        "by": span.by,
        "totals": _with_rate(totals),
        "previous": _with_rate(previous) | {"from": span.previous().start.isoformat()},
        "periods": [{"start": start.isoformat(), **_with_rate(figures)} for start, figures in periods.items()],
        "classes": _ranked([{"event_id": key, "title": titles[key], **_with_rate(f)} for key, f in classes.items()]),
        "slots": [{"weekday": day, "hour": hour, **_with_rate(f)} for (day, hour), f in sorted(slots.items())],
        "instructors": _ranked(
            [{"instructor_id": key, "name": names[key], **_with_rate(f)} for key, f in instructors.items()]
        ),
    }


def _ranked(rows: list[dict]) -> list[dict]:
    """Most seats booked first (then by name, for a stable order)."""
    return sorted(rows, key=lambda row: (-row["booked"], row.get("title") or row.get("name") or ""))


def csv_rows(studio: Studio, span: Span):
    """One row per session of the span, a header first: when (the studio's clock), class, instructor, figures."""
    names = ("capacity", "booked", "attended", "no_shows", "late_cancels", "waited")
    yield ["date", "time", "class", "instructor", *names, "fill_rate"]
    for line in session_lines(studio, span):
        figures = _with_rate(line["figures"])
        local = line["local"]
        row = [local.date().isoformat(), local.strftime("%H:%M"), line["title"], line["instructor"]]
        yield [*row, *(figures[name] for name in names), figures["fill_rate"]]
