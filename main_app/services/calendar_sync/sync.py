"""A teacher's calendar kept in step, as a timed job (timers.CalendarSync): prepare reads the link and the teacher's
classes and privates from our rows, fetch reads the calendar's busy times and writes ours to it (the network, outside
any transaction), run stores what it read in the dispatcher's commit, the teacher's row locked first (the lane's
lock_first), so a private being booked sees the busy times before or after, never half."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import delete, select

from main_app.services import timers
from main_app.services.common import Sealer

from ...extensions import db
from ...models import (
    STATUS_SCHEDULED,
    CalendarBusy,
    Event,
    EventSession,
    Studio,
    StudioMember,
    TeacherCalendar,
    utcnow,
)
from .remote import CalendarError, Entry, Link, read_busy, uid_of, write_entries

SEALER = Sealer("CALENDAR_KEYS_KEY", b"teacher-calendar-logins")
SYNC_EVERY = timedelta(minutes=10)  # how often a linked calendar is read (and written)
STALE_AFTER = timedelta(minutes=30)  # a calendar not read for this long offers its teacher's slots to no one
BEHIND, AHEAD = timedelta(days=1), timedelta(days=90)  # the window read and written


@dataclass(frozen=True)
class Snapshot:
    """What a sync needs from our rows: the link, the teacher's clock, our events to keep, the window."""

    link: Link
    zone: ZoneInfo
    entries: list[Entry]
    since: datetime
    until: datetime


@dataclass(frozen=True)
class Outcome:
    """What a sync found: the busy times read (None when reading failed), whether writing went, the error."""

    busy: list | None
    wrote: bool
    error: str | None


def schedule_sync(calendar_id: int, user_id: int, due: datetime | None = None, periodic: bool = False) -> None:
    """A sync of the calendar, in the caller's transaction: now, or the periodic one at due."""
    when = due or utcnow()
    timers.schedule(timers.CalendarSync(calendar_id=calendar_id, user_id=user_id, periodic=periodic, due=when))


def prepare(job: timers.CalendarSync) -> Snapshot | None:
    """The calendar's link (its login unsealed) and the teacher's classes and privates in the window; None when
    it was unlinked meanwhile."""
    calendar = db.session.get(TeacherCalendar, job.calendar_id)
    if calendar is None:
        return None
    password = SEALER.unseal(current_app.config, calendar.secret)["password"] if calendar.secret else None
    production = current_app.config["APP_ENV"] == "production"
    link = Link(calendar.kind, calendar.url, calendar.username, password, require_tls=production)
    now = utcnow()
    since, until = now - BEHIND, now + AHEAD
    return Snapshot(link, _zone_of(calendar.user_id), _entries(calendar.user_id, since, until), since, until)


def _zone_of(user_id: int) -> ZoneInfo:
    """The clock of the teacher's first studio (their all-day events' days), else UTC."""
    zone = db.session.scalar(
        select(Studio.timezone)
        .join(StudioMember, StudioMember.studio_id == Studio.id)
        .where(StudioMember.user_id == user_id)
        .order_by(StudioMember.id)
        .limit(1)
    )
    return ZoneInfo(zone or "UTC")


def _entries(user_id: int, since: datetime, until: datetime) -> list[Entry]:
    """The teacher's scheduled classes and held privates starting in the window, as events of ours."""
    rows = db.session.execute(
        select(EventSession.id, EventSession.starts_at, EventSession.ends_at, Event.title, Event.location)
        .add_columns(EventSession.reserved_for_id, EventSession.seats_taken)
        .join(Event, Event.id == EventSession.event_id)
        .where(
            EventSession.instructor_id == user_id,
            EventSession.status == STATUS_SCHEDULED,
            Event.status == STATUS_SCHEDULED,
            EventSession.starts_at >= since,
            EventSession.starts_at < until,
        )
        .order_by(EventSession.starts_at, EventSession.id)
    )
    # A private's person stays off the teacher's outside calendar: its service and "private session" say enough.
    return [
        Entry(
            uid_of(row.id),
            row.starts_at,
            row.ends_at,
            f"{row.title} (private session)" if row.reserved_for_id else row.title,
            row.location or "",
        )
        for row in rows
        if row.reserved_for_id is None or row.seats_taken > 0
    ]


def fetch(job: timers.CalendarSync, snapshot: Snapshot | None) -> Outcome | None:
    """Read the calendar's busy times, then write ours into it (on the lane's sending thread, no database)."""
    if snapshot is None:
        return None
    try:
        busy = read_busy(snapshot.link, snapshot.since, snapshot.until, snapshot.zone)
    except CalendarError as error:
        return Outcome(None, False, f"reading: {error}")
    try:
        write_entries(snapshot.link, snapshot.entries, snapshot.since)
    except CalendarError as error:
        return Outcome(busy, False, f"writing: {error}")
    return Outcome(busy, True, None)


def run(job: timers.CalendarSync, outcome: Outcome | None) -> None:
    """Store what the sync found (the teacher's row locked by the lane first); a periodic one writes the next."""
    calendar = db.session.get(TeacherCalendar, job.calendar_id)
    if calendar is None or outcome is None:
        return
    now = utcnow()
    if outcome.busy is not None:
        db.session.execute(delete(CalendarBusy).where(CalendarBusy.calendar_id == calendar.id))
        db.session.add_all(
            CalendarBusy(calendar_id=calendar.id, user_id=calendar.user_id, starts_at=starts, ends_at=ends)
            for starts, ends in outcome.busy
        )
        calendar.read_at = now
    if outcome.wrote:
        calendar.written_at = now
    calendar.last_error = outcome.error
    if job.periodic:
        schedule_sync(calendar.id, calendar.user_id, _next_due(now), periodic=True)


def _next_due(now: datetime) -> datetime:
    """The next periodic sync: the next whole SYNC_EVERY on the clock (one row a due time, however many ran)."""
    step = int(SYNC_EVERY.total_seconds())
    return datetime.fromtimestamp((int(now.timestamp()) // step + 1) * step, tz=now.tzinfo)
