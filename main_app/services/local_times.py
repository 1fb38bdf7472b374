"""Times as an attendee reads them: in the event's own zone, with the zone's abbreviation."""

from datetime import datetime
from zoneinfo import ZoneInfo

DASH = "\u2013"  # the en dash of a range, as typeset


def zone_abbreviation(moment: datetime) -> str:
    """IST, CET, CEST, EST; a zone without a letter abbreviation reads UTC+09."""
    name = moment.tzname() or "UTC"
    return f"UTC{name}" if name[:1] in "+-" else name


def local_range(starts_at: datetime, ends_at: datetime, zone: str) -> str:
    """ "Wed 25 Nov 2026, 07:00-08:00 IST" (an en dash), or both dates when it runs past midnight there."""
    tz = ZoneInfo(zone)
    start, end = starts_at.astimezone(tz), ends_at.astimezone(tz)
    day = f"{start:%a} {start.day} {start:%b %Y}"
    if start.date() == end.date():
        return f"{day}, {start:%H:%M}{DASH}{end:%H:%M} {zone_abbreviation(start)}"
    return (
        f"{day}, {start:%H:%M} {zone_abbreviation(start)} {DASH} "
        f"{end:%a} {end.day} {end:%b %Y}, {end:%H:%M} {zone_abbreviation(end)}"
    )


def local_time(moment: datetime, zone: str) -> str:
    """ "Wed 25 Nov 2026, 07:00 IST": one moment in the event's zone."""
    local = moment.astimezone(ZoneInfo(zone))
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M} {zone_abbreviation(local)}"
