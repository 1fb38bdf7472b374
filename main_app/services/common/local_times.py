"""Times as an attendee reads them: in the event's own zone, with the zone's abbreviation; and the window of times a
session may have. These are the words stored with a change (an outbox snapshot, a CRM note), in English whoever made
it; a message composed for a person uses services.languages' formats, in that person's language."""

from datetime import UTC, datetime, timedelta

from main_app.services.languages import DEFAULT_LANGUAGE, format_datetime, format_range, format_short

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


def local_range(starts_at: datetime, ends_at: datetime, zone: str) -> str:
    """ "Wed 25 Nov 2026, 07:00-08:00 IST" (an en dash), or both dates when it runs past midnight there."""
    return format_range(starts_at, ends_at, zone, DEFAULT_LANGUAGE)


def local_time(moment: datetime, zone: str) -> str:
    """ "Wed 25 Nov 2026, 07:00 IST": one moment in the event's zone."""
    return format_datetime(moment, zone, DEFAULT_LANGUAGE)


def short_time(moment: datetime, zone: str) -> str:
    """ "Wed 07:00": a moment of the coming days in the event's zone, short enough for a text."""
    return format_short(moment, zone, DEFAULT_LANGUAGE)
