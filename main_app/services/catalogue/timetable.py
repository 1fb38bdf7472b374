"""The timetable: every scheduled session across events, day by day, each on its own event's clock (a class at 07:00
in Berlin is on Monday's row at 07:00, wherever the person reading is)."""

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from main_app.services.seats import option_document, options_of
from main_app.services.studios import RATE_NOW

from ...extensions import db
from ...models import STATUS_SCHEDULED, Event, EventSession, Studio, StudioInvoicing, User, utcnow
from .events import ADDS_TAX, OPEN_STUDIO, SESSION_COLUMNS, title_matches

MAX_DAYS = 31
# Every zone's day lies within this of the UTC day: the query's window is the UTC days widened by it, and each
# session is then placed by its date on its event's clock.
WIDEST_OFFSET = timedelta(hours=15)

TIMETABLE_COLUMNS = (
    *SESSION_COLUMNS,
    Event.title,
    Event.kind,
    Event.location,
    Event.timezone,
    Event.refund_until_hours,
    Event.late_cancel_hours,
    Event.requires_approval,
    Event.min_age,
    Event.max_age,
    Event.facilitator_id,
    User.name.label("facilitator_name"),
    StudioInvoicing.tax_name.label("added_tax_name"),
    RATE_NOW.label("added_tax_rate"),
    Studio.slug.label("studio_slug"),
    Studio.name.label("studio_name"),
)


def _entry(row, zone: ZoneInfo, now: datetime, options=()) -> dict:
    """One session of the timetable: times as instants and as read on its event's clock, seats, price, room options
    (rows of seats.options), its event and who teaches it."""
    starts, ends = row.starts_at.astimezone(zone), row.ends_at.astimezone(zone)
    return {
        "id": row.id,
        "event_id": row.event_id,
        "starts_at": row.starts_at.isoformat(),
        "ends_at": row.ends_at.isoformat(),
        "date": starts.date().isoformat(),
        "start_time": starts.strftime("%H:%M"),
        "end_time": ends.strftime("%H:%M"),
        "capacity": row.capacity,
        "seats_left": row.capacity - row.seats_taken,
        "waiting": row.waiting,
        "price": row.price,
        "currency": row.currency,
        "max_seats_per_booking": row.max_seats_per_booking,
        "options": [option_document(option) for option in options],
        "bookable": row.starts_at > now,
        "mode": row.mode,
        # What a booking dialog shows of the event: the same fields as the catalogue's.
        "event": {
            "id": row.event_id,
            "title": row.title,
            "kind": row.kind,
            "location": row.location,
            "timezone": row.timezone,
            "refund_until_hours": row.refund_until_hours,
            "late_cancel_hours": row.late_cancel_hours,
            "requires_approval": row.requires_approval,
            "min_age": row.min_age,
            "max_age": row.max_age,
            "studio": {"slug": row.studio_slug, "name": row.studio_name},
            "tax_added": None
            if row.added_tax_name is None
            else {"name": row.added_tax_name, "rate": row.added_tax_rate},
        },
        "facilitator": {"id": row.facilitator_id, "name": row.facilitator_name},
        "instructor": {"id": row.instructor_id, "name": row.instructor_name},
    }


def _conditions(first: date, last: date, kind, facilitator_id, instructor_id, q, studio) -> list:
    """What a timetable's sessions meet: scheduled, of a scheduled event of an open studio, starting within the
    days' widened window, and the filters given."""
    conditions = [
        EventSession.starts_at >= datetime.combine(first, time(), UTC) - WIDEST_OFFSET,
        EventSession.starts_at < datetime.combine(last + timedelta(days=1), time(), UTC) + WIDEST_OFFSET,
        EventSession.status == STATUS_SCHEDULED,
        Event.status == STATUS_SCHEDULED,
        Event.private.is_(False),  # private sessions are booked from their service, never the timetable
        OPEN_STUDIO,
    ]
    if kind:
        conditions.append(Event.kind == kind)
    if facilitator_id is not None:
        conditions.append(Event.facilitator_id == facilitator_id)
    if instructor_id is not None:
        conditions.append(EventSession.instructor_id == instructor_id)
    if q and q.strip():
        conditions.append(title_matches(q))
    if studio:
        conditions.append(Studio.slug == studio)
    return conditions


def timetable(
    first: date, last: date, *, kind=None, facilitator_id=None, instructor_id=None, q=None, studio=None
) -> dict:
    """{"from", "to", "days": [{"date", "sessions"}]}: every day from first to last (empty ones too), each with the
    scheduled sessions of scheduled events that start on it on their event's clock, by start (of one studio, by its
    slug, when given; taught by one instructor, when given); one query, and one more for the room options when a
    session of it has any."""
    conditions = _conditions(first, last, kind, facilitator_id, instructor_id, q, studio)
    rows = db.session.execute(
        select(*TIMETABLE_COLUMNS)
        .join(Event, Event.id == EventSession.event_id)
        .join(Studio, Studio.id == Event.studio_id)
        .outerjoin(StudioInvoicing, ADDS_TAX)
        .join(User, User.id == Event.facilitator_id)
        .where(*conditions)
        .order_by(EventSession.starts_at, EventSession.id)
    ).all()
    offered = options_of(row.id for row in rows if row.option_count)
    now, zones, by_day = utcnow(), {}, defaultdict(list)
    for row in rows:
        zone = zones.setdefault(row.timezone, ZoneInfo(row.timezone))
        entry = _entry(row, zone, now, offered.get(row.id, ()))
        by_day[entry["date"]].append(entry)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "days": [{"date": day.isoformat(), "sessions": by_day[day.isoformat()]} for day in days],
    }
