"""Recurring series: an event's sessions made from one recurrence rule (RFC 5545 RRULE, expanded by python-dateutil)
on the event's own clock, so a class at 07:00 stays at 07:00 across a clock change while its UTC time moves."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from main_app.services import news, studios
from main_app.services.diary import refuse_if_privates
from main_app.services.seats import lock_sessions, refresh_notices
from main_app.services.studios import Staff
from service_kit.errors import Conflict

from ...database import retry_on_deadlock, unit_of_work
from ...error_codes import api_error
from ...extensions import db
from ...models import STATUS_CANCELLED, STATUS_SCHEDULED, Event, EventSession, SessionSeries, utcnow
from .events import edit_session, new_session, tell_attendees
from .ownership import get_own_event, owned_event, refresh_span
from .recurrence import local_starts, refused
from .session_changes import TOLD


def create_series(staff: Staff, event_id: int, data: dict) -> dict:
    """Sessions for an event from a rule, in one transaction: {"series_id", "sessions"}; the CRM hears one
    event_updated naming the new sessions and their series."""
    event = owned_event(staff, event_id)
    if event.status == STATUS_CANCELLED:
        raise api_error("event_cancelled.new_sessions")
    starts = local_starts(data["rrule"], data["starts_on"], data["start_time"], event.timezone)
    if starts[0] <= utcnow():
        raise refused("starts_on", "The first session must be in the future.")
    length = timedelta(minutes=data["duration_minutes"])
    kept = ("capacity", "price", "currency", "max_seats_per_booking", "mode", "video_url")
    slot = {name: data[name] for name in kept if name in data}
    series = SessionSeries(
        event_id=event.id,
        rrule=data["rrule"].strip(),
        starts_on=data["starts_on"],
        start_time=data["start_time"].strftime("%H:%M"),
        duration_minutes=data["duration_minutes"],
    )
    with unit_of_work():
        db.session.add(series)
        db.session.flush()
        teacher = studios.instructor_for(staff, event.studio_id, data.get("instructor_id"))
        refuse_if_privates([(teacher, at, at + length) for at in starts], utcnow())
        sessions = [new_session({**slot, "starts_at": at, "ends_at": at + length}, teacher) for at in starts]
        for event_session in sessions:
            event_session.series_id = series.id
            event.sessions.append(event_session)
        refresh_span(event)
        db.session.flush()
        added = {"sessions": [s.id for s in sessions], "series": series.id}
        news.publish(news.EventChanged(event, "updated", staff.facts(), added))
    for event_session in sessions:  # new: nothing mailed, paid or waited for yet
        event_session.emails = {"sent": 0, "pending": 0, "failed": 0}
        event_session.payments = {"paid": 0, "pending": 0, "refunded": 0}
        event_session.waiting = 0
    return {"series_id": series.id, "sessions": sessions}


def scheduled_from(staff: Staff, event_id: int, series_id: int, day: date) -> tuple[Event, list[EventSession]]:
    """An event the staff member reaches and its series' sessions still scheduled from day on (that day included, on the
    event's clock), by start; 404 for a series not of this event."""
    event = owned_event(staff, event_id)
    series = db.session.get(SessionSeries, series_id)
    if series is None or series.event_id != event.id:
        raise api_error("series_not_found", series_id=series_id)
    zone = ZoneInfo(event.timezone)
    rest = [
        s
        for s in event.sessions
        if s.series_id == series_id and s.status == STATUS_SCHEDULED and s.starts_at.astimezone(zone).date() >= day
    ]
    return event, sorted(rest, key=lambda s: s.starts_at)


def _moved(event_session: EventSession, zone: ZoneInfo, data: dict) -> tuple[datetime, datetime]:
    """The session's new start and end: its own day at the new time on the event's clock, the new duration."""
    starts_local = event_session.starts_at.astimezone(zone)
    start_time = data.get("start_time", starts_local.time().replace(tzinfo=None))
    starts_at = datetime.combine(starts_local.date(), start_time).replace(tzinfo=zone).astimezone(UTC)
    length = timedelta(minutes=data["duration_minutes"]) if "duration_minutes" in data else None
    return starts_at, starts_at + (length or event_session.ends_at - event_session.starts_at)


@retry_on_deadlock
def update_series(staff: Staff, event_id: int, series_id: int, data: dict) -> dict:
    """Change a series' sessions from a day on (time on the event's clock, duration, capacity, mode and video link,
    teacher), all or none: the people booked in a moved session are emailed as for any move, new seats go to the
    line, and one event_updated sums it up for the CRM."""
    event, rest = scheduled_from(staff, event_id, series_id, data["from"])
    rest = [s for s in rest if s.starts_at > utcnow()]  # a session under way or over stays as it was
    if not rest:
        raise api_error("nothing_to_change")
    zone = ZoneInfo(event.timezone)
    moves = {s.id: _moved(s, zone, data) for s in rest}
    if any(starts_at <= utcnow() for starts_at, _ends in moves.values()):
        raise refused("start_time", "Every session changed must still start in the future.")
    before = {"times": {s.id: (s.starts_at, s.ends_at) for s in rest}, "timezone": event.timezone,
              "modes": {s.id: s.mode for s in rest}}  # fmt: skip
    wanted = {name: data[name] for name in ("capacity", "mode", "video_url") if name in data}
    with unit_of_work():
        if "instructor_id" in data:  # the lock order: the studio (as every change of who teaches), then its sessions
            studios.locked_studio(event.studio_id)
        # Then their teachers (the new one, else each its own): a private booked at a new time is seen, or sees this.
        teachers = [(data.get("instructor_id") or s.instructor_id, *moves[s.id]) for s in rest]
        refuse_if_privates(teachers, utcnow())
        lock_sessions(moves)  # the lock order: every session of the change, lowest id first
        # Read again under the lock: a session cancelled meanwhile is left as it is.
        locked = [s for s in owned_event(staff, event_id).sessions if s.status == STATUS_SCHEDULED]
        locked = sorted((s for s in locked if s.id in moves), key=lambda s: s.starts_at)
        changed, moved = _edit_each(staff, locked, wanted, moves, zone)
        handed = _new_teacher(staff, event, locked, data)
        if changed:
            event = owned_event(staff, event_id)
            refresh_span(event)
            news.publish(news.EventChanged(event, "updated", staff.facts(), _summary(series_id, changed, data)))
        if moved:
            tell_attendees(staff.facts(), event, moved, before)
            refresh_notices([s.id for s in moved])
    sessions = {s.id: s for s in get_own_event(staff, event_id).sessions}
    answer = {"series_id": series_id, "sessions_changed": len({*changed, *handed})}
    return answer | {"sessions": [sessions[s.id] for s in rest]}


def _edit_each(
    staff: Staff, sessions: list[EventSession], wanted: dict, moves: dict, zone: ZoneInfo
) -> tuple[list[int], list[EventSession]]:
    """Edit each session, by start: the ids that changed and the sessions that moved (their people are told)."""
    changed, moved = [], []
    for event_session in sessions:
        day = event_session.starts_at.astimezone(zone).date().isoformat()
        try:
            event_session, changes = edit_session(staff, event_session, wanted, *moves[event_session.id], span=False)
        except Conflict as exc:
            raise Conflict(f"The session on {day}: {exc.message}", code=exc.code, details=exc.details) from None
        if changes:
            changed.append(event_session.id)
        if changes.keys() & TOLD:
            moved.append(event_session)
    return changed, moved


def _new_teacher(staff: Staff, event: Event, sessions: list[EventSession], data: dict) -> list[int]:
    """The sessions given the teacher the change names (those the first one's teacher teaches), if it names one."""
    if "instructor_id" not in data:
        return []
    return studios.hand_over_series(staff, event, sessions, data["instructor_id"])


def _summary(series_id: int, changed: list[int], data: dict) -> dict:
    """What the CRM hears of a series changed from a day: which sessions, and the new settings."""
    summary = {"series": series_id, "sessions_changed": changed, "from": data["from"].isoformat()}
    if "start_time" in data:
        summary["start_time"] = data["start_time"].strftime("%H:%M")
    return summary | {name: data[name] for name in ("duration_minutes", "capacity") if name in data}
