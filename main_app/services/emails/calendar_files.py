"""Calendar entries (ICS, RFC 5545) for bookings, built with the icalendar library: one UID per booking (the same in
every mail, download and feed, so calendars keep one entry), a SEQUENCE that rises with each change, METHOD:CANCEL
once it is cancelled, times in the event's own zone with its VTIMEZONE."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from ..common.local_times import FIRST_WRITABLE, LAST_WRITABLE

PRODUCT_ID = "-//Sessions & Retreats//Booking//EN"


class OutOfCalendar(ValueError):
    """An entry whose times no calendar file can hold (a stored time at the calendar's very edge)."""


@dataclass(frozen=True)
class BookingEntry:
    """What a calendar needs to know of one booking."""

    booking_id: int
    title: str
    starts_at: datetime
    ends_at: datetime
    zone: str
    location: str
    url: str
    attendee: tuple[str, str]  # (name, email)
    organizer: tuple[str, str] | None = None
    sequence: int = 0
    cancelled: bool = False


def booking_uid(booking_id: int, domain: str) -> str:
    """The booking's UID."""
    return f"booking-{booking_id}@{domain}"


def uid_domain(web_url: str) -> str:
    """The domain of every UID: the web app's host (PUBLIC_WEB_URL), the same for mails, downloads and feeds."""
    return urlsplit(web_url).hostname or "localhost"


def calendar_file(entries: list[BookingEntry], *, method: str, domain: str, stamp: datetime, name: str = "") -> bytes:
    """An ICS file of entries; method REQUEST (an invitation by mail), CANCEL or PUBLISH (a download, a feed).
    OutOfCalendar when an entry's times cannot be written (see writable)."""
    for entry in entries:
        if not writable(entry):
            raise OutOfCalendar(f"booking {entry.booking_id}: its times fall outside what a calendar can hold")
    head, end = _calendar_frame(method, name)
    if not entries:
        return head + end
    # A VTIMEZONE for every zone used, so any client reads local times right; covering the years of the entries.
    # Each is serialised once per process and put in place before the calendar's end (RFC 5545 lets a calendar's
    # components come in any order): writing one out took as long as the rest of a booking's file.
    first = min(e.starts_at for e in entries).year - 1
    last = max(e.ends_at for e in entries).year + 1
    zones = b"".join(_vtimezone_ics(zone, first, last) for zone in sorted({e.zone for e in entries}))
    return head + b"".join(_event_ics(entry, domain, stamp) for entry in entries) + zones + end


def writable(entry: BookingEntry) -> bool:
    """Whether the entry's times can be written in its zone, with that zone's rules a year either side."""
    return FIRST_WRITABLE <= entry.starts_at <= LAST_WRITABLE and FIRST_WRITABLE <= entry.ends_at <= LAST_WRITABLE


@lru_cache(maxsize=256)
def _calendar_frame(method: str, name: str) -> tuple[bytes, bytes]:
    """The calendar's own lines up to its components, and its end."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    head, end = calendar.to_ical().rsplit(b"END:VCALENDAR", 1)
    return head, b"END:VCALENDAR" + end


@lru_cache(maxsize=256)
def _vtimezone_ics(zone: str, first_year: int, last_year: int) -> bytes:
    """The zone's rules over those years as ICS lines: worked out once per process (icalendar takes 5-25 ms a zone),
    then shared by every file."""
    timezone = Timezone.from_tzid(zone, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1))
    return timezone.to_ical()


def _event_ics(entry: BookingEntry, domain: str, stamp: datetime) -> bytes:
    """The booking's VEVENT: its own lines (UID, SEQUENCE, DTSTAMP, STATUS, ATTENDEE) written for it, the lines every
    booking of the session shares written once per session (they were half the cost of a confirmation's file)."""
    event = Event()
    event.add("uid", booking_uid(entry.booking_id, domain))
    event.add("sequence", entry.sequence)
    event.add("dtstamp", stamp)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    event.add("attendee", _address(*entry.attendee, role="REQ-PARTICIPANT"), encode=False)
    own, end = event.to_ical().rsplit(b"END:VEVENT", 1)
    shared = _session_lines(
        entry.title, entry.starts_at, entry.ends_at, entry.zone, entry.location, entry.url, entry.organizer
    )
    return own + shared + b"END:VEVENT" + end


@lru_cache(maxsize=1024)
def _session_lines(
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    zone: str,
    location: str,
    url: str,
    organizer: tuple[str, str] | None,
) -> bytes:
    """A VEVENT's lines that every booking of a session shares: times in the event's zone, what, where, who runs it."""
    tz = ZoneInfo(zone)
    event = Event()
    event.add("dtstart", starts_at.astimezone(tz))
    event.add("dtend", ends_at.astimezone(tz))
    event.add("summary", title)
    if location:
        event.add("location", location)
    event.add("description", f"Your booking: {url}")
    event.add("url", url)
    if organizer:
        event["organizer"] = _address(*organizer)
    lines = event.to_ical()
    return lines[lines.index(b"\n") + 1 : lines.rindex(b"END:VEVENT")]


def _address(name: str, email: str, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name)
    if role:
        address.params["role"] = vText(role)
    return address
