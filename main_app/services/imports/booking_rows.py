"""A bookings file's classes: each row's class found among the studio's upcoming ones by its name and its start
in the studio's time zone (a file's times are the studio's wall clock), or the problem with it."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from ...extensions import db
from ...models import STATUS_SCHEDULED, Event, EventSession, utcnow

DAY_FORMATS = ("%Y-%m-%d", "%d %b %Y", "%b %d, %Y", "%d %B %Y")
TIME_FORMATS = ("%H:%M", "%H:%M:%S", "%I:%M %p", "%I:%M%p", "%I %p", "%I:%M:%S %p")


def name_key(name: str) -> str:
    """A class's name as compared: ignoring case and runs of spaces."""
    return " ".join(name.lower().split())


def upcoming_classes(studio_id: int) -> dict:
    """The studio's scheduled classes still ahead, {(name_key, start in UTC): session id}."""
    found = db.session.execute(
        select(EventSession.id, Event.title, EventSession.starts_at)
        .join(Event, Event.id == EventSession.event_id)
        .where(Event.studio_id == studio_id, EventSession.starts_at > utcnow())
        .where(EventSession.status == STATUS_SCHEDULED, Event.status == STATUS_SCHEDULED)
    )
    return {(name_key(title), starts_at): session_id for session_id, title, starts_at in found}


def class_of(values: dict, rules, problems: list) -> dict:
    """{"session_id", "class_starts"} of the class a row names, adding to problems what is wrong with it."""
    name = values.get("class_name", "")
    if not name:
        problems.append(("class_name", "No class: name one of the studio's classes."))
    starts = _start(values.get("class_date", ""), values.get("class_time", ""), rules, problems)
    if not name or starts is None:
        return {}
    if starts <= utcnow():
        problems.append(("class_date", "This class has started: only upcoming classes come in as bookings."))
        return {}
    session_id = rules.classes.get((name_key(name), starts))
    if session_id is None:
        local = starts.astimezone(ZoneInfo(rules.timezone)).strftime("%d %b %Y %H:%M")
        problems.append(("class_name", f"No class called {name!r} starts {local}: make it, or check its name."))
        return {}
    return {"session_id": session_id, "class_starts": starts.isoformat()}


def _start(day: str, at: str, rules, problems: list) -> datetime | None:
    """When the class starts, in UTC: its date and time (a cell each, or both in the date's; an ISO 8601 time with
    an offset is taken as it says), read as the studio's wall clock."""
    if not day:
        problems.append(("class_date", "No date: give the class's date and start time."))
        return None
    stamp = f"{day} {at}".strip()
    found, timed = _read(stamp, rules.day_first)
    if found is None:
        problems.append(("class_date", f"Not a date and time: {stamp!r} (write it as 2026-12-31 18:30)."))
        return None
    if not timed:
        problems.append(("class_time", "No start time: map the column that holds it."))
        return None
    if found.tzinfo is None:
        found = found.replace(tzinfo=ZoneInfo(rules.timezone))
    return found.astimezone(UTC).replace(second=0, microsecond=0)


def _read(stamp: str, day_first: bool) -> tuple[datetime | None, bool]:
    """(a date and its time, whether a time was given), in ISO 8601 or any of the forms the systems studios leave
    write them; (None, False) when it reads as none."""
    try:
        return datetime.fromisoformat(stamp), len(stamp) > len("2026-12-31")
    except ValueError:
        pass
    slashed = "%d/%m/%Y" if day_first else "%m/%d/%Y"
    for day_format in (*DAY_FORMATS, slashed, slashed.replace("%Y", "%y")):
        for time_format in ("", *TIME_FORMATS):
            try:
                return datetime.strptime(stamp, f"{day_format} {time_format}".strip()), bool(time_format)
            except ValueError:
                continue
    return None, False
