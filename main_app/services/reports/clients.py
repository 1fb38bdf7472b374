"""The clients report: who came over a span of a studio's days, new (their first visit ever at the studio) or
returning; retention cohorts (of those who first came in a month, how many came back within 30, 60 and 90 days);
and membership churn (memberships running at the span's start that ended inside it).

A visit is a booking still holding its seat in a scheduled class that has begun, not marked a no-show. Read in
three statements: the visits of the span's people from its start (through the 90 days after it, for the cohorts),
which of them came before the span (an EXISTS per person, stopping at their first such visit: the people who did
not are new, their first visit is in the span), and the studio's memberships."""

from collections import defaultdict
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import exists, or_, select

from ...extensions import db
from ...models import (
    ATTENDED,
    BOOKING_ACTIVE,
    PASS_ACTIVE,
    PASS_LAPSED,
    PASS_MEMBERSHIP,
    PASS_REFUNDED,
    STATUS_SCHEDULED,
    Booking,
    Event,
    EventSession,
    Pass,
    Studio,
    utcnow,
)
from .counting import planned_for_their_span, session_ids, span_sessions
from .periods import Span

WINDOWS = (30, 60, 90)  # days after a first visit a cohort's return is counted in


def _visit(studio_id: int):
    return (
        Event.studio_id == studio_id,
        EventSession.status == STATUS_SCHEDULED,
        Booking.status == BOOKING_ACTIVE,
        or_(Booking.attendance.is_(None), Booking.attendance == ATTENDED),
    )


def _visits(studio: Studio, span: Span, now: datetime, follow: bool = True) -> tuple[list, dict]:
    """(the span's people's visits as (person, start), from the span's start to its end, or, when follow, to 90 days
    after it (the cohorts' windows); each person's first visit ever at the studio, or, for those who came before the
    span, an instant just before it: only whether they came before is read, by an EXISTS that stops at their first
    such visit, not a walk of their whole history)."""
    ids = session_ids(span_sessions(studio.id, span, studio.timezone))
    low, high = span.instants(studio.timezone)
    people = (
        select(Booking.user_id)
        .join(EventSession, EventSession.id == Booking.session_id)
        .join(Event, Event.id == EventSession.event_id)
        .where(Booking.session_id.in_(ids), EventSession.starts_at < now, *_visit(studio.id))
    )
    seen = select(Booking.user_id, EventSession.starts_at).join(EventSession, EventSession.id == Booking.session_id)
    seen = seen.join(Event, Event.id == EventSession.event_id).where(*_visit(studio.id))
    later = min(now, high + timedelta(days=max(WINDOWS)) if follow else high)
    rows = db.session.execute(
        seen.where(Booking.user_id.in_(people), EventSession.starts_at >= low, EventSession.starts_at < later)
    ).all()
    firsts: dict = {}
    for person, starts in rows:
        if person not in firsts or starts < firsts[person]:
            firsts[person] = starts
    before = low - timedelta(microseconds=1)
    firsts.update(dict.fromkeys(_came_before(studio.id, people, low), before))
    return rows, firsts


def _came_before(studio_id: int, people, low: datetime) -> list[int]:
    """Those of the people with a visit at the studio before low."""
    them = people.distinct().subquery()
    earlier = select(Booking.id).join(EventSession, EventSession.id == Booking.session_id)
    earlier = earlier.join(Event, Event.id == EventSession.event_id).where(*_visit(studio_id))
    earlier = earlier.where(Booking.user_id == them.c.user_id, EventSession.starts_at < low)
    return db.session.scalars(select(them.c.user_id).where(exists(earlier))).all()


def _counts(rows, firsts: dict, low: datetime, high: datetime) -> tuple[dict, set]:
    """The span's totals (clients, new, returning, visits) and its new people."""
    inside = [(person, starts) for person, starts in rows if low <= starts < high]
    clients = {person for person, _ in inside}
    new = {person for person in clients if firsts[person] >= low}
    figures = {"clients": len(clients), "new": len(new), "returning": len(clients - new), "visits": len(inside)}
    return figures, new


def _periods(span: Span, rows, firsts: dict, low, high, zone) -> list[dict]:
    """Per period of the span: its clients, new, returning and visits."""
    people, visits = defaultdict(set), defaultdict(int)
    for person, starts in rows:
        if low <= starts < high:
            period = span.period_of(starts.astimezone(zone).date())
            people[period].add(person)
            visits[period] += 1
    found = []
    for start in span.periods():
        clients = people[start]
        new = {person for person in clients if span.period_of(firsts[person].astimezone(zone).date()) == start}
        new = {person for person in new if firsts[person] >= low}
        found.append(
            {"start": start.isoformat(), "clients": len(clients), "new": len(new), "returning": len(clients) - len(new)}
            | {"visits": visits[start]}
        )
    return found


def _cohorts(rows, firsts: dict, new: set, zone, now: datetime) -> list[dict]:
    """Per month of first visits in the span: how many, and how many came back within each window (None while
    the window is still open for some of them: the month's last day plus the window is yet to come)."""
    starts_of = defaultdict(list)
    for person, starts in rows:
        if person in new:
            starts_of[person].append(starts)
    months: dict[date, list] = defaultdict(list)
    for person in new:
        months[firsts[person].astimezone(zone).date().replace(day=1)].append(person)
    today = now.astimezone(zone).date()
    found = []
    for month, people in sorted(months.items()):
        last_day = (month + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        row = {"month": month.isoformat(), "clients": len(people)}
        for days in WINDOWS:
            back = sum(1 for person in people if _came_back(firsts[person], starts_of[person], days))
            row[f"back_{days}"] = back if last_day + timedelta(days=days) < today else None
        found.append(row)
    return found


def _came_back(first: datetime, visits: list, days: int) -> bool:
    return any(first < starts <= first + timedelta(days=days) for starts in visits)


def memberships(studio: Studio, span: Span) -> dict:
    """Memberships running at the span's start, begun and ended in it, running at its end, and the churn: those
    that ended over those running at the start (None when none were)."""
    low, high = span.instants(studio.timezone)
    rows = db.session.execute(
        select(Pass.valid_from, Pass.ended_at, Pass.valid_until, Pass.renews).where(
            Pass.studio_id == studio.id,
            Pass.kind == PASS_MEMBERSHIP,
            Pass.status.in_((PASS_ACTIVE, PASS_LAPSED, PASS_REFUNDED)),
            Pass.valid_from < high,
        )
    ).all()
    runs = [(begun, ended or (None if renews else until)) for begun, ended, until, renews in rows]
    running = lambda at: sum(1 for begun, end in runs if begun <= at and (end is None or end > at))  # noqa: E731
    at_start = running(low)
    ended = sum(1 for begun, end in runs if begun <= low and end is not None and low < end <= high)
    return {
        "active_at_start": at_start,
        "started": sum(1 for begun, _ in runs if low <= begun < high),
        "ended": ended,
        "active_at_end": running(high),
        "churn_rate": round(ended / at_start, 4) if at_start else None,
    }


@planned_for_their_span
def clients(studio: Studio, span: Span) -> dict:
    """The report: totals, by period, the previous span's totals, cohorts and membership churn."""
    zone, now = ZoneInfo(studio.timezone), utcnow()
    low, high = span.instants(studio.timezone)
    rows, firsts = _visits(studio, span, now)
    totals, new = _counts(rows, firsts, low, high)
    before = span.previous()
    previous, _ = _counts(*_visits(studio, before, now, follow=False), *before.instants(studio.timezone))
    return {
        "from": span.start.isoformat(),
        "to": span.end.isoformat(),
        "by": span.by,
        "totals": totals,
        "previous": previous | {"from": before.start.isoformat()},
        "periods": _periods(span, rows, firsts, low, high, zone),
        "cohorts": _cohorts(rows, firsts, new, zone, now),
        "memberships": memberships(studio, span),
    }


def csv_rows(report: dict):
    """The report's periods as CSV rows, a header first."""
    names = ("clients", "new", "returning", "visits")
    yield ["period", *names]
    for period in report["periods"]:
        yield [period["start"], *(period[name] for name in names)]
