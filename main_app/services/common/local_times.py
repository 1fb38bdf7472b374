"""Times as an attendee reads them: in the event's own zone, with the zone's abbreviation; and the window of times a
session may have."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

DASH = "\u2013"  # the en dash of a range, as typeset
# A new session may start a little in the past (a facilitator entering one just begun); none beyond five years ahead.
PAST_GRACE = timedelta(days=1)
HORIZON = timedelta(days=5 * 365 + 1)  # five years, a leap day included
# The instants every zone's local time and a calendar's time zone rules (which cover a year either side) can hold.
FIRST_WRITABLE, LAST_WRITABLE = datetime(2, 1, 1, tzinfo=UTC), datetime(9997, 12, 31, tzinfo=UTC)


def session_window(now: datetime) -> tuple[datetime, datetime]:
    """(earliest, latest): a new session starts no earlier than earliest; no session starts or ends after latest.
    Any instant inside reads in every zone without leaving the calendar."""
    return now - PAST_GRACE, now + HORIZON


def within_reach(starts_at: datetime, ends_at: datetime, now: datetime) -> bool:
    """Whether stored times are ones a session could have been given (rows written before the window was enforced
    may not be): none after the window's end, none at the calendar's first edge."""
    latest = session_window(now)[1]
    return FIRST_WRITABLE <= starts_at <= latest and FIRST_WRITABLE <= ends_at <= latest


def zone_abbreviation(moment: datetime) -> str:
    """IST, CET, CEST, EST; a zone without a letter abbreviation reads UTC+09."""
    name = moment.tzname() or "UTC"
    return f"UTC{name}" if name[:1] in "+-" else name


def _in_zone(zone: str, *moments: datetime) -> tuple[datetime, ...]:
    """The moments in zone; all in UTC when one of them read there would fall outside the calendar (a stored time
    at its very edge): a true time rather than an error."""
    tz = ZoneInfo(zone)
    try:
        return tuple(moment.astimezone(tz) for moment in moments)
    except OverflowError:
        return tuple(moment.astimezone(UTC) for moment in moments)


def local_range(starts_at: datetime, ends_at: datetime, zone: str) -> str:
    """ "Wed 25 Nov 2026, 07:00-08:00 IST" (an en dash), or both dates when it runs past midnight there."""
    start, end = _in_zone(zone, starts_at, ends_at)
    day = f"{start:%a} {start.day} {start:%b %Y}"
    if start.date() == end.date():
        return f"{day}, {start:%H:%M}{DASH}{end:%H:%M} {zone_abbreviation(start)}"
    return (
        f"{day}, {start:%H:%M} {zone_abbreviation(start)} {DASH} "
        f"{end:%a} {end.day} {end:%b %Y}, {end:%H:%M} {zone_abbreviation(end)}"
    )


def local_time(moment: datetime, zone: str) -> str:
    """ "Wed 25 Nov 2026, 07:00 IST": one moment in the event's zone."""
    (local,) = _in_zone(zone, moment)
    return f"{local:%a} {local.day} {local:%b %Y}, {local:%H:%M} {zone_abbreviation(local)}"


def short_time(moment: datetime, zone: str) -> str:
    """ "Wed 07:00": a moment of the coming days in the event's zone, short enough for a text."""
    (local,) = _in_zone(zone, moment)
    return f"{local:%a} {local:%H:%M}"
