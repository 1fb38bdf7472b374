"""Calendar entries (ICS, RFC 5545) for bookings, built with the icalendar library: one UID per booking (the same in
every mail, download and feed, so calendars keep one entry), a SEQUENCE that rises with each change, METHOD:CANCEL
once it is cancelled, times in the event's own zone with its VTIMEZONE; the words we write in an entry (its notes)
in the language spoken now, the event's own title and place as they are."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from main_app.services.common import FIRST_WRITABLE, LAST_WRITABLE
from main_app.services.languages import gettext

PRODUCT_ID = "-//Sessions & Retreats//Booking//EN"
CALENDAR_END = b"END:VCALENDAR"
EVENT_BEGIN, EVENT_END = b"BEGIN:VEVENT\r\n", b"END:VEVENT"


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
    guest_id: int | None = None  # a guest's own entry for the booking's seat they have
    host: tuple[str, str, str] | None = None  # (instructor, studio, the studio's page): who the description names
    join_url: str | None = None  # an online or hybrid class's join page (never the video link itself)


def booking_uid(booking_id: int, domain: str, guest_id: int | None = None) -> str:
    """The booking's UID (a guest's entry has its own)."""
    if guest_id is not None:
        return f"booking-{booking_id}-guest-{guest_id}@{domain}"
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
    # Every line is written by icalendar; what is the same for many files is written once per process and put in
    # place: the calendar's own lines, each session's, a zone's rules. icalendar folds a line character by character,
    # and the lines a sale's confirmations share were half of each calendar file's cost.
    head, end = _calendar_frame(method, name)
    if not entries:
        return head + end
    events = b"".join(_event_text(entry, domain, stamp) for entry in entries)
    # A VTIMEZONE for every zone used, so any client reads local times right; covering the years of the entries.
    first = min(e.starts_at for e in entries).year - 1
    last = max(e.ends_at for e in entries).year + 1
    zones = b"".join(_vtimezone_text(zone, first, last) for zone in sorted({e.zone for e in entries}))
    return head + events + zones + end


@lru_cache(maxsize=16)
def _calendar_frame(method: str, name: str) -> tuple[bytes, bytes]:
    """The calendar's own lines (BEGIN:VCALENDAR to METHOD, its name) and its END line, as icalendar writes them."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
    head, end, tail = calendar.to_ical().rpartition(CALENDAR_END)
    return head, end + tail


def writable(entry: BookingEntry) -> bool:
    """Whether the entry's times can be written in its zone, with that zone's rules a year either side."""
    return FIRST_WRITABLE <= entry.starts_at <= LAST_WRITABLE and FIRST_WRITABLE <= entry.ends_at <= LAST_WRITABLE


@lru_cache(maxsize=256)
def _vtimezone_text(zone: str, first_year: int, last_year: int) -> bytes:
    """The zone's VTIMEZONE over those years as it is written into a calendar file (folded, CRLF lines), worked
    out once per process: icalendar derives the rules transition by transition."""
    rules = Timezone.from_tzid(zone, first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1))
    return rules.to_ical()


def _event_text(entry: BookingEntry, domain: str, stamp: datetime) -> bytes:
    """The booking's VEVENT as written into the file: its own lines, then its session's (written once)."""
    event = Event()
    event.add("uid", booking_uid(entry.booking_id, domain, entry.guest_id))
    event.add("sequence", entry.sequence)
    event.add("dtstamp", stamp)
    event.add("description", _description(entry))
    event.add("url", entry.url)
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    if entry.organizer:
        event["organizer"] = _address(*entry.organizer)
    event.add("attendee", _address(*entry.attendee, role="REQ-PARTICIPANT"), encode=False)
    lines, end, tail = event.to_ical().rpartition(EVENT_END)
    return lines + _session_lines(entry.title, entry.starts_at, entry.ends_at, entry.zone, entry.location) + end + tail


@lru_cache(maxsize=1024)
def _session_lines(title: str, starts_at: datetime, ends_at: datetime, zone: str, location: str) -> bytes:
    """A session's lines of every booking's VEVENT: its times in the event's own zone, its title and place."""
    tz = ZoneInfo(zone)
    event = Event()
    event.add("dtstart", starts_at.astimezone(tz))
    event.add("dtend", ends_at.astimezone(tz))
    event.add("summary", title)
    if location:
        event.add("location", location)
    return event.to_ical().removeprefix(EVENT_BEGIN).rpartition(EVENT_END)[0]


def _description(entry: BookingEntry) -> str:
    """The entry's notes, in the language spoken now (an email's person's, a download's request's): who teaches, at
    which studio (and its page), the booking's link, and an online class's join page."""
    lines = [gettext("Your booking: %(url)s", url=entry.url)]
    if entry.host is not None:
        instructor, studio, page = entry.host
        where = f"{studio} ({page})" if page else studio
        lines.insert(0, gettext("With %(instructor)s at %(studio)s.", instructor=instructor, studio=where))
    if entry.join_url:
        lines.append(gettext("Join online: %(url)s", url=entry.join_url))
    return "\n".join(lines)


def _address(name: str, email: str, role: str | None = None) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name)
    if role:
        address.params["role"] = vText(role)
    return address
