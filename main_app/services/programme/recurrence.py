"""Recurrence rules (RFC 5545 RRULE) read part by part in our words and expanded by python-dateutil with bounded work:
no rule, however it is written, makes dateutil walk more than a few decades of the calendar."""

import calendar
import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from main_app.services.common import session_window
from service_kit.errors import ValidationFailed

from ...models import utcnow

MAX_SESSIONS = 366
# Parts of a rule we never take from the facilitator: the start comes from starts_on and start_time.
REFUSED_PARTS = ("DTSTART", "RDATE", "EXDATE", "EXRULE")
FREQUENCIES = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
SUB_DAILY = ("HOURLY", "MINUTELY", "SECONDLY")
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# Whole-number parts: (lowest, highest, whether a negative value counts from the end).
NUMBERS = {
    "INTERVAL": (1, 1000, False),
    "COUNT": (1, 10**6, False),
    "BYMONTH": (1, 12, False),
    "BYMONTHDAY": (1, 31, True),
    "BYYEARDAY": (1, 366, True),
    "BYWEEKNO": (1, 53, True),
    "BYSETPOS": (1, 366, True),
    "BYHOUR": (0, 23, False),
    "BYMINUTE": (0, 59, False),
    "BYSECOND": (0, 59, False),
}
DAY_PATTERN = re.compile(r"([+-]?)(\d{0,2})(MO|TU|WE|TH|FR|SA|SU)")
UNTIL_FORMS = (("%Y%m%dT%H%M%SZ", "utc"), ("%Y%m%dT%H%M%S", "local"), ("%Y%m%d", "date"))


def refused(field: str, problem: str) -> ValidationFailed:
    """A 400 naming field, with the problem in our words."""
    return ValidationFailed(f"Invalid input: {field}: {problem}", details={field: [problem]})


def _numbers_fit(name: str, value: str) -> bool:
    """Whether value is a list of whole numbers in the part's range (negatives where they count from the end)."""
    low, high, signed = NUMBERS[name]
    for item in value.split(","):
        if not re.fullmatch(r"[+-]?\d{1,7}", item):
            return False
        number = int(item)
        if not (low <= number <= high or (signed and -high <= number <= -low)):
            return False
    return True


def _part_problem(name: str, value: str) -> str | None:
    """What is wrong with one NAME=VALUE part of a rule, or None."""
    if name in NUMBERS and not _numbers_fit(name, value):
        low, high, signed = NUMBERS[name]
        ends = f" (or -{high} to -{low}, counting from the end)" if signed else ""
        return f"{name} takes whole numbers from {low} to {high}{ends}, not {value}."
    if name == "BYDAY" and not all(
        (match := DAY_PATTERN.fullmatch(item)) and (not match[2] or 1 <= int(match[2]) <= 53)
        for item in value.split(",")
    ):
        return f"BYDAY takes days such as MO,WE, or 1MO (the first Monday) and -1FR (the last Friday), not {value}."
    if name == "WKST" and value not in DAYS:
        return f"WKST takes one day, MO to SU, not {value}."
    return None


def _parts(text: str) -> dict[str, str]:
    """The rule's parts by name, each checked on its own; 400 naming rrule for the first thing wrong."""
    parts: dict[str, str] = {}
    for piece in filter(None, text.upper().split(";")):
        name, equals, value = piece.partition("=")
        if not equals or name not in {"FREQ", "UNTIL", "WKST", "BYDAY", *NUMBERS}:
            raise refused("rrule", f"Not a recurrence rule we can read: {piece} is not a part of an RRULE.")
        if name in parts:
            raise refused("rrule", f"{name} is given twice.")
        if problem := _part_problem(name, value):
            raise refused("rrule", problem)
        parts[name] = value
    frequency = parts.get("FREQ")
    if frequency in SUB_DAILY:
        raise refused("rrule", "Sessions repeat at most daily: FREQ is DAILY, WEEKLY, MONTHLY or YEARLY.")
    if frequency not in FREQUENCIES:
        raise refused("rrule", "Not a recurrence rule we can read: FREQ is DAILY, WEEKLY, MONTHLY or YEARLY.")
    if "COUNT" not in parts and "UNTIL" not in parts:
        raise refused("rrule", "Give COUNT or UNTIL, so the series ends.")
    if "COUNT" in parts and "UNTIL" in parts:
        raise refused("rrule", "Give COUNT or UNTIL, not both.")
    if int(parts.get("COUNT", 0)) > MAX_SESSIONS:
        raise refused("rrule", f"The rule makes more than {MAX_SESSIONS} sessions.")
    return parts


def _until(value: str, zone: ZoneInfo) -> datetime:
    """UNTIL as a wall-clock time on the event's clock, read as RFC 5545 means it: a UTC time (…Z) is that instant,
    a local time is on the event's clock, a date includes that whole day."""
    for form, kind in UNTIL_FORMS:
        try:
            moment = datetime.strptime(value, form)
        except ValueError:
            continue
        if kind == "utc":
            return moment.replace(tzinfo=UTC).astimezone(zone).replace(tzinfo=None)
        return datetime.combine(moment.date(), time(23, 59, 59)) if kind == "date" else moment
    forms = "a date (20271225), a time on the event's clock (20271225T190000) or a UTC time (20271225T180000Z)"
    raise refused("rrule", f"UNTIL is {forms}, not {value}.")


def _same_calendar(year: int, twin: int) -> bool:
    """Whether two years have the same days: the same weekday on 1 January and both leap years or neither."""
    return calendar.isleap(year) == calendar.isleap(twin) and date(year, 1, 1).weekday() == date(twin, 1, 1).weekday()


def twin_years(first: int, last: int) -> int:
    """Years to add to [first, last] so it lands on the latest stretch before datetime's last year whose calendar is
    the same, day for day (the year after too, which a rule's last week may touch)."""
    for offset in range(date.max.year - last - 1, 0, -1):
        if all(_same_calendar(year, year + offset) for year in range(first, last + 2)):
            return offset
    return 0


def _walls(parts: dict[str, str], start: datetime, until: datetime | None, last: datetime) -> list[datetime]:
    """The rule's wall-clock starts up to the first one after last (which says the rule runs too far).

    dateutil only stops at UNTIL or COUNT when a day matches the rule, else at the calendar's end (year 9999): a rule
    that matches nothing, such as 30 February, would walk eight thousand years. So it walks a stretch of years that is
    the same calendar as ours, ending just before 9999, and the dates come back shifted."""
    offset = twin_years(start.year, last.year)
    rule = ";".join(f"{name}={value}" for name, value in parts.items() if name != "UNTIL")
    try:
        recurrence = rrulestr(rule, dtstart=start.replace(year=start.year + offset))
    except ValueError:
        raise refused("rrule", "Not a recurrence rule we can read.") from None
    if until is not None:
        recurrence = recurrence.replace(until=until.replace(year=until.year + offset))
    walls: list[datetime] = []
    try:
        for wall in recurrence:
            walls.append(wall.replace(year=wall.year - offset))
            if len(walls) > MAX_SESSIONS or walls[-1] > last:
                break
    except (ValueError, OverflowError):  # a day past the calendar's end: there are no more sessions
        pass
    return walls


def local_starts(rule: str, starts_on: date, start_time: time, zone: str) -> list[datetime]:
    """The rule's starts as UTC instants: each occurrence's wall-clock time read in zone. 400 naming rrule for a rule
    that cannot be read, does not end, makes no session or more than MAX_SESSIONS, or runs past five years."""
    text = rule.strip().removeprefix("RRULE:")
    if any(part in text.upper() for part in REFUSED_PARTS) or "\n" in text:
        raise refused("rrule", "Give one RRULE; the start comes from starts_on and start_time.")
    parts = _parts(text)
    tz = ZoneInfo(zone)
    earliest, latest = session_window(utcnow())
    last = latest.astimezone(tz).replace(tzinfo=None)
    start = datetime.combine(starts_on, start_time)
    if not earliest.astimezone(tz).date() <= starts_on <= last.date():
        raise refused("starts_on", "The first session must be in the future and within five years.")
    until = _until(parts["UNTIL"], tz) if "UNTIL" in parts else None
    if until is not None and until > last:
        raise refused("rrule", "The series must end within five years: UNTIL is later.")
    walls = _walls(parts, start, until, last)
    if not walls or walls[0] > last:
        raise refused("rrule", "The rule makes no session within five years.")
    if len(walls) > MAX_SESSIONS:
        raise refused("rrule", f"The rule makes more than {MAX_SESSIONS} sessions.")
    if walls[-1] > last or len(walls) < int(parts.get("COUNT", 0)):
        raise refused("rrule", "The last session must not be more than five years ahead.")
    return [wall.replace(tzinfo=tz).astimezone(UTC) for wall in walls]
