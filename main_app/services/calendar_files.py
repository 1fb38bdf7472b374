"""Calendar entries (ICS, RFC 5545) for bookings, built with the icalendar library: one UID per booking, a
SEQUENCE that rises with each change, METHOD:CANCEL once it is cancelled, times in the event's own zone."""

from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

PRODUCT_ID = "-//Sessions & Retreats//Booking//EN"


def booking_uid(booking_id: int, domain: str) -> str:
    """The booking's UID: the same in every mail about it, so calendars update one entry."""
    return f"booking-{booking_id}@{domain}"


def booking_calendar(
    *,
    uid: str,
    sequence: int,
    title: str,
    starts_at: datetime,
    ends_at: datetime,
    zone: str,
    location: str,
    description: str,
    url: str,
    organizer: tuple[str, str],
    attendee: tuple[str, str],
    cancelled: bool = False,
    stamp: datetime,
) -> bytes:
    """The ICS file for one booking; organizer and attendee are (name, email)."""
    tz = ZoneInfo(zone)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")
    entry = Event()
    entry.add("uid", uid)
    entry.add("sequence", sequence)
    entry.add("dtstamp", stamp)
    entry.add("dtstart", starts_at.astimezone(tz))
    entry.add("dtend", ends_at.astimezone(tz))
    entry.add("summary", title)
    entry.add("location", location)
    entry.add("description", description)
    entry.add("url", url)
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    entry["organizer"] = _address(*organizer, role=None)
    entry.add("attendee", _address(*attendee, role="REQ-PARTICIPANT"), encode=False)
    calendar.add_component(entry)
    calendar.add_missing_timezones()  # VTIMEZONE for the event's zone, so any client reads local times right
    return calendar.to_ical()


def _address(name: str, email: str, role: str | None) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    address.params["cn"] = vText(name)
    if role:
        address.params["role"] = vText(role)
    return address
