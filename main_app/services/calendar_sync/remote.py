"""Talking to a teacher's own calendar (no database here: it runs on the timers lane's sending threads). Reads the
busy times of a CalDAV calendar (RFC 4791, the maintained caldav client) or of an iCal address (what Google and
Outlook give), repeating events expanded; writes the teacher's classes and privates into a CalDAV calendar, each
one event of ours known by its UID, changed or removed when ours change. Events of ours are never read as busy."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import caldav
import icalendar
import recurring_ical_events
import requests

from main_app.services.common import PrivateAddress
from main_app.services.common import refuse_private_host as refuse_off_internet

TIMEOUT = 15  # seconds a calendar server has to answer
MOST_BYTES = 5_000_000  # an iCal address's file, at most
UID_PREFIX = "sessions-retreats-"  # the UIDs of the events we write: ours, never busy times


class CalendarError(Exception):
    """The calendar could not be read or written (unreachable, refused the login, not a calendar)."""


@dataclass(frozen=True)
class Link:
    """How to reach a calendar: its kind (caldav or ical), address, login, and whether plain http and addresses off
    the public internet are refused (production's)."""

    kind: str
    url: str
    username: str | None = None
    password: str | None = None
    require_tls: bool = True


def refuse_private_host(url: str) -> None:
    """CalendarError unless the calendar's address is on the public internet (common.addresses)."""
    try:
        refuse_off_internet(url)
    except PrivateAddress as exc:
        raise CalendarError(f"the calendar's {exc}") from None


@dataclass(frozen=True)
class Entry:
    """One event of ours to keep in the calendar."""

    uid: str
    starts_at: datetime
    ends_at: datetime
    summary: str
    location: str = ""


def uid_of(session_id: int) -> str:
    """The UID of our event for a session."""
    return f"{UID_PREFIX}{session_id}"


def read_busy(link: Link, since: datetime, until: datetime, zone: ZoneInfo) -> list[tuple[datetime, datetime]]:
    """The busy intervals (UTC) the calendar holds over [since, until): its events' times, but for transparent ones
    and ours; an all-day event is busy the whole day on zone's clock."""
    try:
        if link.require_tls:
            refuse_private_host(link.url)
        components = (
            _ical_components(link, since, until) if link.kind == "ical" else _caldav_components(link, since, until)
        )
    except CalendarError:
        raise
    except Exception as exc:  # the libraries raise many kinds: each is the calendar failing, never ours
        raise CalendarError(f"{type(exc).__name__}: {exc}"[:300]) from None
    return sorted(found for component in components if (found := _busy(component, zone)) is not None)


def _ical_components(link: Link, since: datetime, until: datetime) -> list:
    # No redirect is followed where addresses are checked: one could lead inside where the address did not.
    answer = requests.get(link.url, timeout=TIMEOUT, stream=True, allow_redirects=not link.require_tls)
    if answer.is_redirect:
        raise CalendarError("the calendar's address redirects elsewhere: link the address it leads to")
    answer.raise_for_status()
    body = answer.raw.read(MOST_BYTES + 1, decode_content=True)
    if len(body) > MOST_BYTES:
        raise CalendarError(f"the calendar's file is over {MOST_BYTES} bytes")
    return recurring_ical_events.of(icalendar.Calendar.from_ical(body)).between(since, until)


def _client(link: Link) -> caldav.DAVClient:
    return caldav.DAVClient(
        link.url, username=link.username, password=link.password, timeout=TIMEOUT, require_tls=link.require_tls
    )


def _caldav_components(link: Link, since: datetime, until: datetime) -> list:
    with _client(link) as client:
        found = client.calendar(url=link.url).search(start=since, end=until, event=True, expand=True)
        return [item.icalendar_component for item in found]


def _busy(component, zone: ZoneInfo) -> tuple[datetime, datetime] | None:
    """The UTC interval an event keeps busy, or None (transparent, ours, or without times)."""
    if str(component.get("uid", "")).startswith(UID_PREFIX) or str(component.get("transp", "")) == "TRANSPARENT":
        return None
    starts, ends = component.get("dtstart"), component.get("dtend")
    if starts is None:
        return None
    starts = starts.dt
    ends = (
        ends.dt
        if ends is not None
        else starts + (component.get("duration").dt if component.get("duration") else timedelta())
    )
    starts, ends = _instant(starts, zone), _instant(ends, zone)
    if isinstance(component.get("dtstart").dt, date) and not isinstance(component.get("dtstart").dt, datetime):
        ends = max(ends, starts + timedelta(days=1))  # an all-day event without an end: its one day
    return (starts, ends) if ends > starts else None


def _instant(moment, zone: ZoneInfo) -> datetime:
    """A UTC instant: a date is its midnight on zone's clock; a floating time is on zone's clock."""
    if not isinstance(moment, datetime):
        return datetime.combine(moment, time(), tzinfo=zone).astimezone(UTC)
    return (moment if moment.tzinfo else moment.replace(tzinfo=zone)).astimezone(UTC)


def write_entries(link: Link, entries: list[Entry], since: datetime) -> int:
    """Make the calendar's events of ours from since on exactly entries (each written when new or changed, ours no
    longer wanted removed): how many it wrote or removed."""
    if link.kind != "caldav":
        return 0
    try:
        if link.require_tls:
            refuse_private_host(link.url)
        with _client(link) as client:
            calendar = client.calendar(url=link.url)
            ours = {
                str(item.icalendar_component.get("uid")): item
                for item in calendar.search(start=since, end=since + timedelta(days=3650), event=True)
                if str(item.icalendar_component.get("uid", "")).startswith(UID_PREFIX)
            }
            changed = 0
            for entry in entries:
                if entry.uid not in ours or _differs(ours[entry.uid].icalendar_component, entry):
                    calendar.save_event(_ics(entry))
                    changed += 1
            for uid in ours.keys() - {entry.uid for entry in entries}:
                ours[uid].delete()
                changed += 1
            return changed
    except CalendarError:
        raise
    except Exception as exc:
        raise CalendarError(f"{type(exc).__name__}: {exc}"[:300]) from None


def _differs(component, entry: Entry) -> bool:
    """Whether the calendar's event says other than our entry."""
    found = (component.get("dtstart").dt, component.get("dtend").dt, str(component.get("summary", "")))
    return found != (entry.starts_at, entry.ends_at, entry.summary)


def _ics(entry: Entry) -> str:
    """The entry as a calendar file of one event."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Sessions & Retreats//teacher calendar//EN")
    calendar.add("version", "2.0")
    event = icalendar.Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", datetime.now(UTC))
    event.add("dtstart", entry.starts_at.astimezone(UTC))
    event.add("dtend", entry.ends_at.astimezone(UTC))
    event.add("summary", entry.summary)
    if entry.location:
        event.add("location", entry.location)
    calendar.add_component(event)
    return calendar.to_ical().decode()
