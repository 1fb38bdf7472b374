"""Recurring series: an event's sessions made from one recurrence rule (RFC 5545 RRULE, expanded by python-dateutil)
on the event's own clock, so a class at 07:00 stays at 07:00 across a clock change while its UTC time moves."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from service_kit.errors import Conflict, ValidationFailed

from ...database import unit_of_work
from ...extensions import db
from ...models import STATUS_CANCELLED, SessionSeries, User, utcnow
from ..common.local_times import session_window
from ..crm.messages import enqueue_event_change
from .events import new_session
from .ownership import owned_event, refresh_span

MAX_SESSIONS = 366
# Parts of a rule we never take from the facilitator: the start comes from starts_on and start_time.
REFUSED_PARTS = ("DTSTART", "RDATE", "EXDATE", "EXRULE")


def _refused(field: str, problem: str) -> ValidationFailed:
    return ValidationFailed(f"Invalid input: {field}: {problem}", details={field: [problem]})


def local_starts(rule: str, starts_on: date, start_time: time, zone: str) -> list[datetime]:
    """The rule's starts as UTC instants: each occurrence's wall-clock time read in zone. 400 naming rrule for a rule
    that cannot be read, has neither COUNT nor UNTIL, or makes more than MAX_SESSIONS sessions."""
    text = rule.strip().removeprefix("RRULE:")
    upper = text.upper()
    if any(part in upper for part in REFUSED_PARTS) or "\n" in text:
        raise _refused("rrule", "Give one RRULE; the start comes from starts_on and start_time.")
    if "COUNT=" not in upper and "UNTIL=" not in upper:
        raise _refused("rrule", "Give COUNT or UNTIL, so the series ends.")
    try:
        recurrence = rrulestr(text, dtstart=datetime.combine(starts_on, start_time))
        walls = []
        for wall in recurrence:
            walls.append(wall)
            if len(walls) > MAX_SESSIONS:
                raise _refused("rrule", f"The rule makes more than {MAX_SESSIONS} sessions.")
    except (ValueError, TypeError, OverflowError) as exc:
        raise _refused("rrule", f"Not a recurrence rule we can read ({exc}).") from None
    if not walls:
        raise _refused("rrule", "The rule makes no session.")
    tz = ZoneInfo(zone)
    return [wall.replace(tzinfo=tz).astimezone(UTC) for wall in walls]


def create_series(facilitator: User, event_id: int, data: dict) -> dict:
    """Sessions for an event from a rule, in one transaction: {"series_id", "sessions"}; the CRM hears one
    event_updated naming the new sessions and their series."""
    event = owned_event(facilitator, event_id)
    if event.status == STATUS_CANCELLED:
        raise Conflict("A cancelled event cannot get new sessions.", code="event_cancelled")
    starts = local_starts(data["rrule"], data["starts_on"], data["start_time"], event.timezone)
    _earliest, latest = session_window(utcnow())
    if starts[0] <= utcnow():
        raise _refused("starts_on", "The first session must be in the future.")
    if starts[-1] > latest:
        raise _refused("rrule", "The last session must not be more than five years ahead.")
    length = timedelta(minutes=data["duration_minutes"])
    slot = {name: data[name] for name in ("capacity", "price", "currency") if name in data}
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
        sessions = [new_session({**slot, "starts_at": at, "ends_at": at + length}) for at in starts]
        for event_session in sessions:
            event_session.series_id = series.id
            event.sessions.append(event_session)
        refresh_span(event)
        db.session.flush()
        enqueue_event_change(event, "updated", facilitator, {"sessions": [s.id for s in sessions], "series": series.id})
    for event_session in sessions:  # new: nothing mailed, paid or waited for yet
        event_session.emails = {"sent": 0, "pending": 0, "failed": 0}
        event_session.payments = {"paid": 0, "pending": 0, "refunded": 0}
        event_session.waiting = 0
    return {"series_id": series.id, "sessions": sessions}
